/**
 * `quiz-file-name`: content/quiz/<x>.yaml whose `setting` is not <x>.
 * `quiz-unknown-setting`: a bank for a setting that has no profile.
 * (A setting with no bank is not a problem: it gets the shared questions, src/quiz/default-bank.ts.)
 */
import path from 'node:path';
import type { Problem } from '../../authoring/problem';
import type { QuizRule, QuizValidation } from './context';

function check(v: QuizValidation): Problem[] {
  const out: Problem[] = [];
  const profiles = new Set(v.bundle.settings.keys());
  for (const bank of v.files.settings) {
    const stem = path.basename(bank.file, '.yaml');
    // Asked only for a problem: finding a line parses the file again when it came from the memo.
    const line = () => bank.yaml.lineOf(['setting']);
    if (bank.data.setting !== stem) {
      out.push({ rule: 'quiz-file-name', file: bank.file, line: line(), message: `the bank says setting "${bank.data.setting}" but the file is named ${stem}.yaml.`, fix: `Name the file content/quiz/${bank.data.setting}.yaml, or set "setting: ${stem}".` });
    }
    if (!profiles.has(bank.data.setting)) {
      out.push({ rule: 'quiz-unknown-setting', file: bank.file, line: line(), message: `there is no setting profile "${bank.data.setting}".`, fix: `Use one of: ${[...profiles].join(', ')}; or add content/settings/${bank.data.setting}.yaml.` });
    }
  }
  return out;
}

/** The file rules. */
export const quizFiles: QuizRule = { name: 'quiz-file-name', check };
