/**
 * The tuning authors' missed danger messages by mechanism, out of author (issue 11, eleventh round):
 * each author's messages scored by a backstop fitted without them (rules in sample), at the shipped
 * threshold, demotion and override, then sorted by what stopped them (src/nlu/danger-misses.ts) and,
 * for the silenced ones, by the cancellers that spoke. Reads ONLY tuning material (DANGER_AUTHORS).
 * About three minutes on two cores (one fit per author).
 *
 * Run: `npm run build --silent && npx tsc -p tsconfig.bench.json && node dist/bench/danger-misses.js [--list]`
 * (`--list`: every miss with its author, score and cancellers).
 */
import path from 'node:path';
import { createDangerDetector } from '../src/nlu/danger';
import { outcomeOf } from '../src/nlu/danger-likeness-calibrate';
import { readTrainingData } from '../src/nlu/danger-likeness-fit';
import { outOfAuthorScores } from '../src/nlu/danger-likeness-folds';
import { countMechanisms, missesByMechanism } from '../src/nlu/danger-misses';
import { loadNluContent } from '../src/nlu/load';

/* c8 ignore start */
if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  const nlu = loadNluContent(root);
  const likeness = nlu.danger.likeness;
  if (!likeness) throw new Error('content/danger/likeness.yaml: no backstop to measure');
  const at = { threshold: likeness.threshold, demoteBelow: likeness.demoteBelow ?? 0, overrideAt: likeness.overrideAt ?? Infinity };
  const rules = createDangerDetector({ ...nlu.danger, likeness: undefined }, { vocabulary: nlu.vocabulary });
  // The cancellers that spoke: asked of a detector that would override any of them (overrideAt 0).
  const speaking = createDangerDetector({ ...nlu.danger, likeness: { ...likeness, overrideAt: 0 } }, { vocabulary: nlu.vocabulary });
  const cancellersOf = (text: string) => (speaking.detect(text).cancelledBy ?? []).filter((c) => c !== 'overridden-by-likeness');
  const scores = outOfAuthorScores(readTrainingData(root, rules).examples, nlu.danger, nlu.vocabulary);
  const o = outcomeOf(scores, at.threshold, at.demoteBelow, at.overrideAt);
  const misses = missesByMechanism(scores, at);
  const byCanceller: Record<string, number> = {};
  for (const m of misses) if (m.mechanism !== 'quiet-low') for (const c of cancellersOf(m.score.e.text)) byCanceller[c] = (byCanceller[c] ?? 0) + 1;
  const out = [
    `Out of author at threshold ${at.threshold}, demote below ${at.demoteBelow}, override at ${at.overrideAt}: caught ${o.caught}/${o.positives}, 999 ${o.alarms}/${o.negatives}, question ${o.questions}/${o.negatives}`,
    `Misses by mechanism: ${JSON.stringify(countMechanisms(misses))}`,
    `Cancellers on the silenced and shut ones: ${JSON.stringify(byCanceller)}`,
  ];
  if (process.argv.includes('--list')) {
    for (const m of misses) out.push(`${m.mechanism} ${m.score.e.author} score ${m.score.plain?.toFixed(2)} [${m.mechanism === 'quiet-low' ? '' : cancellersOf(m.score.e.text).join(', ')}] ${m.score.e.text}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
/* c8 ignore stop */
