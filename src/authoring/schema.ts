/**
 * zod schemas for everything authored as YAML: flows, setting profiles and the national-rules
 * document (the message catalogue's is in catalog-schema.ts, re-exported here). Strict objects, so a typo'd key fails with its path.
 * Shape only: meaning-level checks (reachability, citations, placeholders …) live in validate/.
 */
import { z } from 'zod';
import type {
  Condition,
  FlowDef,
  SettingProfile,
  DocumentDef,
} from '../core/model';
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

// Compile-time proof that the schemas produce the core's types.
type Parsed<S extends z.ZodType> = z.output<S>;
const _flow = (f: Parsed<typeof FlowSchema>): FlowDef => f;
const _setting = (s: Parsed<typeof SettingSchema>): SettingProfile => s;
const _doc = (d: Parsed<typeof DocumentSchema>): DocumentDef => d;
void _flow;
void _setting;
void _doc;

export { CatalogSchema } from './catalog-schema';
