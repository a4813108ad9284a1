/**
 * Loading runs at every start: it must stay fast as content grows. 30 flows x 12 settings
 * (several times the real content) must load and validate well within a second or two.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { inspectContent } from '../../src/authoring/load';
import { ACORNS, FLOW, OAK, copyBase, read, removeCopies, write } from './content-fixture';

afterAll(removeCopies);

function grow(root: string, flows: number, settings: number): void {
  const flow = read(root, FLOW);
  for (let i = 1; i < flows; i++) {
    const id = `image-shared-${i}`;
    const text = flow.replace('id: image-shared', `id: ${id}`).replace(/^ {2}- (.+)$/gm, `  - $1 (case ${i})`);
    write(root, `flows/${id}.yaml`, text);
  }
  for (let i = 1; i < settings / 2; i++) {
    for (const file of [OAK, ACORNS]) {
      const base = path.basename(file, '.yaml');
      write(root, `content/settings/${base}-${i}.yaml`, read(root, file).replace(`id: ${base}`, `id: ${base}-${i}`));
    }
  }
}

describe('loading larger content', () => {
  it('30 flows x 12 settings load without problems in under 3 s', () => {
    const root = copyBase();
    grow(root, 30, 12);
    expect(readdirSync(path.join(root, 'flows'))).toHaveLength(30);
    const started = performance.now();
    const { problems, sources } = inspectContent(root);
    const elapsed = performance.now() - started;
    expect(problems).toEqual([]);
    expect(sources.settings).toHaveLength(12);
    expect(elapsed).toBeLessThan(3000);
  });
});
