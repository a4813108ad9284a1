/**
 * The induction quiz's content model: the question bank (content/quiz/shared.yaml and
 * content/quiz/<setting-id>.yaml) and the quiz wording (content/quiz/messages.yaml), as loaded
 * and validated. Plain data; the zod schemas in ./schema.ts produce exactly these shapes.
 */
import type { CitationRef, Condition } from '../core/model';

/** One answer option. Exactly one option per question is right for a setting. */
export interface QuizOptionDef {
  id: string;
  text: string;
  /** Right in every setting that gets the question. */
  correct?: boolean;
  /** Right where this condition holds for the setting's profile (e.g. {rule: K, equals: true}). */
  correctWhen?: Condition;
}

/** One question as authored. Texts may use the flow placeholders ({{setting}}, {{rule.KEY}} …). */
export interface QuizQuestionDef {
  id: string;
  /** The policy area it tests (e.g. national-images, staff-phones); draws cover every area. */
  area: string;
  /** Asked only in settings where this holds (e.g. {rule: staff-phone-storage, is: set}). */
  when?: Condition;
  text: string;
  options: QuizOptionDef[];
  /** One or two sentences, shown after the answer. */
  explanation: string;
  /** The clauses the right answer comes from: a document and section, or {rule: KEY}. */
  cite: CitationRef[];
}

/** content/quiz/shared.yaml: questions every setting may get (national rules, profile-driven ones). */
export interface SharedQuizDef {
  version: number;
  questions: QuizQuestionDef[];
}

/** content/quiz/<setting-id>.yaml: one setting's own questions and its quiz settings. */
export interface SettingQuizDef {
  setting: string;
  version: number;
  /** Percentage needed to pass (default 80). */
  passMark: number;
  /** Questions per attempt (default 10). */
  questionsPerQuiz: number;
  questions: QuizQuestionDef[];
}

/** The quiz wording (content/quiz/messages.yaml). Runtime placeholders are listed in QUIZ_RUNTIME_PLACEHOLDERS. */
export interface QuizCatalog {
  intro: string;
  resume: string;
  question: string;
  retakeQuestion: string;
  right: string;
  wrong: string;
  resultPassed: string;
  resultFailed: string;
  missedHeading: string;
  retakeOffer: string;
  retakeYes: string;
  retakeNo: string;
  retakeStart: string;
  retakeDeclined: string;
  attestQuestion: string;
  attestYes: string;
  attestNotYet: string;
  attestReopen: string;
  attested: string;
  attestLater: string;
  notAChoice: string;
  help: string;
  paused: string;
  noQuiz: string;
  saveFailed: string;
  contentChanged: string;
  /** Wording for running the quiz in a staff channel (Slack, Teams) and the DSL's view of results. */
  channel: {
    invite: string;
    startButton: string;
    joinedInvite: string;
    reminder: string;
    posted: string;
    notDsl: string;
    postButton: string;
    reportHeading: string;
    passedHeading: string;
    notPassedHeading: string;
    mostMissedHeading: string;
    nobodyYet: string;
    /** The DSL's results, one person or question a line ({{date}} {{score}} {{total}} {{percent}} {{number}} {{missed}} {{count}} {{question}}). */
    passedLine: string;
    attestedLine: string;
    notAttestedLine: string;
    notPassedLine: string;
    missedLine: string;
  };
  /**
   * start: phrases that begin (or resume) the quiz from an ordinary chat; report: phrases with
   * which a DSL asks a chat channel for the staff results.
   */
  commands: { start: string[]; stop: string[]; help: string[]; report: string[] };
}

/** Placeholders the quiz fills at run time, besides the setting's own. */
export const QUIZ_RUNTIME_PLACEHOLDERS: readonly string[] = [
  'number', 'count', 'question', 'answer', 'score', 'total', 'percent', 'passmark', 'missed', 'date', 'version', 'days',
];

/** Everything under content/quiz/, validated. */
export interface QuizContent {
  shared: SharedQuizDef;
  /** Setting id → that setting's bank. */
  settings: ReadonlyMap<string, SettingQuizDef>;
  messages: QuizCatalog;
}
