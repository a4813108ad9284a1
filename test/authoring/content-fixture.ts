/**
 * Test helpers: copy the valid base fixture (test/fixtures/content/base) into a temp dir,
 * apply one small edit, inspect it, and find the problem a rule reported.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectContent } from '../../src/authoring/load';
import type { Problem } from '../../src/authoring/problem';

export const BASE = path.join(__dirname, '..', 'fixtures', 'content', 'base');
export const FLOW = 'flows/image-shared.yaml';
export const OAK = 'content/settings/oak-primary.yaml';
export const ACORNS = 'content/settings/little-acorns.yaml';
export const MESSAGES = 'content/messages.yaml';
export const GUARD = 'content/national-guard.yaml';

const made: string[] = [];

/** A fresh copy of the base fixture; removed by `removeCopies`. */
export function copyBase(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'safestep-content-'));
  cpSync(BASE, dir, { recursive: true });
  made.push(dir);
  return dir;
}

/** Deletes every copy made so far (call from afterAll). */
export function removeCopies(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function read(root: string, file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

export function write(root: string, file: string, text: string): void {
  writeFileSync(path.join(root, file), text);
}

/** Replaces `from` (which must occur exactly once) with `to` in one file. */
export function edit(root: string, file: string, from: string, to: string): void {
  const text = read(root, file);
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur exactly once in ${file}`);
  write(root, file, text.slice(0, at) + to + text.slice(at + from.length));
}

/** The 1-based line of the first line containing `needle` (after `after`, if given). */
export function lineOf(root: string, file: string, needle: string, after?: string): number {
  const lines = read(root, file).split('\n');
  const start = after === undefined ? 0 : lines.findIndex((l) => l.includes(after));
  const index = lines.findIndex((l, i) => i >= start && l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found in ${file}`);
  return index + 1;
}

/** A copy of the base fixture with one edit applied, and the problems found in it. */
export function problemsAfter(change: (root: string) => void): { root: string; problems: Problem[] } {
  const root = copyBase();
  change(root);
  return { root, problems: inspectContent(root).problems };
}

/** The problems of one rule. */
export function ofRule(problems: readonly Problem[], rule: string): Problem[] {
  return problems.filter((p) => p.rule === rule);
}

/** Asserts exactly one problem of `rule` at `file:line`, with a fix, and returns it. */
export function expectOne(problems: readonly Problem[], rule: string, file: string, line: number): Problem {
  const found = ofRule(problems, rule);
  expect(found.map((p) => `${p.file}:${p.line}`)).toEqual([`${file}:${line}`]);
  const problem = found[0] as Problem;
  expect(problem.fix.length).toBeGreaterThan(10);
  return problem;
}
