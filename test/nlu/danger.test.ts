/**
 * The danger check on the shipped model (content/danger/): messages in staff's words, typos
 * included, that must get the 999 reply first (certain, with a signal that must fire), that must
 * get the danger question first (possible), and everyday, past or hypothetical messages that must
 * get neither (test/nlu/danger-examples.yaml: the model's own tuning examples; the measured sets
 * are dev-set.yaml, fresh-set.yaml and danger-real-*.yaml). Plus the cancellers and the model
 * file's validation errors.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { createDangerDetector } from '../../src/nlu/danger';
import { cancellersFileSchema, CuesFileSchema, signalsFileSchema } from '../../src/nlu/danger-schema';
import { loadNluContent } from '../../src/nlu/load';
import { parseYamlData } from '../../src/nlu/yaml-data';
import { ROOT, shippedNlu } from './fixtures';

const nlu = shippedNlu();
const detector = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });

/** The model's own examples: test/nlu/danger-examples.yaml. */
const examples = parse(fs.readFileSync(path.join(ROOT, 'test/nlu/danger-examples.yaml'), 'utf8')) as {
  certain: { text: string; signal: string }[];
  possible: { text: string; signal: string }[];
  danger: string[];
  quiet: string[];
};
const CERTAIN = examples.certain.map((e): [string, string] => [e.text, e.signal]);
const POSSIBLE = examples.possible.map((e): [string, string] => [e.text, e.signal]);
const MORE_DANGER = examples.danger;
const QUIET = examples.quiet;

describe('danger check (content/danger/)', () => {
  test.each(CERTAIN)('999 first: %s', (text, signal) => {
    const v = detector.detect(text);
    expect(v).toMatchObject({ danger: true, question: false });
    expect(v.signals).toContain(signal);
  });

  test.each(POSSIBLE)('asks the danger question first: %s', (text, signal) => {
    const v = detector.detect(text);
    expect(v).toMatchObject({ danger: false, question: true });
    expect(v.signals).toContain(signal);
  });

  test.each(MORE_DANGER)('999 or the danger question first: %s', (text) => {
    const v = detector.detect(text);
    expect(v.danger || v.question).toBe(true);
  });

  test.each(QUIET)('stays quiet: %s', (text) => {
    expect(detector.detect(text)).toMatchObject({ danger: false, question: false, signals: [] });
  });

  test('every signal in the model is exercised by a case above', () => {
    const fired = new Set([...CERTAIN, ...POSSIBLE].map(([text]) => text).concat(MORE_DANGER).flatMap((text) => detector.detect(text).signals));
    expect(nlu.danger.signals.map((s) => s.id).filter((id) => !fired.has(id))).toEqual([]);
    expect(CERTAIN.length).toBeGreaterThanOrEqual(40);
    expect(QUIET.length).toBeGreaterThanOrEqual(40);
  });

  test('the past cancels a risk unless the message also says now', () => {
    expect(detector.detect('last year a girl in year 8 self harmed, she has had support')).toMatchObject({ danger: false, question: false, cancelledBy: ['past'] });
    const live = detector.detect('last year a man from snapchat groomed her and he is outside the gate right now');
    expect(live.danger || live.question).toBe(true);
  });

  test('a hypothetical or a policy question cancels, or at most asks when it also says now', () => {
    expect(detector.detect('what if a pupil told me she was meeting a man she met online?')).toMatchObject({ danger: false, question: false });
    expect(detector.detect('what is our procedure for a stranger at the gate')).toMatchObject({ danger: false, question: false });
    expect(detector.detect('what if a child told me he was meeting a man from snapchat tonight')).toMatchObject({ danger: false, question: true, cancelledBy: ['hypothetical'] });
  });

  test('a drawing, a film or a game is fiction, unless the message also says now', () => {
    expect(detector.detect('a child drew a picture of a monster attacking her, she said it is from a film she watched')).toMatchObject({ danger: false, question: false, cancelledBy: ['fiction'] });
    expect(detector.detect('they were playing cops and robbers and he said he would shoot me')).toMatchObject({ danger: false, question: false });
    const live = detector.detect('he drew a zombie stabbing a girl and says he has a knife in his bag right now');
    expect(live.danger || live.question).toBe(true);
  });

  test('a joke lowers certain to the question, never to nothing', () => {
    expect(detector.detect('kid posted kms lol')).toMatchObject({ danger: false, question: true, cancelledBy: ['joke'] });
  });

  test('names the flow the fired signals point to, the more certain first', () => {
    expect(detector.detect('a year 7 is meeting a man she met on snapchat after school today').flow).toBe('grooming-exploitation');
    expect(detector.detect('a year 2 boy is missing from the playground').flow).toBe('safeguarding-concern');
    expect(detector.detect('lunch menu').flow).toBeUndefined();
  });

  test('an `unless` blanks only its own match: family emergency plus a child in danger still fires', () => {
    expect(detector.detect('family emergency, and a pupil is in danger').signals).toEqual(['emergency']);
  });

  test('reports every signal that fires, in file order', () => {
    const { signals } = detector.detect('EMERGENCY a pupil has gone missing and said she wants to kill herself');
    expect(signals).toEqual(['missing-child', 'suicide-risk', 'emergency']);
  });

  test('works without a vocabulary (typed form only)', () => {
    const plain = createDangerDetector(nlu.danger);
    expect(plain.detect('a pupil said he wants to kill himself').danger).toBe(true);
    expect(plain.detect('lunch menu').danger).toBe(false);
  });
});

