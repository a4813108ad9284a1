/**
 * `quiz-correct-answer`: for some setting that gets the question, no option or more than one
 * option is right (by `correct: true` or a `correctWhen` that holds for the setting's profile);
 * or an option has both `correct` and `correctWhen`.
 */
import type { Problem } from '../../authoring/problem';
import { correctOptions } from '../resolve';
import { names, questionProblem, settingsOf, type QuestionSite, type QuizRule, type QuizValidation } from './context';

const RULE = 'quiz-correct-answer';

function check(v: QuizValidation, q: QuestionSite): Problem[] {
  const out: Problem[] = [];
  q.def.options.forEach((o, i) => {
    if (o.correct && o.correctWhen) out.push(questionProblem(q, RULE, ['options', i], `option "${o.id}" has both "correct" and "correctWhen".`, 'Keep "correct: true" (right everywhere) or "correctWhen" (right where it holds), not both.'));
  });
  const none = settingsOf(v, q).filter((s) => correctOptions(q.def, s.data).length === 0);
  const many = settingsOf(v, q).filter((s) => correctOptions(q.def, s.data).length > 1);
  if (none.length > 0) {
    out.push(questionProblem(q, RULE, ['options'], `no option is right for ${names(none)}.`, 'Mark the right option "correct: true", or give the options "correctWhen" conditions that cover every setting that gets the question (or narrow the question with "when").'));
  }
  if (many.length > 0) {
    const which = q.def.options.filter((o) => correctOptions(q.def, many[0]!.data).includes(o)).map((o) => o.id).join(', ');
    out.push(questionProblem(q, RULE, ['options'], `more than one option is right for ${names(many)} (options ${which}).`, 'Keep exactly one right option per setting: make the "correctWhen" conditions exclusive, or remove a "correct: true".'));
  }
  return out;
}

/** The `quiz-correct-answer` rule. */
export const quizCorrectAnswer: QuizRule = { name: RULE, check: (v) => v.sites.flatMap((q) => check(v, q)) };
