/**
 * JSON Schemas generated from the zod schemas, for editor completion and checking of YAML
 * (`# yaml-language-server: $schema=../schemas/flow.schema.json`). Generated, never edited:
 * `safestep schema export` rewrites them and a test keeps the committed files current.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ClauseMapSchema } from './clauses/schema';
import { ConditionSchema, FlowSchema, SettingSchema } from './schema';

/** Each exported schema: where it is written (relative to the project root) and its title. */
export const JSON_SCHEMAS = [
  { file: 'schemas/flow.schema.json', title: 'SafeStep flow (flows/<id>.yaml)', schema: FlowSchema },
  { file: 'schemas/setting.schema.json', title: 'SafeStep setting profile (content/settings/<id>.yaml)', schema: SettingSchema },
  { file: 'schemas/clauses.schema.json', title: 'SafeStep clause map of one policy document (content/clauses/<document>.yaml)', schema: ClauseMapSchema },
] as const;

/** Names for the shared (recursive) parts, so the output says `#/$defs/Condition`. */
const names = z.registry<{ id: string }>();
names.add(ConditionSchema, { id: 'Condition' });

/** The JSON text of one schema, exactly as committed (two-space indent, trailing newline). */
export function jsonSchemaText(entry: (typeof JSON_SCHEMAS)[number]): string {
  const { $schema, ...rest } = z.toJSONSchema(entry.schema, { io: 'input', metadata: names });
  return `${JSON.stringify({ $schema, title: entry.title, ...rest }, null, 2)}\n`;
}

/** Writes every schema under `projectRoot`; returns the files written. Performs file I/O. */
export function writeJsonSchemas(projectRoot: string): string[] {
  return JSON_SCHEMAS.map((entry) => {
    const target = path.join(projectRoot, entry.file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, jsonSchemaText(entry));
    return entry.file;
  });
}
