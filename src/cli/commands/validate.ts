/**
 * `safestep validate`: loads and checks all content under the content root. Every problem goes
 * to stderr (one line each, `file:line [rule] …  Fix: …`), a one-line summary to stdout.
 * Policy documents past their review date are warnings (stderr, `warning: …`): they do not fail.
 * Exit 0 when there are no problems, 1 otherwise.
 */
import { inspectContent } from '../../authoring/load';
import { formatProblem } from '../../authoring/problem';
import { formatReviewWarning, reviewWarnings } from '../../authoring/review-dates';
import { loadConfig } from '../../config';
import { SafeStepError } from '../../core/errors';
import { EXIT } from '../io';
import type { Command } from '../io';

/** Validates the content; arguments are ignored. */
export const validate: Command = async (_args, io) => {
  let contentRoot: string;
  let today: Date;
  try {
    const config = loadConfig(io.env, io.root);
    contentRoot = config.contentRoot;
    today = config.today();
  } catch (err) {
    if (!(err instanceof SafeStepError)) throw err;
    io.stderr.write(`${err.message}\n`);
    return EXIT.failure;
  }
  const { bundle, problems, sources } = inspectContent(contentRoot);
  for (const p of problems) io.stderr.write(`${formatProblem(p)}\n`);
  if (bundle) {
    const warnings = reviewWarnings(bundle.settings.values(), today);
    for (const w of warnings) io.stderr.write(`warning: ${formatReviewWarning(w)}\n`);
    const note = warnings.length > 0 ? ` (${warnings.length} policy review warning${warnings.length === 1 ? '' : 's'})` : '';
    io.stdout.write(`validate: ${sources.flows.length} flows, ${sources.settings.length} settings OK${note}\n`);
    return EXIT.ok;
  }
  io.stdout.write(`validate: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  return EXIT.failure;
};
