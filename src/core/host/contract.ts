/**
 * The narrow interface between SafeStep's core and its chat channels. A channel (Slack, Teams,
 * the console) receives a ChannelHost and nothing else of the app: it translates platform events
 * into these calls and renders what comes back. Every decision — what is said, who may see or
 * act on a report, when a notice or reminder is due, what a failure looks like — is the host's.
 * In return a channel gives the host a ChatChannel: its HTTP routes, a Deliverer that sends what
 * the core decided, and (optionally) a QuizRoster for quiz outreach.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Catalog } from '../catalog';
import type { FileRef, Reply, UserRef } from '../messages';
import type { Logger } from '../ports';
import type { Rich } from './rich';
import type { CaseSubmission } from '../case/submission';
import type { AuditView, CaseForm, DigestView, ExportView, HomeView, Outbound, QuizInvite, QuizResultsView, ReportNotice, ReportView } from './views';

export type { CaseKind, CaseSubmission } from '../case/submission';

/** Who is talking to SafeStep, where: the channel, their conversation and themselves. */
export interface Address {
  channel: string;
  /** The platform workspace (Slack team id, Microsoft tenant id): it decides the setting. */
  workspace?: string;
  conversationId: string;
  user: UserRef;
  /** Only the console names the setting itself; chat channels leave it to the host. */
  settingId?: string;
}

/** One message from a member of staff: text, a chosen answer (with its question), or files. */
export interface TurnInput extends Address {
  text?: string;
  choice?: string;
  questionId?: string;
  files?: FileRef[];
}

/** Where someone is, as far as deciding their setting goes. */
export interface Place {
  channel: string;
  workspace?: string;
  /** The person, where several settings share a workspace. */
  userId?: string;
}

/** Someone pressing a DSL or quiz button: `userId` is the identity the channel vouches for. */
export interface Actor {
  channel: string;
  /** The platform workspace (Slack team id, Microsoft tenant id): it decides the setting. */
  workspace?: string;
  userId: string;
  name?: string;
}

/** The thing asked for, or what to say instead (a refusal, "no such report" …), decided by the core. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; say: Rich };

/** What pressing Acknowledge did: the words for the DSL, and the notice as it now stands. */
export interface Acknowledgement {
  say: Rich;
  notice: ReportNotice;
}

/** What saving a casework form did: the words for the DSL, and the report as it now stands. */
export interface CaseSaved {
  say: Rich;
  view: ReportView;
}

/** Every label a channel shows on buttons, fields and headings, rendered for the setting. */
export type Labels = Catalog['labels'];

/** Small records a channel keeps to reach people later (references, live prompts). JSON data only. */
export interface ChannelRecords {
  get<T>(key: string): T | undefined;
  put(key: string, data: unknown): void;
  /** Every record whose key starts with `prefix`. */
  list<T>(prefix: string): T[];
}

