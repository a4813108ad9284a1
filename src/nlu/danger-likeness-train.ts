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
import { chooseOverride, OVERRIDE_BUDGET } from './danger-likeness-override';
import { CALIBRATION_999_BUDGET, CALIBRATION_QUESTION_BUDGET, chooseOnCalibration, dangersDemoted, outcomeOf, type Outcome } from './danger-likeness-calibrate';
import { DANGER_CALIBRATION_2_FILE, DANGER_CALIBRATION_3_FILE, DANGER_CALIBRATION_4_FILE, DANGER_CALIBRATION_5_FILE, DANGER_CALIBRATION_FILE, readDangerSet } from './danger-set';
import { draftModel, fit, LIKENESS_FILE, readTrainingData, type Example } from './danger-likeness-fit';
import type { Vocabulary } from './vocabulary';

/** The calibration parts (V, AC, AD since the tenth round, AI since the eleventh and AN since the twelfth), pooled for the threshold choice when on disk (never trained on or printed). */
export const CALIBRATION_FILES = [DANGER_CALIBRATION_FILE, DANGER_CALIBRATION_2_FILE, DANGER_CALIBRATION_3_FILE, DANGER_CALIBRATION_4_FILE, DANGER_CALIBRATION_5_FILE] as const;

export { fit, readTrainingData, LIKENESS_TRAINING_FILES, LIKENESS_FILE, type Example } from './danger-likeness-fit';

/**
 * Trains on all the training data. The folds' threshold comes from out-of-author scores
 * (chooseThreshold); since the eighth round the shipped threshold and demotion are chosen on the
 * calibration parts, pooled, when their files are there (danger-likeness-calibrate.ts; counts only;
 * both V's and, since the ninth round, AC's), else the folds' choice stands. `chosen:` records both.
 */
