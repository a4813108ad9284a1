/**
 * A worker thread of the by-author danger bench (bench/danger-authors.ts): fits the likeness backstop
 * on the training subsets it is given (each a list of indexes into the training examples) with the
 * shipped fit() and the vocabulary under `root`, and posts each model back as it is done. The same
 * code and inputs as a fit on the main thread, so the same numbers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fit, type Example } from '../src/nlu/danger-likeness-fit';
import { loadNluContent } from '../src/nlu/load';

/** What the bench hands a worker. */
export interface FitJob {
  root: string;
  examples: Example[];
  /** The subsets to fit: their number (to post back) and their examples' indexes, in order. */
  tasks: { id: number; indexes: number[] }[];
}

/** A fitted model as posted back (weights as entries, in fit()'s order). */
export interface FitResult {
  id: number;
  bias: number;
  weights: [string, number][];
  /** When it was done (epoch milliseconds, comparable across threads). */
  at: number;
}

/* c8 ignore start */
if (parentPort) {
  const job = workerData as FitJob;
  const { vocabulary } = loadNluContent(job.root);
  for (const t of job.tasks) {
    const m = fit(t.indexes.map((i) => job.examples[i]!), vocabulary);
    parentPort.postMessage({ id: t.id, bias: m.bias, weights: [...m.weights], at: performance.timeOrigin + performance.now() } satisfies FitResult);
  }
}
/* c8 ignore stop */