/** What every channel is given. */
export interface ChannelHost {
  readonly log: Logger;
  /** Greets the person, or re-shows where their conversation was. Never rejects. */
  start(who: Address): Promise<Reply[]>;
  /** One message: the safeguarding conversation or the quiz. Never rejects: a failure comes back as the core's reply. */
  turn(input: TurnInput): Promise<Reply[]>;
  /** The menu of every situation, unless a conversation is under way (then where it is). Never rejects. */
  menu(who: Address): Promise<Reply[]>;
  /** Starts or resumes the person's induction quiz, privately. Never rejects. */
  startQuiz(who: Address): Promise<Reply[]>;
  /** Whether a typed text asks for the quiz ('start') or its results ('report'). */
  quizCommand(where: Place, text: string | undefined): 'start' | 'report' | undefined;
  /** Whether the setting there has an induction quiz. */
  hasQuiz(where: Place): boolean;
  /** Records a DSL's acknowledgement (refused for anyone else) and tells the reporter. */
  acknowledge(actor: Actor, reference: string): Promise<Outcome<Acknowledgement>>;
  /** The full report, for the setting's DSLs only. */
  viewReport(actor: Actor, reference: string): Outcome<ReportView>;
  /** A casework form (Add note, Assign action, Record outcome, Correct) for a report; DSLs only. */
  caseForm(actor: Actor, reference: string, kind: CaseSubmission['kind']): Outcome<CaseForm>;
  /**
   * Saves a submitted casework form as a new entry (DSLs only: a form submitted by anyone else is
   * refused and nothing is saved or shown). Recording an outcome closes the report and tells the reporter.
   */
  submitCase(actor: Actor, submission: CaseSubmission): Outcome<CaseSaved>;
  /** Who has read or acted on a report, oldest first; DSLs only. */
  reportAudit(actor: Actor, reference: string): Outcome<AuditView>;
  /** The report laid out for CPOMS or MyConcern, ready to paste; DSLs only. */
  exportReport(actor: Actor, reference: string, format: 'cpoms' | 'myconcern'): Outcome<ExportView>;
  /** The DSL team's summary (new, unacknowledged, overdue actions, open by urgency); DSLs only. */
  digest(actor: Actor): Outcome<DigestView>;
  /** The person's home: for a DSL, with the latest reports and quiz results. */
  home(actor: Actor): HomeView;
  /** The staff quiz results, for DSLs only. */
  quizResults(actor: Actor): Outcome<QuizResultsView>;
  /** The invitation as it will read, for a DSL choosing where to post it. */
  quizInvitation(actor: Actor): Outcome<QuizInvite>;
  /** Posts the invitation in a staff channel (`place`) through the channel's roster; DSLs only. Never rejects. */
  postQuizInvitation(actor: Actor, place: string): Promise<Outcome<Rich>>;
  /** `who` joined `place`: if it is a staff quiz channel, they are welcomed with the quiz. Never rejects. */
  memberJoined(who: Actor, place: string): Promise<void>;
  /** The labels for the setting there. */
  labels(where: Place): Labels;
  /** This channel's own small records. */
  records(channel: string): ChannelRecords;
}

/** One HTTP endpoint a channel serves on SafeStep's port. */
export interface HttpRoute {
  method: 'POST' | 'GET';
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

/**
 * Sends what the core decided to one target on a platform (a DSL channel or person, a reporter).
 * Only sends, and throws on failure; the core records every attempt and retries.
 */
export interface Deliverer {
  /** `delivery`: the outbox row this send is for (absent for messages no row records, e.g. the daily summary). */
  send(target: string, message: Outbound, delivery?: DeliveryAttempt): Promise<void>;
}

/**
 * Which outbox delivery a send is for. A channel tags its post with `id` where it can, and when
 * `mayHaveBeenSent` (an earlier attempt was made and its outcome is unknown, e.g. its server was
 * killed mid-send) first looks, since `createdAt`, for a post already tagged with it: found counts as sent.
 */
export interface DeliveryAttempt {
  id: string;
  createdAt: string;
  mayHaveBeenSent: boolean;
}

/** What quiz outreach needs from a platform: who is in a staff channel, and sending invitations. */
export interface QuizRoster {
  /** Members of a staff channel (platform user ids; SafeStep itself excluded). */
  members(place: string): Promise<string[]>;
  /** False for bots and deactivated accounts. */
  isPerson(userId: string): Promise<boolean>;
  /** Posts the invitation in a staff channel (`to.place`) or sends it to one person (`to.user`). */
  invite(to: { place: string } | { user: string }, invite: QuizInvite): Promise<void>;
}

/** A chat channel as the composition root runs it. */
export interface ChatChannel {
  readonly name: string;
  readonly routes: HttpRoute[];
  readonly deliverer: Deliverer;
  readonly roster?: QuizRoster;
  start(): Promise<void>;
  stop(): Promise<void>;
}
