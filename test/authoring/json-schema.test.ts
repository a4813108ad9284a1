/** The committed JSON Schemas must equal freshly generated output, so they never go stale. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JSON_SCHEMAS, jsonSchemaText, writeJsonSchemas } from '../../src/authoring/json-schema';

const ROOT = path.join(__dirname, '..', '..');

describe('schemas/*.schema.json', () => {
  it.each(JSON_SCHEMAS.map((entry) => [entry.file, entry] as const))('%s is up to date (run `safestep schema export`)', (file, entry) => {
    expect(readFileSync(path.join(ROOT, file), 'utf8')).toBe(jsonSchemaText(entry));
  });

  it('describe the YAML shapes for editors', () => {
    const flow = JSON.parse(jsonSchemaText(JSON_SCHEMAS[0])) as { required: string[]; additionalProperties: boolean; $defs: Record<string, unknown> };
    expect(flow.required).toEqual(expect.arrayContaining(['id', 'start', 'steps', 'examples']));
    expect(flow.additionalProperties).toBe(false);
    expect(Object.keys(flow.$defs)).toContain('Condition');
  });

  it('writeJsonSchemas writes every file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'safestep-schemas-'));
    try {
      expect(writeJsonSchemas(dir)).toEqual(JSON_SCHEMAS.map((e) => e.file));
      for (const entry of JSON_SCHEMAS) expect(readFileSync(path.join(dir, entry.file), 'utf8')).toBe(jsonSchemaText(entry));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
