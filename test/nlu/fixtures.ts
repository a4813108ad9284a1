/**
 * Shared fixtures of the NLU tests: the four-flow fixture (test/fixtures/nlu/flows.yaml), the
 * held-out messages, and the shipped NLU content (content/nlu, content/danger/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { FlowDef } from '../../src/core/model';
import type { LabelledMessage } from '../../src/nlu/evaluate';
import { loadNluContent, type NluContent } from '../../src/nlu/load';

export const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/nlu');

interface FixtureFlow {
  id: string;
  title: string;
  examples: string[];
}

/** The four fixture flows as FlowDefs (one end step: only id and examples matter to the router). */
export function fixtureFlows(): FlowDef[] {
  const { flows } = parse(fs.readFileSync(path.join(FIXTURES, 'flows.yaml'), 'utf8')) as { flows: FixtureFlow[] };
  return flows.map((f) => ({
    id: f.id,
    title: f.title,
    summary: f.title,
    kind: 'incident',
    category: 'contact',
    version: 1,
    examples: f.examples,
    start: 'done',
    steps: { done: { type: 'end', text: 'Done.' } },
  }));
}

/** Held-out messages: 'heldout.yaml' (paraphrases with slang and typos) or 'heldout-hard.yaml'. */
export function heldOut(file: 'heldout.yaml' | 'heldout-hard.yaml'): LabelledMessage[] {
  return (parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as { cases: LabelledMessage[] }).cases;
}

/** The shipped vocabulary, out-of-scope examples, router options and danger rules. */
export function shippedNlu(): NluContent {
  return loadNluContent(ROOT);
}

// ── closeness of two messages (used by the dev-set and real-world set tests) ──────────────────

/**
 * Each message that is a copy or light edit of one of the phrases (edit distance at most `share`
 * of the longer text, after normalising), as "message  ≈  phrase" lines.
 */
export function closeMatches(messages: string[], phrases: string[], share = 0.25): string[] {
  const targets = phrases.map((t) => withHistogram(normalise(t)));
  const close: string[] = [];
  for (const message of messages) {
    const a = withHistogram(normalise(message));
    for (const b of targets) {
      const limit = Math.max(a.text.length, b.text.length) * share;
      // Half the letter-count difference never exceeds the edit distance: a cheap, sound filter.
      if (Math.abs(a.text.length - b.text.length) > limit || histogramGap(a.counts, b.counts) > limit) continue;
      if (withinDistance(a.codes, b.codes, Math.floor(limit))) close.push(`${message}  ≈  ${b.text}`);
    }
  }
  return close;
}

/** Lower case, letters, digits and single spaces only: the form the closeness check compares. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9 ]/g, '').replace(/\s+/g, ' ').trim();
}

/** A normalised text with its character codes and letter/digit counts, for the closeness check. */
export function withHistogram(text: string): { text: string; codes: Int32Array; counts: Int16Array } {
  const codes = Int32Array.from(text, (ch) => ch.charCodeAt(0));
  const counts = new Int16Array(37);
  for (const code of codes) counts[code >= 97 && code <= 122 ? code - 97 : code >= 48 && code <= 57 ? code - 22 : 36]! += 1;
  return { text, codes, counts };
}

/** Half the total difference of two letter/digit counts: never more than their edit distance. */
export function histogramGap(a: Int16Array, b: Int16Array): number {
  let gap = 0;
  for (let i = 0; i < a.length; i++) gap += a[i]! > b[i]! ? a[i]! - b[i]! : b[i]! - a[i]!;
  return gap / 2;
}

/**
 * True when the optimal-string-alignment distance (insertions, deletions, substitutions, swaps)
 * of a and b is at most `limit`; gives up as soon as a whole row exceeds it. Only the band
 * |i - j| ≤ limit is computed (a cell outside it is more than `limit` already), with the cells
 * just outside the band set above the limit. Written without Math.* or string indexing, which are
 * slow inside jest's VM contexts.
 */
export function withinDistance(a: Int32Array, b: Int32Array, limit: number): boolean {
  const m = b.length;
  const over = limit + 1;
  let before = new Int32Array(m + 1).fill(over);
  let previous = new Int32Array(m + 1).fill(over);
  let current = new Int32Array(m + 1).fill(over);
  for (let j = 0; j <= m && j <= limit; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = i - limit > 1 ? i - limit : 1;
    const hi = i + limit < m ? i + limit : m;
    current[lo - 1] = lo === 1 ? i : over;
    if (hi < m) current[hi + 1] = over;
    let best = current[lo - 1]!;
    const ai = a[i - 1]!;
    for (let j = lo; j <= hi; j++) {
      let d = previous[j - 1]! + (ai === b[j - 1] ? 0 : 1);
      const up = previous[j]! + 1;
      const left = current[j - 1]! + 1;
      if (up < d) d = up;
      if (left < d) d = left;
      if (i > 1 && j > 1 && ai === b[j - 2] && a[i - 2] === b[j - 1] && before[j - 2]! + 1 < d) d = before[j - 2]! + 1;
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return false;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[m]! <= limit;
}
