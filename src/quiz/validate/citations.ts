/**
 * `quiz-citation`: a question cites a clause that does not exist for some setting that gets it:
 * a {document, section} that is not among the setting's documents or the national rules, or a
 * {rule: KEY} whose rule the setting's profile lacks or is silent on. (Every question has at
 * least one citation: the schema requires it.)
 */
import type { Problem } from '../../authoring/problem';
import type { SettingSource } from '../../authoring/sources';
import type { CitationRef } from '../../core/model';
import { questionProblem, settingsOf, type QuestionSite, type QuizRule, type QuizValidation } from './context';

const RULE = 'quiz-citation';

function gap(v: QuizValidation, setting: SettingSource, cite: CitationRef): string | undefined {
  if ('rule' in cite) {
    const rule = setting.data.rules[cite.rule];
    if (!rule) return `the profile has no rule "${cite.rule}"`;
    return rule.silent ? `the policy is silent on rule "${cite.rule}"` : undefined;
  }
  const docs = v.citable(setting.data);
  const sections = docs.get(cite.document);
  if (!sections) return `it has no document "${cite.document}" (it has: ${[...docs.keys()].join(', ')})`;
  return sections.has(cite.section) ? undefined : `"${cite.document}" has no section "${cite.section}"`;
}

function check(v: QuizValidation, q: QuestionSite): Problem[] {
  return q.def.cite.flatMap((cite, i) => {
    const gaps = settingsOf(v, q).flatMap((s) => {
      const why = gap(v, s, cite);
      return why ? [`for ${s.data.id}, ${why}`] : [];
    });
    if (gaps.length === 0) return [];
    const what = 'rule' in cite ? `{rule: ${cite.rule}}` : `${cite.document} §${cite.section}`;
    return [questionProblem(q, RULE, ['cite', i], `cites ${what}, which does not exist: ${gaps.join('; ')}.`,
      'Cite a section listed under the setting\'s documents or the national rules, or {rule: KEY} only where every setting that gets the question has that rule (narrow it with "when: {rule: KEY, is: set}").')];
  });
}

/** The `quiz-citation` rule. */
export const quizCitation: QuizRule = { name: RULE, check: (v) => v.sites.flatMap((q) => check(v, q)) };
