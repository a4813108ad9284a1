/**
 * `npm run bench`, danger section (issue 11): the danger check's two levels on every labelled set
 * - the real-world holdouts (never tuned on), the real-world tuning part, the dev set and the fresh
 * set - against the targets (every danger message gets the 999 reply or the danger question; the
 * 999 reply on at most 2 % of the other messages, the question on at most 10 %). Appends its own
 * section to docs/benchmarks.md and prints a summary. Texts are listed only for sets that may be
 * tuned on (the tuning part, the dev set); the holdout and the fresh set report counts only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../src/authoring/load';
import type { DangerDetector } from '../src/core/ports';
import {
  DANGER_CHECK_2_FILE,
  DANGER_CHECK_FILE,
  DANGER_HOLDOUT_2_FILE,
  DANGER_HOLDOUT_12_FILE,
  DANGER_CALIBRATION_FILE,
  DANGER_CALIBRATION_2_FILE,
  DANGER_CALIBRATION_3_FILE,
  DANGER_CALIBRATION_4_FILE,
  DANGER_CALIBRATION_5_FILE,
  DANGER_HOLDOUT_FILE,
  DANGER_TUNE_2_FILE,
  DANGER_TUNE_3_FILE,
  DANGER_TUNE_4_FILE,
  DANGER_TUNE_5_FILE,
  DANGER_TUNE_6_FILE,
  DANGER_TUNE_7_FILE,
  DANGER_TUNE_8_FILE,
  DANGER_TUNE_9_FILE,
  DANGER_TUNE_10_FILE,
  DANGER_TUNE_11_FILE,
  DANGER_TUNE_12_FILE,
  DANGER_TUNE_13_FILE,
  DANGER_TUNE_14_FILE,
  DANGER_TUNE_15_FILE,
  DANGER_TUNE_16_FILE,
  DANGER_TUNE_17_FILE,
  DANGER_TUNE_18_FILE,
  DANGER_TUNE_19_FILE,
  DANGER_TUNE_20_FILE,
  DANGER_TUNE_21_FILE,
  DANGER_TUNE_22_FILE,
  DANGER_TUNE_23_FILE,
  DANGER_TUNE_24_FILE,
  DANGER_TUNE_25_FILE,
  DANGER_TUNE_26_FILE,
  DANGER_TUNE_27_FILE,
  DANGER_TUNE_28_FILE,
  DANGER_TUNE_29_FILE,
  DANGER_TUNE_30_FILE,
  DANGER_TUNE_31_FILE,
  DANGER_TUNE_32_FILE,
  DANGER_TUNE_33_FILE,
  DANGER_TUNE_34_FILE,
  DANGER_TUNE_35_FILE,
  DANGER_TUNE_36_FILE,
  DANGER_TUNE_37_FILE,
  DANGER_TUNE_38_FILE,
  DANGER_TUNE_39_FILE,
  DANGER_TUNE_FILE,
  readDangerSet,
  type DangerCase,
} from '../src/nlu/danger-set';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../src/nlu/dev-set';
import { evaluateDanger, type DangerEvaluation } from '../src/nlu/evaluate';
import { createNlu, loadNluContent } from '../src/nlu/load';

/** The targets of issue 11. */
export const DANGER_TARGETS = { recall: 1, falseAlarmRate: 0.02, questionRate: 0.1 };

/** One set's outcome. */
export interface DangerSetResult {
  name: string;
  file: string;
  /** Whether its messages may be read while tuning (then the misses are listed by text). */
  listTexts: boolean;
  evaluation: DangerEvaluation;
  /** Real-world sets: caught per kind of source (danger) and flagged per kind (non-danger). */
  breakdown?: { key: string; total: number; hit: number }[];
}

/** Everything the danger section reports. */
export interface DangerBench {
  sets: DangerSetResult[];
  model: { cues: number; signals: number; cancellers: number; likeness?: { threshold: number; weights: number } };
  microsPerMessage: number;
}

