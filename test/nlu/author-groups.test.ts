/**
 * The leave-group-out partition (author-groups.ts) keeps every author measured out of author: every
 * tuning part on disk is in exactly one group, each part's author is the one its staff messages
 * carry, and every author who trained the router is in a group, so no floor in
 * real-world-floors.test.ts is measured by a router that saw the messages it is scored on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AUTHOR_GROUPS, authorsOf, groupOf } from './author-groups';
import { ROOT, shippedNlu } from './fixtures';

const REAL_WORLD = 'test/nlu/real-world';
const parts = AUTHOR_GROUPS.flatMap((g) => g.parts);
const staff = shippedNlu().staffMessages;

test('every tuning part on disk (real-world/tune*.yaml) is in exactly one group, and every group part exists', () => {
  const onDisk = fs
    .readdirSync(path.join(ROOT, REAL_WORLD))
    .filter((f) => /^tune.*\.yaml$/.test(f))
    .map((f) => `${REAL_WORLD}/${f}`)
    .sort();
  const files = parts.map((p) => p.file);
  expect(onDisk.filter((f) => !files.includes(f))).toEqual([]);
  expect(files.filter((f, i) => files.indexOf(f) !== i)).toEqual([]);
  expect(files.filter((f) => !onDisk.includes(f))).toEqual([]);
});

test('each author is in one group only', () => {
  const authors = parts.map((p) => p.author);
  expect(authors.filter((a, i) => authors.indexOf(a) !== i)).toEqual([]);
});

test("every staff message's author is in a group, and its part (from:) is that author's part", () => {
  const partOf = new Map(parts.map((p) => [path.basename(p.file), p.author]));
  const wrong = staff.filter((m) => partOf.get(m.from.split('#')[0] ?? '') !== m.author).map((m) => `${m.from} by ${m.author}`);
  expect(wrong).toEqual([]);
  const unplaced = [...new Set(staff.map((m) => m.author))].filter((a) => !parts.some((p) => p.author === a));
  expect(unplaced).toEqual([]);
  expect(() => groupOf('no such author')).toThrow(/in no group/);
});

test('each group holds its share of the staff messages (1 / groups, ± 5 points), so no group router loses much more data than another', () => {
  const even = 1 / AUTHOR_GROUPS.length;
  for (const group of AUTHOR_GROUPS) {
    const share = staff.filter((m) => authorsOf(group).has(m.author)).length / staff.length;
    expect([group.name, Math.abs(share - even) <= 0.05]).toEqual([group.name, true]);
  }
});
