/**
 * zod schemas for content/quiz/: the shared bank, each setting's bank and the quiz wording.
 * Strict objects, so a typo'd key fails with its path. Shape only: "exactly one right answer
 * for this setting", citations, counts and placeholders are checked in ./validate.
 */
import { z } from 'zod';
import { CitationSchema, ConditionSchema } from '../authoring/schema';
import type { QuizCatalog, QuizQuestionDef, SettingQuizDef, SharedQuizDef } from './model';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens');

const OptionSchema = z.strictObject({
  id,
  text: z.string().min(1).max(300),
  correct: z.literal(true).optional(),
  correctWhen: ConditionSchema.optional(),
});

/** One question; 3 or 4 options, at least one citation. */
export const QuizQuestionSchema = z.strictObject({
  id,
  area: id,
  when: ConditionSchema.optional(),
  text: z.string().min(1).max(400),
  options: z.array(OptionSchema).min(3).max(4),
  explanation: z.string().min(1),
  cite: z.array(z.union([CitationSchema, z.strictObject({ rule: id })])).min(1),
});

/** content/quiz/shared.yaml */
export const SharedQuizSchema = z.strictObject({
  version: z.number().int().positive(),
  questions: z.array(QuizQuestionSchema),
});

/** content/quiz/<setting-id>.yaml */
export const SettingQuizSchema = z.strictObject({
  setting: id,
  version: z.number().int().positive(),
  passMark: z.number().int().min(1).max(100).default(80),
  questionsPerQuiz: z.number().int().min(1).max(50).default(10),
  questions: z.array(QuizQuestionSchema).default([]),
});

const text = z.string().min(1);

/** content/quiz/messages.yaml */
export const QuizCatalogSchema = z.strictObject({
  intro: text,
  resume: text,
  question: text,
  retakeQuestion: text,
  right: text,
  wrong: text,
  resultPassed: text,
  resultFailed: text,
  missedHeading: text,
  retakeOffer: text,
  retakeYes: text,
  retakeNo: text,
  retakeStart: text,
  retakeDeclined: text,
  attestQuestion: text,
  attestYes: text,
  attestNotYet: text,
  attestReopen: text,
  attested: text,
  attestLater: text,
  notAChoice: text,
  help: text,
  paused: text,
  noQuiz: text,
  saveFailed: text,
  contentChanged: text,
  channel: z.strictObject({
    invite: text,
    startButton: text,
    joinedInvite: text,
    reminder: text,
    posted: text,
    notDsl: text,
    postButton: text,
    reportHeading: text,
    passedHeading: text,
    notPassedHeading: text,
    mostMissedHeading: text,
    nobodyYet: text,
    passedLine: text,
    attestedLine: text,
    notAttestedLine: text,
    notPassedLine: text,
    missedLine: text,
  }),
  commands: z.strictObject({ start: z.array(text).min(1), stop: z.array(text).min(1), help: z.array(text).min(1), report: z.array(text).min(1) }),
});

// Compile-time proof that the schemas produce the quiz model's types.
const _question = (q: z.output<typeof QuizQuestionSchema>): QuizQuestionDef => q;
const _shared = (s: z.output<typeof SharedQuizSchema>): SharedQuizDef => s;
const _setting = (s: z.output<typeof SettingQuizSchema>): SettingQuizDef => s;
const _catalog = (c: z.output<typeof QuizCatalogSchema>): QuizCatalog => c;
void _question;
void _shared;
void _setting;
void _catalog;