/** Measures the shipped danger check on every set under `root`. */
export function measureDanger(root: string): DangerBench {
  const content = loadContent(root);
  const nlu = loadNluContent(root);
  const { danger } = createNlu([...content.flows.values()], nlu);
  const real = (file: string) => readDangerSet(path.join(root, file), file);
  const realSets: [name: string, files: string[], tunedOn: boolean][] = [
    ['Real-world holdout 12 (an eleventh author, written first in the twelfth round, never read)', [DANGER_HOLDOUT_12_FILE], false],
    ['Real-world holdout 2 (written before the second round, never read)', [DANGER_HOLDOUT_2_FILE], false],
    ['Real-world holdout (never tuned on)', [DANGER_HOLDOUT_FILE], false],
    ['Real-world tuning part', [DANGER_TUNE_FILE], true],
    ['Real-world tuning part 2 (third round)', [DANGER_TUNE_2_FILE], true],
    ['Real-world tuning part 3 (fourth round, independent author A)', [DANGER_TUNE_3_FILE], true],
    ['Real-world tuning part 4 (fourth round, independent author B)', [DANGER_TUNE_4_FILE], true],
    ['Real-world tuning part 5 (fourth round, author G)', [DANGER_TUNE_5_FILE], true],
    ['Real-world tuning part 6 (fourth round, author H)', [DANGER_TUNE_6_FILE], true],
    ['Real-world tuning part 7 (fifth round, independent author I)', [DANGER_TUNE_7_FILE], true],
    ['Real-world tuning part 8 (fifth round, independent author J)', [DANGER_TUNE_8_FILE], true],
    ['Real-world tuning part 9 (sixth round, independent author K)', [DANGER_TUNE_9_FILE], true],
    ['Real-world tuning part 10 (sixth round, independent author L)', [DANGER_TUNE_10_FILE], true],
    ['Real-world tuning part 11 (holdout 3, author M; retired into tuning in the seventh round)', [DANGER_TUNE_11_FILE], true],
    ['Real-world tuning part 12 (holdout 4, author N; retired into tuning in the seventh round)', [DANGER_TUNE_12_FILE], true],
    ['Real-world tuning part 13 (holdout 5, author O; retired into tuning in the seventh round)', [DANGER_TUNE_13_FILE], true],
    ['Real-world tuning part 14 (seventh round, independent author P; backstop only)', [DANGER_TUNE_14_FILE], true],
    ['Real-world tuning part 15 (seventh round, independent author Q; backstop only)', [DANGER_TUNE_15_FILE], true],
    ['Real-world tuning part 16 (seventh round, author R; in the backstop since the eighth)', [DANGER_TUNE_16_FILE], true],
    ['Real-world tuning part 17 (seventh round, author S; in the backstop since the eighth)', [DANGER_TUNE_17_FILE], true],
    ['Real-world tuning part 18 (eighth round, author T)', [DANGER_TUNE_18_FILE], true],
    ['Real-world tuning part 19 (eighth round, author U)', [DANGER_TUNE_19_FILE], true],
    ['Real-world tuning part 20 (holdout 6, author W; retired into tuning in the eighth round)', [DANGER_TUNE_20_FILE], true],
    ['Real-world tuning part 21 (holdout 7, author X; retired into tuning in the eighth round)', [DANGER_TUNE_21_FILE], true],
    ['Real-world tuning part 22 (eighth round, author Y)', [DANGER_TUNE_22_FILE], true],
    ['Real-world tuning part 23 (eighth round, author Z)', [DANGER_TUNE_23_FILE], true],
    ['Real-world tuning part 24 (holdout 8, author AA; retired into tuning in the ninth round)', [DANGER_TUNE_24_FILE], true],
    ['Real-world tuning part 25 (holdout 9, author eight; retired into tuning in the tenth round)', [DANGER_TUNE_25_FILE], true],
    ['Real-world tuning part 26 (tenth round, author AE)', [DANGER_TUNE_26_FILE], true],
    ['Real-world tuning part 27 (tenth round, author AF)', [DANGER_TUNE_27_FILE], true],
    ['Real-world tuning part 28 (tenth round, author AG)', [DANGER_TUNE_28_FILE], true],
    ['Real-world tuning part 29 (tenth round, author AH)', [DANGER_TUNE_29_FILE], true],
    ['Real-world tuning part 30 (holdout 10, author nine; retired into tuning in the eleventh round)', [DANGER_TUNE_30_FILE], true],
    ['Real-world tuning part 31 (eleventh round, author AJ)', [DANGER_TUNE_31_FILE], true],
    ['Real-world tuning part 32 (eleventh round, author AK)', [DANGER_TUNE_32_FILE], true],
    ['Real-world tuning part 33 (eleventh round, author AL)', [DANGER_TUNE_33_FILE], true],
    ['Real-world tuning part 34 (eleventh round, author AM)', [DANGER_TUNE_34_FILE], true],
    ['Real-world tuning part 35 (holdout 11, author ten; retired into tuning in the twelfth round)', [DANGER_TUNE_35_FILE], true],
    ['Real-world tuning part 36 (twelfth round, author AO)', [DANGER_TUNE_36_FILE], true],
    ['Real-world tuning part 37 (twelfth round, author AP)', [DANGER_TUNE_37_FILE], true],
    ['Real-world tuning part 38 (twelfth round, author AQ)', [DANGER_TUNE_38_FILE], true],
    ['Real-world tuning part 39 (twelfth round, author AR)', [DANGER_TUNE_39_FILE], true],
    ["Author's two self-checks (third round; each measured once, then tuned on)", [DANGER_CHECK_FILE, DANGER_CHECK_2_FILE], true],
  ];
  const dev = readDevSet(path.join(root, DEV_SET_FILE), DEV_SET_FILE);
  const fresh = readDevSet(path.join(root, FRESH_SET_FILE), FRESH_SET_FILE);
  const all: DangerCase[] = [];
  const sets: DangerSetResult[] = realSets.map(([name, files, tunedOn]) => {
    const cases = files.flatMap(real);
    all.push(...cases);
    return { name, file: files.join(' + '), listTexts: tunedOn, evaluation: evaluateDanger(danger, cases), breakdown: breakdown(danger, cases) };
  });
  // The calibration parts (authors V, AC, AD, AI and AN) set the backstop's threshold, so they are neither holdouts nor
  // tuning material: counts only, each on its own line, no breakdown and never their texts.
  const calibration = real(DANGER_CALIBRATION_FILE);
  const calibration2 = real(DANGER_CALIBRATION_2_FILE);
  const calibration3 = real(DANGER_CALIBRATION_3_FILE);
  const calibration4 = real(DANGER_CALIBRATION_4_FILE);
  const calibration5 = real(DANGER_CALIBRATION_5_FILE);
  sets.push(
    { name: 'Calibration part (author V; only the backstop threshold choice sees its counts)', file: DANGER_CALIBRATION_FILE, listTexts: false, evaluation: evaluateDanger(danger, calibration) },
    { name: 'Calibration part 2 (author AC; only the backstop threshold choice sees its counts)', file: DANGER_CALIBRATION_2_FILE, listTexts: false, evaluation: evaluateDanger(danger, calibration2) },
    { name: 'Calibration part 3 (author AD; only the backstop threshold choice sees its counts)', file: DANGER_CALIBRATION_3_FILE, listTexts: false, evaluation: evaluateDanger(danger, calibration3) },
    { name: 'Calibration part 4 (author AI; only the backstop threshold choice sees its counts)', file: DANGER_CALIBRATION_4_FILE, listTexts: false, evaluation: evaluateDanger(danger, calibration4) },
    { name: 'Calibration part 5 (author AN; only the backstop threshold choice sees its counts)', file: DANGER_CALIBRATION_5_FILE, listTexts: false, evaluation: evaluateDanger(danger, calibration5) },
    { name: 'Dev set', file: DEV_SET_FILE, listTexts: true, evaluation: evaluateDanger(danger, dev) },
    { name: 'Fresh set', file: FRESH_SET_FILE, listTexts: false, evaluation: evaluateDanger(danger, fresh) },
  );
  const texts = [...all, ...calibration, ...calibration2, ...calibration3, ...calibration4, ...calibration5, ...dev, ...fresh].map((c) => c.text);
  for (const t of texts.slice(0, 50)) danger.detect(t); // warm up
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) for (const t of texts) danger.detect(t);
  const microsPerMessage = ((performance.now() - t0) * 1000) / (texts.length * 5);
  const likeness = nlu.danger.likeness ? { threshold: nlu.danger.likeness.threshold, weights: Object.keys(nlu.danger.likeness.weights).length } : undefined;
  const model = { cues: Object.keys(nlu.danger.cues).length, signals: nlu.danger.signals.length, cancellers: nlu.danger.cancellers.length, ...(likeness ? { likeness } : {}) };
  return { sets, model, microsPerMessage };
}

