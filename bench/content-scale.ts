/**
 * Loading and validating content at several times today's size: the base test fixture
 * (test/fixtures/content/base) grown to 30 flows × 12 settings, loaded with inspectContent as
 * every start does. A timing, so it lives here and not in a test; the test
 * (test/authoring/performance.test.ts) checks only that this grown content loads without problems.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectContent } from '../src/authoring/load';

export const SCALE = { flows: 30, settings: 12 };

/** Where the base fixture lives, from the project root. */
export const BASE_FIXTURE = path.join('test', 'fixtures', 'content', 'base');

/** Copies of the base fixture's flow and two settings until there are `flows` flows and `settings` settings. */
export function growContent(root: string, flows: number, settings: number): void {
  const file = (f: string) => path.join(root, f);
  const flow = fs.readFileSync(file('flows/image-shared.yaml'), 'utf8');
  for (let i = 1; i < flows; i++) {
    const id = `image-shared-${i}`;
    const text = flow.replace('id: image-shared', `id: ${id}`).replace(/^ {2}- (.+)$/gm, `  - $1 (case ${i})`);
    fs.writeFileSync(file(`flows/${id}.yaml`), text);
  }
  for (let i = 1; i < settings / 2; i++) {
    for (const base of ['oak-primary', 'little-acorns']) {
      const text = fs.readFileSync(file(`content/settings/${base}.yaml`), 'utf8');
      fs.writeFileSync(file(`content/settings/${base}-${i}.yaml`), text.replace(`id: ${base}`, `id: ${base}-${i}`));
    }
  }
}

export interface ContentScaleResults {
  flows: number;
  settings: number;
  problems: number;
  runsMs: number[];
  medianMs: number;
  maxMs: number;
}

/** Grows a temporary copy of the fixture and times `runs` loads of it. */
export function measureContentScale(projectRoot: string, runs = 5): ContentScaleResults {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-scale-'));
  try {
    fs.cpSync(path.join(projectRoot, BASE_FIXTURE), root, { recursive: true });
    growContent(root, SCALE.flows, SCALE.settings);
    const runsMs: number[] = [];
    let problems = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      problems = inspectContent(root).problems.length;
      runsMs.push(performance.now() - started);
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    return { ...SCALE, problems, runsMs, medianMs: sorted[Math.floor(sorted.length / 2)]!, maxMs: sorted[sorted.length - 1]! };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The section of docs/benchmarks.md. */
export function renderContentScale(r: ContentScaleResults): string[] {
  return [
    '## Content at scale',
    '',
    `**Load and validate** — \`inspectContent\` (as every start runs it) on the test fixture grown to ${r.flows} flows × ${r.settings} settings, several times today's content; ${r.runsMs.length} runs, ${r.problems} problems found (0 expected; \`test/authoring/performance.test.ts\` checks that).`,
    '',
    '| median | max | goal |',
    '|---|---|---|',
    `| ${r.medianMs.toFixed(0)} ms | ${r.maxMs.toFixed(0)} ms | < 3,000 ms: ${r.maxMs < 3000 ? 'met' : '**not met**'} |`,
    '',
  ];
}
