/**
 * Reads a real-world danger set (test/nlu/danger-real-tune.yaml, danger-real-holdout*.yaml):
 * messages staff might write, each labelled `danger` (a child may be at risk right now), with the
 * kind of public source a danger message was drawn from, or why a non-danger message is hard
 * (`concern`: a real worry for the DSL today, but not an immediate risk).
 * Used by `npm run bench` and the tests. Reads one file; errors name the file, line and field.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { SafeStepError } from '../core/errors';
import { parseYamlData } from './yaml-data';

/** Shape of a real-world danger set file. */
export const DangerSetSchema = z.strictObject({
  cases: z
    .array(
      z.strictObject({
        text: z.string().min(1),
        danger: z.boolean(),
        source: z.enum(['news', 'scr', 'childline', 'forum', 'police', 'ofsted', 'other']).optional(),
        kind: z.enum(['past', 'policy', 'hypo', 'idiom', 'business', 'online', 'negation', 'news', 'fiction', 'concern']).optional(),
      }),
    )
    .min(1),
});

/** One labelled message of a real-world danger set. */
export type DangerCase = z.output<typeof DangerSetSchema>['cases'][number];

/** The tuning part: may be read while changing content/danger/. */
export const DANGER_TUNE_FILE = 'test/nlu/danger-real-tune.yaml';

/** The second tuning part (issue 11, third round): hypotheticals, policy questions, past events in the present tense, news, fiction. */
export const DANGER_TUNE_2_FILE = 'test/nlu/danger-real-tune-2.yaml';

/** The author's self-check (third round): written after the anchor change, measured once, then tuned on (danger-real.md). */
export const DANGER_CHECK_FILE = 'test/nlu/danger-real-check.yaml';

/** The author's second self-check (third round): written after all of that round's changes, measured once, then tuned on. */
export const DANGER_CHECK_2_FILE = 'test/nlu/danger-real-check-2.yaml';

/** The holdout part: never read while tuning; measured by `npm run bench` only. */
export const DANGER_HOLDOUT_FILE = 'test/nlu/danger-real-holdout.yaml';

/** The second holdout (issue 11, second round): written and committed before that round's rule changes; bench only. */
export const DANGER_HOLDOUT_2_FILE = 'test/nlu/danger-real-holdout-2.yaml';

/** Tuning part 3 (issue 11, fourth round): written by an independent author A (primary and early-years voice); may be read while tuning. */
export const DANGER_TUNE_3_FILE = 'test/nlu/danger-real-tune-3.yaml';

/** Tuning part 4 (issue 11, fourth round): written by an independent author B (secondary, FE and SEND voice); may be read while tuning. */
export const DANGER_TUNE_4_FILE = 'test/nlu/danger-real-tune-4.yaml';

/** Tuning part 5 (issue 11, fourth round): independent author G (hurried phone and voice-to-text messages); may be read while tuning. */
export const DANGER_TUNE_5_FILE = 'test/nlu/danger-real-tune-5.yaml';

/** Tuning part 6 (issue 11, fourth round): independent author H (third-hand reports, emails and incident-log wording); may be read while tuning. */
export const DANGER_TUNE_6_FILE = 'test/nlu/danger-real-tune-6.yaml';

/** Tuning part 7 (issue 11, fifth round): independent author I (emergencies no earlier author listed); may be read while tuning. */
export const DANGER_TUNE_7_FILE = 'test/nlu/danger-real-tune-7.yaml';

/** Tuning part 8 (issue 11, fifth round): independent author J (busy "now" words that are not danger, and understated danger); may be read while tuning. */
export const DANGER_TUNE_8_FILE = 'test/nlu/danger-real-tune-8.yaml';

/** Tuning part 9 (issue 11, sixth round): independent author K (early years, primary and pastoral staff; understated, indirect danger); may be read while tuning. */
export const DANGER_TUNE_9_FILE = 'test/nlu/danger-real-tune-9.yaml';

