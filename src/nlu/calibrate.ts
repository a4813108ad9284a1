/**
 * Turns class scores (mean cosine of the nearest examples, 0..1) into probabilities a threshold
 * can mean something against: a softmax with a temperature over the classes plus one extra
 * "matches nothing" score, so a message like no example at all lands out of scope rather than
 * being spread evenly over the flows. Temperature and no-match score are fitted to the training
 * examples by leave-one-out (each example scored against all the others), minimising log-loss.
 */

/** Softmax parameters. */
export interface Calibration {
  /** Softmax temperature on cosine scores: lower is sharper. */
  temperature: number;
  /** The score of the implicit "matches nothing" class, counted as out of scope. */
  noMatchScore: number;
}

/** One leave-one-out sample: its class scores (out-of-scope class included) and its true class. */
export interface CalibrationSample {
  scores: Float64Array;
  target: number;
}

/**
 * Probabilities of each class, in the order of `scores`, followed by the no-match class.
 * Sums to 1.
 */
export function probabilities(scores: ArrayLike<number>, c: Calibration): Float64Array {
  const out = new Float64Array(scores.length + 1);
  let max = c.noMatchScore;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i] ?? 0);
  let sum = 0;
  for (let i = 0; i <= scores.length; i++) {
    const s = i < scores.length ? (scores[i] ?? 0) : c.noMatchScore;
    const e = Math.exp((s - max) / c.temperature);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  return out;
}

/**
 * A sample reduced to what the loss needs: its non-zero scores (highest first), how many are
 * zero, its target's score. Most classes share no word with a given example, so this saves most of the exp() calls
 * (which matter: under jest's VM contexts Math.exp is ~15× slower than in plain Node).
 */
interface Prepared {
  nonZero: Float64Array;
  zeros: number;
  max: number;
  targetScore: number;
  outOfScope: boolean;
}

function prepare(s: CalibrationSample, oosClass: number): Prepared {
  const nonZero = s.scores.filter((x) => x > 0).sort((a, b) => b - a);
  return {
    nonZero,
    zeros: s.scores.length - nonZero.length,
    max: nonZero.reduce((m, x) => Math.max(m, x), 0),
    targetScore: s.scores[s.target] ?? 0,
    outOfScope: s.target === oosClass,
  };
}

/** Mean negative log-likelihood; the out-of-scope class and no-match count as one. */
export function logLoss(samples: readonly CalibrationSample[], oosClass: number, c: Calibration): number {
  return preparedLoss(samples.map((s) => prepare(s, oosClass)), c);
}

function preparedLoss(samples: readonly Prepared[], { temperature: t, noMatchScore: b }: Calibration): number {
  let total = 0;
  for (const s of samples) {
    const max = Math.max(s.max, b);
    const noMatch = Math.exp((b - max) / t);
    let sum = noMatch + (s.zeros > 0 ? s.zeros * Math.exp(-max / t) : 0);
    for (const x of s.nonZero) {
      const z = (x - max) / t;
      if (z < -30) break; // sorted: the rest add less than 1e-13 each
      sum += Math.exp(z);
    }
    const hit = Math.exp((s.targetScore - max) / t) + (s.outOfScope ? noMatch : 0);
    total -= Math.log(Math.max(hit / sum, 1e-12));
  }
  return total / Math.max(samples.length, 1);
}

/** Grid-searches temperature and no-match score (coarse, then fine) to minimise log-loss. */
export function fitCalibration(samples: readonly CalibrationSample[], oosClass: number): Calibration {
  let best: Calibration = { temperature: 0.1, noMatchScore: 0.1 };
  if (samples.length === 0) return best;
  const prepared = samples.map((s) => prepare(s, oosClass));
  let bestLoss = Infinity;
  const search = (temperatures: number[], noMatch: number[]): void => {
    for (const temperature of temperatures) {
      for (const noMatchScore of noMatch) {
        const c = { temperature, noMatchScore };
        const loss = preparedLoss(prepared, c);
        if (loss < bestLoss) [best, bestLoss] = [c, loss];
      }
    }
  };
  search(geometric(0.01, 0.4, 7), linear(0, 0.45, 10));
  const { temperature: t, noMatchScore: b } = best;
  search(geometric(t / 1.5, t * 1.5, 5), linear(Math.max(0, b - 0.04), b + 0.04, 5));
  return best;
}

function geometric(from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => from * Math.pow(to / from, i / (n - 1)));
}

function linear(from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
}
