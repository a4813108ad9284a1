/**
 * zod schemas for everything authored as YAML: flows, setting profiles, the national-rules
 * document, and the message catalogue. Strict objects, so a typo'd key fails with its path.
 * Shape only: meaning-level checks (reachability, citations, placeholders …) live in validate/.
 */
import { z } from 'zod';
import type {
  Condition,
  FlowDef,
  SettingProfile,
  DocumentDef,
} from '../core/model';
import type { Catalog } from '../core/catalog';
import { PROFILE_FIELDS } from '../core/profile';

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens');
const urgency = z.enum(['immediate', 'urgent', 'routine']);
const category = z.enum(['content', 'contact', 'conduct', 'commerce']);
const settingKind = z.enum(['early-years', 'primary', 'junior']);

export const CitationSchema = z.strictObject({
  document: z.string().min(1),
  section: z.string().min(1),
  /** Clause ids from content/clauses/<document>.yaml: their verbatim words are shown as quotes. */
  clauses: z.array(z.string().min(1)).min(1).optional(),
});

const AdviceCitationRefSchema = z.union([CitationSchema, z.strictObject({ rule: id }), z.strictObject({ profile: z.enum(PROFILE_FIELDS) })]);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ answer: id, in: z.array(id).min(1) }),
    z.strictObject({ rule: id, is: z.enum(['set', 'silent']) }),
    z.strictObject({ profile: z.enum(PROFILE_FIELDS), is: z.enum(['set', 'silent']) }),
    z.strictObject({ rule: id, equals: z.union([z.string(), z.boolean()]) }),
    z.strictObject({ kind: z.array(settingKind).min(1) }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

const QuestionSchema = z.strictObject({
  type: z.literal('question'),
  text: z.string().min(1),
  help: z.string().optional(),
  onFollowUp: id.optional(),
  choices: z
    .array(
      z.strictObject({
        id,
        label: z.string().min(1).max(75),
        next: id,
        urgency: urgency.optional(),
        when: ConditionSchema.optional(),
      }),
    )
    .min(2),
});

const AdviceSchema = z.strictObject({
  type: z.literal('advice'),
  title: z.string().min(1),
  intro: z.string().optional(),
  items: z
    .array(
      z.strictObject({
        text: z.string().min(1),
        cite: z.array(AdviceCitationRefSchema),
        when: ConditionSchema.optional(),
      }),
    )
    .min(1),
  next: id,
});

const BranchSchema = z.strictObject({
  type: z.literal('branch'),
  branches: z.array(z.strictObject({ when: ConditionSchema, next: id })).min(1),
  otherwise: id,
});

const ReportSchema = z.strictObject({
  type: z.literal('report'),
  urgency,
  category: category.optional(),
  intro: z.string().optional(),
  prompts: z
    .array(z.strictObject({ id, text: z.string().min(1), optional: z.boolean().optional() }))
    .min(1),
  next: id,
});

const EndSchema = z.strictObject({ type: z.literal('end'), text: z.string().min(1), noReport: z.string().min(10).optional() });

export const StepSchema = z.discriminatedUnion('type', [
  QuestionSchema,
  AdviceSchema,
  BranchSchema,
  ReportSchema,
  EndSchema,
]);

/** flows/<id>.yaml */
export const FlowSchema = z.strictObject({
  id,
  title: z.string().min(1),
  summary: z.string().min(1),
  kind: z.enum(['incident', 'guidance']),
  category,
  version: z.number().int().positive(),
  examples: z.array(z.string().min(3)),
  /** Reached only after a danger reply (or from the full menu): the router never starts it, so it has no examples. */
  dangerOnly: z.literal(true).optional(),
  start: id,
  steps: z.record(id, StepSchema),
  guardExempt: z.array(z.strictObject({ id, why: z.string().min(10) })).optional(),
});

export const DocumentSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  approved: z.string().min(1),
  lastReviewed: z.string().optional(),
  reviewDue: z.string().min(1),
  reviewDueDate: z.iso.date().optional(),
  precedence: z.number().int().min(1),
  note: z.string().optional(),
  sections: z.array(z.strictObject({ id: z.string().min(1), title: z.string().min(1) })).min(1),
});

const PersonSchema = z.strictObject({
  name: z.string().optional(),
  role: z.string().min(1),
  /** Where the setting's documents name this person ("preamble" for the front page). */
  cite: z.array(CitationSchema).min(1).optional(),
});