/** Tuning part 10 (issue 11, sixth round): independent author L (DSLs, heads, office, attendance, governors; "today" words that are not an emergency); may be read while tuning. */
export const DANGER_TUNE_10_FILE = 'test/nlu/danger-real-tune-10.yaml';


/**
 * Tuning parts 11-13 (issue 11, seventh round): holdouts 3, 4 and 5, each measured three to five times,
 * retired into tuning (authors M, N and O; their near-twins of the remaining holdouts taken out).
 */
export const DANGER_TUNE_11_FILE = 'test/nlu/danger-real-tune-11.yaml';
/** Tuning part 12: the retired holdout 4 (author N, a third author; fourth round). */
export const DANGER_TUNE_12_FILE = 'test/nlu/danger-real-tune-12.yaml';
/** Tuning part 13: the retired holdout 5 (author O, a fourth author; fifth round). */
export const DANGER_TUNE_13_FILE = 'test/nlu/danger-real-tune-13.yaml';

/** Tuning part 25 (issue 11, tenth round): holdout 9 (author eight), measured twice in the ninth round, retired into tuning; may be read while tuning. */
export const DANGER_TUNE_25_FILE = 'test/nlu/danger-real-tune-25.yaml';

/** Tuning part 14 (issue 11, seventh round): independent author P (FE, SEND, boarding, AP, clubs, transport, site and visiting staff); may be read while tuning. */
export const DANGER_TUNE_14_FILE = 'test/nlu/danger-real-tune-14.yaml';

/** Tuning part 15 (issue 11, seventh round): independent author Q (voice-to-text, second-language staff, bursts, relayed and forwarded words); may be read while tuning. */
export const DANGER_TUNE_15_FILE = 'test/nlu/danger-real-tune-15.yaml';

/** Tuning part 16 (issue 11, seventh round): independent author R (primary and secondary staff in an ordinary week; busy "now" business and handled events); may be read while tuning. */
export const DANGER_TUNE_16_FILE = 'test/nlu/danger-real-tune-16.yaml';
/** Tuning part 17 (issue 11, seventh round): independent author S (nurseries, pre-schools, childminders, infants, wraparound and holiday clubs; DSLs forwarding); may be read while tuning. */
export const DANGER_TUNE_17_FILE = 'test/nlu/danger-real-tune-17.yaml';

/** Tuning part 18 (issue 11, eighth round): independent author T (evenings, weekends and the edges of the school day: clubs, boarding, trips, fixtures, FE, youth workers); may be read while tuning. */
export const DANGER_TUNE_18_FILE = 'test/nlu/danger-real-tune-18.yaml';
/** Tuning part 19 (issue 11, eighth round): independent author U (nursery, childminders, KS1, SEND, 1:1, midday, first-aid, site and escort staff); may be read while tuning. */
export const DANGER_TUNE_19_FILE = 'test/nlu/danger-real-tune-19.yaml';

/**
 * Tuning parts 20 and 21 (issue 11, eighth round): holdouts 6 and 7, each measured twice, retired into
 * tuning (authors W and X; their near-twins of the remaining holdouts and the calibration part taken out).
 */
export const DANGER_TUNE_20_FILE = 'test/nlu/danger-real-tune-20.yaml';
/** Tuning part 21: the retired holdout 7 (author X, seventh round). */
export const DANGER_TUNE_21_FILE = 'test/nlu/danger-real-tune-21.yaml';
/** Tuning part 22 (issue 11, eighth round): independent author Y (secondary pupils' online and social lives seen by tutors, pastoral, IT and mentors); may be read while tuning. */
export const DANGER_TUNE_22_FILE = 'test/nlu/danger-real-tune-22.yaml';
/** Tuning part 23 (issue 11, eighth round): independent author Z (off the school site: trips at home and abroad, swimming, forest school, DofE, escorts, crossing patrol, holiday clubs, work experience, staff in town); may be read while tuning. */
export const DANGER_TUNE_23_FILE = 'test/nlu/danger-real-tune-23.yaml';

