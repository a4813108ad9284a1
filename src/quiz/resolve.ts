/**
 * One setting's quiz: the questions that apply to it (shared ones whose `when` holds, plus its
 * own), with placeholders filled from its profile, the right option chosen by `correct` or
 * `correctWhen`, and citations resolved to titled clauses. Pure; assumes validated content.
 */
import { evaluate } from '../core/conditions';
import type { ShownAdviceStep } from '../core/messages';
import type { Citation, Condition, DocumentDef, SettingProfile } from '../core/model';
import { resolveCitation } from '../core/render';
import { isSilent, rulesInText } from '../core/silence';
import { render } from '../core/template';
import type { QuizContent, QuizOptionDef, QuizQuestionDef } from './model';

/** A citation as shown: the clause with its document and section titles. */
export type ShownCitation = ShownAdviceStep['citations'][number];

/** A question as this setting's staff see it. */
export interface ResolvedQuestion {
  id: string;
  area: string;
  text: string;
  options: { id: string; text: string }[];
  /** The id of the right option for this setting. */
  correct: string;
  explanation: string;
  citations: ShownCitation[];
}

/** The quiz of one setting. */
export interface SettingQuiz {
  settingId: string;
  passMark: number;
  questionsPerQuiz: number;
  /** The documents (with approval and review dates) and bank versions the questions come from. */
  policyVersion: string;
  questions: ResolvedQuestion[];
}

const NO_ANSWERS: ReadonlyMap<string, string> = new Map();

/** Whether a condition holds for the setting (quiz conditions never depend on chat answers). */
export function holds(c: Condition | undefined, s: SettingProfile): boolean {
  return c === undefined || evaluate(c, s, NO_ANSWERS) === true;
}

/** The options that are right for this setting (exactly one, in valid content). */
export function correctOptions(q: QuizQuestionDef, s: SettingProfile): QuizOptionDef[] {
  return q.options.filter((o) => o.correct === true || (o.correctWhen !== undefined && holds(o.correctWhen, s)));
}

/** The rule keys a question's texts fill ({{rule.KEY}}) or its citations name ({rule: KEY}). */
export function rulesOfQuestion(q: QuizQuestionDef): string[] {
  const texts = [q.text, q.explanation, ...q.options.map((o) => o.text)];
  return [...texts.flatMap(rulesInText), ...q.cite.flatMap((c) => ('rule' in c ? [c.rule] : []))];
}

/**
 * Whether a question is asked in the setting: its `when` holds and, for a shared question, the
 * setting's policy is not silent on any rule the question quotes or cites (so a new setting
 * with no own bank gets every shared question its policy can answer, and never another's rule).
 */
export function asks(q: QuizQuestionDef, s: SettingProfile, shared: boolean): boolean {
  return holds(q.when, s) && (!shared || !rulesOfQuestion(q).some((k) => isSilent(k, s)));
}

/** The questions of the shared bank and the setting's own bank (if any) that apply to the setting. */
export function applicableQuestions(quiz: QuizContent, s: SettingProfile): QuizQuestionDef[] {
  const own = quiz.settings.get(s.id)?.questions ?? [];
  return [...quiz.shared.questions.filter((q) => asks(q, s, true)), ...own.filter((q) => asks(q, s, false))];
}

function titled(c: Citation, docs: readonly DocumentDef[]): ShownCitation {
  const doc = docs.find((d) => d.id === c.document);
  const section = doc?.sections.find((x) => x.id === c.section);
  return { ...c, title: section?.title, documentTitle: doc?.title };
}

/** The citations without repeats (two rules often cite the same clause). */
function unique(cites: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return cites.filter((c) => {
    const key = `${c.document}\u0000${c.section}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** One question as shown in this setting; throws PlaceholderError on a gap (the validator prevents it). */
export function resolveQuestion(q: QuizQuestionDef, s: SettingProfile, national: DocumentDef): ResolvedQuestion {
  const docs = [...s.documents, national];
  const right = correctOptions(q, s)[0];
  return {
    id: q.id,
    area: q.area,
    text: render(q.text, s),
    options: q.options.map((o) => ({ id: o.id, text: render(o.text, s) })),
    correct: right?.id ?? '',
    explanation: render(q.explanation, s),
    citations: unique(q.cite.flatMap((ref) => resolveCitation(ref, s))).map((c) => titled(c, docs)),
  };
}

/** "doc (approved …; review due …); national-rules (…); quiz bank shared v1, <setting> v1". */
export function quizPolicyVersion(quiz: QuizContent, s: SettingProfile, national: DocumentDef): string {
  const docs = [
    ...s.documents.map((d) => `${d.id} (approved ${d.approved}; review due ${d.reviewDue})`),
    `${national.id} (${national.approved})`,
  ];
  const own = quiz.settings.get(s.id);
  return `${docs.join('; ')}; quiz bank shared v${quiz.shared.version}, ${s.id} v${own?.version ?? 0}`;
}

/** The setting's quiz, or undefined when content/quiz/ has no bank for it. */
export function resolveQuiz(quiz: QuizContent, s: SettingProfile, national: DocumentDef): SettingQuiz | undefined {
  const own = quiz.settings.get(s.id);
  if (!own) return undefined;
  return {
    settingId: s.id,
    passMark: own.passMark,
    questionsPerQuiz: own.questionsPerQuiz,
    policyVersion: quizPolicyVersion(quiz, s, national),
    questions: applicableQuestions(quiz, s).map((q) => resolveQuestion(q, s, national)),
  };
}
