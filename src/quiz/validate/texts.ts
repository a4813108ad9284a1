/**
 * The words of the quiz, as each setting that gets them will see them:
 * `quiz-placeholder`: a {{…}} placeholder that cannot be filled for such a setting, or is
 *   malformed (also checked in content/quiz/messages.yaml, where the quiz's runtime values
 *   such as {{score}} are allowed);
 * `quiz-explanation`: an explanation that is not one or two sentences, or is over 400 characters;
 * `quiz-text-length`: a question over 300 characters or an option over 200 (chat buttons and
 *   cards stay readable);
 * `quiz-forbidden-advice`: an explanation, a right option or a quiz message that tells staff to
 *   do what a national rule forbids (content/national-guard.yaml; a negated match is allowed).
 *   Wrong options are not checked: they are meant to be wrong.
 */
import type { Problem } from '../../authoring/problem';
import { forbiddenIn } from '../../authoring/guard';
import type { SettingSource } from '../../authoring/sources';
import type { DataPath } from '../../authoring/yaml-source';
import { placeholdersIn } from '../../core/template';
import { QUIZ_RUNTIME_PLACEHOLDERS } from '../model';
import { correctOptions } from '../resolve';
import { questionProblem, settingsOf, shown, type QuestionSite, type QuizRule, type QuizValidation } from './context';
import { placeholderGap } from '../../authoring/validate/placeholders';

/** Limits on what staff read in a chat window. */
export const TEXT_LIMITS = { explanationChars: 400, explanationSentences: 2, questionChars: 300, optionChars: 200 } as const;

const ANY_BRACES = /\{\{([^{}]*)\}\}/g;
const WELL_FORMED = /^\s*[a-z]+(?:\.[a-z0-9-]+)?\s*$/;
const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|vs)\./g;