/** Tuning part 24 (issue 11, ninth round): holdout 8 (author AA), measured twice in the eighth round, retired into tuning; may be read while tuning. */
export const DANGER_TUNE_24_FILE = 'test/nlu/danger-real-tune-24.yaml';

/** Tuning part 26 (issue 11, tenth round): independent author AE (primary TAs, midday, office and club staff; short, voice-to-text, regional); may be read while tuning. */
export const DANGER_TUNE_26_FILE = 'test/nlu/danger-real-tune-26.yaml';
/** Tuning part 27 (issue 11, tenth round): independent author AF (secondary tutors, heads of year, pastoral, attendance, IT; pasted emails and logs); may be read while tuning. */
export const DANGER_TUNE_27_FILE = 'test/nlu/danger-real-tune-27.yaml';
/** Tuning part 28 (issue 11, tenth round): independent author AG (early years and SEND: nurseries, childminders, special schools, medical needs, collection); may be read while tuning. */
export const DANGER_TUNE_28_FILE = 'test/nlu/danger-real-tune-28.yaml';
/** Tuning part 29 (issue 11, tenth round): independent author AH (16-19, FE, AP, youth work, sport, boarding, transport); may be read while tuning. */
export const DANGER_TUNE_29_FILE = 'test/nlu/danger-real-tune-29.yaml';

/** Tuning part 30 (issue 11, eleventh round): holdout 10 (author nine), measured twice in the tenth round, retired into tuning; may be read while tuning. */
export const DANGER_TUNE_30_FILE = 'test/nlu/danger-real-tune-30.yaml';

/** Tuning part 31 (issue 11, eleventh round): independent author AJ (DSLs and deputies summarising what others told them; log-entry style); may be read while tuning. */
export const DANGER_TUNE_31_FILE = 'test/nlu/danger-real-tune-31.yaml';
/** Tuning part 32 (issue 11, eleventh round): independent author AK (caretakers, cleaners, kitchen, drivers, lettings and IT staff; plain words); may be read while tuning. */
export const DANGER_TUNE_32_FILE = 'test/nlu/danger-real-tune-32.yaml';
/** Tuning part 33 (issue 11, eleventh round): independent author AL (PE, coaches, outdoor education, trips and residentials); may be read while tuning. */
export const DANGER_TUNE_33_FILE = 'test/nlu/danger-real-tune-33.yaml';
/** Tuning part 34 (issue 11, eleventh round): independent author AM (supply and new staff, English as a second language, very informal younger staff); may be read while tuning. */
export const DANGER_TUNE_34_FILE = 'test/nlu/danger-real-tune-34.yaml';

/** Tuning part 35 (issue 11, twelfth round): holdout 11 (author ten), measured before the eleventh round and once at its end, retired into tuning; may be read while tuning. */
export const DANGER_TUNE_35_FILE = 'test/nlu/danger-real-tune-35.yaml';

/** Tuning part 36 (issue 11, twelfth round): independent author AO (office and reception staff relaying callers' words; early-years handover notes); may be read while tuning. */
export const DANGER_TUNE_36_FILE = 'test/nlu/danger-real-tune-36.yaml';
/** Tuning part 37 (issue 11, twelfth round): independent author AP (special schools, PRUs and alternative provision); may be read while tuning. */
export const DANGER_TUNE_37_FILE = 'test/nlu/danger-real-tune-37.yaml';
/** Tuning part 38 (issue 11, twelfth round): independent author AQ (pupils' online lives as tutors, IT staff and heads of year hear them); may be read while tuning. */
export const DANGER_TUNE_38_FILE = 'test/nlu/danger-real-tune-38.yaml';
/** Tuning part 39 (issue 11, twelfth round): independent author AR (heads, business managers, governors and trust leads; long emails and short replies); may be read while tuning. */
export const DANGER_TUNE_39_FILE = 'test/nlu/danger-real-tune-39.yaml';

