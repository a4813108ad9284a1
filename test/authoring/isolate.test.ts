/**
 * Isolation in the loader: a broken profile (schema error, bad citation, missing clause map) is
 * skipped with its problems and the rest is served; a problem that is no one setting's (a broken
 * flow), or every setting broken, still stops everything.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { inspectContent, loadServedContent } from '../../src/authoring/load';
import { ContentError } from '../../src/authoring/problem';
import { loadContentWithQuiz } from '../../src/quiz/setup';
import { copyContent } from '../support/silent-settings';
import { ACORNS, FLOW, OAK, edit, lineOf, problemsAfter, removeCopies } from './content-fixture';

afterAll(removeCopies);

function servedAfter(change: (root: string) => void) {
  const { root } = problemsAfter(change);
  return { root, inspection: inspectContent(root) };
}

test('a schema error in one profile: reported with file and line, skipped; the other setting is served', () => {
  const { root, inspection } = servedAfter((r) => edit(r, ACORNS, 'kind: early-years', 'kind: secondary'));
  expect(inspection.bundle).toBeUndefined();
  expect(inspection.skipped.map((s) => [s.id, s.file, s.problems.map((p) => `${p.file}:${p.line} ${p.rule}`)])).toEqual([
    ['little-acorns', ACORNS, [`${ACORNS}:${lineOf(root, ACORNS, 'kind: secondary')} invalid-shape`]],
  ]);
  expect([...inspection.served!.bundle.settings.keys()]).toEqual(['oak-primary']);
  expect(inspection.problems.length).toBeGreaterThan(0);
});

test('a citation to a section the profile lacks: that profile is skipped', () => {
  const { inspection } = servedAfter((r) => edit(r, ACORNS, "        section: '3'\n", "        section: '99'\n"));
  expect(inspection.skipped.map((s) => [s.id, s.problems.map((p) => p.rule)])).toEqual([['little-acorns', ['unknown-citation']]]);
  expect([...inspection.served!.bundle.settings.keys()]).toEqual(['oak-primary']);
});

test('a problem in a flow that is no one setting\'s stops everything', () => {
  const { inspection } = servedAfter((r) => edit(r, FLOW, 'next: check-phones\n        urgency: urgent\n        when: { kind: [primary, junior] }', 'next: nowhere\n        urgency: urgent\n        when: { kind: [primary, junior] }'));
  expect(inspection.served).toBeUndefined();
});

test('every setting broken: nothing is served', () => {
  const { root } = problemsAfter((r) => {
    edit(r, ACORNS, 'kind: early-years', 'kind: secondary');
    edit(r, OAK, 'kind: primary', 'kind: secondary');
  });
  expect(inspectContent(root).served).toBeUndefined();
  expect(() => loadServedContent(root)).toThrow(ContentError);
});

test('a missing clause map (real content): that setting is skipped, the others keep their quotes', () => {
  const copy = copyContent();
  try {
    rmSync(path.join(copy.root, 'content/clauses/rainbow-preschool-mobile-tech-and-social-media.yaml'));
    const { bundle, skipped } = loadServedContent(copy.root);
    expect(skipped.map((s) => s.id)).toEqual(['rainbow-preschool']);
    expect(skipped[0]!.problems.map((p) => p.rule)).toContain('missing-clause-map');
    expect(bundle.settings.has('rainbow-preschool')).toBe(false);
    expect(bundle.settings.size).toBeGreaterThan(0);
    const quoted = [...bundle.settings.values()].flatMap((s) => Object.values(s.rules)).some((r) => !r.silent && r.cite.some((c) => (c.quotes ?? []).length > 0));
    expect(quoted).toBe(true);
  } finally {
    copy.dispose();
  }
});

test('a broken quiz bank of one setting (real content): that setting is skipped, the others are served with their quiz', () => {
  const copy = copyContent();
  try {
    edit(copy.root, 'content/quiz/rainbow-preschool.yaml', 'passMark: 80', 'passMark: 800');
    const { content, quiz, skipped } = loadContentWithQuiz(copy.root);
    expect(skipped.map((s) => [s.id, s.problems.map((p) => `${p.file} ${p.rule}`)])).toEqual([['rainbow-preschool', ['content/quiz/rainbow-preschool.yaml invalid-shape']]]);
    expect(content.settings.has('rainbow-preschool')).toBe(false);
    expect([...quiz!.settings.keys()].sort()).toEqual([...content.settings.keys()].sort());
  } finally {
    copy.dispose();
  }
});