function breakdown(detector: DangerDetector, cases: readonly DangerCase[]): { key: string; total: number; hit: number }[] {
  const rows = new Map<string, { key: string; total: number; hit: number }>();
  for (const c of cases) {
    const key = c.danger ? `danger: ${c.source ?? '?'}` : `not danger: ${c.kind ?? '?'}`;
    const row = rows.get(key) ?? { key, total: 0, hit: 0 };
    const v = detector.detect(c.text);
    row.total++;
    if (v.danger || v.question) row.hit++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const mark = (ok: boolean): string => (ok ? '✅' : '❌ below target');

/** Whether a set meets all three targets. */
export function meetsTargets(e: DangerEvaluation): boolean {
  return e.recall >= DANGER_TARGETS.recall && e.falseAlarmRate <= DANGER_TARGETS.falseAlarmRate && e.questionRate <= DANGER_TARGETS.questionRate;
}

/** The markdown section. */
export function renderDanger(r: DangerBench): string {
  const out: string[] = ['', '## Danger first: the two levels on every set', ''];
  out.push(`The danger model (\`content/danger/\`: ${r.model.cues} cues, ${r.model.signals} signals, ${r.model.cancellers} cancellers${r.model.likeness ? `, and the learned likeness backstop with ${r.model.likeness.weights} weights, threshold ${r.model.likeness.threshold}, which can only raise the question` : ''}) gives each message one of three outcomes: **999** (certain: "call 999" and the DSL first), **the question** (possible: "Is a child in danger right now, or about to be?" first) or nothing. Targets: every danger message gets 999 or the question (recall 100%); 999 on at most 2% of the other messages; the question on at most 10% of them. About ${r.microsPerMessage.toFixed(0)} µs per message.`, '');
  out.push('| Set | danger / other | recall (999 or question) | of which 999 | 999 on other messages | question on other messages | targets |', '|---|---|---|---|---|---|---|');
  for (const s of r.sets) {
    const e = s.evaluation;
    out.push(`| ${s.name} (\`${s.file}\`) | ${e.positives} / ${e.negatives} | ${e.caught}/${e.positives} (${pct(e.recall)}) | ${e.certain} | ${e.falseAlarms} (${pct(e.falseAlarmRate)}) | ${e.questions} (${pct(e.questionRate)}) | ${mark(meetsTargets(e))} |`);
  }
  out.push('', 'The real-world sets (`test/nlu/danger-real.md`): 504 messages built from news reports, serious case review summaries, NSPCC/Childline case studies and teacher forums, rewritten as staff type, 36% held out before any tuning and never read while tuning; and holdout 2, 187 new messages written and committed before the second round of changes and never read. The tuning part and the dev set steered the model (and the likeness backstop\'s threshold), so their figures flatter; the holdouts and the fresh set did not.', '');
  out.push('**Measurement history (issue 11, 6 December 2026).** First round: the holdout was measured once the rule model was complete: recall 52/63, 999 on 1/119, the question on 7/119. Second round (new cues and signals written from the author\'s own phrasings, three new signals, a fiction canceller, and the learned likeness backstop that can only ask): measured once at the end, holdout 2 went from 56/63, 999 on 10/124, question on 13/124 (the rules as they were when it was committed) to 60/63, 9/124, 16/124; the first holdout from 52/63 to 61/63 with its false alarms unchanged; the fresh set unchanged. The fresh set\'s flagged messages were printed once by mistake early in the first round (6 of them). So roughly one danger message in twenty that staff write in words this model has not seen still gets neither the 999 reply nor the question, and holdout 2\'s hard non-danger messages show too many false alarms: neither holdout meets the targets. Third round (7 December 2026): holdout 3, 284 messages by a second author who never saw the rules, written and measured before any change (84/98, 999 on 24/186, question on 17/186), then once at the end (86/98, 14/186, 16/186) after the present anchor for 999, clause-wide cancellers and a second tuning part; three tuning messages that turned out to be twins of holdout-3 messages (two authors, same stories) were taken out of the tuning side before that measurement. Holdout 3 is the honest figure: about one danger message in eight is still missed.', '');
  for (const s of r.sets.filter((x) => x.breakdown)) {
    out.push(`**${s.name}, by kind** (danger rows: caught; other rows: got 999 or the question):`, '');
    out.push(s.breakdown!.map((b) => `${b.key} ${b.hit}/${b.total}`).join(' · '), '');
  }
  for (const s of r.sets.filter((x) => x.listTexts)) {
    const e = s.evaluation;
    const list = (title: string, items: string[]) => (items.length > 0 ? [`<details><summary>${s.name}: ${title} (${items.length})</summary>`, '', ...items.map((t) => `- ${t}`), '', '</details>', ''] : []);
    out.push(...list('missed', e.missed), ...list('999 on a non-danger message', e.alarms), ...list('the question on a non-danger message', e.asked));
  }
  return `${out.join('\n')}\n`;
}

/** One line per set for the terminal. */
export function dangerSummary(r: DangerBench): string {
  return r.sets
    .map((s) => {
      const e = s.evaluation;
      return `Danger, ${s.name}: recall ${e.caught}/${e.positives}, 999 on ${e.falseAlarms}/${e.negatives} (${pct(e.falseAlarmRate)}), question on ${e.questions}/${e.negatives} (${pct(e.questionRate)})${meetsTargets(e) ? '' : ' — BELOW TARGET'}`;
    })
    .join('\n');
}

/** The hook for bench/index.ts: measures, appends the section to docs/benchmarks.md, prints the summary. */
export function runDangerBench(root: string, say: (line: string) => void): void {
  const r = measureDanger(root);
  fs.appendFileSync(path.join(root, 'docs/benchmarks.md'), renderDanger(r));
  say(dangerSummary(r));
}
