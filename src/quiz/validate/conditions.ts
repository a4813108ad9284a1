/**
 * `quiz-unknown-rule`: a `when`, a `correctWhen`, a {rule: KEY} citation or a {{rule.KEY}}
 * placeholder names a rule that some banked setting's profile does not have at all (a typo
 * would otherwise silently drop the question or the answer). Where other profiles define it,
 * the problem is reported in each profile that lacks it (the fix is there, not in the quiz). `quiz-condition`: a condition on
 * chat answers ({answer: …}), which means nothing in the quiz.
 */
import type { Problem } from '../../authoring/problem';
import { answersIn, rulesIn } from '../../core/conditions';
import { placeholdersIn } from '../../core/template';
import type { Condition } from '../../core/model';
import { questionProblem, type QuestionSite, type QuizRule, type QuizValidation } from './context';

function conditionsOf(q: QuestionSite): { path: (string | number)[]; c: Condition }[] {
  const out: { path: (string | number)[]; c: Condition }[] = q.def.when ? [{ path: ['when'], c: q.def.when }] : [];
  q.def.options.forEach((o, i) => {
    if (o.correctWhen) out.push({ path: ['options', i, 'correctWhen'], c: o.correctWhen });
  });
  return out;
}

function rulesNamed(q: QuestionSite): { path: (string | number)[]; rule: string }[] {
  const out = conditionsOf(q).flatMap(({ path, c }) => rulesIn(c).map((rule) => ({ path, rule })));
  q.def.cite.forEach((c, i) => {
    if ('rule' in c) out.push({ path: ['cite', i], rule: c.rule });
  });
  const texts: [(string | number)[], string][] = [[['text'], q.def.text], [['explanation'], q.def.explanation], ...q.def.options.map((o, i): [(string | number)[], string] => [['options', i, 'text'], o.text])];
  for (const [path, text] of texts) {
    for (const name of placeholdersIn(text)) if (name.startsWith('rule.')) out.push({ path, rule: name.slice('rule.'.length) });
  }
  return out;
}

function check(v: QuizValidation, q: QuestionSite): Problem[] {
  const out: Problem[] = [];
  const settings = v.banked.filter((b) => q.owner === undefined || q.owner === b.setting.data.id).map((b) => b.setting);
  const seen = new Set<string>();
  for (const { path, rule } of rulesNamed(q)) {
    const lacking = settings.filter((s) => !Object.hasOwn(s.data.rules, rule));
    const missing = lacking.map((s) => s.data.id);
    if (missing.length === 0 || seen.has(rule)) continue;
    seen.add(rule);
    if (missing.length < settings.length) {
      // A rule other profiles define: the fix is in the profiles that lack it, never in the quiz.
      for (const s of lacking) {
        out.push({ rule: 'quiz-unknown-rule', file: s.file, line: s.yaml.lineOf(['rules']), message: `the quiz question "${q.def.id}" (${q.source.file}:${q.source.yaml.lineOf(['questions', q.index, ...path])}) uses rule "${rule}", which ${s.file} (setting ${s.data.id}) does not define.`,
          fix: `Add rules.${rule} to ${s.file}: the policy's text and cite, or "silent: true" if the policy says nothing about it.` });
      }
      continue;
    }
    out.push(questionProblem(q, 'quiz-unknown-rule', path, `names rule "${rule}", which ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not have.`,
      'Correct the rule key (see the setting profiles\' "rules:"), or add the rule - with its text and clause, or silent: true - to those profiles.'));
  }
  for (const { path, c } of conditionsOf(q)) {
    if (answersIn(c).length > 0) out.push(questionProblem(q, 'quiz-condition', path, 'a condition on chat answers ({answer: …}) means nothing in the quiz.', 'Use conditions on the setting only: {rule: KEY, is: set|silent}, {rule: KEY, equals: …}, {kind: [...]}, all/any/not.'));
  }
  return out;
}

/** The `quiz-unknown-rule` and `quiz-condition` rules. */
export const quizConditions: QuizRule = { name: 'quiz-unknown-rule', check: (v) => v.sites.flatMap((q) => check(v, q)) };
