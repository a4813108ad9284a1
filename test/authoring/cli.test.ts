/** `safestep validate` and `safestep schema`, run in-process with captured streams. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIO } from '../../src/cli/io';
import { schema } from '../../src/cli/commands/schema';
import { validate } from '../../src/cli/commands/validate';
import { BASE, FLOW, edit, lineOf, problemsAfter, removeCopies } from './content-fixture';

afterAll(removeCopies);

function io(root: string, env: NodeJS.ProcessEnv = {}): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => (chunks.out += c.toString()));
  stderr.on('data', (c: Buffer) => (chunks.err += c.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr, root, env }, out: () => chunks.out, err: () => chunks.err };
}

describe('safestep validate', () => {
  it('exits 0 with a summary on valid content', async () => {
    const run = io(BASE);
    expect(await validate([], run.io)).toBe(0);
    expect(run.out()).toBe('validate: 1 flows, 2 settings OK\nvalidate: notice: no DSL sign-off is recorded for 2 settings (established content, served): little-acorns, oak-primary\n');
    expect(run.err()).toBe('');
  });

  it('prints each problem on stderr and exits 1', async () => {
    const { root } = problemsAfter((r) => edit(r, FLOW, 'otherwise: first-steps', 'otherwise: first-step'));
    const run = io(root);
    expect(await validate([], run.io)).toBe(1);
    expect(run.out()).toBe('validate: 1 problem\n');
    expect(run.err()).toBe(
      `${FLOW}:${lineOf(root, FLOW, 'otherwise: first-step')} [unknown-next] flow image-shared, step check-phones: otherwise points at "first-step", which is not a step of this flow. ` +
        'Fix: Point it at one of: ask-where, check-phones, secure-phone, first-steps, record, done, or add a step "first-step".\n',
    );
  });

  it('reads the content root from SAFESTEP_CONTENT_DIR', async () => {
    const run = io('/nonexistent-project-root', { SAFESTEP_CONTENT_DIR: BASE });
    expect(await validate([], run.io)).toBe(0);
  });

  it('reports an invalid configuration', async () => {
    const run = io(BASE, { SAFESTEP_CONTENT_DIR: '' });
    expect(await validate([], run.io)).toBe(1);
    expect(run.err()).toContain('Invalid configuration');
  });
});

describe('safestep schema', () => {
  it('export writes the JSON Schemas under the project root', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'safestep-schema-cli-'));
    try {
      const run = io(dir);
      expect(await schema(['export'], run.io)).toBe(0);
      expect(run.out()).toBe('schema: wrote schemas/flow.schema.json\nschema: wrote schemas/setting.schema.json\nschema: wrote schemas/clauses.schema.json\n');
      expect(JSON.parse(readFileSync(path.join(dir, 'schemas/flow.schema.json'), 'utf8'))).toHaveProperty('$schema');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('anything else is a usage error', async () => {
    const run = io(BASE);
    expect(await schema([], run.io)).toBe(2);
    expect(run.err()).toContain('usage: safestep schema export');
  });
});
