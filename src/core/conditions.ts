/**
 * Evaluates flow conditions against a setting profile and the answers given so far. Pure.
 * `unknownAnswers: 'maybe'` lets the validator ask "could this hold for this setting?".
 */
import type { Condition, SettingProfile } from './model';
import { profileHas } from './profile';

export type Answers = ReadonlyMap<string, string>;

/** True, false, or (only when answers are unknown) undefined for "depends on the answers". */
export function evaluate(c: Condition, s: SettingProfile, answers: Answers | 'unknown'): boolean | undefined {
  if ('answer' in c) {
    if (answers === 'unknown') return undefined;
    const given = answers.get(c.answer);
    return given !== undefined && c.in.includes(given);
  }
  if ('profile' in c) {
    const set = profileHas(c.profile, s);
    return c.is === 'set' ? set : !set;
  }
  if ('is' in c) {
    const rule = s.rules[c.rule];
    const silent = !rule || rule.silent;
    return c.is === 'silent' ? silent : !silent;
  }
  if ('equals' in c) {
    const rule = s.rules[c.rule];
    return !!rule && !rule.silent && rule.value === c.equals;
  }
  if ('kind' in c) return c.kind.includes(s.kind);
  if ('all' in c) {
    const parts = c.all.map((x) => evaluate(x, s, answers));
    if (parts.includes(false)) return false;
    return parts.includes(undefined) ? undefined : true;
  }
  if ('any' in c) {
    const parts = c.any.map((x) => evaluate(x, s, answers));
    if (parts.includes(true)) return true;
    return parts.includes(undefined) ? undefined : false;
  }
  const inner = evaluate(c.not, s, answers);
  return inner === undefined ? undefined : !inner;
}

/** The rule keys a condition mentions (for the validator). */
export function rulesIn(c: Condition): string[] {
  if ('rule' in c) return [c.rule];
  if ('all' in c) return c.all.flatMap(rulesIn);
  if ('any' in c) return c.any.flatMap(rulesIn);
  if ('not' in c) return rulesIn(c.not);
  return [];
}

/** The question ids a condition reads answers from (for the validator). */
export function answersIn(c: Condition): { step: string; choices: string[] }[] {
  if ('answer' in c) return [{ step: c.answer, choices: c.in }];
  if ('all' in c) return c.all.flatMap(answersIn);
  if ('any' in c) return c.any.flatMap(answersIn);
  if ('not' in c) return answersIn(c.not);
  return [];
}
