/**
 * The runner: loads a conversation, steps the engine, performs its effects (filing a report,
 * then telling the DSL, without waiting for it), and saves the conversation. Messages of one
 * conversation are handled one at a time, in arrival order. A report is committed before anyone
 * is told it is filed.
 */
import type { ContentBundle } from './content';
import { step, type EngineInput, type StepResult } from './engine';
import type { Inbound, Reply } from './messages';
import type { Clock, DangerDetector, Logger, Notifier, ReportStore, Router, SessionStore } from './ports';
import { newSession, type Session } from './session';
import { UnknownSettingError, errorCode } from './errors';
import { KeyedQueue } from './serial';

export interface RunnerDeps {
  content: ContentBundle;
  router: Router;
  danger: DangerDetector;
  sessions: SessionStore;
  reports: ReportStore;
  notifier?: Notifier;
  clock: Clock;
  log: Logger;
}

type Conversation = Pick<Inbound, 'channel' | 'conversationId' | 'user' | 'settingId'>;

/** Runs conversations for every channel. Channel adapters call `start` and `handle`. */
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

  private async run(conv: Conversation, input: EngineInput): Promise<Reply[]> {
    const { content, router, danger, clock } = this.deps;
    const ctx = () => ({ content, router, danger, now: clock() });
    let result: StepResult = step(this.load(conv), input, ctx());
    const replies = [...result.replies];
    const filed = [];
    for (let guard = 0; result.effects.length > 0 && guard < 5; guard++) {
      const effect = result.effects[0]!;
      const outcome = this.file(effect.draft);
      if (outcome) filed.push(outcome);
      result = step(result.session, outcome ? { kind: 'report-filed', report: outcome } : { kind: 'report-failed' }, ctx());
      replies.push(...result.replies);
    }
    this.save(result.session);
    // The report is committed: tell the DSLs without making the reporter wait for the platform
    // (a slow or failing Slack/Teams API is recorded and retried by the notifier, never lost).
    for (const report of filed) void this.notify(report);
    return replies;
  }

  private file(draft: Parameters<ReportStore['file']>[0]) {
    try {
      const report = this.deps.reports.file(draft);
      this.deps.log.info('report_filed', { reference: report.reference, urgency: report.urgency, flow: report.flowId });
      return report;
    } catch (err) {
      this.deps.log.error('report_file_failed', { code: errorCode(err), flow: draft.flowId });
      return undefined;
    }
  }

  private save(session: Session): void {
    try {
      this.deps.sessions.save(session);
    } catch (err) {
      this.deps.log.error('session_save_failed', { code: errorCode(err) });
    }
  }

  private async notify(report: Parameters<Notifier['reportFiled']>[0]): Promise<void> {
    if (!this.deps.notifier) return;
    try {
      await this.deps.notifier.reportFiled(report);
    } catch (err) {
      this.deps.log.warn('dsl_notify_failed', { reference: report.reference, code: errorCode(err) });
    }
  }
}

