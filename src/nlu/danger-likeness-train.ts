/**
 * Trains the danger-likeness backstop (danger-likeness.ts) and writes content/danger/likeness.yaml:
 * fitted on all the training data (danger-likeness-fit.ts), with the threshold chosen on scores the
 * model could not have learnt: the calibration part's (danger-likeness-calibrate.ts, eighth round;
 * counts only), or without it the folds' (danger-likeness-folds.ts: each author's messages scored by
 * a model fitted without that author).
 *
 * Run: `npm run build && node dist/src/nlu/danger-likeness-train.js` (from the repository root).
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { LikenessModel } from './danger-likeness';
import { createDangerDetector } from './danger';
import type { DangerRules } from './danger-schema';
import { chooseThreshold, scoresBy } from './danger-likeness-folds';
import { CALIBRATION_999_BUDGET, CALIBRATION_QUESTION_BUDGET, chooseOnCalibration, outcomeOf, type Outcome } from './danger-likeness-calibrate';
import { DANGER_CALIBRATION_FILE, readDangerSet } from './danger-set';
import { draftModel, fit, LIKENESS_FILE, readTrainingData, type Example } from './danger-likeness-fit';
import type { Vocabulary } from './vocabulary';

export { fit, readTrainingData, LIKENESS_TRAINING_FILES, LIKENESS_FILE, type Example } from './danger-likeness-fit';

/**
 * Trains on all the training data. The folds' threshold comes from out-of-author scores
 * (chooseThreshold); since the eighth round the shipped threshold and demotion are chosen on the
 * calibration part when its file is there (danger-likeness-calibrate.ts; counts only), else the
 * folds' choice stands. `chosen:` records both.
 */
export function trainLikeness(root: string, danger: DangerRules, dev: readonly Example[], vocabulary: Vocabulary): LikenessModel {
  const rules = createDangerDetector({ ...danger, likeness: undefined }, { vocabulary });
  const { examples, hash } = readTrainingData(root, rules);
  const model = fit(examples, vocabulary);
  const choice = chooseThreshold(examples, dev, danger, vocabulary, model);
  const { oof, ...folds } = choice;
  let pick = { threshold: folds.threshold, demoteBelow: folds.demoteBelow };
  let calibration: Record<string, string> = { thresholdFrom: 'out-of-author folds (no calibration part)' };
  const file = path.join(root, DANGER_CALIBRATION_FILE);
  if (fs.existsSync(file)) {
    const scores = scoresBy(readDangerSet(file, DANGER_CALIBRATION_FILE), danger, vocabulary, model);
    const c = chooseOnCalibration(scores, folds);
    pick = { threshold: c.chosen.threshold, demoteBelow: c.chosen.demoteBelow };
    const line = (o: Outcome) => `caught ${o.caught}/${o.positives}, 999 ${o.alarms}/${o.negatives}, question ${o.questions}/${o.negatives}`;
    const authors = (o: { threshold: number; demoteBelow: number }) => {
      const x = outcomeOf(oof, o.threshold, o.demoteBelow);
      return `caught ${x.caught}/${x.positives} (${((100 * x.caught) / x.positives).toFixed(1)}%), 999 ${x.alarms}/${x.negatives}, question ${x.questions}/${x.negatives}`;
    };
    calibration = {
      thresholdFrom: c.budgetMet ? `calibration part (question <= ${CALIBRATION_QUESTION_BUDGET}, 999 <= ${CALIBRATION_999_BUDGET}, most recall)` : "out-of-author folds (the calibration part's budget is out of reach)",
      calibrationBudgetMet: c.budgetMet ? 'yes' : 'no',
      calibrationAtChosen: line(c.chosen),
      foldsChoice: `threshold ${folds.threshold}, demoteBelow ${folds.demoteBelow}`,
      calibrationAtFoldsChoice: line(c.folds),
      // What the rules give on their own (no backstop question; the folds' demotion): the floor any threshold starts from.
      calibrationRulesOnly: line(outcomeOf(scores, 1, folds.demoteBelow)),
      outOfAuthorAtChosen: authors(pick),
      outOfAuthorAtFoldsChoice: authors(folds),
    };
  }
  return {
    ...draftModel(model, hash, pick.threshold, pick.demoteBelow),
    chosen: { trainingExamples: examples.length, trainingDanger: examples.filter((e) => e.danger).length, ...folds.report, ...calibration },
  };
}

/** The YAML text of a trained model (stable, so a retrain with the same data writes the same file). */
export function renderLikeness(model: LikenessModel): string {
  return `# Written by src/nlu/danger-likeness-train.ts (see content/danger/README.md); do not edit by hand.\n${stringify(model, { lineWidth: 0 })}`;
}

/* c8 ignore start */
if (require.main === module) {
  // Loaded lazily so importing this module for tests does not pull the whole content loader.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadNluContent } = require('./load') as typeof import('./load');
  const { readDevSet, DEV_SET_FILE } = require('./dev-set') as typeof import('./dev-set');
  const root = process.cwd();
  const nlu = loadNluContent(root);
  const dev = readDevSet(path.join(root, DEV_SET_FILE), DEV_SET_FILE).filter((c) => c.danger !== undefined).map((c) => ({ text: c.text, danger: c.danger === true }));
  const model = trainLikeness(root, nlu.danger, dev, nlu.vocabulary);
  fs.writeFileSync(path.join(root, LIKENESS_FILE), renderLikeness(model));
  process.stdout.write(`${LIKENESS_FILE}: threshold ${model.threshold}, ${Object.keys(model.weights).length} weights\n${JSON.stringify(model.chosen, null, 2)}\n`);
}
/* c8 ignore stop */
