/**
 * The runner: loads a conversation, steps the engine and performs its effects. Filing is exactly
 * once: the report, the conversation past it and the DSL outbox rows are committed in ONE
 * transaction, so a process killed at any instant leaves either no report (and the question still
 * open) or one report (and the conversation past it) with its deliveries pending — never two.
 * Only after the commit is anyone told "filed", and the outbox sends without the reporter
 * waiting. Messages of one conversation are handled one at a time, in arrival order.
 */
import type { ContentBundle } from './content';
import type { Delivery } from './delivery';
import { step, type EngineInput, type StepResult } from './engine';
import type { Inbound, Reply } from './messages';
import type { Clock, ConversationLock, DangerDetector, Logger, Notifier, ReportStore, Router, SessionStore, Transaction } from './ports';
import type { FiledReport } from './report';
import { newSession, type Session } from './session';
import { UnknownSettingError, errorCode } from './errors';
import { KeyedQueue } from './serial';

export interface RunnerDeps {
  content: ContentBundle;
  router: Router;
  danger: DangerDetector;
  sessions: SessionStore;
  reports: ReportStore;
  /** Runs work in one database transaction (the stores' own). */
  transaction: Transaction;
  /** Serialises one conversation's turns across servers sharing the database (absent: this process only). */
  lock?: ConversationLock;
  notifier?: Notifier;
  clock: Clock;
  log: Logger;
}

type Conversation = Pick<Inbound, 'channel' | 'conversationId' | 'user' | 'settingId'>;

/** How many reports one turn may file at most (a flow files one; this only stops a loop). */
const MAX_FILINGS_PER_TURN = 5;

/** Runs conversations for every channel (through the host). */
export class ConversationRunner {
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: RunnerDeps) {}

  /** Greets the person (and re-shows where they were, if a conversation is under way). */
  start(conv: Conversation): Promise<Reply[]> {
    return this.queue.run(conv.conversationId, () => this.run(conv, { kind: 'start' }));
  }

  /** Handles one inbound message and returns the replies, in order. */
  handle(inbound: Inbound): Promise<Reply[]> {
    const { text, choice, questionId, files } = inbound;
    return this.queue.run(inbound.conversationId, () => this.run(inbound, { kind: 'message', text, choice, questionId, files }));
  }

  /** Whether a conversation is under way (not idle) for this conversation id. */
  underWay(conversationId: string): boolean {
    try {
      const mode = this.deps.sessions.load(conversationId)?.mode;
      return mode !== undefined && mode !== 'idle';
    } catch {
      return false;
    }
  }

  private load(conv: Conversation): Session {
    const { content, sessions, clock, log } = this.deps;
    if (!content.settings.has(conv.settingId)) {
      throw new UnknownSettingError(conv.settingId, [...content.settings.keys()]);
    }
    let existing: Session | undefined;
    try {
      existing = sessions.load(conv.conversationId);
    } catch (err) {
      log.error('session_load_failed', { code: errorCode(err) });
    }
    const session = existing && existing.settingId === conv.settingId ? existing : newSession({ ...conv, now: clock() });
    session.user = { ...session.user, ...conv.user };
    return session;
  }

  private ctx() {
    const { content, router, danger, clock } = this.deps;
    return { content, router, danger, now: clock() };
  }

  private run(conv: Conversation, input: EngineInput): Reply[] {
    // Load, advance and save under the conversation's lock: another server's turn waits for it.
    return this.deps.lock ? this.deps.lock(conv.conversationId, () => this.turn(conv, input)) : this.turn(conv, input);
  }

  private turn(conv: Conversation, input: EngineInput): Reply[] {
    const result = step(this.load(conv), input, this.ctx());
    if (result.effects.length === 0) {
      this.save(result.session);
      return result.replies;
    }
    try {
      const filed = this.deps.transaction(() => this.fileAndSave(result));
      for (const r of filed.reports) this.deps.log.info('report_filed', { reference: r.reference, urgency: r.urgency, flow: r.flowId });
      // Committed: now the DSLs may be told, without the reporter waiting for any platform.
      this.deps.notifier?.dispatch(filed.deliveries);
      return [...result.replies, ...filed.replies];
    } catch (err) {
      this.deps.log.error('report_file_failed', { code: errorCode(err), flow: result.effects[0]!.draft.flowId });
      const failed = step(result.session, { kind: 'report-failed' }, this.ctx());
      this.save(failed.session);
      return [...result.replies, ...failed.replies];
    }
  }

  /** Inside the transaction: files each report, records its deliveries, saves the conversation past it. */
  private fileAndSave(first: StepResult): { reports: FiledReport[]; deliveries: Delivery[]; replies: Reply[] } {
    const reports: FiledReport[] = [];
    const deliveries: Delivery[] = [];
    const replies: Reply[] = [];
    let result = first;
    for (let n = 0; result.effects.length > 0 && n < MAX_FILINGS_PER_TURN; n++) {
      const report = this.deps.reports.file(result.effects[0]!.draft);
      reports.push(report);
      deliveries.push(...(this.deps.notifier?.record(report) ?? []));
      result = step(result.session, { kind: 'report-filed', report }, this.ctx());
      replies.push(...result.replies);
    }
    this.deps.sessions.save(result.session);
    return { reports, deliveries, replies };
  }

  private save(session: Session): void {
    try {
      this.deps.sessions.save(session);
    } catch (err) {
      this.deps.log.error('session_save_failed', { code: errorCode(err) });
    }
  }
}
