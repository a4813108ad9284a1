/**
 * Router v1 on the four fixture flows (test/fixtures/nlu/flows.yaml) with the shipped
 * vocabulary, out-of-scope examples and threshold: held-out paraphrases with slang and typos,
 * out-of-scope messages, the shape of alternatives, low-confidence behaviour, and speed.
 */
import type { FlowDef } from '../../src/core/model';
import { evaluateRouter, type Evaluation } from '../../src/nlu/evaluate';
import { createRouter, MAX_ALTERNATIVES, type RouterOptions } from '../../src/nlu/router';
import { fixtureFlows, heldOut, shippedNlu } from './fixtures';

const nlu = shippedNlu();
const flows = fixtureFlows();
const options: RouterOptions = {
  vocabulary: nlu.vocabulary,
  outOfScope: nlu.outOfScope,
  threshold: nlu.router.threshold,
  neighbours: nlu.router.neighbours,
};
const router = createRouter(flows, options);
const FLOW_IDS = flows.map((f) => f.id);

/** The evaluation, with its failures in the assertion message when it fails. */
function explain(e: Evaluation): string {
  return e.failures.map((f) => `${f.text} → ${f.got} (want ${f.expected}, ${f.confidence.toFixed(2)})`).join('\n');
}

describe('routing held-out messages', () => {
  test.each([
    ["found nudes on a yr6 kid's phone", 'nude-image-pupil'],
    ['a mum added me on fb', 'parent-contact-personal'],
    ['can i have my fone on me in class', 'staff-phone-use'],
    ['can i take pics of the kids on my phone', 'photos-of-pupils'],
  ])('%s → %s', (text, flow) => {
    expect(router.route(text).flow).toBe(flow);
  });

  test('paraphrases with slang and typos: ≥ 95% right, never a wrong flow, out of scope stays out', () => {
    const e = evaluateRouter(router, heldOut('heldout.yaml'));
    expect({ wrongFlow: e.wrongFlow, outOfScopeRouted: e.outOfScopeRouted, failures: explain(e) }).toMatchObject({ wrongFlow: 0, outOfScopeRouted: 0 });
    expect(e.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(e.inAlternatives).toBe(heldOut('heldout.yaml').filter((m) => m.flow !== null).length);
  });

  test('harder, indirect messages: ≥ 85% right, at most one wrong flow, out of scope stays out', () => {
    const e = evaluateRouter(router, heldOut('heldout-hard.yaml'));
    expect(e.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(e.wrongFlow).toBeLessThanOrEqual(1);
    expect(e.outOfScopeRouted).toBe(0);
  });

  test('the threshold means something: messages routed at ≥ threshold are right at least that often', () => {
    const all = [...heldOut('heldout.yaml'), ...heldOut('heldout-hard.yaml')];
    const routed = all.map((m) => ({ m, r: router.route(m.text) })).filter(({ r }) => r.flow !== null);
    const right = routed.filter(({ m, r }) => r.flow === m.flow).length;
    expect(right / routed.length).toBeGreaterThanOrEqual(nlu.router.threshold);
    expect(routed.length).toBeGreaterThan(all.length / 2);
  });

  test.each(heldOut('heldout.yaml').filter((m) => m.flow === null).map((m) => m.text))('out of scope: %s', (text) => {
    const r = router.route(text);
    expect(r.flow).toBeNull();
    expect(r.confidence).toBeLessThan(nlu.router.threshold);
  });
});

describe('the shape of a RouteResult', () => {
  const samples = [...heldOut('heldout.yaml'), ...heldOut('heldout-hard.yaml')].map((m) => m.text);

  test.each(samples.slice(0, 12))('alternatives sorted, at most 3, flows only: %s', (text) => {
    const r = router.route(text);
    expect(r.alternatives.length).toBeLessThanOrEqual(MAX_ALTERNATIVES);
    const confidences = r.alternatives.map((a) => a.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    for (const a of r.alternatives) {
      expect(FLOW_IDS).toContain(a.flow);
      expect(a.confidence).toBeGreaterThanOrEqual(0.01);
      expect(a.confidence).toBeLessThanOrEqual(1);
    }
    expect(confidences.reduce((s, c) => s + c, 0)).toBeLessThanOrEqual(1 + 1e-9);
    if (r.alternatives.length > 0) expect(r.confidence).toBe(r.alternatives[0]?.confidence);
    if (r.flow !== null) expect(r.flow).toBe(r.alternatives[0]?.flow);
  });

  test('a message with no known word: null, confidence 0, no alternatives', () => {
    expect(router.route('zxq blorp')).toEqual({ flow: null, confidence: 0, alternatives: [] });
    expect(router.route('')).toEqual({ flow: null, confidence: 0, alternatives: [] });
  });

  test('is pure: the same message gets the same answer', () => {
    const text = 'parent messagd me on my private facebook acc';
    expect(router.route(text)).toEqual(router.route(text));
  });
});

describe('low confidence', () => {
  test('below the threshold: flow null, but the best flows are still offered', () => {
    const strict = createRouter(flows, { ...options, threshold: 0.999 });
    const r = strict.route('a dinner lady took pictures of pupils on her phone');
    expect(r.flow).toBeNull();
    expect(r.confidence).toBeLessThan(0.999);
    expect(r.alternatives.length).toBeGreaterThan(1);
  });

  test('a message between two flows is less sure than a clear one', () => {
    const clear = router.route('a parent sent me a friend request on facebook');
    const mixed = router.route('a parent sent me a photo of the class on facebook');
    expect(mixed.confidence).toBeLessThan(clear.confidence);
  });

  test('threshold 0 still refuses what looks out of scope', () => {
    const lax = createRouter(flows, { ...options, threshold: 0 });
    expect(lax.route('when is the next inset day').flow).toBeNull();
  });
});

describe('construction', () => {
  test('calibration is fitted, or taken as given', () => {
    expect(router.calibration.temperature).toBeGreaterThan(0);
    expect(router.calibration.temperature).toBeLessThan(1);
    const fixed = createRouter(flows, { ...options, calibration: { temperature: 0.05, noMatchScore: 0.2 } });
    expect(fixed.calibration).toEqual({ temperature: 0.05, noMatchScore: 0.2 });
  });

  test('flows without examples are never chosen; no flows means always null', () => {
    const withEmpty: FlowDef[] = [...flows, { ...(flows[0] as FlowDef), id: 'no-examples', examples: [] }];
    const r = createRouter(withEmpty, options).route('a mum added me on fb');
    expect(r.alternatives.map((a) => a.flow)).not.toContain('no-examples');
    expect(createRouter([], options).route('a mum added me on fb')).toEqual({ flow: null, confidence: 0, alternatives: [] });
  });

  test('works without out-of-scope examples or a vocabulary', () => {
    const bare = createRouter(flows);
    expect(bare.route('a parent sent me a friend request on facebook').flow).toBe('parent-contact-personal');
  });

  test('25 flows × 20 examples build in well under a second and route in under a millisecond', () => {
    const words = [...new Set(flows.flatMap((f) => f.examples).join(' ').toLowerCase().match(/[a-z]+/g) ?? [])];
    let seed = 7;
    const pick = <T>(xs: readonly T[]): T => xs[(seed = (seed * 16807) % 2147483647) % xs.length] as T;
    const big: FlowDef[] = Array.from({ length: 25 }, (_, i) => {
      const topic = Array.from({ length: 12 }, () => pick(words));
      const examples = Array.from({ length: 20 }, () => Array.from({ length: 9 }, (_, j) => (j % 3 ? pick(topic) : pick(words))).join(' '));
      return { ...(flows[0] as FlowDef), id: `flow-${i}`, examples };
    });
    let start = performance.now();
    const bigRouter = createRouter(big, options);
    const buildMs = performance.now() - start;
    const queries = big.flatMap((f) => f.examples.slice(0, 4).map((e) => `${e} pls hlp`));
    queries.forEach((q) => bigRouter.route(q));
    start = performance.now();
    for (let i = 0; i < 5; i++) queries.forEach((q) => bigRouter.route(q));
    const routeMs = (performance.now() - start) / (5 * queries.length);
    expect(buildMs).toBeLessThan(1000); // typically 40-80 ms on the project's machines
    expect(routeMs).toBeLessThan(1);
  });
});
