/**
 * Reads one content file, parses it and checks its zod shape, for the flows/settings loader and
 * the quiz loader. With `memo`, a start takes the shaped data (the schema's output) of a text that
 * passed this exact schema code before from the parsed-YAML memo (yaml-memo.ts), skipping both the
 * parse and zod (most of what was left of loading once the meaning checks were stamped:
 * docs/startup-notes.md). The memo's key is the file's exact text, the schema's name and the
 * loader's code key (check-stamp.ts: its modules and every module they import, with the zod
 * version); only outputs that passed, came from alias-free YAML and survive JSON unchanged are
 * kept. Any edit misses, and is parsed and checked as before, with file and line. `safestep
 * validate` does not use it.
 */
import path from 'node:path';
import type { z } from 'zod';
import type { Problem } from './problem';
import { checkShape } from './shape';
import type { SourceFile } from './sources';
import { shapedMemo, yamlMemo } from './yaml-memo';
import { lazySource, MEMO_MODE as PARSED_MODE, parseYaml, readText } from './yaml-source';

/** How a file is checked: the schema, where its shape is documented, and the memo's terms. */
export interface ShapedFileOptions<S extends z.ZodType> {
  schema: S;
  /** Named in the fix of a shape problem (e.g. `schemas/flow.schema.json`). */
  schemaHint: string;
  /**
   * When set, the shaped-data memo is used: `name` tells this schema from the loader's others,
   * `code` is the loader's code key (check-stamp.ts codeKey), which covers the schema's module.
   */
  memo?: { name: string; code: string };
  /** Gets the file's text once read (the check stamp hashes it). */
  seen?: (text: string) => void;
}

/** Reads, parses and shape-checks `file` under `root`; on failure adds its problems and returns undefined. */
export function loadShapedFile<S extends z.ZodType>(root: string, file: string, options: ShapedFileOptions<S>, problems: Problem[]): SourceFile<z.output<S>> | undefined {
  const read = readText(path.join(root, file), file);
  if (read.text === undefined) {
    problems.push(...read.problems);
    return undefined;
  }
  const { text } = read;
  options.seen?.(text);
  const shaped = options.memo && shapedMemo(yamlMemo(), PARSED_MODE, options.memo.name, options.memo.code);
  const known = shaped?.get(text) as z.output<S> | undefined;
  // On a hit the parsed data is kept too (not read now), for the starts and `validate` runs that parse.
  if (known !== undefined) return { file, yaml: lazySource(text, file), data: known };
  const parsed = parseYaml(text, file);
  if (!parsed.source) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const checked = checkShape(options.schema, parsed.source, { schemaHint: options.schemaHint });
  if (checked.data === undefined) {
    problems.push(...checked.problems);
    return undefined;
  }
  shaped?.keep(text, checked.data);
  return { file, yaml: parsed.source, data: checked.data };
}
