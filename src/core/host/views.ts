/**
 * What the core shows about reports and the induction quiz, as data. The core builds each view
 * once (src/core/desk/); every channel renders the same view its own way, so Slack and Teams
 * cannot disagree about what a DSL is told. Labels are already rendered for the setting.
 */
import type { PersonToken, Rich } from './rich';

/** A labelled fact about a report. */
export interface Fact {
  label: string;
  value: Rich;
}

/** What a DSL may do with a report, as a button. */
export interface ReportButton {
  /** acknowledge and view; the casework forms; the audit trail and the CPOMS export (DSLs only). */
  action: 'acknowledge' | 'view' | 'note' | 'action' | 'outcome' | 'correct' | 'audit' | 'export';
  reference: string;
  label: string;
  /** The one action that matters most (shown as the primary button). */
  primary?: boolean;
}

/** A banner above a notice: the reminder, and IMMEDIATE for a child who may be at risk now. */
export interface Banner {
  kind: 'reminder' | 'immediate';
  text: string;
}

/**
 * The DSL team's notice of a report (new, or a reminder). Never holds the free-text account or
 * the first message: those stay in SafeStep, behind "View full report".
 */
export interface ReportNotice {
  reference: string;
  banners: Banner[];
  headline: Rich;
  facts: Fact[];
  answers: { heading: string; items: { question: string; answer: string }[] };
  /** "Acknowledged by … at …", once acknowledged. */
  acknowledged?: Rich;
  buttons: ReportButton[];
  /** The lock-screen preview: banners and headline, nothing typed by staff. */
  preview: string;
}

/** The whole report, for a DSL only. */
export interface ReportView {
  reference: string;
  title: string;
  /** Set when the report was flagged as danger: the label to show prominently. */
  danger?: string;
  facts: Fact[];
  /** First message, answers, account, advice; a section with nothing in it is left out. */
  sections: { heading: string; items: { label?: string; text: string }[] }[];
  /** Everything that happened since filing, oldest first (append-only). */
  history: { heading: string; entries: HistoryLine[] };
  footer: string;
  buttons: ReportButton[];
  closeLabel: string;
}

/** One report on the DSL's list. */
export interface ReportLine {
  reference: string;
  /** Immediate and not yet acknowledged: needs the DSL now. */
  alarm: boolean;
  urgent: boolean;
  summary: string;
  facts: Fact[];
  /** Some notification of this report failed (retrying or given up). */
  deliveryFailed: boolean;
  view: ReportButton;
}

/** A line of the quiz results: a person (when it is about one) and what they did. */
export interface QuizResultRow {
  who?: PersonToken['person'];
  text: string;
  /** A quieter line beneath (e.g. the policy version passed against). */
  note?: string;
  /** Something the DSL should follow up (e.g. passed but not attested). */
  attention?: boolean;
}

/** The DSL's induction-quiz results. */
export interface QuizResultsView {
  heading: string;
  settingName: string;
  postLabel: string;
  /** Staff channels the invitation was posted in (platform ids). */
  channels: string[];
  /** Said when nobody has taken the quiz yet. */
  empty?: string;
  sections: { heading: string; rows: QuizResultRow[] }[];
}

/** A person's home: what everyone can do, and for a DSL the latest reports and quiz results. */
export interface HomeView {
  title: string;
  greeting: string;
  retention: string;
  buttons: { action: 'report' | 'ask' | 'quiz'; label: string; primary?: boolean }[];
  /** DSLs only. */
  reports?: { heading: string; empty: string; lines: ReportLine[] };
  /** DSLs only, when the setting has a quiz. */
  quiz?: QuizResultsView;
  /** DSLs only: today's summary (new, unacknowledged, overdue actions, open by urgency). */
  digest?: DigestView;
}

/** An invitation to the induction quiz (in a channel, or to one person). */
export interface QuizInvite {
  text: string;
  startLabel: string;
  /** For the DSL choosing where to post it: the post button's text. */
  postLabel?: string;
}

/** A message the core asks a channel to deliver to a DSL or a reporter. */
export type Outbound = { kind: 'notice'; notice: ReportNotice } | { kind: 'text'; text: string } | { kind: 'digest'; digest: DigestView };

/** One entry of a report's history: when, who, what kind, and what they wrote (verbatim). */
export interface HistoryLine {
  /** The entry's number, as a correction names it. */
  id: number;
  at: string;
  who: PersonToken['person'];
  /** "Note", "Action", "Outcome (closed)", "Correction" … */
  kind: string;
  /** Further facts (an action's assignee and due date, what a correction corrects, the outcome). */
  facts: Fact[];
  /** What was written, verbatim; absent for an acknowledgement. */
  text?: string;
}

/** One field of a casework form. */
export interface FormField {
  id: string;
  label: string;
  /** text: one line; multiline; date (YYYY-MM-DD); choice (one of `options`); person (a pick from the workspace). */
  kind: 'text' | 'multiline' | 'date' | 'choice' | 'person';
  required: boolean;
  options?: { value: string; label: string }[];
}

/** A casework form (Add note, Assign action, Record outcome, Correct), for a DSL only. */
export interface CaseForm {
  kind: 'note' | 'action' | 'outcome' | 'correct';
  reference: string;
  title: string;
  fields: FormField[];
  submitLabel: string;
  cancelLabel: string;
}

/** The audit trail of a report, for a DSL only: one line per read or attempt, oldest first. */
export interface AuditView {
  reference: string;
  title: string;
  /** Said when there is nothing yet. */
  empty?: string;
  lines: { at: string; who: PersonToken['person']; where: string; what: string; result: string }[];
}

/** A report laid out for a school's recording system (CPOMS, MyConcern), ready to paste. */
export interface ExportView {
  reference: string;
  title: string;
  /** The text to paste, as it is (plain text, line breaks kept). */
  text: string;
}

/** The DSL team's daily summary. */
export interface DigestView {
  title: string;
  sections: { heading: string; empty: string; lines: { reference: string; text: string; urgent: boolean }[] }[];
}
