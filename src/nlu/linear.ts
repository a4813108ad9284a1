/**
 * Multinomial logistic regression (softmax regression) over sparse TF-IDF vectors with L2
 * regularisation. It learns which features matter for which class ("bullying" says cyberbullying
 * wherever it appears), which nearest-example matching cannot.
 * Default solver 'lbfgs' (issue 12, round 4): full-batch L-BFGS (lbfgs.ts) to the minimum of the
 * convex loss, so the model no longer depends on the order of the examples. The earlier solver,
 * 'sgd' (stochastic gradient descent, `epochs` passes in a fixed pseudo-random order `seed`), was
 * not converged after its 20 passes: another order moved routing accuracy by a point or two
 * (docs/routing-notes.md). It is kept as an option for comparison.
 * Built for start-up speed: examples are packed into flat typed arrays (CSR), weights are stored
 * feature-major (one feature's classes side by side); SGD applies L2 decay by scaling the whole
 * weight vector (w = scale · v, Bottou's trick).
 */
import { minimise, type LbfgsResult } from './lbfgs';
import type { SparseVector } from './tfidf';

/** Training settings. */
export interface LinearOptions {
  /** L2 penalty per weight: larger is smoother and less sure. */
  l2: number;
  /** Passes over the training set. */
  epochs: number;
  /** Initial step size (it decays as 1 / (1 + rate · l2 · step)). */
  rate: number;
  /**
   * How the weights are found: 'lbfgs' minimises the regularised loss to convergence (full batch,
   * independent of example order); 'sgd' is the earlier stochastic gradient descent, `epochs`
   * passes in the order `seed` gives. Default 'lbfgs'.
   */
  solver?: 'sgd' | 'lbfgs';
  /**
   * Seed of the fixed pseudo-random order SGD visits the examples in (optional; 12345). With
   * 'sgd' another order moves accuracy by a point or two; with 'lbfgs' it orders only the warm-up
   * passes and the minimum reached is the same.
   */
  seed?: number;
}

/** A trained model. Pure. */
export interface LinearModel {
  /** Probability of each class (sums to 1). */
  probabilities(v: SparseVector): Float64Array;
  /** The weights as plain data, for a cache (restoreLinear rebuilds the model exactly). */
  state(): LinearState;
  /** How full-batch training ended (solver 'lbfgs', not restored from a cache): iterations, convergence. */
  readonly fit?: LbfgsResult;
}

/** A trained model as data: its features in order, and weight (feature j, class c) at j·classes + c (bias last). */
export interface LinearState {
  features: string[];
  classes: number;
  weights: Float64Array;
}

export const DEFAULT_LINEAR: LinearOptions = { l2: 5e-5, epochs: 20, rate: 0.5 };

/**
 * Trains on `vectors` labelled `labels` (0 … classes-1). `weights`: how much each example counts
 * in the loss (default 1 each; solver 'lbfgs' only).
 */
export function trainLinear(
  vectors: readonly SparseVector[],
  labels: readonly number[],
  classes: number,
  options: LinearOptions = DEFAULT_LINEAR,
  weights?: readonly number[],
): LinearModel {
  const ids = new Map<string, number>();
  let nnz = 0;
  for (const v of vectors) {
    nnz += v.size;
    for (const t of v.keys()) if (!ids.has(t)) ids.set(t, ids.size);
  }
  // CSR rows; column `features` is the bias (value 1) on every row.
  const features = ids.size;
  const n = vectors.length;
  const start = new Int32Array(n + 1);
  const col = new Int32Array(nnz + n);
  const val = new Float64Array(nnz + n);
  let at = 0;
  vectors.forEach((v, r) => {
    start[r] = at;
    for (const [t, x] of v) (col[at] = ids.get(t) as number), (val[at++] = x);
    (col[at] = features), (val[at++] = 1);
  });
  start[n] = at;

  const size = (features + 1) * classes; // weight of (feature j, class c) at j*classes + c
  const rows = { start, col, val, n, features };
  const w = new Float64Array(size);
  if ((options.solver ?? 'lbfgs') === 'sgd') {
    descend(rows, labels, classes, options, options.epochs, w);
    return modelOf([...ids.keys()], classes, w);
  }
  // A few SGD passes bring the weights near the minimum cheaply; L-BFGS then converges from there
  // to the one minimum, whatever the order of those passes (WARM_PASSES).
  descend(rows, labels, classes, options, WARM_PASSES, w);
  const fit = fullBatch(rows, labels, classes, options.l2, w, weights);
  return { ...modelOf([...ids.keys()], classes, w), fit };
}

