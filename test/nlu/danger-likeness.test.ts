/**
 * The danger-likeness backstop (src/nlu/danger-likeness*.ts, content/danger/likeness.yaml): it may
 * only ever raise the danger question, never the 999 reply; only when the rules are quiet and no
 * canceller spoke; it says why (`likeness:0.83 (…)`); a broken model file is reported with file and
 * line; the shipped model is the one its training data gives (retrain when the data changes); and
 * it is fast.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDangerDetector } from '../../src/nlu/danger';
import { createLikeness, features, LikenessSchema, likenessSignal, stem, type LikenessModel } from '../../src/nlu/danger-likeness';
import { fit, readTrainingData } from '../../src/nlu/danger-likeness-train';
import { loadNluContent } from '../../src/nlu/load';
import { parseYamlData } from '../../src/nlu/yaml-data';
import { ROOT, shippedNlu } from './fixtures';

const nlu = shippedNlu();

/** A toy model: "zebra" and "giraffe" are dangerous words, nothing else counts. */
const toy = (threshold = 0.6): LikenessModel => ({
  description: 'toy',
  threshold,
  bias: -2,
  trainedOn: ['test'],
  dataHash: '0123456789abcdef',
  stopwords: ['the'],
  chosen: {},
  weights: { zebra: 3, giraffe: 1.5, 'the zebra': 0.5 },
});

describe('danger likeness: features and score', () => {
  test('stems join word forms; stop words are not features on their own but pairs with them are', () => {
    expect(['meeting', 'meets', 'meet'].map(stem)).toEqual(['meet', 'meet', 'meet']);
    expect([...features(['the', 'zebra', 'is', 'here'], new Set(['the', 'is']))]).toEqual(['zebra', 'here', 'the zebra', 'zebra is', 'is here']);
  });

  test('the score is the logistic of bias plus the weights present, with the strongest pushes named', () => {
    const l = createLikeness(toy()).score(['the', 'zebra', 'and', 'a', 'giraffe']);
    expect(l.score).toBeCloseTo(1 / (1 + Math.exp(-(-2 + 3 + 1.5 + 0.5))), 6);
    expect(l.top).toEqual(['zebra', 'giraffe', 'the zebra']);
    expect(likenessSignal(l)).toBe('likeness:0.95 (zebra, giraffe, the zebra)');
  });
});

describe('danger likeness in the detector', () => {
  const rules = { ...nlu.danger, likeness: toy() };
  const detector = createDangerDetector(rules, { vocabulary: nlu.vocabulary });

  test('raises only the question, never the 999 reply, and says why', () => {
    const v = detector.detect('there is a zebra by the lockers');
    expect(v).toEqual({ danger: false, question: true, signals: [expect.stringMatching(/^likeness:0\.\d\d \(zebra/)], cancelledBy: [] });
    expect(detector.detect('a giraffe by the lockers')).toMatchObject({ danger: false, question: false, signals: [] }); // 0.38 < 0.6
  });

  test('stays out when the rules already spoke, or a canceller did', () => {
    expect(detector.detect('a pupil said he wants to kill himself, a zebra too')).toMatchObject({ danger: true, signals: ['suicide-risk'] });
    expect(detector.detect('last year there was a zebra by the lockers')).toMatchObject({ danger: false, question: false, signals: [] });
    expect(detector.detect('what if there was a zebra by the lockers, what would we do')).toMatchObject({ danger: false, question: false });
  });

  test('likenessOf gives the score only for messages the rules leave quiet and uncancelled', () => {
    expect(detector.likenessOf('there is a zebra by the lockers')).toBeGreaterThan(0.6);
    expect(detector.likenessOf('a pupil said he wants to kill himself')).toBeUndefined();
    expect(detector.likenessOf('last year there was a zebra')).toBeUndefined();
    expect(createDangerDetector({ ...nlu.danger, likeness: undefined }).likenessOf('zebra')).toBeUndefined();
  });
});

describe('the shipped likeness model (content/danger/likeness.yaml)', () => {
  const shipped = nlu.danger.likeness!;

  test('is loaded, and its threshold leaves room: only the question, between 0.5 and 0.95', () => {
    expect(shipped).toBeDefined();
    expect(shipped.threshold).toBeGreaterThanOrEqual(0.5);
    expect(shipped.threshold).toBeLessThanOrEqual(0.95);
    expect(Object.keys(shipped.weights).length).toBeGreaterThan(500);
  });

  test('is up to date with its training data (else: npm run build && node dist/src/nlu/danger-likeness-train.js)', () => {
    const rules = createDangerDetector({ ...nlu.danger, likeness: undefined }, { vocabulary: nlu.vocabulary });
    const { examples, hash } = readTrainingData(ROOT, rules);
    expect(hash).toBe(shipped.dataHash);
    const again = fit(examples, nlu.vocabulary);
    expect(again.bias).toBe(shipped.bias);
    expect(Object.fromEntries(again.weights)).toEqual(shipped.weights);
  });
});

describe('likeness model validation', () => {
  const file = 'content/danger/likeness.yaml';
  const parse = (text: string) => () => parseYamlData(text, file, LikenessSchema);
  const base = 'description: d\nthreshold: 0.7\nbias: -1\ntrainedOn: [x]\ndataHash: 0123456789abcdef\nweights:\n  zebra: 1\n';

  test('a threshold outside (0, 1), a weight that is not a number and a bad feature name are reported with their lines', () => {
    expect(parse(base)).not.toThrow();
    expect(parse(base.replace('threshold: 0.7', 'threshold: 1.5'))).toThrow(/^content\/danger\/likeness\.yaml:2:12: .*at threshold$/);
    expect(parse(base.replace('zebra: 1', 'zebra: lots'))).toThrow(/^content\/danger\/likeness\.yaml:7:10: .*at weights\.zebra$/);
    expect(parse(base.replace('zebra: 1', 'Zebra Crossing Now: 1'))).toThrow(/^content\/danger\/likeness\.yaml:7:3: one or two lower-case word stems/);
  });

  test('loadNluContent reads it when present and names it when broken; without it there is no backstop', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-likeness-'));
    try {
      fs.cpSync(path.join(ROOT, 'content/nlu'), path.join(dir, 'content/nlu'), { recursive: true });
      fs.cpSync(path.join(ROOT, 'content/danger'), path.join(dir, 'content/danger'), { recursive: true });
      expect(loadNluContent(dir).danger.likeness?.threshold).toBe(nlu.danger.likeness?.threshold);
      fs.writeFileSync(path.join(dir, file), base.replace('bias: -1', 'bias: [1]'));
      expect(() => loadNluContent(dir)).toThrow(/^content\/danger\/likeness\.yaml:3:7: /);
      fs.rmSync(path.join(dir, file));
      expect(loadNluContent(dir).danger.likeness).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
