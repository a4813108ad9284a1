/**
 * Nearest examples: each class is scored by the mean cosine similarity of its k most similar
 * training examples, and a softmax at a fixed temperature turns the scores into probabilities.
 * Router v1 was this alone; in v2 it is blended into the logistic regression's probabilities,
 * where it rescues messages that closely echo one example phrase. Pure after construction.
 */
import type { SparseVector, TfIdfIndex } from './tfidf';

/** Class probabilities for a vector, from its nearest training examples. */
export type NeighbourScorer = (v: SparseVector) => Float64Array;

/** Builds the scorer over `index`, whose documents are labelled `labels` (0 … classes-1). */
export function createNeighbourScorer(
  index: TfIdfIndex,
  labels: readonly number[],
  classes: number,
  options: { neighbours: number; temperature: number },
): NeighbourScorer {
  const k = Math.max(1, options.neighbours);
  const sizes = new Array<number>(classes).fill(0);
  for (const c of labels) sizes[c] = (sizes[c] ?? 0) + 1;
  const label = Int32Array.from(labels); // 4 bytes a document, not the caller's array
  return (v) => {
    const sims = index.similarities(v);
    const top = new Float64Array(classes * k); // per class, its k best similarities, best first
    for (let d = 0; d < sims.length; d++) {
      const s = sims[d]!;
      const c = label[d]!;
      if (s <= 0 || s <= top[c * k + k - 1]!) continue;
      let j = c * k + k - 1;
      while (j > c * k && top[j - 1]! < s) (top[j] = top[j - 1]!), j--;
      top[j] = s;
    }
    const out = new Float64Array(classes);
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += top[c * k + j]!;
      out[c] = sum / Math.max(1, Math.min(k, sizes[c] ?? 0));
      max = Math.max(max, out[c]!);
    }
    let total = 0;
    for (let c = 0; c < classes; c++) total += out[c] = Math.exp((out[c]! - max) / options.temperature);
    for (let c = 0; c < classes; c++) out[c]! /= total;
    return out;
  };
}
