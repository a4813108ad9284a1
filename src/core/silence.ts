/**
 * Generic silence: what an advice item becomes for a setting whose policy is silent on a rule
 * the item uses. Any rule of any profile may be `silent: true`; shared flows never need a
 * setting-specific sentence for it. Pure.
 *
 * - An item whose text fills `{{rule.KEY}}` from a silent rule, or whose every citation is a
 *   `{rule: KEY}` of a silent rule, is left out (it would be the policy's content).
 * - An item that also cites the national rules is kept, citing only those.
 * - An advice step that left something out, hid it only because a rule is silent, or shows an
 *   item because a rule is silent, begins with the catalogue's shared silence statement
 *   (`silence.notCovered` when national-rule steps follow, `silence.askDsl` when none do).
 */
import { evaluate, rulesIn, type Answers } from './conditions';
import type { AdviceItem, CitationRef, Condition, SettingProfile } from './model';
import { placeholdersIn } from './template';

/** True when the setting's profile lacks the rule or marks it `silent: true`. */
export function isSilent(key: string, s: SettingProfile): boolean {
  const rule = s.rules[key];
  return !rule || rule.silent;
}

/** The rule keys an item's text fills (`{{rule.KEY}}`). */
export function rulesInText(text: string): string[] {
  return placeholdersIn(text).filter((p) => p.startsWith('rule.')).map((p) => p.slice('rule.'.length));
}

function citesSilentOnly(cite: readonly CitationRef[], s: SettingProfile): boolean {
  return cite.length > 0 && cite.every((ref) => 'rule' in ref && isSilent(ref.rule, s));
}

/** Whether the item must be left out for this setting because a rule it rests on is silent. */
export function silencedItem(item: AdviceItem, s: SettingProfile): boolean {
  return rulesInText(item.text).some((k) => isSilent(k, s)) || citesSilentOnly(item.cite, s);
}

/** The item's citations with those of silent rules dropped. */
export function keptCitations(item: AdviceItem, s: SettingProfile): CitationRef[] {
  return item.cite.filter((ref) => !('rule' in ref) || !isSilent(ref.rule, s));
}

/** `c` evaluated as if every silent rule were set, with any value (so `equals` may hold). */
function holdsIfSet(c: Condition, s: SettingProfile, answers: Answers): boolean {
  if ('all' in c) return c.all.every((x) => holdsIfSet(x, s, answers));
  if ('any' in c) return c.any.some((x) => holdsIfSet(x, s, answers));
  if ('not' in c) return !holdsIfSet(c.not, s, answers);
  if ('rule' in c && isSilent(c.rule, s)) return 'is' in c ? c.is === 'set' : true;
  return evaluate(c, s, answers) === true;
}

/** Whether `when` fails only because some rule it names is silent (it could hold were they set). */
function hiddenBySilence(when: Condition, s: SettingProfile, answers: Answers): boolean {
  return rulesIn(when).some((k) => isSilent(k, s)) && holdsIfSet(when, s, answers);
}

/** What one advice step shows for a setting: the items kept, and whether it must state silence. */
export interface SilenceOutcome {
  items: AdviceItem[];
  statesSilence: boolean;
}

/** Applies generic silence to the items of one advice step (conditions included). */
export function applySilence(items: readonly AdviceItem[], s: SettingProfile, answers: Answers): SilenceOutcome {
  const kept: AdviceItem[] = [];
  let statesSilence = false;
  for (const item of items) {
    const touched = [...(item.when ? rulesIn(item.when) : []), ...rulesInText(item.text), ...item.cite.flatMap((c) => ('rule' in c ? [c.rule] : []))];
    const touchesSilence = touched.some((k) => isSilent(k, s));
    if (item.when !== undefined && evaluate(item.when, s, answers) !== true) {
      if (hiddenBySilence(item.when, s, answers)) statesSilence = true;
      continue;
    }
    if (silencedItem(item, s)) {
      statesSilence = true;
      continue;
    }
    if (touchesSilence) statesSilence = true;
    kept.push({ ...item, cite: keptCitations(item, s) });
  }
  return { items: kept, statesSilence };
}
