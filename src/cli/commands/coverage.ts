/**
 * `safestep coverage [--write]`: prints the flow × setting coverage table and the clause map
 * (every operative clause of every policy, used or excused), or writes both to content/COVERAGE.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { coverageDocument } from '../../authoring/coverage';
import { inspectContent } from '../../authoring/load';
import { ContentError } from '../../authoring/problem';
import { loadConfig } from '../../config';
import { parseArgs, UsageError } from '../args';
import { EXIT, type Command } from '../io';

export const coverage: Command = async (args, io) => {
  let write = false;
  try {
    write = parseArgs(args, { booleans: ['write'] }).flags.write === true;
  } catch (err) {
    io.stderr.write(`safestep coverage: ${(err as UsageError).message}\nUsage: safestep coverage [--write]\n`);
    return EXIT.usage;
  }
  const { contentRoot } = loadConfig(io.env, io.root);
  const inspection = inspectContent(contentRoot);
  if (!inspection.bundle) throw new ContentError(inspection.problems);
  const text = coverageDocument({ ...inspection, bundle: inspection.bundle });
  if (!write) {
    io.stdout.write(text);
    return EXIT.ok;
  }
  const file = path.join(contentRoot, 'content', 'COVERAGE.md');
  writeFileSync(file, text);
  io.stdout.write(`wrote ${path.relative(contentRoot, file)}\n`);
  return EXIT.ok;
};