describe('danger model validation', () => {
  const cues = new Set(['now']);
  const signals = (text: string) => () => parseYamlData(text, 'content/danger/signals.yaml', signalsFileSchema(cues));
  const cancellers = (text: string) => () => parseYamlData(text, 'content/danger/cancellers.yaml', cancellersFileSchema(cues));
  const signal = (extra: string) => `signals:\n  - id: a\n    description: d\n    level: certain\n${extra}`;

  test('a bad regular expression is reported with file and line', () => {
    expect(signals(signal('    patterns:\n      - "(unclosed"\n'))).toThrow(/^content\/danger\/signals\.yaml:6:9: not a valid regular expression at signals\.0\.patterns\.0$/);
    const badCue = 'cues:\n  now:\n    description: d\n    patterns: ["[a-"]\n';
    expect(() => parseYamlData(badCue, 'content/danger/cues.yaml', CuesFileSchema)).toThrow(/^content\/danger\/cues\.yaml:4:16: not a valid regular expression/);
  });

  test('an unknown cue, a signal with nothing to match and a bad level are reported with their lines', () => {
    expect(signals(signal('    all: [nowhere]\n'))).toThrow(/signals\.yaml:5:11: unknown cue "nowhere": define it in cues\.yaml at signals\.0\.all\.0/);
    expect(signals(signal('    any: [now, later]\n'))).toThrow(/signals\.yaml:5:16: unknown cue "later"/);
    expect(signals(signal(''))).toThrow(/signals\.yaml:2:5: a signal needs `patterns`, `all` or `any`/);
    expect(signals('signals:\n  - id: a\n    description: d\n    level: maybe\n    patterns: [x]\n')).toThrow(/signals\.yaml:4:12: .*at signals\.0\.level/);
  });

  test('a canceller must give keptBy and lowersWhenKept together, and keptBy must be a cue', () => {
    const canceller = (extra: string) => `cancellers:\n  - id: c\n    description: d\n    patterns: [y]\n    lowers: 2\n${extra}`;
    expect(cancellers(canceller('    keptBy: later\n    lowersWhenKept: 1\n'))).toThrow(/cancellers\.yaml:6:13: unknown cue "later"/);
    expect(cancellers(canceller('    keptBy: now\n'))).toThrow(/cancellers\.yaml:2:5: give `keptBy` and `lowersWhenKept` together/);
    expect(cancellers(canceller('    lowers: 3\n'))).toThrow(/cancellers\.yaml:\d+:\d+: /);
    expect(cancellers(canceller('    keptByLead: sooner\n'))).toThrow(/cancellers\.yaml:6:17: unknown cue "sooner"/);
  });

  test("signals.yaml's certainNeeds must name a cue", () => {
    expect(signals('certainNeeds: whenever\nsignals:\n  - id: a\n    description: d\n    level: certain\n    patterns: [x]\n')).toThrow(/signals\.yaml:1:15: unknown cue "whenever"/);
  });

  test('a duplicate id, an unknown key and a YAML syntax error are reported with their lines', () => {
    const dup = 'signals:\n  - id: a\n    description: d\n    level: certain\n    patterns: [x]\n  - id: a\n    description: d\n    level: certain\n    patterns: [y]\n';
    expect(signals(dup)).toThrow(/signals\.yaml:6:9: duplicate signal id "a"/);
    expect(signals(signal('    pattern: [x]\n'))).toThrow(/signals\.yaml:2:5: .*at signals\.0/);
    expect(signals('signals:\n  - id: [a\n')).toThrow(/signals\.yaml:\d+:\d+: invalid YAML/);
  });

  test('loadNluContent names the broken file, and checks signals against the cues file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-danger-'));
    const file = (name: string) => path.join(dir, 'content/danger', name);
    try {
      fs.cpSync(path.join(ROOT, 'content/nlu'), path.join(dir, 'content/nlu'), { recursive: true });
      fs.cpSync(path.join(ROOT, 'content/danger'), path.join(dir, 'content/danger'), { recursive: true });
      expect(loadNluContent(dir).danger.signals.length).toBe(nlu.danger.signals.length);
      fs.writeFileSync(file('cues.yaml'), 'cues:\n  now:\n    description: d\n    patterns: [now]\n');
      expect(() => loadNluContent(dir)).toThrow(/^content\/danger\/signals\.yaml:\d+:\d+: unknown cue "\S+": define it in cues\.yaml/);
      fs.writeFileSync(file('signals.yaml'), 'signals: []\n');
      expect(() => loadNluContent(dir)).toThrow(/^content\/danger\/signals\.yaml:1:10: .*at signals$/);
      fs.rmSync(file('cancellers.yaml'));
      fs.writeFileSync(file('signals.yaml'), 'signals:\n  - { id: a, description: d, level: certain, patterns: [x] }\n');
      expect(() => loadNluContent(dir)).toThrow('content/danger/cancellers.yaml: cannot read file');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
