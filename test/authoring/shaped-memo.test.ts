/**
 * A start's memos (src/authoring/shaped-file.ts, check-stamp.ts, the NLU's in nlu/yaml-data.ts) give exactly what checking
 * everything gives, and never hide a problem: the shipped content and quiz loaded as a start
 * (shaped data from the memo, checks stood on their stamps) equal a full inspection; after a
 * memoised, stamped pass, an edited quiz bank or a flow with a shape error is checked again and
 * reported with file and line. In-process, on real files, with a cache folder of the test's own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectContent, loadContent } from '../../src/authoring/load';
import * as shape from '../../src/authoring/shape';
import { loadNluContent } from '../../src/nlu/load';
import { VocabularySchema } from '../../src/nlu/vocabulary';
import { inspectQuiz } from '../../src/quiz/load';
import { loadContentWithQuiz } from '../../src/quiz/setup';
import { contentRoot } from '../support/content-root';
import { copyQuizFixture, SHARED } from '../quiz/fixture';
import { copyBase, edit, FLOW, lineOf, removeCopies } from './content-fixture';

let cache: string;
const before = process.env.SAFESTEP_CACHE_DIR;
beforeAll(() => {
  // Set before anything loads: the parsed-YAML memo is opened once per process, in this folder.
  cache = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-shaped-'));
  process.env.SAFESTEP_CACHE_DIR = cache;
});
afterAll(() => {
  process.env.SAFESTEP_CACHE_DIR = before;
  fs.rmSync(cache, { recursive: true, force: true });
  removeCopies();
});
afterEach(() => jest.restoreAllMocks());

test('the shipped content and quiz loaded as a start, from the memos and stamps, equal a full inspection', () => {
  const root = contentRoot();
  loadContentWithQuiz(root); // fills the memos and writes the stamps
  const checkShape = jest.spyOn(shape, 'checkShape');
  const started = loadContentWithQuiz(root);
  expect(checkShape).not.toHaveBeenCalled(); // every file came from the memo
  checkShape.mockRestore();

  const full = inspectContent(root);
  expect(full.problems).toEqual([]);
  const quiz = inspectQuiz(root, { bundle: full.bundle!, sources: full.sources });
  expect(quiz.problems).toEqual([]);
  expect(started.content).toEqual(full.bundle);
  expect(started.quiz).toEqual(quiz.quiz);
  expect(started.skipped).toEqual([]);
});

test('after a stamped pass, an edited quiz bank is checked again and its problem named with file and line', () => {
  const root = copyQuizFixture();
  loadContentWithQuiz(root);
  loadContentWithQuiz(root); // stands on the stamps
  edit(root, SHARED, 'explanation: "Never ask a child for the image.", cite: [{ document: national-rules, section: "1" }]', 'explanation: "Never ask a child for the image.", cite: [{ document: national-rules, section: "9" }]');
  expect(() => loadContentWithQuiz(root)).toThrow(`${SHARED}:${lineOf(root, SHARED, 'id: n3')} [quiz-citation]`);
});

test('after a memoised pass, a shape error is found with file and line', () => {
  const root = copyQuizFixture();
  loadContent(root);
  loadContent(root);
  edit(root, FLOW, 'kind: incident\n', 'kind: incident\ncolour: red\n');
  expect(() => loadContent(root)).toThrow(new RegExp(`${FLOW}:${lineOf(root, FLOW, 'colour: red')} \\[`));
});

test('the NLU content loaded as a start, from the memo, equals a full load', () => {
  const root = contentRoot();
  loadNluContent(root, { useMemo: true });
  const safeParse = jest.spyOn(VocabularySchema, 'safeParse');
  const started = loadNluContent(root, { useMemo: true });
  expect(safeParse).not.toHaveBeenCalled();
  safeParse.mockRestore();
  // A start only hashes the staff messages (staff-messages.ts); they parse to the full load's.
  const { staffMessages, ...rest } = loadNluContent(root);
  const { staffMessages: file, ...startedRest } = started;
  expect(startedRest).toEqual(rest);
  expect(Array.isArray(file) ? file : file.messages()).toEqual(staffMessages);
});

test('a memoised router.yaml is checked again when the vocabulary it names concepts of changes', () => {
  const root = copyBase();
  for (const dir of ['content/nlu', 'content/danger']) fs.cpSync(path.join(contentRoot(), dir), path.join(root, dir), { recursive: true });
  loadNluContent(root, { useMemo: true });
  loadNluContent(root, { useMemo: true });
  // router.yaml is unchanged, but its concern concept "self-harm" is no longer a concept.
  edit(root, 'content/nlu/vocabulary.yaml', '\n  self-harm:\n', '\n  self-harmed:\n');
  expect(() => loadNluContent(root, { useMemo: true })).toThrow(/content\/nlu\/router\.yaml:\d+:\d+: "self-harm" is not a concept/);
});
