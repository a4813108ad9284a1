/**
 * Jest's global setup: trains the shipped router once, before any suite starts, into the tests'
 * model cache (SAFESTEP_CACHE_DIR, set in jest.config.js), once as the suites load it (the .ts
 * sources) and once as the built CLI and servers the suites start load it (dist/, when built).
 * Without it the first suite to need the router trains it inside its own 30 s hook, which a loaded
 * machine can exceed; with it every suite reads the model from the cache. The cache is keyed by
 * everything the model is trained on, so a stale model is never read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../src/authoring/load';
import { loadNlu } from '../src/nlu/load';

const ROOT = path.resolve(__dirname, '..');

export default function warmModelCache(): void {
  loadNlu(ROOT, [...loadContent(ROOT).flows.values()]);
  const built = path.join(ROOT, 'dist/src/nlu/load.js');
  if (fs.existsSync(built)) {
    const dist = require(built) as typeof import('../src/nlu/load');
    const authoring = require(path.join(ROOT, 'dist/src/authoring/load.js')) as typeof import('../src/authoring/load');
    dist.loadNlu(ROOT, [...authoring.loadContent(ROOT).flows.values()]);
  }
}
