/**
 * `safestep validate`: loads and checks all content under the content root. Every problem goes
 * to stderr (one line each, `file:line [rule] …  Fix: …`), a one-line summary to stdout.
 * Exit 0 when there are no problems, 1 otherwise.
 */
import { inspectContent } from '../../authoring/load';
import { formatProblem } from '../../authoring/problem';
import { loadConfig } from '../../config';
import { SafeStepError } from '../../core/errors';
import { EXIT } from '../io';
import type { Command } from '../io';

/** Validates the content; arguments are ignored. */
export const validate: Command = async (_args, io) => {
  let contentRoot: string;
  try {
    contentRoot = loadConfig(io.env, io.root).contentRoot;
  } catch (err) {
    if (!(err instanceof SafeStepError)) throw err;
    io.stderr.write(`${err.message}\n`);
    return EXIT.failure;
  }
  const { bundle, problems, sources } = inspectContent(contentRoot);
  for (const p of problems) io.stderr.write(`${formatProblem(p)}\n`);
  if (bundle) {
    io.stdout.write(`validate: ${sources.flows.length} flows, ${sources.settings.length} settings OK\n`);
    return EXIT.ok;
  }
  io.stdout.write(`validate: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  return EXIT.failure;
};
