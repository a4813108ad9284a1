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
  expect(Math.max(...unknown)).toBeLessThan(0.5);
});

test('is deterministic: the same data train the same model', () => {
  const again = trainLinear(vectors, labels, 3);
  expect([...again.probabilities(vec('phone', 'pic'))]).toEqual([...model.probabilities(vec('phone', 'pic'))]);
});

test('the seed sets the training order: the default is 12345, another seed trains a (slightly) different model', () => {
  const probe = vec('phone', 'pic');
  const options = { l2: 5e-5, epochs: 20, rate: 0.5 };
  expect([...trainLinear(vectors, labels, 3, { ...options, seed: 12345 }).probabilities(probe)]).toEqual([...model.probabilities(probe)]);
  const other = trainLinear(vectors, labels, 3, { ...options, seed: 7 }).probabilities(probe);
  expect([...other]).not.toEqual([...model.probabilities(probe)]);
  // Clear cases agree whatever the order; a near tie ('phone' and 'pic') is where orders differ.
  const clear = trainLinear(vectors, labels, 3, { ...options, seed: 7 }).probabilities(vec('nude', 'pic'));
  expect(clear.indexOf(Math.max(...clear))).toBe(1);
});

test('a larger L2 penalty makes it less sure', () => {
  const smooth = trainLinear(vectors, labels, 3, { l2: 0.05, epochs: 20, rate: 0.5 });
  expect(smooth.probabilities(vec('nude', 'pic'))[1]).toBeLessThan(model.probabilities(vec('nude', 'pic'))[1]!);
});
