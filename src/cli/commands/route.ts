/**
 * `safestep route [--setting ID] [TEXT]`: which flow a message goes to, and whether it signals
 * danger, as one JSON line:
 *   {"text","flow","confidence","alternatives":[{"flow","confidence"}],"danger","dangerQuestion",
 *    "dangerSignals","dangerCancelledBy","signals"}
 * `danger` true: the 999 reply comes first (certain); `dangerQuestion` true: SafeStep first asks
 * whether a child is in danger right now (possible); `dangerSignals`: the signals of
 * content/danger/signals.yaml that fired; `dangerCancelledBy`: the cancellers that lowered them;
 * `signals` repeats `dangerSignals` for older scripts.
 * Without TEXT, reads stdin and prints one JSON line per non-blank input line.
 * Exit 2 for bad usage or an unknown setting (stderr lists the valid ones), 1 for bad content.
 */
import readline from 'node:readline';
import { loadContent } from '../../authoring/load';
import { loadConfig } from '../../config';
import { SafeStepError, UnknownSettingError } from '../../core/errors';
import type { DangerDetector, Router } from '../../core/ports';
import { loadNlu } from '../../nlu/load';
import { parseArgs, UsageError } from '../args';
import { EXIT, type CliIO, type Command } from '../io';

const USAGE = 'Usage: safestep route [--setting ID] [TEXT]   (no TEXT: one message per line on stdin)\n';

/** Routes TEXT, or each line of stdin. */
export const route: Command = async (args, io) => {
  let flags: Record<string, string | true>;
  let positional: string[];
  try {
    ({ flags, positional } = parseArgs(args, { values: ['setting'] }));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`safestep route: ${err.message}\n${USAGE}`);
    return EXIT.usage;
  }
  let nlu: { router: Router; danger: DangerDetector };
  try {
    const config = loadConfig(io.env, io.root);
    const content = loadContent(config.contentRoot);
    const settingId = typeof flags.setting === 'string' ? flags.setting : config.settingId;
    if (settingId !== undefined && !content.settings.has(settingId)) {
      throw new UnknownSettingError(settingId, [...content.settings.keys()]);
    }
    nlu = loadNlu(config.contentRoot, [...content.flows.values()]);
  } catch (err) {
    if (!(err instanceof SafeStepError)) throw err;
    io.stderr.write(`safestep route: ${err.message}\n`);
    return err.code === 'unknown_setting' ? EXIT.usage : EXIT.failure;
  }
  if (positional.length > 0) {
    writeVerdict(io, nlu, positional.join(' '));
    return EXIT.ok;
  }
  const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (text !== '') writeVerdict(io, nlu, text);
  }
  return EXIT.ok;
};

/** Writes one JSON line for `text`; confidences are rounded to three decimals. */
function writeVerdict(io: CliIO, nlu: { router: Router; danger: DangerDetector }, text: string): void {
  const r = nlu.router.route(text);
  const d = nlu.danger.detect(text);
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  const verdict = {
    text,
    flow: r.flow,
    confidence: round(r.confidence),
    alternatives: r.alternatives.map((a) => ({ flow: a.flow, confidence: round(a.confidence) })),
    danger: d.danger,
    dangerQuestion: d.question === true,
    dangerSignals: d.signals,
    dangerCancelledBy: d.cancelledBy ?? [],
    signals: d.signals,
  };
  io.stdout.write(`${JSON.stringify(verdict)}\n`);
}