/** The number of sentences in a text (a full stop, ! or ? followed by a space and a capital, or the end). */
export function sentenceCount(text: string): number {
  const plain = text.replace(ABBREVIATIONS, (m) => m.slice(0, -1)).trim();
  return plain === '' ? 0 : plain.split(/(?<=[.!?])\s+(?=["'‘“(]?[A-Z0-9])/).length;
}

interface Checked {
  path: DataPath;
  text: string;
  role: 'question' | 'option' | 'right-option' | 'explanation';
}

function textsOf(q: QuestionSite, setting: SettingSource): Checked[] {
  const right = new Set(correctOptions(q.def, setting.data));
  return [
    { path: ['text'], text: q.def.text, role: 'question' },
    ...q.def.options.map((o, i): Checked => ({ path: ['options', i, 'text'], text: o.text, role: right.has(o) ? 'right-option' : 'option' })),
    { path: ['explanation'], text: q.def.explanation, role: 'explanation' },
  ];
}

function placeholderProblems(text: string, settings: readonly SettingSource[], runtime: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ANY_BRACES)) if (!WELL_FORMED.test(m[1] ?? '')) out.push(`"${m[0]}" is malformed`);
  for (const name of new Set(placeholdersIn(text))) {
    const gaps = settings.flatMap((s) => {
      const why = placeholderGap(name, s, runtime);
      return why ? [`${s.data.id}: ${why}`] : [];
    });
    if (gaps.length > 0) out.push(`{{${name}}} cannot be filled (${gaps.join('; ')})`);
  }
  return out;
}

function questionTexts(v: QuizValidation, q: QuestionSite): Problem[] {
  const out: Problem[] = [];
  const settings = settingsOf(v, q);
  const reported = new Set<string>();
  const once = (key: string, problem: () => Problem) => {
    if (!reported.has(key)) out.push(problem());
    reported.add(key);
  };
  for (const t of textsOf(q, settings[0] ?? v.banked[0]!.setting)) {
    const gaps = placeholderProblems(t.text, settings, []);
    if (gaps.length > 0) out.push(questionProblem(q, 'quiz-placeholder', t.path, `${gaps.join('; ')}.`, 'Use a placeholder every setting that gets the question can fill (see src/core/template.ts), or narrow the question with "when: {rule: KEY, is: set}".'));
  }
  for (const s of settings) {
    for (const t of textsOf(q, s)) {
      const text = shown(t.text, s.data);
      if (text === undefined) continue;
      const limit = t.role === 'question' ? TEXT_LIMITS.questionChars : t.role === 'explanation' ? TEXT_LIMITS.explanationChars : TEXT_LIMITS.optionChars;
      const sentences = t.role === 'explanation' ? sentenceCount(text) : 1;
      if (t.role === 'explanation' && (sentences < 1 || sentences > TEXT_LIMITS.explanationSentences)) {
        once(`sentences${t.path.join('.')}`, () => questionProblem(q, 'quiz-explanation', t.path, `the explanation is ${sentences} sentences for ${s.data.id}; it must be one or two.`, 'Explain the answer in one or two sentences; the citation points to the rest.'));
      }
      if (text.length > limit) {
        const rule = t.role === 'explanation' ? 'quiz-explanation' : 'quiz-text-length';
        once(`length${t.path.join('.')}`, () => questionProblem(q, rule, t.path, `the ${t.role === 'right-option' ? 'option' : t.role} is ${text.length} characters for ${s.data.id}; the limit is ${limit}.`, 'Shorten it (placeholders such as {{rule.KEY}} expand to the setting\'s own wording).'));
      }
      if (t.role !== 'explanation' && t.role !== 'right-option') continue;
      for (const m of forbiddenIn(text, v.guard)) {
        once(`guard${t.path.join('.')}${m.entry.id}`, () => questionProblem(q, 'quiz-forbidden-advice', t.path, `the ${t.role === 'right-option' ? 'right answer' : 'explanation'} says "${m.words}" (as shown for ${s.data.id}), which ${m.entry.rule} forbids (${m.entry.id}): ${m.entry.why}`,
          `Rephrase so staff are not told to do this, or negate it in the same sentence (e.g. "Never ${m.words.toLowerCase()}").`));
      }
    }
  }
  return out;
}

function messageTexts(v: QuizValidation): Problem[] {
  const m = v.files.messages;
  const settings = v.banked.map((b) => b.setting);
  const { commands, channel, ...texts } = m.data;
  const entries: [DataPath, string][] = [
    ...Object.entries(texts).map(([key, value]): [DataPath, string] => [[key], value]),
    ...Object.entries(channel).map(([key, value]): [DataPath, string] => [['channel', key], value]),
    ...Object.entries(commands).flatMap(([name, words]) => words.map((w, i): [DataPath, string] => [['commands', name, i], w])),
  ];
  return entries.flatMap(([path, text]) => {
    const problems: Problem[] = placeholderProblems(text, settings, QUIZ_RUNTIME_PLACEHOLDERS).map((why) => ({
      rule: 'quiz-placeholder', file: m.file, line: m.yaml.lineOf(path), message: `message "${path.join('.')}": ${why}.`,
      fix: `Use the setting placeholders of src/core/template.ts or the quiz's own: ${QUIZ_RUNTIME_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}.`,
    }));
    for (const s of settings) {
      const rendered = shown(text, s.data);
      const hit = rendered === undefined ? undefined : forbiddenIn(rendered, v.guard)[0];
      if (!hit) continue;
      problems.push({ rule: 'quiz-forbidden-advice', file: m.file, line: m.yaml.lineOf(path), message: `message "${path.join('.')}" says "${hit.words}", which ${hit.entry.rule} forbids (${hit.entry.id}).`, fix: 'Rephrase it, or negate it in the same sentence.' });
      break;
    }
    return problems;
  });
}

/** The text rules. */
export const quizTexts: QuizRule = { name: 'quiz-placeholder', check: (v) => [...v.sites.flatMap((q) => questionTexts(v, q)), ...messageTexts(v)] };