export function trainLikeness(root: string, danger: DangerRules, dev: readonly Example[], vocabulary: Vocabulary): LikenessModel {
  const rules = createDangerDetector({ ...danger, likeness: undefined }, { vocabulary });
  const { examples, hash } = readTrainingData(root, rules);
  const model = fit(examples, vocabulary);
  const choice = chooseThreshold(examples, dev, danger, vocabulary, model);
  const { oof, ...folds } = choice;
  // Tenth round: the backstop may overrule a canceller when it is sure; chosen out of author, before the threshold.
  const override = chooseOverride(oof, folds.threshold);
  const overrideAt = override?.overrideAt ?? Infinity;
  const overrideReport: Record<string, string> = {
    overrideFrom: `out-of-author folds (questions on silenced non-danger <= ${OVERRIDE_BUDGET} of all)`,
    overrideOutOfAuthor: override ? `at ${override.overrideAt}: asks on ${override.caught} of ${override.silencedDanger} silenced danger, ${override.questions}/${override.negatives} non-danger` : 'none (nothing caught within the budget)',
  };
  let pick = { threshold: folds.threshold, demoteBelow: folds.demoteBelow, overrideAt };
  let calibration: Record<string, string> = { thresholdFrom: 'out-of-author folds (no calibration part)' };
  // Ninth round: every calibration part on disk, pooled (V, and AC since the ninth round); counts only.
  const parts = CALIBRATION_FILES.filter((f) => fs.existsSync(path.join(root, f))).map((f) => ({
    name: f.replace(/^.*danger-real-|\.yaml$/g, ''),
    scores: scoresBy(readDangerSet(path.join(root, f), f), danger, vocabulary, model),
  }));
  if (parts.length > 0) {
    // The threshold stays at or under the score of every hand-written danger example that the rules leave to
    // the backstop and the folds' choice catches (ninth round: pooled, the budget alone chose 0.655 and
    // dropped some), as it stays above every near-miss: buying the budget never loses one of those.
    const backstop = createDangerDetector({ ...danger, likeness: draftModel(model, hash, 0.5) }, { vocabulary });
    const mustCatch = examples
      .filter((e) => e.danger && !e.author)
      .map((e) => backstop.likenessOf(e.text))
      .filter((x): x is number => x !== undefined && x >= folds.threshold);
    const cap = Math.floor(Math.min(1, ...mustCatch) * 1000) / 1000;
    // Twelfth round: demotion raised on the parts stays at or under the demotion score of every hand-written
    // danger example the rules give 999 (its first retrain demoted "a pupil said he wants to kill himself").
    const handWritten = scoresBy(examples.filter((e) => e.danger && !e.author), danger, vocabulary, model).filter((x) => x.certain);
    const demoteCap = Math.floor(Math.min(0.5, ...handWritten.map((x) => x.raw)) * 1000) / 1000;
    const pooled = parts.flatMap((x) => x.scores);
    const c = chooseOnCalibration(pooled, { ...folds, overrideAt }, cap, demoteCap);
    pick = { threshold: c.chosen.threshold, demoteBelow: c.chosen.demoteBelow, overrideAt: c.chosen.overrideAt ?? Infinity };
    const demoted = dangersDemoted(pooled, pick.demoteBelow);
    const line = (o: Outcome) => `caught ${o.caught}/${o.positives}, 999 ${o.alarms}/${o.negatives}, question ${o.questions}/${o.negatives}`;
    const authors = (o: { threshold: number; demoteBelow: number; overrideAt?: number }) => {
      const x = outcomeOf(oof, o.threshold, o.demoteBelow, o.overrideAt);
      return `caught ${x.caught}/${x.positives} (${((100 * x.caught) / x.positives).toFixed(1)}%), 999 ${x.alarms}/${x.negatives}, question ${x.questions}/${x.negatives}`;
    };
    const perPart = (at: { threshold: number; demoteBelow: number; overrideAt?: number }) => parts.map((x) => `${x.name}: ${line(outcomeOf(x.scores, at.threshold, at.demoteBelow, at.overrideAt))}`).join('; ');
    calibration = {
      thresholdFrom: c.budgetMet ? `calibration parts pooled (question <= ${CALIBRATION_QUESTION_BUDGET}, 999 <= ${CALIBRATION_999_BUDGET}, most recall)` : "out-of-author folds (the calibration parts' budget is out of reach)",
      calibrationParts: parts.map((x) => x.name).join(', '),
      thresholdCapFromHandWrittenDanger: String(cap),
      calibrationBudgetMet: c.budgetMet ? 'yes' : 'no',
      calibrationAtChosen: line(c.chosen),
      calibrationAtChosenByPart: perPart(pick),
      calibrationAtChosenWithoutOverride: line(outcomeOf(pooled, pick.threshold, pick.demoteBelow)),
      overrideAtChosen: String(pick.overrideAt),
      // Twelfth round: demotion raised on the pooled parts past the folds' (raiseDemotion), and what it costs the parts' real 999s.
      demoteChosen: `${pick.demoteBelow} (folds ${folds.demoteBelow}, cap ${demoteCap} from the hand-written danger; the parts' real dangers given 999 by the rules that it demotes: ${demoted.demoted}/${demoted.of})`,
      foldsChoice: `threshold ${folds.threshold}, demoteBelow ${folds.demoteBelow}, overrideAt ${overrideAt}`,
      calibrationAtFoldsChoice: line(c.folds),
      calibrationAtFoldsChoiceByPart: perPart({ ...folds, overrideAt }),
      // What the rules give on their own (no backstop question; the folds' demotion): the floor any threshold starts from.
      calibrationRulesOnly: line(outcomeOf(pooled, 1, folds.demoteBelow)),
      calibrationRulesOnlyByPart: perPart({ threshold: 1, demoteBelow: folds.demoteBelow }),
      outOfAuthorAtChosen: authors(pick),
      outOfAuthorAtFoldsChoice: authors({ ...folds, overrideAt }),
    };
  }
  return {
    ...draftModel(model, hash, pick.threshold, pick.demoteBelow, Number.isFinite(pick.overrideAt) ? Math.max(pick.overrideAt, pick.threshold) : undefined),
    chosen: { trainingExamples: examples.length, trainingDanger: examples.filter((e) => e.danger).length, ...folds.report, ...overrideReport, ...calibration },
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
