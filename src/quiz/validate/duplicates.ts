/**
 * `quiz-duplicate-id`: a question id used twice (in one file, or in shared.yaml and a setting's
 * bank, or in two banks: both files named), an option id twice in one question, or two options
 * of one question that read the same once a setting's placeholders are filled.
 */
import type { Problem } from '../../authoring/problem';
import { questionProblem, settingsOf, shown, type QuestionSite, type QuizRule, type QuizValidation } from './context';

const RULE = 'quiz-duplicate-id';

function at(q: QuestionSite): string {
  return `${q.source.file}:${q.source.yaml.lineOf(['questions', q.index, 'id'])}`;
}

function questionIds(v: QuizValidation): Problem[] {
  const first = new Map<string, QuestionSite>();
  const out: Problem[] = [];
  for (const q of v.sites) {
    const earlier = first.get(q.def.id);
    if (!earlier) {
      first.set(q.def.id, q);
      continue;
    }
    const where = earlier.source === q.source ? `earlier in ${q.source.file}` : `in ${earlier.source.file}`;
    out.push(questionProblem(q, RULE, ['id'], `the id is also used ${where} (at ${at(earlier)}); the DSL's report counts answers by id.`,
      earlier.source === q.source ? 'Give this question its own id.' : `Give the question in ${q.source.file} or the one in ${earlier.source.file} a different id.`));
  }
  return out;
}

function options(v: QuizValidation, q: QuestionSite): Problem[] {
  const out: Problem[] = [];
  const ids = new Set<string>();
  q.def.options.forEach((o, i) => {
    if (ids.has(o.id)) out.push(questionProblem(q, RULE, ['options', i, 'id'], `option id "${o.id}" is used twice.`, `Give option ${i + 1} its own id (a, b, c, d).`));
    ids.add(o.id);
  });
  for (const s of settingsOf(v, q)) {
    const texts = q.def.options.map((o) => shown(o.text, s.data)?.trim().toLowerCase());
    const twice = texts.findIndex((t, i) => t !== undefined && texts.indexOf(t) !== i);
    if (twice >= 0) {
      out.push(questionProblem(q, RULE, ['options', twice, 'text'], `options ${texts.indexOf(texts[twice]) + 1} and ${twice + 1} read the same for setting ${s.data.id}.`, 'Reword one of them so every option is different.'));
      break;
    }
  }
  return out;
}

/** The `quiz-duplicate-id` rule. */
export const quizDuplicates: QuizRule = { name: RULE, check: (v) => [...questionIds(v), ...v.sites.flatMap((q) => options(v, q))] };
