/**
 * `safestep coverage [--write]`: prints the flow × setting coverage table, or writes it to
 * content/COVERAGE.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { coverageMarkdown } from '../../authoring/coverage';
import { loadContent } from '../../authoring/load';
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
  const text = coverageMarkdown(loadContent(contentRoot));
  if (!write) {
    io.stdout.write(text);
    return EXIT.ok;
  }
  const file = path.join(contentRoot, 'content', 'COVERAGE.md');
  writeFileSync(file, text);
  io.stdout.write(`wrote ${path.relative(contentRoot, file)}\n`);
  return EXIT.ok;
};
