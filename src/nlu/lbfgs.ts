/**
 * Limited-memory BFGS (L-BFGS): minimises a smooth convex function from its value and gradient,
 * with a backtracking (Armijo) line search. Full-batch and deterministic: the same function gives
 * the same minimum whatever order its terms are summed in (up to rounding), which is why the
 * router's regression uses it (linear.ts) instead of stochastic gradient descent, whose result
 * depended on the order examples were visited in (docs/routing-notes.md).
 */

/** Writes the gradient at `x` into `grad` and returns the value at `x`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Stopping rules; all optional. */
export interface LbfgsOptions {
  /** Stop when the largest gradient entry is at most this (default 1e-5). */
  gradientTolerance?: number;
  /** Stop when an iteration lowers the value by less than this share of it (default 1e-10). */
  relativeDecrease?: number;
  /** At most this many iterations (default 500). */
  maxIterations?: number;
  /** Remembered steps (default 10). */
  memory?: number;
}

/** How the minimisation ended. */
export interface LbfgsResult {
  value: number;
  iterations: number;
  /** The largest gradient entry at the end: near 0 means converged. */
  gradientMax: number;
  converged: boolean;
}

/** Minimises `f` starting from `x` (updated in place to the minimum found). */
export function minimise(f: Objective, x: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const tolerance = options.gradientTolerance ?? 1e-5;
  const relative = options.relativeDecrease ?? 1e-10;
  const maxIterations = options.maxIterations ?? 500;
  const m = options.memory ?? 10;
  const n = x.length;
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  let value = f(x, g);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    if (maxAbs(g) <= tolerance) return { value, iterations, gradientMax: maxAbs(g), converged: true };
    // Two-loop recursion: d = -H·g.
    d.set(g);
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(s[k]!, d);
      axpy(-alpha[k]!, y[k]!, d);
    }
    const last = s.length - 1;
    const gamma = last >= 0 ? dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) d[i]! *= gamma;
    for (let k = 0; k < s.length; k++) axpy(alpha[k]! - rho[k]! * dot(y[k]!, d), s[k]!, d);
    for (let i = 0; i < n; i++) d[i] = -d[i]!;
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (rounding): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i]!;
      slope = -dot(g, g);
    }
    let step = 1;
    let next = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      next = f(xNew, gNew);
      if (next <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(next < value)) return { value, iterations, gradientMax: maxAbs(g), converged: false };
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) (sk[i] = xNew[i]! - x[i]!), (yk[i] = gNew[i]! - g[i]!);
    const sy = dot(sk, yk);
    if (sy > 1e-12) {
      if (s.length === m) (s.shift(), y.shift(), rho.shift());
      s.push(sk), y.push(yk), rho.push(1 / sy);
    }
    const decrease = value - next;
    x.set(xNew);
    g.set(gNew);
    value = next;
    if (decrease <= relative * Math.abs(value)) return { value, iterations: iterations + 1, gradientMax: maxAbs(g), converged: true };
  }
  return { value, iterations, gradientMax: maxAbs(g), converged: maxAbs(g) <= tolerance };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** y += a·x */
function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i]! += a * x[i]!;
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  return max;
}