/** The twelfth holdout (issue 11, twelfth round): written first, by an eleventh author who never saw the rules, their training data or any other set; bench only. */
export const DANGER_HOLDOUT_12_FILE = 'test/nlu/danger-real-holdout-12.yaml';

/** Calibration part (issue 11, eighth round, author V): never read while tuning and never trained on; only an automatic threshold choice sees its figures. */
export const DANGER_CALIBRATION_FILE = 'test/nlu/danger-real-calibration.yaml';
/** Second calibration part (issue 11, ninth round, author AC): never read while tuning and never trained on; only an automatic threshold choice sees its figures. */
export const DANGER_CALIBRATION_2_FILE = 'test/nlu/danger-real-calibration-2.yaml';
/** Third calibration part (issue 11, tenth round, author AD): never read while tuning and never trained on; only an automatic threshold choice sees its figures. */
export const DANGER_CALIBRATION_3_FILE = 'test/nlu/danger-real-calibration-3.yaml';
/** Fourth calibration part (issue 11, eleventh round, author AI): never read while tuning and never trained on; only an automatic threshold choice sees its figures. */
export const DANGER_CALIBRATION_4_FILE = 'test/nlu/danger-real-calibration-4.yaml';
/** Fifth calibration part (issue 11, twelfth round, author AN): never read while tuning and never trained on; only an automatic threshold choice sees its figures. */
export const DANGER_CALIBRATION_5_FILE = 'test/nlu/danger-real-calibration-5.yaml';

/** Reads and validates a danger set; throws content_error naming file and line. */
export function readDangerSet(file: string, label = file): DangerCase[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new SafeStepError('content_error', `${label}: cannot read file`, { cause });
  }
  return parseYamlData(text, label, DangerSetSchema).cases;
}

/** One author's tuning material (a holdout is never an author's material here). */
export interface DangerAuthor {
  id: string;
  files: readonly string[];
}

/**
 * The tuning material by author (issue 11, fourth round), for the leave-one-author-out measures and
 * the likeness backstop's per-author folds: the first round's author, the third round's author (tuning
 * part 2 and the two self-checks), and the independent authors since: A, B, G, H, I, J, K, L, the
 * retired holdouts' authors M, N and O, P and Q (seventh round), and since the eighth round every
 * tuning author: R, S (parts 16, 17), T, U (parts 18, 19) and the retired holdouts' authors W and X
 * (parts 20, 21), since the tenth round Y, Z, AA, author eight and AE-AH (parts 22-29), since the eleventh author
 * nine and AJ-AM (parts 30-34), and since the twelfth author ten and AO-AR (parts 35-39). Never a
 * holdout or a calibration part (DANGER_CALIBRATION_FILE and its successors).
 */
