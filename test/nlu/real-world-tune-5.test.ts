/**
 * Tuning part 5 of the real-world routing set (test/nlu/real-world/tune-5.yaml, issue 12 fourth
 * round, independent author F: long, formal and second-hand messages). Checks the file only, never the router: every case is well formed
 * and labelled with a flow in flows/ (or null); each flow, the other-safeguarding route and the
 * not-covered questions have enough messages; danger is never on a not-covered question; and no
 * message repeats, or is a light edit of, a dev-set, fresh-set, flow-example, out-of-scope or earlier
 * real-world (tune 1-3, holdout 1-3) phrase; and no source page is a holdout's, so training on this file
 * cannot leak a holdout story. Failures name case numbers (1-based), never a text, so the check can
 * run without showing anyone the training or holdout phrases.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadContent } from '../../src/authoring/load';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../../src/nlu/dev-set';
import { closeMatches, normalise, ROOT, shippedNlu } from './fixtures';

const DIR = path.join(ROOT, 'test/nlu/real-world');
const SAFEGUARDING_CONCERN = 'safeguarding-concern';
const KINDS = new Set(['forum', 'news', 'case-study', 'guidance-faq', 'helpline']);
const ALLOWED_KEYS = new Set(['text', 'flow', 'danger', 'also', 'note', 'source', 'kind']);

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

const cases = read('tune-5.yaml');
const EARLIER_FILES = ['tune.yaml', 'tune-2.yaml', 'tune-3.yaml', 'holdout.yaml', 'holdout-2.yaml', 'holdout-3.yaml'];
const HOLDOUT_FILES = ['holdout.yaml', 'holdout-2.yaml', 'holdout-3.yaml'];
const earlier = EARLIER_FILES.flatMap(read).map((c) => c.text);
/** A page address without scheme, `www.`, query, fragment or trailing slash, to compare pages. */
const page = (url: string): string =>
  url.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/[?#].*$/, '').replace(/\/$/, '').toLowerCase();
const holdoutPages = [...new Set(HOLDOUT_FILES.flatMap(read).map((c) => page(c.source)))];
const content = loadContent(ROOT);
const flowIds = new Set(content.flows.keys());
const numbers = (pick: (c: Case) => boolean): number[] => cases.flatMap((c, i) => (pick(c) ? [i + 1] : []));
const count = (flow: string | null): number => cases.filter((c) => c.flow === flow).length;

function wellFormed(c: Case): boolean {
  return (
    typeof c.text === 'string' &&
    c.text.trim() !== '' &&
    (c.flow === null || typeof c.flow === 'string') &&
    (c.danger === undefined || typeof c.danger === 'boolean') &&
    typeof c.source === 'string' &&
    /^https?:\/\//.test(c.source) &&
    KINDS.has(c.kind) &&
    Object.keys(c).every((k) => ALLOWED_KEYS.has(k))
  );
}

function badLabel(c: Case): boolean {
  return (c.flow !== null && !flowIds.has(c.flow)) || (c.also !== undefined && (!flowIds.has(c.also) || c.also === c.flow));
}

describe('real-world tuning part 5 (tune-5.yaml, author F)', () => {
  test('the safeguarding-concern route is a flow, so every label can be checked against flows/', () => {
    expect(flowIds.has(SAFEGUARDING_CONCERN)).toBe(true);
  });

  test('every case is well formed and labelled with a flow in flows/ or null; a second topic differs from the first', () => {
    expect(numbers((c) => !wellFormed(c))).toEqual([]);
    expect(numbers(badLabel)).toEqual([]);
  });

  test('at least 260 messages: 8 to 12 per flow, about 30 other safeguarding and 30 not covered', () => {
    expect(cases.length).toBeGreaterThanOrEqual(260);
    const perFlow = [...flowIds].filter((id) => id !== SAFEGUARDING_CONCERN).map((id) => [id, count(id)] as const);
    expect(perFlow.filter(([, n]) => n < 8 || n > 12)).toEqual([]);
    expect(count(SAFEGUARDING_CONCERN)).toBeGreaterThanOrEqual(28);
    expect(count(null)).toBeGreaterThanOrEqual(28);
  });

  test('danger is marked on some real concerns and never on a not-covered question', () => {
    expect(cases.some((c) => c.danger === true)).toBe(true);
    expect(numbers((c) => c.flow === null && c.danger === true)).toEqual([]);
  });

  test('its messages differ from each other and from every earlier tune and holdout message', () => {
    const seen = new Set(earlier.map(normalise));
    const texts = cases.map((c) => normalise(c.text));
    expect(numbers((c) => seen.has(normalise(c.text)))).toEqual([]);
    expect(texts.flatMap((t, i) => (texts.indexOf(t) !== i ? [i + 1] : []))).toEqual([]);
  });

  test('no message equals or lightly edits a dev-set, fresh-set, flow-example, out-of-scope or earlier real-world phrase', () => {
    const dev = readDevSet(path.join(ROOT, DEV_SET_FILE), DEV_SET_FILE).map((c) => c.text);
    const fresh = readDevSet(path.join(ROOT, FRESH_SET_FILE), FRESH_SET_FILE).map((c) => c.text);
    const training = [...[...content.flows.values()].flatMap((f) => f.examples), ...shippedNlu().outOfScope];
    const others = [...dev, ...fresh, ...training, ...earlier];
    const exact = new Set(others.map(normalise));
    expect(numbers((c) => exact.has(normalise(c.text)))).toEqual([]);
    expect(numbers((c) => closeMatches([c.text], others).length > 0)).toEqual([]);
  });

  test('no source page is (or is part of) a holdout page, so training on it cannot leak a holdout story', () => {
    const shared = (c: Case): boolean =>
      holdoutPages.some((h) => h === page(c.source) || h.startsWith(page(c.source) + '/') || page(c.source).startsWith(h + '/'));
    expect(numbers(shared)).toEqual([]);
  });
});
