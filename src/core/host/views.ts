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
  action: 'acknowledge' | 'view';
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
}

/** An invitation to the induction quiz (in a channel, or to one person). */
export interface QuizInvite {
  text: string;
  startLabel: string;
  /** For the DSL choosing where to post it: the post button's text. */
  postLabel?: string;
}

/** A message the core asks a channel to deliver to a DSL or a reporter. */
export type Outbound = { kind: 'notice'; notice: ReportNotice } | { kind: 'text'; text: string };
