/**
 * `safestep nlu export`: every example phrase of every flow as JSON lines {"text","flow"}, the
 * router's training data, e.g. to start a dev set.
 * `safestep nlu eval`: reads a dev set as JSON lines {"text","flow"} (flow null: out of scope)
 * on stdin and prints one JSON line measuring the router on it (accuracy, wrong flows, misses,
 * failures). Exit 2 for bad usage or a bad dev-set line, 1 for bad content.
 */
import readline from 'node:readline';
import { z } from 'zod';
import { loadContent } from '../../authoring/load';
import { loadConfig } from '../../config';
import { SafeStepError } from '../../core/errors';
import type { ContentBundle } from '../../core/content';
import { evaluateRouter, type LabelledMessage } from '../../nlu/evaluate';
import { loadNlu } from '../../nlu/load';
import { EXIT, type CliIO, type Command } from '../io';

const USAGE = 'Usage: safestep nlu export | safestep nlu eval < dev-set.jsonl\n';
const DevLine = z.strictObject({ text: z.string().min(1), flow: z.string().min(1).nullable() });

/** Dispatches `nlu export` and `nlu eval`. */
export const nlu: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if ((sub !== 'export' && sub !== 'eval') || rest.length > 0) {
    io.stderr.write(USAGE);
    return EXIT.usage;
  }
  let content: ContentBundle;
  let root: string;
  try {
    root = loadConfig(io.env, io.root).contentRoot;
    content = loadContent(root);
  } catch (err) {
    if (!(err instanceof SafeStepError)) throw err;
    io.stderr.write(`safestep nlu: ${err.message}\n`);
    return EXIT.failure;
  }
  if (sub === 'export') {
    for (const flow of content.flows.values()) {
      for (const text of flow.examples) io.stdout.write(`${JSON.stringify({ text, flow: flow.id })}\n`);
    }
    return EXIT.ok;
  }
  return evaluate(io, root, content);
};

async function evaluate(io: CliIO, root: string, content: ContentBundle): Promise<number> {
  const messages: LabelledMessage[] = [];
  let n = 0;
  for await (const line of readline.createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    n++;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    const m = DevLine.safeParse(parsed);
    if (!m.success) {
      io.stderr.write(`safestep nlu eval: stdin line ${n}: expected {"text": "...", "flow": "flow-id" or null}\n`);
      return EXIT.usage;
    }
    messages.push(m.data);
  }
  try {
    const { router } = loadNlu(root, [...content.flows.values()]);
    io.stdout.write(`${JSON.stringify({ threshold: router.threshold, ...evaluateRouter(router, messages) })}\n`);
    return EXIT.ok;
  } catch (err) {
    if (!(err instanceof SafeStepError)) throw err;
    io.stderr.write(`safestep nlu: ${err.message}\n`);
    return EXIT.failure;
  }
}
