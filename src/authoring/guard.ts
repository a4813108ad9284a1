/**
 * The national guard: patterns for advice the national rules forbid (forwarding or viewing
 * a suspected indecent image, asking a child to send one …), authored as data in
 * content/national-guard.yaml, and the matcher the `forbidden-advice` rule uses.
 * A match is allowed only when it is negated earlier in its own sentence.
 */
import { z } from 'zod';

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'gi');
    return true;
  } catch {
    return false;
  }
}

/** One forbidden kind of advice: `pattern` is a JS regex source, matched case-insensitively. */
export const GuardEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens'),
  pattern: z.string().min(1).refine(compiles, 'not a valid JavaScript regular expression'),
  /** The national rule that forbids it, as `<document id> §<section>`, e.g. `national-rules §1`. */
  rule: z.string().regex(/^\S+ §\S+$/, 'write it as "<document id> §<section>"'),
  why: z.string().min(1),
});

/** content/national-guard.yaml */
export const GuardSchema = z.strictObject({ forbidden: z.array(GuardEntrySchema).min(1) });

/** One entry of content/national-guard.yaml, as parsed. */
export type GuardEntry = z.output<typeof GuardEntrySchema>;

/** A guard entry with its pattern compiled once. */
export interface CompiledGuardEntry {
  entry: GuardEntry;
  regex: RegExp;
}

/** An affirmative (un-negated) match of a forbidden pattern in a text. */
export interface ForbiddenMatch {
  entry: GuardEntry;
  /** The matched words, e.g. "forward the image". */
  words: string;
}

const NEGATION = /\b(?:never|not|no one|nobody|avoid|without|cannot|(?:don|doesn|mustn|shouldn|can|won)['’]t)\b/i;
const SENTENCE_END = /[.!?;](?=\s)|\n/g;

/** Compiles every pattern (case-insensitive, global). */
export function compileGuard(entries: readonly GuardEntry[]): CompiledGuardEntry[] {
  return entries.map((entry) => ({ entry, regex: new RegExp(entry.pattern, 'gi') }));
}

/** The text from the start of the sentence containing `index` up to `index`. */
function sentenceBefore(text: string, index: number): string {
  let start = 0;
  for (const m of text.slice(0, index).matchAll(SENTENCE_END)) start = m.index + m[0].length;
  return text.slice(start, index);
}

/** True if a negation word appears before `index` within the same sentence. */
export function isNegated(text: string, index: number): boolean {
  return NEGATION.test(sentenceBefore(text, index));
}

/** Every forbidden pattern that matches `text` affirmatively (at most one match per entry). */
export function forbiddenIn(text: string, guard: readonly CompiledGuardEntry[]): ForbiddenMatch[] {
  const found: ForbiddenMatch[] = [];
  for (const { entry, regex } of guard) {
    for (const m of text.matchAll(regex)) {
      if (!isNegated(text, m.index)) {
        found.push({ entry, words: m[0] });
        break;
      }
    }
  }
  return found;
}
