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
import type { LikenessModel } from '../../src/nlu/danger-likeness';

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

/** A made-up likeness model for the danger tests: the given threshold and weights, no stopwords; `extra` adds demoteBelow or overrideAt. */
export function madeUpLikeness(threshold: number, weights: Record<string, number>, extra: Partial<LikenessModel> = {}): LikenessModel {
  return { description: 'test model', threshold, bias: 0, trainedOn: ['test'], dataHash: '0'.repeat(16), stopwords: [], chosen: {}, weights, ...extra };
}

/** The shipped vocabulary, out-of-scope examples, router options and danger rules. */
export function shippedNlu(): NluContent {
  return loadNluContent(ROOT);
}

// ── closeness of two messages (used by the dev-set and real-world set tests): see closeness.ts ──
export { closeIndex, closeMatches, histogramGap, normalise, withHistogram, withinDistance } from './closeness';
