/**
 * SafeStep runs with the same Node flags however it is started: `npm start`, `npm run safestep`
 * and the `safestep` command (its `#!` line). src/node-flags.ts says why they are there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { flagsOf, startFlags } from '../../src/node-flags';

const ROOT = path.resolve(__dirname, '../..');

test('npm start, npm run safestep and the safestep command carry the same Node flags', () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const flags = startFlags(ROOT);
  expect(flags).toContain('--max-semi-space-size=1');
  expect(flags).toContain('--no-regexp-tier-up');
  expect(flagsOf(scripts.safestep!)).toEqual(flags);
  const shebang = fs.readFileSync(path.join(ROOT, 'src/cli/index.ts'), 'utf8').split('\n')[0]!;
  expect(shebang).toBe(`#!/usr/bin/env -S node ${flags.join(' ')}`);
});

test('flagsOf reads only the flags between node and the script', () => {
  expect(flagsOf('node --a=1 --b dist/x.js --c')).toEqual(['--a=1', '--b']);
  expect(flagsOf('tsc -p x')).toEqual([]);
});
