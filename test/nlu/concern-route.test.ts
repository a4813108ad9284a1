/**
 * Every worry about a child can reach the DSL (issue 12; src/nlu/concern-route.ts): the rule on
 * its own, and the shipped router obeying it on every labelled message we may read.
 */
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import type { RouteResult } from '../../src/core/ports';
import { offerConcern, type ConcernRoute } from '../../src/nlu/concern-route';
import { readDevSet } from '../../src/nlu/dev-set';
import { createNlu, routerConfigSchema } from '../../src/nlu/load';
import { createNormaliser } from '../../src/nlu/normalise';
import { MAX_ALTERNATIVES } from '../../src/nlu/router';
import { createSeverity } from '../../src/nlu/topics';
import { parseYamlData } from '../../src/nlu/yaml-data';
import { ROOT, shippedNlu } from './fixtures';

const concern: ConcernRoute = { flow: 'worry', concepts: ['child-welfare', 'self-harm'] };
const serious = new Set(['abuse-images', 'grooming']);
const lessSerious = (flow: string) => !serious.has(flow) && flow !== 'worry';
const offer = (result: RouteResult, features: string[]) => offerConcern(result, features, concern, 0.04, 3, lessSerious);
const menu = (...flows: string[]): RouteResult => ({ flow: null, confidence: 0.5, alternatives: flows.map((flow, i) => ({ flow, confidence: 0.5 - i / 10 })) });
const ids = (r: RouteResult) => r.alternatives.map((a) => a.flow);

describe('offerConcern', () => {
  test('"not covered" becomes an offer of the concern route when the message names a worry', () => {
    const r = offer({ flow: null, confidence: 0.02, alternatives: [] }, ['bruis', '#child-welfare']);
    expect(ids(r)).toEqual(['worry']);
    expect(r.confidence).toBe(0.04);
  });

  test('joins a short menu last, and takes the least likely less serious place in a full one', () => {
    expect(ids(offer(menu('phones', 'posts'), ['#self-harm']))).toEqual(['phones', 'posts', 'worry']);
    expect(ids(offer(menu('grooming', 'phones', 'posts'), ['#child-welfare']))).toEqual(['grooming', 'phones', 'worry']);
    expect(ids(offer(menu('phones', 'grooming', 'abuse-images'), ['#child-welfare']))).toEqual(['grooming', 'abuse-images', 'worry']);
  });

  test('leaves alone: a started flow, a menu already offering it, a full menu of flows as serious, a message with no worry', () => {
    const started: RouteResult = { flow: 'phones', confidence: 0.9, alternatives: [{ flow: 'phones', confidence: 0.9 }] };
    expect(offer(started, ['#child-welfare'])).toBe(started);
    const already = menu('phones', 'worry');
    expect(offer(already, ['#child-welfare'])).toBe(already);
    const grave = menu('grooming', 'abuse-images', 'worry-free');
    serious.add('worry-free');
    expect(offer(grave, ['#child-welfare'])).toBe(grave);
    serious.delete('worry-free');
    const plain = menu('phones');
    expect(offer(plain, ['phone', '#young-child'])).toBe(plain);
  });

  test('beside a worry about home life (alongside), a less serious flow that would start is offered first with the concern route second', () => {
    const home: ConcernRoute = { ...concern, alongside: ['home-worry'] };
    const offerHome = (result: RouteResult, features: string[]) => offerConcern(result, features, home, 0.04, 3, lessSerious);
    const started: RouteResult = { flow: 'remote', confidence: 0.9, alternatives: [{ flow: 'remote', confidence: 0.9 }, { flow: 'phones', confidence: 0.06 }] };
    const r = offerHome(started, ['#home-worry']);
    expect(r.flow).toBeNull();
    expect(ids(r)).toEqual(['remote', 'worry', 'phones']);
    expect(r.confidence).toBe(0.9);
    // A worry that is not about home life leaves the start alone, as does a more serious flow.
    expect(offerHome(started, ['#child-welfare'])).toBe(started);
    const grave: RouteResult = { flow: 'grooming', confidence: 0.9, alternatives: [{ flow: 'grooming', confidence: 0.9 }] };
    expect(offerHome(grave, ['#home-worry'])).toBe(grave);
    // An alongside concept alone also puts the concern route on a menu.
    expect(ids(offerHome(menu('phones'), ['#home-worry']))).toEqual(['phones', 'worry']);
  });
});

describe('the shipped router', () => {
  const nlu = shippedNlu();
  const flows = [...loadContent(ROOT).flows.values()];
  const severity = createSeverity(nlu.router.severity);
  const shipped = nlu.router.concern!;
  const normaliser = createNormaliser(nlu.vocabulary);
  const sets = ['test/nlu/dev-set.yaml', 'test/nlu/fresh-set.yaml', 'test/nlu/real-world/tune.yaml'];
  const messages = sets.flatMap((file) => readDevSet(path.join(ROOT, file)).map((m) => m.text));
  const worries = messages.filter((t) => shipped.concepts.some((c) => normaliser.features(t).includes(`#${c}`)));
  /** Messages naming a worry for which the DSL route is not on offer, though a less serious flow is. */
  const stranded = (router: ReturnType<typeof createNlu>['router']) =>
    worries.filter((t) => {
      const r = router.route(t);
      if (r.flow !== null || r.alternatives.some((a) => a.flow === shipped.flow)) return false;
      return r.alternatives.length < MAX_ALTERNATIVES || r.alternatives.some((a) => severity.tier(a.flow) > severity.tier(shipped.flow));
    }).length;

  test('names an incident flow with examples, and concepts of the vocabulary', () => {
    const flow = flows.find((f) => f.id === shipped.flow);
    expect(flow?.kind).toBe('incident');
    expect(flow?.examples.length).toBeGreaterThan(0);
    for (const c of [...shipped.concepts, ...(shipped.alongside ?? [])]) expect(Object.keys(nlu.vocabulary.concepts)).toContain(c);
  });

  test('offers the DSL route for every message that names a worry and starts no flow; without the rule some are stranded', () => {
    expect(worries.length).toBeGreaterThan(50);
    expect(stranded(createNlu(flows, nlu).router)).toBe(0);
    const { concern: _, ...without } = nlu.router;
    expect(stranded(createNlu(flows, { ...nlu, router: without }).router)).toBeGreaterThan(0);
  });
});

test('router.yaml: a concern concept the vocabulary does not have is reported with its line', () => {
  const text = 'threshold: 0.7\nconcern:\n  flow: safeguarding-concern\n  concepts: [child-welfare, nope]\n';
  expect(() => parseYamlData(text, 'content/nlu/router.yaml', routerConfigSchema(new Set(['child-welfare'])))).toThrow(
    /router\.yaml:4:\d+: "nope" is not a concept of content\/nlu\/vocabulary\.yaml/,
  );
});