/** SGD passes starting from (and updating) `w`, in the order `options.seed` gives. */
function descend(rows: Rows, labels: readonly number[], classes: number, options: LinearOptions, epochs: number, w: Float64Array): void {
  const { start, col, val, n } = rows;
  const size = w.length;
  const p = new Float64Array(classes);
  const order = shuffled(n, options.seed ?? 12345);
  let scale = 1;
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const r of order) {
      const from = start[r]!;
      const to = start[r + 1]!;
      const eta = options.rate / (1 + options.rate * options.l2 * t++);
      softmax(w, classes, col, val, from, to, p, scale);
      p[labels[r]!]! -= 1; // p is now the gradient of the loss with respect to the scores
      scale *= 1 - eta * options.l2;
      const step = eta / scale;
      for (let k = from; k < to; k++) {
        const base = col[k]! * classes;
        const x = val[k]! * step;
        for (let c = 0; c < classes; c++) w[base + c]! -= p[c]! * x;
      }
      if (scale < 1e-6) {
        for (let i = 0; i < size; i++) w[i]! *= scale;
        scale = 1;
      }
    }
  }
  for (let i = 0; i < size; i++) w[i]! *= scale;
}

/** Training rows packed as CSR (the bias is column `features`). */
interface Rows {
  start: Int32Array;
  col: Int32Array;
  val: Float64Array;
  n: number;
  features: number;
}

/** SGD passes before L-BFGS (a start only: the minimum L-BFGS reaches does not depend on them). */
const WARM_PASSES = 2;

/**
 * When full-batch training stops: the largest gradient entry at 5e-6, or an iteration that lowers
 * the loss by less than 1e-10 of it. At 2e-5 two warm-start orders still differed by a message or
 * two on the real-world sets; at 5e-6 every figure was the same for every order tried.
 */
const FIT = { gradientTolerance: 5e-6, relativeDecrease: 1e-10, maxIterations: 1000 };

/**
 * The weights minimising mean (weighted) cross-entropy + l2/2 · |w|² (bias included, as SGD's
 * decay did), by L-BFGS from `w` (updated in place): the unique minimum of a convex loss, so the
 * order of the examples does not matter.
 */
function fullBatch(rows: Rows, labels: readonly number[], classes: number, l2: number, w: Float64Array, weights?: readonly number[]): LbfgsResult {
  const { start, col, val, n } = rows;
  const p = new Float64Array(classes);
  const objective = (x: Float64Array, grad: Float64Array): number => {
    let loss = 0;
    grad.fill(0);
    for (let r = 0; r < n; r++) {
      const from = start[r]!;
      const to = start[r + 1]!;
      softmax(x, classes, col, val, from, to, p, 1);
      const y = labels[r]!;
      const weight = weights?.[r] ?? 1;
      loss -= weight * Math.log(Math.max(p[y]!, 1e-300));
      p[y]! -= 1;
      for (let k = from; k < to; k++) {
        const base = col[k]! * classes;
        const v = val[k]! * weight;
        for (let c = 0; c < classes; c++) grad[base + c]! += p[c]! * v;
      }
    }
    let penalty = 0;
    for (let i = 0; i < x.length; i++) {
      grad[i] = grad[i]! / n + l2 * x[i]!;
      penalty += x[i]! * x[i]!;
    }
    return loss / n + (l2 / 2) * penalty;
  };
  return minimise(objective, w, FIT);
}

/** Rebuilds a model from its state (see LinearModel.state). */
export function restoreLinear(state: LinearState): LinearModel {
  if (state.weights.length !== (state.features.length + 1) * state.classes) throw new Error('linear model state: weights do not match features × classes');
  return modelOf(state.features, state.classes, state.weights);
}

/** The model with weights `w` over `names` (bias after the last feature). */
function modelOf(names: readonly string[], classes: number, w: Float64Array): LinearModel {
  const ids = new Map(names.map((t, i) => [t, i]));
  const features = names.length;
  return {
    probabilities(v: SparseVector): Float64Array {
      const c: number[] = [];
      const x: number[] = [];
      for (const [term, value] of v) {
        const id = ids.get(term);
        if (id !== undefined) (c.push(id), x.push(value));
      }
      c.push(features);
      x.push(1);
      const out = new Float64Array(classes);
      softmax(w, classes, Int32Array.from(c), Float64Array.from(x), 0, c.length, out, 1);
      return out;
    },
    state: () => ({ features: [...names], classes, weights: w }),
  };
}

/** Softmax of the class scores of one row (entries from … to-1 of col/val) into `out`. */
function softmax(w: Float64Array, classes: number, col: Int32Array, val: Float64Array, from: number, to: number, out: Float64Array, scale: number): void {
  out.fill(0);
  for (let k = from; k < to; k++) {
    const base = col[k]! * classes;
    const x = val[k]! * scale;
    for (let c = 0; c < classes; c++) out[c]! += w[base + c]! * x;
  }
  let max = -Infinity;
  for (let c = 0; c < classes; c++) max = Math.max(max, out[c]!);
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < classes; c++) out[c]! /= sum;
}

/** 0 … n-1 in a fixed pseudo-random order (Park-Miller generator, Fisher-Yates shuffle). */
function shuffled(n: number, start: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let seed = start;
  for (let i = n - 1; i > 0; i--) {
    seed = (seed * 16807) % 2147483647;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
