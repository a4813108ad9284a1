/**
 * Drawing an attempt's questions: a small seeded random number generator (so an attempt's
 * order is reproducible from the seed kept in its state), Fisher-Yates shuffling, and a draw
 * that goes round the policy areas so every area appears before any area appears twice. Pure.
 */

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** mulberry32: a fast, well-spread 32-bit generator; the same seed gives the same sequence. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator for one round of an attempt (round 1 is the first go; retakes are 2, 3 …). */
export function roundRng(seed: number, round: number): Rng {
  return seededRng((seed + Math.imul(round, 0x9e3779b9)) >>> 0);
}

/** A shuffled copy (Fisher-Yates); does not change `items`. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Picks `n` questions (all of them if there are fewer): areas in random order, one question from
 * each area in turn until `n` are picked, so every area appears when `n` is at least the number
 * of areas. The picked questions are then shuffled, so areas do not come in a fixed cycle.
 */
export function draw<Q extends { id: string; area: string }>(questions: readonly Q[], n: number, rng: Rng): Q[] {
  const byArea = new Map<string, Q[]>();
  for (const q of questions) byArea.set(q.area, [...(byArea.get(q.area) ?? []), q]);
  const queues = shuffle([...byArea.keys()], rng).map((area) => shuffle(byArea.get(area) ?? [], rng));
  const target = Math.min(Math.max(0, Math.floor(n)), questions.length);
  const picked: Q[] = [];
  while (picked.length < target) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next) picked.push(next);
      if (picked.length === target) break;
    }
  }
  return shuffle(picked, rng);
}
