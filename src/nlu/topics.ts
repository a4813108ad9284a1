/**
 * Several topics in one message ("can I have my phone on in class? and a parent has been posting
 * about me on fb"). The message is split into parts at words that start a new topic ("also",
 * "plus", "btw", "and now" …) and at sentence ends, except that a sentence which follows on from
 * the one before (a pronoun, a joining word, a short question) stays with it, and a short opening
 * that says who is writing ("y1 teacher.", "PE teacher.") joins the sentence after it, so a
 * follow-up clause, a question mark or a sign-in does not invent a second topic; each part is
 * routed on its own. When two parts
 * are each clearly about a different flow, SafeStep treats the message as two topics:
 *
 * - If one topic's flow is in a more serious tier (content/nlu/router.yaml `severity`) and the
 *   router is sure of it, that flow starts, and the other is listed second in `alternatives`.
 * - Otherwise (same tier, or not sure enough) SafeStep asks which, listing the more serious first.
 *
 * Pure.
 */

/** Marks that end a sentence or a line: a part may start here, unless it is a follow-up. */
const SENTENCE_END = /[.!?;]+(?=\s|$)|\n+|\s[-–—]+\s/;

/** Words that start a new topic, inside a sentence or at its start ("also", "btw", "and a …"). */
const MARKER =
  /(?:^|,?\s+)(?:and also|but also|also|plus|btw|by the way|another thing|on top of that|as well as that|separately|and now|and(?= (?:a|an|the|one|some|my|our) \w))\s+/i;

/**
 * A sentence that refers back to what came before ("she also …", "is that allowed?", "so what
 * now?") continues the same topic: a pronoun or "this/that" among its first few words, a joining
 * word first, a short question, or a very short sentence ("she's only 8").
 */
const BACK_REFERENCE = /\b(?:he|she|they|it|him|her|them|his|hers|their|its|this|that|these|those|there)\b/i;
const JOINING_START = /^(?:so|but|because|cos|which|who|whom|though|although|as|if|or|then|yet|still|anyway|plus|even|when|while|whilst|after|before|until|since|now)\b/i;
const BACK_REFERENCE_WITHIN = 4;
const SHORT_QUESTION_WORDS = 6;
const SHORT_SENTENCE_WORDS = 5;

/**
 * The parts of a message that might each be a topic (at least two words each), in order. A part
 * starts at a topic word ("also", "btw", "and now", "and a …"), or at a new sentence that does
 * not follow on from the one before (see BACK_REFERENCE): so "took his phone. found a nude on it"
 * and "is this allowed? she's 12" each stay one part.
 */
export function splitTopics(text: string): string[] {
  const parts: string[] = [];
  let previous: string | undefined;
  const all = sentences(text);
  // A short opening sentence ("y1 teacher.", "PE teacher.", "quick q -", "Dear DSL.") says who is
  // writing, not what about: it joins the sentence after it instead of standing as a topic.
  if (all.length > 1 && !all[0]!.question && all[0]!.text.split(/\s+/).length <= SHORT_SENTENCE_WORDS) {
    all.splice(0, 2, { text: `${all[0]!.text} ${all[1]!.text}`, question: all[1]!.question });
  }
  for (const sentence of all) {
    const pieces = splitAtMarkers(sentence.text);
    pieces.forEach((piece, i) => {
      const startsTopic = i > 0 || piece.marked;
      if (previous !== undefined && !startsTopic && followsOn(piece.text, sentence.question)) {
        previous = `${previous} ${piece.text}`;
        parts[parts.length - 1] = previous;
      } else {
        previous = piece.text;
        parts.push(previous);
      }
    });
  }
  return parts.map((p) => p.trim()).filter((p) => p.split(/\s+/).length >= 2);
}

/** True when a sentence continues the topic of the one before it. */
function followsOn(text: string, question: boolean): boolean {
  const words = text.split(/\s+/);
  if (JOINING_START.test(text) || BACK_REFERENCE.test(words.slice(0, BACK_REFERENCE_WITHIN).join(' '))) return true;
  return words.length <= SHORT_SENTENCE_WORDS || (question && words.length <= SHORT_QUESTION_WORDS);
}

/** Sentences and lines, each with whether it ended in a question mark. */
function sentences(text: string): { text: string; question: boolean }[] {
  const out: { text: string; question: boolean }[] = [];
  const re = new RegExp(SENTENCE_END.source, 'g');
  let from = 0;
  for (const m of text.matchAll(re)) {
    out.push({ text: text.slice(from, m.index).trim(), question: m[0].includes('?') });
    from = m.index + m[0].length;
  }
  out.push({ text: text.slice(from).trim(), question: false });
  return out.filter((s) => s.text !== '');
}

/** A sentence cut at topic words; `marked` when the piece itself starts with one. */
function splitAtMarkers(sentence: string): { text: string; marked: boolean }[] {
  const re = new RegExp(MARKER.source, 'gi');
  const out: { text: string; marked: boolean }[] = [];
  let from = 0;
  let marked = false;
  for (const m of sentence.matchAll(re)) {
    const piece = sentence.slice(from, m.index).trim();
    if (piece !== '') out.push({ text: piece, marked });
    marked = true;
    from = m.index + m[0].length;
  }
  const rest = sentence.slice(from).trim();
  if (rest !== '') out.push({ text: rest, marked });
  return out;
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
