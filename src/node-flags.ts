/**
 * The Node flags SafeStep runs with, written once in package.json's `start` script and repeated in
 * its `safestep` script and the CLI's `#!` line (test/architecture/node-flags.test.ts keeps the three
 * the same).
 * - `--max-semi-space-size=1` keeps V8's young generation at 1 MB: loading leaves short-lived
 *   garbage, and a large young generation kept it as resident memory once SafeStep was ready.
 *   Decided again on 7 December after the start stopped making most of that garbage (parsed-YAML
 *   memo, binary model cache; docs/startup-notes.md): it still saves ~20 MB at ready (chat
 *   ≈121 → ≈100 MB, route ≈119 → ≈96 MB; without it the 120 MB goal is at best just met) for
 *   0-10 % more CPU time to ready (two sets of interleaved runs: equal, then ≈0.82 → ≈0.90 s).
 * - `--no-regexp-tier-up` compiles each regular expression straight to machine code on its first
 *   use. By default V8 first compiles it to bytecode, then again to machine code on its second
 *   use; the danger model's ~520 patterns (content/danger/) paid both on the first message:
 *   ≈0.45 s → ≈0.17 s for the first two checks, and the same speed afterwards.
 * Read by the benchmarks, so they measure SafeStep as `npm start` runs it.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The flags between `node` and the script in package.json's `start` script under `root`. */
export function startFlags(root: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return flagsOf(pkg.scripts?.start ?? '');
}

/** The `--flags` of a `node --a --b script.js …` command line (none when it is not one). */
export function flagsOf(command: string): string[] {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'node') return [];
  const flags: string[] = [];
  for (const w of words.slice(1)) {
    if (!w.startsWith('--')) break;
    flags.push(w);
  }
  return flags;
}
