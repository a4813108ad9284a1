/**
 * The Node flags SafeStep runs with, written once in package.json's `start` script and repeated in
 * its `safestep` script and the CLI's `#!` line (test/architecture/node-flags.test.ts keeps the three
 * the same). `--max-semi-space-size=1` keeps V8's young generation at 1 MB: loading the content
 * and the router's model leave tens of MB of short-lived garbage, and a large young generation
 * kept that as resident memory once SafeStep was ready. A trade, measured on 7 December (route,
 * loaded machine): about 35 MB less resident memory at ready (≈170 → ≈135 MB) for about 15 % more
 * time to ready (more young-generation collections while loading). Neither goal (120 MB, 1 s) is
 * met since the router trains on staff messages; the cure for both is less garbage while loading
 * (docs/benchmarks.md, "Start to ready").
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
