/**
 * `safestep validate`: loads and checks all content under the content root. Every problem goes
 * to stderr (one line each, `file:line [rule] …  Fix: …`), a one-line summary to stdout.
 * Policy documents past their review date are warnings (stderr, `warning: …`): they do not fail.
 * The induction quiz bank (content/quiz/, when present) is checked once the flows and settings
 * are valid, with a second summary line; so is the danger model (content/danger/), with a third.
 * Then a notice of each setting's DSL sign-off: none recorded (established content), a draft (not
 * served), or approved but its policy changed since. Exit 0 when there are no problems, 1 otherwise.
 */
import { inspectContent } from '../../authoring/load';
import { formatProblem } from '../../authoring/problem';
import { formatReviewWarning, reviewWarnings } from '../../authoring/review-dates';
import { loadConfig } from '../../config';
import { SafeStepError } from '../../core/errors';
import { inspectDanger } from '../../nlu/validate-danger';
import { inspectStaffMessages } from '../../nlu/validate-staff-messages';
import { describeSkipped } from '../../authoring/isolate';
import { inspectQuiz } from '../../quiz/load';
import { signOffNotices } from '../../deployment/approval';
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
  const { bundle, problems, sources, served, skipped } = inspectContent(contentRoot);
  // With a broken profile, the quiz is still checked for the settings that would be served.
  const quiz = served ? inspectQuiz(contentRoot, { ...served, skipped }) : undefined;
  const flows = (bundle ?? served?.bundle)?.flows;
  const danger = flows ? inspectDanger(contentRoot, flows) : undefined;
  const staff = flows && danger?.rules ? inspectStaffMessages(contentRoot, flows) : [];
  const all = [...problems, ...(quiz?.problems ?? []), ...(danger?.problems ?? []), ...staff];
  for (const p of all) io.stderr.write(`${formatProblem(p)}\n`);
  if (bundle && all.length === 0) {
    const warnings = reviewWarnings(bundle.settings.values(), today);
    for (const w of warnings) io.stderr.write(`warning: ${formatReviewWarning(w)}\n`);
    const note = warnings.length > 0 ? ` (${warnings.length} policy review warning${warnings.length === 1 ? '' : 's'})` : '';
    io.stdout.write(`validate: ${sources.flows.length} flows, ${sources.settings.length} settings OK${note}\n`);
    for (const line of signOffNotices(contentRoot, bundle.settings.values())) io.stdout.write(`${line}\n`);
    if (quiz?.quiz) io.stdout.write(`validate: quiz banks for ${quiz.quiz.settings.size} settings OK\n`);
    const d = danger?.rules;
    if (d) io.stdout.write(`validate: danger model OK (${Object.keys(d.cues).length} cues, ${d.signals.length} signals, ${d.cancellers.length} cancellers)\n`);
    return EXIT.ok;
  }
  for (const s of skipped) io.stderr.write(`${describeSkipped(s)}\n`);
  io.stdout.write(`validate: ${all.length} problem${all.length === 1 ? '' : 's'}\n`);
  return EXIT.failure;
};