export const DANGER_AUTHORS: readonly DangerAuthor[] = [
  { id: 'tune-1', files: [DANGER_TUNE_FILE] },
  { id: 'tune-2', files: [DANGER_TUNE_2_FILE, DANGER_CHECK_FILE, DANGER_CHECK_2_FILE] },
  { id: 'tune-3', files: [DANGER_TUNE_3_FILE] },
  { id: 'tune-4', files: [DANGER_TUNE_4_FILE] },
  // Authors G and H wrote after the rules' fourth round was tuned: their first read (danger-real.md)
  // is a new-author figure for the rules; after it they train the backstop only.
  { id: 'tune-5', files: [DANGER_TUNE_5_FILE] },
  { id: 'tune-6', files: [DANGER_TUNE_6_FILE] },
  // Authors I and J (fifth round): measured once on the fourth round's rules (danger-real.md), then tuned on.
  { id: 'tune-7', files: [DANGER_TUNE_7_FILE] },
  { id: 'tune-8', files: [DANGER_TUNE_8_FILE] },
  // Authors K and L (sixth round): measured once on the fifth round's rules (danger-real.md), then tuned on.
  { id: 'tune-9', files: [DANGER_TUNE_9_FILE] },
  { id: 'tune-10', files: [DANGER_TUNE_10_FILE] },
  // Authors M, N and O (seventh round): holdouts 3, 4 and 5, each measured three to five times, then
  // retired into tuning; their first reads as tuning parts are in danger-real.md.
  { id: 'tune-11', files: [DANGER_TUNE_11_FILE] },
  { id: 'tune-12', files: [DANGER_TUNE_12_FILE] },
  { id: 'tune-13', files: [DANGER_TUNE_13_FILE] },
  // Authors P and Q (seventh round): measured once on the seventh round's rules and backstop
  // (danger-real.md), then added here; they train the backstop and set its threshold, no rule was
  // written from them.
  { id: 'tune-14', files: [DANGER_TUNE_14_FILE] },
  { id: 'tune-15', files: [DANGER_TUNE_15_FILE] },
  // Eighth round: R and S (kept out as a check on the seventh round), T and U (first reads in
  // danger-real.md), W and X (holdouts 6 and 7, measured twice, retired into tuning).
  { id: 'tune-16', files: [DANGER_TUNE_16_FILE] },
  { id: 'tune-17', files: [DANGER_TUNE_17_FILE] },
  { id: 'tune-18', files: [DANGER_TUNE_18_FILE] },
  { id: 'tune-19', files: [DANGER_TUNE_19_FILE] },
  { id: 'tune-20', files: [DANGER_TUNE_20_FILE] },
  { id: 'tune-21', files: [DANGER_TUNE_21_FILE] },
  // Tenth round: Y, Z and AA (parts 22-24; left out in the ninth round, when they added recall but also
  // 999s and questions), author eight (holdout 9, retired) and the four new authors AE-AH (parts 26-29).
  // With all 29 the three calibration parts pooled read 398/416, 999 12/778, question 70/778 against
  // 395, 14, 69 with the first 21 (danger-real.md, tenth round).
  { id: 'tune-22', files: [DANGER_TUNE_22_FILE] },
  { id: 'tune-23', files: [DANGER_TUNE_23_FILE] },
  { id: 'tune-24', files: [DANGER_TUNE_24_FILE] },
  { id: 'tune-25', files: [DANGER_TUNE_25_FILE] },
  { id: 'tune-26', files: [DANGER_TUNE_26_FILE] },
  { id: 'tune-27', files: [DANGER_TUNE_27_FILE] },
  { id: 'tune-28', files: [DANGER_TUNE_28_FILE] },
  { id: 'tune-29', files: [DANGER_TUNE_29_FILE] },
  // Eleventh round: author nine (holdout 10, retired) and the four new authors AJ-AM (parts 31-34), each
  // measured once on the tenth round's check first (danger-real.md, eleventh round).
  { id: 'tune-30', files: [DANGER_TUNE_30_FILE] },
  { id: 'tune-31', files: [DANGER_TUNE_31_FILE] },
  { id: 'tune-32', files: [DANGER_TUNE_32_FILE] },
  { id: 'tune-33', files: [DANGER_TUNE_33_FILE] },
  { id: 'tune-34', files: [DANGER_TUNE_34_FILE] },
  // Twelfth round: author ten (holdout 11, retired) and the four new authors AO-AR (parts 36-39), each
  // measured once on the eleventh round's check first (danger-real.md, twelfth round).
  { id: 'tune-35', files: [DANGER_TUNE_35_FILE] },
  { id: 'tune-36', files: [DANGER_TUNE_36_FILE] },
  { id: 'tune-37', files: [DANGER_TUNE_37_FILE] },
  { id: 'tune-38', files: [DANGER_TUNE_38_FILE] },
  { id: 'tune-39', files: [DANGER_TUNE_39_FILE] },
];

/** Each author's messages under `root` (a missing file is a content_error naming it). */
export function readDangerAuthors(root: string, authors: readonly DangerAuthor[] = DANGER_AUTHORS): { id: string; cases: DangerCase[] }[] {
  return authors.map((a) => ({ id: a.id, cases: a.files.flatMap((f) => readDangerSet(`${root}/${f}`, f)) }));
}
