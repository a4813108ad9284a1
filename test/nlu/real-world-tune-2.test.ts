/**
 * The second tuning part of the real-world routing set (test/nlu/real-world/tune-2.yaml, issue 12,
 * fourth round, independent author C). Checks the file only, never the router: every case is well
 * formed and labelled with a flow in flows/, safeguarding-concern or null; there are enough messages
 * for each flow, other worries and not-covered questions; no message repeats another or is a copy or
 * light edit of a dev-set, fresh-set, training, tune or holdout phrase; and no source page is shared
 * with a holdout, so training on this file cannot leak a holdout story. Failures name case numbers
 * (1-based), never a text, so the check can run without showing anyone the compared phrases.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadContent } from '../../src/authoring/load';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../../src/nlu/dev-set';
import { closeMatches, normalise, ROOT, shippedNlu } from './fixtures';

const SAFEGUARDING_CONCERN = 'safeguarding-concern';
const KINDS = new Set(['forum', 'news', 'case-study', 'guidance-faq', 'helpline']);
const ALLOWED_KEYS = new Set(['text', 'flow', 'danger', 'also', 'note', 'source', 'kind']);
const DIR = path.join(ROOT, 'test/nlu/real-world');

interface Case {
  text: string;
  flow: string | null;
  danger?: boolean;
  also?: string;
  note?: string;
  source: string;
  kind: string;
}

function read(file: string): Case[] {
  return (parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as { cases: Case[] }).cases;
}

const cases = read('tune-2.yaml');
const content = loadContent(ROOT);
const flowIds = new Set(content.flows.keys());
const labels = new Set([...flowIds, SAFEGUARDING_CONCERN]);
const numbers = (pick: (c: Case, i: number) => boolean): number[] => cases.flatMap((c, i) => (pick(c, i) ? [i + 1] : []));
const count = (flow: string | null): number => cases.filter((c) => c.flow === flow).length;

describe('real-world tuning part 2 (tune-2.yaml)', () => {
  test('every case has text, a flow or null, a boolean danger, a source and a known kind, and nothing else', () => {
    const bad = numbers(
      (c) =>
        typeof c.text !== 'string' ||
        c.text.trim() === '' ||
        !(c.flow === null || typeof c.flow === 'string') ||
        typeof c.danger !== 'boolean' ||
        typeof c.source !== 'string' ||
        !/^https?:\/\//.test(c.source) ||
        !KINDS.has(c.kind) ||
        (c.note !== undefined && typeof c.note !== 'string') ||
        !Object.keys(c).every((k) => ALLOWED_KEYS.has(k)),
    );
    expect(bad).toEqual([]);
  });

  test('every flow and second topic is a flow in flows/ or safeguarding-concern; a second topic differs from the first', () => {
    const bad = numbers(
      (c) => (c.flow !== null && !labels.has(c.flow)) || (c.also !== undefined && (!labels.has(c.also) || c.also === c.flow)),
    );
    expect(bad).toEqual([]);
  });

  test('at least 260 messages: 8 to 12 for every flow, about 30 other worries and 30 not-covered questions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(260);
    const outOfRange = [...flowIds].filter((id) => id !== SAFEGUARDING_CONCERN && (count(id) < 8 || count(id) > 12));
    expect(outOfRange).toEqual([]);
    expect(count(SAFEGUARDING_CONCERN)).toBeGreaterThanOrEqual(28);
    expect(count(null)).toBeGreaterThanOrEqual(28);
  });

  test('danger is marked on some real concerns and never on a not-covered question', () => {
    expect(cases.some((c) => c.danger === true)).toBe(true);
    expect(numbers((c) => c.flow === null && c.danger === true)).toEqual([]);
  });

  test('no two messages are the same, ignoring case and punctuation', () => {
    const texts = cases.map((c) => normalise(c.text));
    expect(numbers((_c, i) => texts.indexOf(texts[i]!) !== i)).toEqual([]);
  });

  test('no message equals a dev-set, fresh-set, tune, holdout, holdout-2 or training phrase, ignoring case and punctuation', () => {
    const dev = readDevSet(path.join(ROOT, DEV_SET_FILE), DEV_SET_FILE).map((c) => c.text);
    const fresh = readDevSet(path.join(ROOT, FRESH_SET_FILE), FRESH_SET_FILE).map((c) => c.text);
    const earlier = ['tune.yaml', 'holdout.yaml', 'holdout-2.yaml'].flatMap((f) => read(f).map((c) => c.text));
    const training = [...[...content.flows.values()].flatMap((f) => f.examples), ...shippedNlu().outOfScope];
    const known = new Set([...dev, ...fresh, ...earlier, ...training].map(normalise));
    expect(numbers((c) => known.has(normalise(c.text)))).toEqual([]);
  });

  test('no message is a light edit (edit distance within 25 %) of a dev-set, fresh-set, holdout or training phrase', () => {
    const dev = readDevSet(path.join(ROOT, DEV_SET_FILE), DEV_SET_FILE).map((c) => c.text);
    const fresh = readDevSet(path.join(ROOT, FRESH_SET_FILE), FRESH_SET_FILE).map((c) => c.text);
    const holdouts = ['holdout.yaml', 'holdout-2.yaml'].flatMap((f) => read(f).map((c) => c.text));
    const training = [...[...content.flows.values()].flatMap((f) => f.examples), ...shippedNlu().outOfScope];
    const targets = [...dev, ...fresh, ...holdouts, ...training];
    const close = closeMatches(cases.map((c) => c.text), targets);
    expect(numbers((c) => close.some((line) => line.startsWith(`${c.text}  ≈  `)))).toEqual([]);
  });

  test('shares no source page with a holdout, so tuning on it cannot leak a holdout story', () => {
    const holdoutSources = new Set(['holdout.yaml', 'holdout-2.yaml'].flatMap((f) => read(f).map((c) => c.source)));
    expect(numbers((c) => holdoutSources.has(c.source))).toEqual([]);
  });
});
