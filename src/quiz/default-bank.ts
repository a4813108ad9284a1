/**
 * The bank of a setting that has no content/quiz/<setting-id>.yaml: no questions of its own, the
 * default pass mark and length, so a new setting gets the shared questions its policy can answer
 * (content/quiz/shared.yaml, filtered by `when` and by the rules it is silent on) with no extra file.
 * Such a setting needs at least SHARED_ONLY_MIN questions in MIN_SHARED_AREAS areas (quiz-counts).
 */
import type { SettingQuizDef } from './model';

/** Pass mark and questions per attempt of an implicit bank (the schema's defaults). */
export const DEFAULT_BANK = { passMark: 80, questionsPerQuiz: 10 } as const;

/**
 * The fewest shared questions that must apply to a setting with no bank of its own. A policy
 * silent on every rule still gets the 7 national-rule questions (2 areas); an attempt asks
 * min(questionsPerQuiz, questions that apply).
 */
export const SHARED_ONLY_MIN = 6;
/** The fewest policy areas those questions must cover. */
export const MIN_SHARED_AREAS = 2;

/** The implicit bank of `settingId` (version 0: "no bank of its own"). */
export function defaultBank(settingId: string): SettingQuizDef {
  return { setting: settingId, version: 0, ...DEFAULT_BANK, questions: [] };
}
