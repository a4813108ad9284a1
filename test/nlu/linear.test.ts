/**
 * The logistic regression on tiny, hand-checkable problems: it learns which features belong to
 * which class, gives probabilities, is deterministic, and is sure only where the data are.
 */
import { trainLinear } from '../../src/nlu/linear';
import type { SparseVector } from '../../src/nlu/tfidf';

const vec = (...terms: string[]): SparseVector => {
  const w = 1 / Math.sqrt(terms.length);
  return new Map(terms.map((t) => [t, w]));
};

const vectors = [vec('phone', 'pocket'), vec('phone', 'silent'), vec('nude', 'pic'), vec('naked', 'pic'), vec('lunch', 'menu'), vec('payslip')];
const labels = [0, 0, 1, 1, 2, 2];
const model = trainLinear(vectors, labels, 3);

test('learns each class from its own words', () => {
  const argmax = (p: Float64Array) => p.indexOf(Math.max(...p));
  expect(argmax(model.probabilities(vec('phone')))).toBe(0);
  expect(argmax(model.probabilities(vec('nude')))).toBe(1);
  expect(argmax(model.probabilities(vec('menu')))).toBe(2);
});

test('gives probabilities that sum to 1, sure where the data are and unsure where not', () => {
  const sure = model.probabilities(vec('nude', 'pic'));
  const unknown = model.probabilities(vec('never-seen'));
  expect([...sure].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  expect(sure[1]).toBeGreaterThan(0.6);
  // Converged on six examples with a tiny penalty, the bias carries a little of the fit ('payslip'
  // alone is class 2), so an unknown word leans to no class by much (the router never asks the
  // regression about a message with no known word).
  expect(Math.max(...unknown)).toBeLessThan(0.6);
  expect(Math.max(...unknown)).toBeLessThan(sure[1]! - 0.3);
});

test('is deterministic: the same data train the same model', () => {
  const again = trainLinear(vectors, labels, 3);
  expect([...again.probabilities(vec('phone', 'pic'))]).toEqual([...model.probabilities(vec('phone', 'pic'))]);
});

test('sgd: the seed sets the training order: the default is 12345, another seed trains a (slightly) different model', () => {
  const options = { l2: 5e-5, epochs: 20, rate: 0.5, solver: 'sgd' as const };
  const probe = vec('phone', 'pic');
  const shipped = trainLinear(vectors, labels, 3, options).probabilities(probe);
  expect([...trainLinear(vectors, labels, 3, { ...options, seed: 12345 }).probabilities(probe)]).toEqual([...shipped]);
  const other = trainLinear(vectors, labels, 3, { ...options, seed: 7 }).probabilities(probe);
  expect([...other]).not.toEqual([...shipped]);
  // Clear cases agree whatever the order; a near tie ('phone' and 'pic') is where orders differ.
  const clear = trainLinear(vectors, labels, 3, { ...options, seed: 7 }).probabilities(vec('nude', 'pic'));
  expect(clear.indexOf(Math.max(...clear))).toBe(1);
});

test('lbfgs (the default) converges, and the order of the examples does not change the model', () => {
  expect(model.fit?.converged).toBe(true);
  expect(model.fit?.gradientMax).toBeLessThanOrEqual(2e-5);
  const order = [3, 0, 5, 1, 4, 2];
  const shuffled = trainLinear(order.map((i) => vectors[i]!), order.map((i) => labels[i]!), 3);
  for (const probe of [vec('phone', 'pic'), vec('nude'), vec('menu', 'pocket'), vec('never-seen')]) {
    const a = model.probabilities(probe);
    const b = shuffled.probabilities(probe);
    // Six separable examples and a tiny penalty make a very flat minimum: within the stopping
    // tolerance the probabilities agree to a few thousandths (SGD's orders differ far more, below).
    a.forEach((p, c) => expect(Math.abs(p - b[c]!)).toBeLessThan(5e-3));
  }
  // The seed only orders the two warm-up SGD passes: L-BFGS ends at the same minimum.
  const seeded = trainLinear(vectors, labels, 3, { l2: 5e-5, epochs: 20, rate: 0.5, seed: 7 }).probabilities(vec('phone', 'pic'));
  model.probabilities(vec('phone', 'pic')).forEach((p, c) => expect(Math.abs(p - seeded[c]!)).toBeLessThan(5e-3));
  const sgd = (seed: number) => trainLinear(vectors, labels, 3, { l2: 5e-5, epochs: 20, rate: 0.5, solver: 'sgd', seed }).probabilities(vec('phone', 'pic'));
  expect(Math.abs(sgd(7)[0]! - sgd(12345)[0]!)).toBeGreaterThan(Math.abs(seeded[0]! - model.probabilities(vec('phone', 'pic'))[0]!));
});

test('lbfgs reaches a lower regularised loss than 20 passes of sgd', () => {
  const loss = (m: ReturnType<typeof trainLinear>, l2: number) => {
    let sum = 0;
    vectors.forEach((v, i) => (sum -= Math.log(m.probabilities(v)[labels[i]!]!)));
    const w = m.state().weights;
    let penalty = 0;
    for (const x of w) penalty += x * x;
    return sum / vectors.length + (l2 / 2) * penalty;
  };
  const sgd = trainLinear(vectors, labels, 3, { l2: 5e-5, epochs: 20, rate: 0.5, solver: 'sgd' });
  expect(loss(model, 5e-5)).toBeLessThan(loss(sgd, 5e-5));
  expect(model.fit?.value).toBeCloseTo(loss(model, 5e-5), 8);
});

test('a larger L2 penalty makes it less sure', () => {
  const smooth = trainLinear(vectors, labels, 3, { l2: 0.05, epochs: 20, rate: 0.5 });
  expect(smooth.probabilities(vec('nude', 'pic'))[1]).toBeLessThan(model.probabilities(vec('nude', 'pic'))[1]!);
});
