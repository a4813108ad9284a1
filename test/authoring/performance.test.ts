/**
 * Content several times today's size (the fixture grown to 30 flows × 12 settings, as the
 * bench's content-scale workload) loads and validates without problems. How long it takes is
 * measured by `npm run bench` (bench/content-scale.ts), not asserted here: timings go in
 * benchmarks, never in tests.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { inspectContent } from '../../src/authoring/load';
import { SCALE, growContent } from '../../bench/content-scale';
import { copyBase, removeCopies } from './content-fixture';

afterAll(removeCopies);

describe('loading larger content', () => {
  it('30 flows x 12 settings load without problems', () => {
    const root = copyBase();
    growContent(root, SCALE.flows, SCALE.settings);
    expect(readdirSync(path.join(root, 'flows'))).toHaveLength(30);
    const { problems, sources } = inspectContent(root);
    expect(problems).toEqual([]);
    expect(sources.settings).toHaveLength(12);
  });
});