const RuleSchema = z.union([
  z.strictObject({
    silent: z.literal(false).default(false),
    text: z.string().min(1),
    value: z.union([z.string(), z.boolean()]).optional(),
    cite: z.array(CitationSchema).min(1),
    /** How sure `safestep setting new` was of this match (0–1); the DSL checks low ones first. */
    confidence: z.number().min(0).max(1).optional(),
  }),
  z.strictObject({ silent: z.literal(true), note: z.string().optional(), confidence: z.number().min(0).max(1).optional() }),
]);

/** An advice contact (content/settings/*.yaml and the national contacts). */
const ContactSchema = z.strictObject({
  id,
  name: z.string().min(1),
  phone: z.string().optional(),
  url: z.string().optional(),
  when: z.string().optional(),
});

/** content/settings/<id>.yaml */
export const SettingSchema = z.strictObject({
  id,
  name: z.string().min(1),
  /** Absent: established content. `draft`: written by `safestep setting new`, never served until approved. */
  status: z.enum(['draft', 'approved']).optional(),
  /** What the drafter could not fill and the DSL must check (placeholders, missing people or dates). */
  flags: z.array(z.string().min(1)).optional(),
  kind: settingKind,
  trust: z.string().optional(),
  childTerm: z.string().min(1),
  childrenTerm: z.string().min(1),
  people: z.strictObject({
    dsl: PersonSchema,
    deputies: z.array(PersonSchema),
    head: PersonSchema,
    allegations: z.strictObject({ text: z.string().min(1), cite: z.array(CitationSchema).min(1) }),
    /** How to reach the DSL out of hours, only where the policy says. */
    outOfHours: z.strictObject({ text: z.string().min(1), cite: z.array(CitationSchema).min(1) }).optional(),
  }),
  /** The setting's own advice contacts; those it does not name come from content/national-rules.yaml. */
  contacts: z.array(ContactSchema).default([]),
  officialChannels: z.array(
    z.strictObject({ platform: z.string().min(1), name: z.string().min(1), url: z.string().optional() }),
  ),
  documents: z.array(DocumentSchema).min(1),
  rules: z.record(id, RuleSchema),
  /** The outcomes a DSL may record (closing a report); content/messages.yaml desk.defaultOutcomes when absent. */
  outcomes: z.array(z.string().min(1).max(75)).min(1).optional(),
  /** How long SafeStep keeps data: unfinished conversations (days, default 30); reports are kept unless `reportYears` is set. */
  retention: z.strictObject({ sessionDays: z.number().int().positive().optional(), reportYears: z.number().int().positive().optional() }).optional(),
});

/** content/national-rules.yaml: the national guidance every setting may cite. */
export const NationalSchema = z.strictObject({
  document: DocumentSchema,
  /** National advice lines (police, Childline, CEOP, IWF …) every profile gets unless it names its own with that id. */
  contacts: z.array(ContactSchema).default([]),
});

