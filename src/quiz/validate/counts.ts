/**
 * Per setting: `quiz-question-count` (15 to 25 questions apply), `quiz-areas` (at least 4 policy
 * areas), `quiz-questions-per-quiz` (an attempt can be drawn: no more questions than apply, and
 * at least one per area so every area appears). A setting with no bank of its own needs at
 * least SHARED_ONLY_MIN shared questions in MIN_SHARED_AREAS areas (src/quiz/default-bank.ts).
 */
import type { Problem } from '../../authoring/problem';
import { MIN_SHARED_AREAS, SHARED_ONLY_MIN } from '../default-bank';
import type { QuizRule, QuizValidation } from './context';

/** How many questions must apply to each setting. */
export const QUESTION_RANGE = { min: 15, max: 25 } as const;
/** How many policy areas each setting's questions must cover. */
export const MIN_AREAS = 4;

function check(v: QuizValidation): Problem[] {
  const out: Problem[] = [];
  for (const { setting, bank, implicit } of v.banked) {
    const questions = v.applicable(setting);
    const areas = new Set(questions.map((q) => q.def.area));
    const problem = (rule: string, path: (string | number)[], message: string, fix: string): Problem =>
      ({ rule, file: bank.file, line: bank.yaml.lineOf(path), message: `setting ${setting.data.id}: ${message}`, fix });
    if (implicit) {
      if (questions.length < SHARED_ONLY_MIN || areas.size < MIN_SHARED_AREAS) {
        out.push({ rule: 'quiz-question-count', file: setting.file, message: `setting ${setting.data.id} has no quiz bank of its own, and only ${questions.length} shared question(s) in ${areas.size} area(s) apply to its policy; the induction quiz needs at least ${SHARED_ONLY_MIN} in ${MIN_SHARED_AREAS} areas.`, fix: `Create ${bank.file} with "setting: ${setting.data.id}", "version: 1" and questions from the setting's own policy (see the README, "The induction quiz").` });
      }
      continue;
    }
    if (questions.length < QUESTION_RANGE.min || questions.length > QUESTION_RANGE.max) {
      const fix = questions.length < QUESTION_RANGE.min
        ? `Add ${QUESTION_RANGE.min - questions.length} or more questions from the setting's own policy to ${bank.file}.`
        : `Remove ${questions.length - QUESTION_RANGE.max} or more questions from ${bank.file}, or narrow shared questions with "when".`;
      out.push(problem('quiz-question-count', ['questions'], `${questions.length} questions apply (shared and own); the bank needs ${QUESTION_RANGE.min} to ${QUESTION_RANGE.max}.`, fix));
    }
    if (areas.size < MIN_AREAS) {
      out.push(problem('quiz-areas', ['questions'], `the questions cover ${areas.size} policy area(s) (${[...areas].join(', ')}); at least ${MIN_AREAS} are needed.`, 'Add questions in other areas the policy covers (e.g. staff-phones, social-media, contact-with-families, images-of-children).'));
    }
    const n = bank.data.questionsPerQuiz;
    if (n > questions.length) {
      out.push(problem('quiz-questions-per-quiz', ['questionsPerQuiz'], `questionsPerQuiz is ${n} but only ${questions.length} questions apply.`, `Set questionsPerQuiz to at most ${questions.length}.`));
    } else if (n < areas.size) {
      out.push(problem('quiz-questions-per-quiz', ['questionsPerQuiz'], `questionsPerQuiz is ${n}, fewer than the ${areas.size} policy areas, so an attempt could leave an area out.`, `Set questionsPerQuiz to at least ${areas.size}.`));
    }
  }
  return out;
}

/** The count rules. */
export const quizCounts: QuizRule = { name: 'quiz-question-count', check };
