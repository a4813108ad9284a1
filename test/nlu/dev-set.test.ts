/**
 * The routing floors on the dev set (test/nlu/dev-set.yaml): messages written the way staff
 * type, labelled by hand, never used for training. Builds the shipped router and danger check
 * once, from the real flows and content, so a change to flows' examples, the vocabulary, the
 * out-of-scope examples, router.yaml or content/danger/ that breaks routing fails CI.
 * Also checks the dev set itself: its size and make-up, valid labels, and that no message is a
 * copy or light edit of a training phrase (which would make the floors meaningless).
 */
import { loadContent } from '../../src/authoring/load';
import { evaluateDanger, evaluateRouter, OUT_OF_SCOPE, type Evaluation } from '../../src/nlu/evaluate';
import { createNlu } from '../../src/nlu/load';
import path from 'node:path';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet, type DevCase } from '../../src/nlu/dev-set';
import { closeMatches, normalise, ROOT, shippedNlu, withHistogram, withinDistance } from './fixtures';

const content = loadContent(ROOT);
const flows = [...content.flows.values()];
const nluContent = shippedNlu();
const { router, danger } = createNlu(flows, nluContent);
const dev: DevCase[] = readDevSet(path.join(ROOT, DEV_SET_FILE), DEV_SET_FILE);
const fresh: DevCase[] = readDevSet(path.join(ROOT, FRESH_SET_FILE), FRESH_SET_FILE);
const routing = evaluateRouter(router, dev);
const dangers = evaluateDanger(danger, dev);

/** The failures, one per line, for the assertion message. */
function explain(e: Evaluation): string {
  return e.failures.map((f) => `${f.expected ?? OUT_OF_SCOPE} → ${f.got ?? OUT_OF_SCOPE} [${f.offered.join(', ')}] ${f.text}`).join('\n');
}

describe('routing floors on the dev set', () => {
  test('top-1 accuracy ≥ 90%', () => {
    if (routing.accuracy < 0.9) throw new Error(`top-1 ${(routing.accuracy * 100).toFixed(1)}% < 90%; the misses:\n${explain(routing)}`);
    expect(routing.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  test('top-3 accuracy ≥ 97%: the right flow is almost always among what staff are shown', () => {
    expect(routing.top3).toBeGreaterThanOrEqual(0.97);
  });

  test('out-of-scope precision ≥ 90%: "not covered" is rarely said of a real concern', () => {
    expect(routing.outOfScope.precision).toBeGreaterThanOrEqual(0.9);
    expect(routing.outOfScope.recall).toBeGreaterThanOrEqual(0.9);
  });

  test('a flow started straight away is almost always the right one (≤ 4% wrong, including out-of-scope messages)', () => {
    expect(routing.wrongFlow + routing.outOfScopeRouted).toBeLessThanOrEqual(Math.floor(routing.started * 0.04));
    expect(routing.outOfScopeRouted).toBeLessThanOrEqual(2);
    expect(routing.started).toBeGreaterThanOrEqual(dev.length * 0.4);
  });

  test('two topics: the more serious flow comes first in at least 60% of two-topic messages', () => {
    expect(routing.twoTopics.correct / routing.twoTopics.cases).toBeGreaterThanOrEqual(0.6);
  });
});

describe('danger on the dev set', () => {
  test('recall is 100%: every message signalling danger gets the 999 reply or the danger question first', () => {
    expect(dangers.missed).toEqual([]);
    expect(dangers.recall).toBe(1);
  });

  test('the 999 reply on at most 2% of the other messages, the danger question on at most 10%', () => {
    expect(dangers.falseAlarmRate).toBeLessThanOrEqual(0.02);
    expect(dangers.questionRate).toBeLessThanOrEqual(0.1);
  });
});

describe('the dev set itself', () => {
  const flowIds = new Set(content.flows.keys());
  const count = (p: (c: DevCase) => boolean): number => dev.filter(p).length;

  test('has at least 300 messages, 10 per flow, 30 danger, 40 out of scope, 20 with two topics', () => {
    expect(dev.length).toBeGreaterThanOrEqual(300);
    const routable = [...flowIds].filter((id) => !content.flows.get(id)!.dangerOnly);
    expect(routable.filter((id) => count((c) => c.flow === id) < 10)).toEqual([]);
    expect(count((c) => c.danger)).toBeGreaterThanOrEqual(30);
    expect(count((c) => c.flow === null && !c.danger)).toBeGreaterThanOrEqual(40);
    expect(count((c) => c.also !== undefined)).toBeGreaterThanOrEqual(20);
    expect(new Set(dev.filter((c) => c.danger).map((c) => c.flow)).size).toBeGreaterThanOrEqual(8);
  });

  test('every label (dev and fresh set) is a real flow, and a second topic differs from the first', () => {
    for (const c of [...dev, ...fresh]) {
      if (c.flow !== null) expect({ text: c.text, flow: flowIds.has(c.flow) }).toEqual({ text: c.text, flow: true });
      if (c.also !== undefined) expect([flowIds.has(c.also), c.also !== c.flow]).toEqual([true, true]);
    }
  });

  test('messages vary in length (from a word or two to 40+ words) and are all different', () => {
    const words = dev.map((c) => c.text.split(/\s+/).length);
    expect(Math.min(...words)).toBeLessThanOrEqual(3);
    expect(Math.max(...words)).toBeGreaterThanOrEqual(40);
    const all = [...dev, ...fresh].map((c) => normalise(c.text));
    expect(new Set(all).size).toBe(all.length);
  });

  test('the closeness check itself: flags a light edit, passes a rewording', () => {
    const codes = (t: string) => withHistogram(normalise(t)).codes;
    expect(withinDistance(codes('a mum added me on fb'), codes('a mum added me on facebook'), 6)).toBe(true);
    expect(withinDistance(codes('yr6 nudez going round'), codes('yr6 nudes going round'), 1)).toBe(true);
    expect(withinDistance(codes('a dad sent me a friend request'), codes('got a friend request from a mum in my class'), 10)).toBe(false);
  });

  test('no message (dev or fresh set) is a copy or light edit of a training phrase (edit distance > 25% of its length)', () => {
    const training = [...flows.flatMap((f) => f.examples), ...nluContent.outOfScope];
    const close = closeMatches([...dev, ...fresh].map((c) => c.text), training);
    expect(close).toEqual([]);
  });
});