/** content/messages.yaml */
export const CatalogSchema = z.strictObject({
  greeting: z.string(),
  askSituation: z.string(),
  emptyMessage: z.string(),
  tooLong: z.string(),
  tooLongAtPrompt: z.string(),
  danger: z.string(),
  dangerCheck: z.strictObject({
    question: z.string().min(1),
    yes: z.string().min(1).max(75),
    no: z.string().min(1).max(75),
    carryOn: z.string().min(1),
  }),
  imageryWarning: z.string(),
  filesOnly: z.string(),
  outOfScope: z.string(),
  chooseFlow: z.string(),
  chooseFlowMenu: z.string(),
  somethingElse: z.string(),
  noneOfThese: z.string(),
  notAChoice: z.string(),
  help: z.string(),
  dslNow: z.string(),
  backNothing: z.string(),
  restarted: z.string(),
  contentChanged: z.string(),
  reportIntro: z.string(),
  skip: z.string(),
  reportFiled: z.string(),
  reportFailed: z.string(),
  filingInProgress: z.string(),
  chatRetention: z.string(),
  notSetUp: z.string(),
  silence: z.strictObject({ notCovered: z.string().min(1), askDsl: z.string().min(1) }),
  dsl: z.strictObject({
    newReport: z.string(),
    immediate: z.string(),
    reminder: z.string(),
    notAuthorised: z.string(),
    acknowledged: z.string(),
    alreadyAcknowledged: z.string(),
    reporterAcknowledged: z.string(),
    unknownReport: z.string(),
  }),
  labels: z.strictObject({
    acknowledge: z.string().min(1).max(75),
    viewReport: z.string().min(1).max(75),
    reportConcern: z.string().min(1).max(75),
    askQuestion: z.string().min(1).max(75),
    reference: z.string().min(1).max(75),
    urgency: z.string().min(1).max(75),
    situation: z.string().min(1).max(75),
    setting: z.string().min(1).max(75),
    reporter: z.string().min(1).max(75),
    filed: z.string().min(1).max(75),
    category: z.string().min(1).max(75),
    danger: z.string().min(1).max(75),
    acknowledged: z.string().min(1).max(75),
    answers: z.string().min(1).max(75),
    firstMessage: z.string().min(1).max(75),
    account: z.string().min(1).max(75),
    advice: z.string().min(1).max(75),
    deliveries: z.string().min(1).max(75),
    latestReports: z.string().min(1).max(75),
    noReports: z.string().min(1).max(75),
    close: z.string().min(1).max(75),
    typeAnswer: z.string().min(1).max(75),
    policyVersion: z.string().min(1).max(75),
  }),
  desk: z.strictObject({
    addNote: z.string().min(1).max(75),
    assignAction: z.string().min(1).max(75),
    recordOutcome: z.string().min(1).max(75),
    correct: z.string().min(1).max(75),
    audit: z.string().min(1).max(75),
    exportCpoms: z.string().min(1).max(75),
    history: z.string().min(1).max(75),
    status: z.string().min(1).max(75),
    open: z.string().min(1).max(75),
    closed: z.string().min(1).max(75),
    save: z.string().min(1).max(75),
    cancel: z.string().min(1).max(75),
    noteTitle: z.string().min(1).max(75),
    noteText: z.string().min(1).max(75),
    actionTitle: z.string().min(1).max(75),
    actionText: z.string().min(1).max(75),
    actionFor: z.string().min(1).max(75),
    actionForPick: z.string().min(1).max(75),
    actionDue: z.string().min(1).max(75),
    outcomeTitle: z.string().min(1).max(75),
    outcomeChoice: z.string().min(1).max(75),
    outcomeNote: z.string().min(1).max(75),
    correctTitle: z.string().min(1).max(75),
    correctWhat: z.string().min(1).max(75),
    correctReport: z.string().min(1).max(75),
    correctText: z.string().min(1).max(75),
    entryAcknowledged: z.string().min(1).max(75),
    entryNote: z.string().min(1).max(75),
    entryAction: z.string().min(1).max(75),
    entryOutcome: z.string().min(1).max(75),
    entryCorrection: z.string().min(1).max(75),
    auditTitle: z.string().min(1),
    auditEmpty: z.string().min(1),
    exportTitle: z.string().min(1),
    saved: z.string().min(1),
    closedSaved: z.string().min(1),
    alreadyClosed: z.string().min(1),
    invalid: z.string().min(1),
    reporterClosed: z.string().min(1),
    actionOverdue: z.string().min(1),
    digestTitle: z.string().min(1),
    digestNew: z.string().min(1),
    digestUnacknowledged: z.string().min(1),
    digestOverdue: z.string().min(1),
    digestOpen: z.string().min(1),
    digestNothing: z.string().min(1),
    exportCpomsHeading: z.string().min(1),
    exportMyConcernHeading: z.string().min(1),
    exportWhen: z.string().min(1),
    exportAbout: z.string().min(1),
    exportConcern: z.string().min(1),
    exportChildWords: z.string().min(1),
    exportSeenHeard: z.string().min(1),
    exportActions: z.string().min(1),
    exportTold: z.string().min(1),
    exportReporter: z.string().min(1),
    exportNotGiven: z.string().min(1),
    defaultOutcomes: z.array(z.string().min(1).max(75)).min(1),
  }),
  commands: z.strictObject({
    restart: z.array(z.string()).min(1),
    back: z.array(z.string()).min(1),
    help: z.array(z.string()).min(1),
    dslNow: z.array(z.string()).min(1),
    menu: z.array(z.string()).min(1),
  }),
  limits: z.strictObject({ maxMessageLength: z.number().int().positive() }),
  followUp: z.strictObject({ cues: z.array(z.string().min(1)).min(1), maxWords: z.number().int().positive(), notice: z.string().min(1) }),
});

// Compile-time proof that the schemas produce the core's types.
type Parsed<S extends z.ZodType> = z.output<S>;
const _flow = (f: Parsed<typeof FlowSchema>): FlowDef => f;
const _setting = (s: Parsed<typeof SettingSchema>): SettingProfile => s;
const _doc = (d: Parsed<typeof DocumentSchema>): DocumentDef => d;
const _catalog = (c: Parsed<typeof CatalogSchema>): Catalog => c;
void _flow;
void _setting;
void _doc;
void _catalog;
