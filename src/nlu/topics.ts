/**
 * Several topics in one message ("can I have my phone on in class? and a parent has been posting
 * about me on fb"). The message is split into parts at sentence ends and at words that start a
 * new topic ("also", "plus", "btw", "and now" …); each part is routed on its own. When two parts
 * are each clearly about a different flow, SafeStep treats the message as two topics:
 *
 * - If one topic's flow is in a more serious tier (content/nlu/router.yaml `severity`) and the
 *   router is sure of it, that flow starts, and the other is listed second in `alternatives`.
 * - Otherwise (same tier, or not sure enough) SafeStep asks which, listing the more serious first.
 *
 * Pure.
 */

/** Words and marks that start a new topic within a message. */
const BREAKS =
  /(?:[.!?;]+(?=\s|$)|\n+|\s[-–—]+\s|,?\s+(?:and also|but also|also|plus|btw|by the way|another thing|on top of that|as well as that|separately|and now|and then|then|and(?= (?:a|an|the|one|some|my|his|her|their|our) \w))\s+)/i;

/** The parts of a message that might each be a topic (at least two words each), in order. */
export function splitTopics(text: string): string[] {
  return text
    .split(new RegExp(BREAKS.source, 'gi'))
    .map((p) => p.trim())
    .filter((p) => p.split(/\s+/).length >= 2);
}

/** Severity tiers: flow id → tier (0 = most serious) and position (for order within a tier). */
export interface Severity {
  tier(flow: string): number;
  /** Sorts flows most serious first (by tier, then by their order in the file). */
  compare(a: string, b: string): number;
}

/** Builds the severity order from tiers, most serious first; unlisted flows come last. */
export function createSeverity(tiers: readonly (readonly string[])[]): Severity {
  const rank = new Map<string, { tier: number; position: number }>();
  let position = 0;
  tiers.forEach((ids, tier) => ids.forEach((id) => rank.set(id, { tier, position: position++ })));
  const of = (id: string) => rank.get(id) ?? { tier: tiers.length, position: Number.MAX_SAFE_INTEGER };
  return {
    tier: (id) => of(id).tier,
    compare: (a, b) => of(a).tier - of(b).tier || of(a).position - of(b).position,
  };
}
