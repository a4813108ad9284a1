/**
 * The content model: what a flow (flows/*.yaml) and a setting profile (content/settings/*.yaml)
 * mean once loaded and validated. Plain data; the zod schemas in src/authoring must produce
 * exactly these shapes. Nothing here performs I/O.
 */

/** How quickly the DSL must act on a report. Ordered: immediate > urgent > routine. */
export type Urgency = 'immediate' | 'urgent' | 'routine';
export const URGENCY_ORDER: readonly Urgency[] = ['routine', 'urgent', 'immediate'];

/** The 4Cs of online risk (KCSIE): content, contact, conduct, commerce. */
export type Category = 'content' | 'contact' | 'conduct' | 'commerce';

/** Early years, primary or junior: flows may branch on it. */
export type SettingKind = 'early-years' | 'primary' | 'junior';

/** A clause of a policy document: `document` is the file name without `.txt`, `section` its own number. */
export interface Citation {
  document: string;
  section: string;
  /** Ids of the operative clauses of that section this rests on (content/clauses/<document>.yaml). */
  clauses?: string[];
  /** The policy's own words for those clauses, verbatim; filled in by the loader from the clause map. */
  quotes?: string[];
}

/** The profile facts a flow may cite ({profile: FIELD}) or test ({profile: FIELD, is: set|silent}); see profile.ts. */
export const PROFILE_FIELDS = ['dsl', 'deputies', 'out-of-hours', 'reviews'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** A citation in a flow: a fixed clause, or "whatever clause the setting's rule cites". */
export type CitationRef = Citation | { rule: string };

/**
 * A citation an advice item may carry: a CitationRef, or "wherever the setting's documents give
 * this fact about its people or dates" (profile.ts).
 */
export type AdviceCitationRef = CitationRef | { profile: ProfileField };

/** A condition on the conversation so far or on the setting's profile (never on the setting's id). */
export type Condition =
  | { answer: string; in: string[] }
  | { rule: string; is: 'set' | 'silent' }
  | { profile: ProfileField; is: 'set' | 'silent' }
  | { rule: string; equals: string | boolean }
  | { kind: SettingKind[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** One option of a question; `urgency` raises the report's urgency when chosen. */
export interface ChoiceDef {
  id: string;
  label: string;
  next: string;
  urgency?: Urgency;
  when?: Condition;
}

/** Asks one thing whose answer changes what SafeStep advises. */
export interface QuestionStep {
  type: 'question';
  text: string;
  help?: string;
  /**
   * For an optional offer after the advice ("Do you want to log this?"): the choice (one leading
   * to an end step) taken when the person types a follow-up question instead of answering, so the
   * follow-up is answered in the context of this flow (follow-up.ts).
   */
  onFollowUp?: string;
  choices: ChoiceDef[];
}

/** One numbered instruction, always with at least one citation. */
export interface AdviceItem {
  text: string;
  cite: AdviceCitationRef[];
  when?: Condition;
}

/** Ordered next steps; items whose `when` fails for this setting or these answers are left out. */
export interface AdviceStep {
  type: 'advice';
  title: string;
  intro?: string;
  items: AdviceItem[];
  next: string;
}

/** Goes to the first branch whose condition holds, else `otherwise`. Shows nothing. */
export interface BranchStep {
  type: 'branch';
  branches: { when: Condition; next: string }[];
  otherwise: string;
}

/** One recording-standard prompt of the factual account (who, what, when, where, own words). */
export interface PromptDef {
  id: string;
  text: string;
  optional?: boolean;
}

/** Captures the factual account, then files the report for the DSL. */
export interface ReportStep {
  type: 'report';
  urgency: Urgency;
  category?: Category;
  intro?: string;
  prompts: PromptDef[];
  next: string;
}

/**
 * Closes the flow. `noReport` (with the reason) marks an incident path that deliberately files
 * nothing: e.g. a concern about someone who reads SafeStep's reports, which must go in person
 * to someone else instead.
 */
export interface EndStep {
  type: 'end';
  text: string;
  noReport?: string;
}

export type StepDef = QuestionStep | AdviceStep | BranchStep | ReportStep | EndStep;

/** A decision flow for one situation, as authored in flows/<id>.yaml. */
export interface FlowDef {
  id: string;
  title: string;
  summary: string;
  kind: 'incident' | 'guidance';
  category: Category;
  version: number;
  examples: string[];
  /**
   * Reached only after a danger reply when no other flow fits (or from the full menu): the
   * router never starts it, and it has no example phrases.
   */
  dangerOnly?: true;
  start: string;
  steps: Record<string, StepDef>;
  /** National-guard entries that do not apply to this flow (e.g. ordinary class photos), each with why. */
  guardExempt?: { id: string; why: string }[];
}

/** A named person in a setting (the name may be absent where the policy gives only a role). */
export interface Person {
  name?: string;
  role: string;
  /** Where the setting's documents name this person (shown when staff ask who the DSL is). */
  cite?: Citation[];
}

/** A setting-specific rule: what the policy says, and where; or that the policy is silent. */
export type RuleValue =
  | { silent: false; text: string; value?: string | boolean; cite: Citation[]; confidence?: number }
  | { silent: true; note?: string; confidence?: number };

/** A policy document of a setting, with its own section numbers. */
export interface DocumentDef {
  id: string;
  title: string;
  approved: string;
  lastReviewed?: string;
  reviewDue: string;
  /** The review-due date as YYYY-MM-DD, so SafeStep can warn the DSL when it has passed. */
  reviewDueDate?: string;
  /** Lower wins where two documents of one setting disagree. */
  precedence: number;
  note?: string;
  sections: { id: string; title: string }[];
}

/** An advice contact (local education safeguarding service, LADO, police, national lines). */
export interface Contact {
  id: string;
  name: string;
  phone?: string;
  url?: string;
  when?: string;
}

/** Everything about one setting that flows need, as authored in content/settings/<id>.yaml. */
export interface SettingProfile {
  id: string;
  name: string;
  /** Absent: established content; `draft` is never served to staff until the DSL approves it. */
  status?: 'draft' | 'approved';
  /** What the drafter could not fill and the DSL must check. */
  flags?: string[];
  kind: SettingKind;
  trust?: string;
  childTerm: string;
  childrenTerm: string;
  people: {
    dsl: Person;
    deputies: Person[];
    head: Person;
    allegations: { text: string; cite: Citation[] };
    /** How to reach the DSL out of hours, where the policy says; absent when it is silent. */
    outOfHours?: { text: string; cite: Citation[] };
  };
  contacts: Contact[];
  officialChannels: { platform: string; name: string; url?: string }[];
  documents: DocumentDef[];
  rules: Record<string, RuleValue>;
  /** The outcomes a DSL may record when closing a report (the catalogue's default list when absent). */
  outcomes?: string[];
  /** Retention: unfinished conversations after `sessionDays` (default 30); reports only if `reportYears` is set. */
  retention?: { sessionDays?: number; reportYears?: number };
}
