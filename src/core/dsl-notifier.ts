/**
 * The DSL outbox. Every message about a report (the DSL team's notice when it is filed, every
 * DSL's reminder while an immediate report is unacknowledged, the reporter's "the DSL has seen
 * it") is first recorded as a delivery row — for a filing, in the same transaction as the report —
 * and only then sent, each recipient on its own: a hanging post never delays or loses another
 * recipient's message. Failures are retried with back-off and stay visible; after a restart every
 * pending delivery is sent. The content of each message is decided here (src/core/desk), the
 * channels' Deliverers only render and send it.
 */
import type { ContentBundle } from './content';
import type { Delivery, DeliveryPurpose, DeliveryStore } from './delivery';
import { announceTargets, isDsl, type DslDirectory } from './desk/directory';
import { reportNotice } from './desk/notice';
import { errorCode } from './errors';
import type { Deliverer } from './host/contract';
import type { Outbound } from './host/views';
import type { Clock, Logger, Notifier, ReportStore, TickClaims, Transaction } from './ports';
import type { FiledReport } from './report';
import type { CaseStore } from './case/model';
import { render } from './template';
import { Ticker } from './ticker';

export interface DslNotifierOptions {
  content: ContentBundle;
  deliveries: DeliveryStore;
  reports: ReportStore;
  /** Each report's history: an acknowledgement is also recorded there, in the same transaction. */
  cases?: CaseStore;
  /** Runs work in one database transaction. */
  transaction: Transaction;
  directory: DslDirectory;
  clock: Clock;
  log: Logger;
  /** Waits between attempts of one delivery; after the last, SafeStep gives up (and shows it). */
  retryDelaysMs?: number[];
  /** Immediate reports not acknowledged after this long are re-sent to every DSL, each time. */
  reminderAfterMs?: number;
  /** How many reminder rounds at most. */
  maxReminders?: number;
  /** An attempt not finished after this long counts as failed (and is retried). */
  attemptTimeoutMs?: number;
  /** Servers sharing a database: each reminder round is recorded by the one server that claims it. */
  claims?: TickClaims;
}

/** What happened when someone pressed Acknowledge. */
export type AckOutcome =
  | { kind: 'acknowledged'; report: FiledReport }
  | { kind: 'already'; report: FiledReport }
  | { kind: 'refused' }
  | { kind: 'unknown' };

const DEFAULT_RETRY_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000];

export class DslNotifier implements Notifier {
  private readonly channels = new Map<string, Deliverer>();
  private readonly retryDelays: number[];
  private readonly reminderAfterMs: number;
  private readonly maxReminders: number;
  private readonly attemptTimeoutMs: number;
  private readonly sending = new Map<number, Promise<void>>();
  private readonly ticker = new Ticker();
  private ticking?: Promise<void>;

  constructor(private readonly o: DslNotifierOptions) {
    this.retryDelays = o.retryDelaysMs ?? DEFAULT_RETRY_MS;
    this.reminderAfterMs = o.reminderAfterMs ?? 15 * 60_000;
    this.maxReminders = o.maxReminders ?? 4;
    this.attemptTimeoutMs = o.attemptTimeoutMs ?? 60_000;
  }

  /** Connects a chat channel's deliverer (once per channel, at start-up). */
  addChannel(name: string, deliverer: Deliverer): void {
    this.channels.set(name, deliverer);
  }

  /** The channels connected now. */
  channelNames(): string[] {
    return [...this.channels.keys()];
  }

  /** True if this user is one of the setting's DSLs or deputies on this channel (may view and act on its reports). */
  isDsl(settingId: string, channel: string, userId: string | undefined): boolean {
    return isDsl(this.o.directory, settingId, channel, userId);
  }

  /**
   * Records the notice of a just-filed report to every target on every connected channel. Call
   * inside the transaction that files the report; send the rows with `dispatch` once committed.
   */
  record(report: FiledReport): Delivery[] {
    const at = this.now();
    return this.channelNames().flatMap((channel) =>
      announceTargets(this.o.directory, report.settingId, channel).map((target) => this.o.deliveries.add({ reference: report.reference, channel, target, purpose: 'report-filed', at })),
    );
  }

  /**
   * Sends committed delivery rows now, each on its own; never waits for, or throws from, a platform.
   * Each row is leased first, so a server sharing the database never sends it as well.
   */
  dispatch(rows: readonly Delivery[]): void {
    for (const d of rows) {
      if (this.sending.has(d.id)) continue;
      let mine = false;
      try {
        mine = this.o.deliveries.claim(d.id, this.now(), this.leaseUntil());
      } catch (err) {
        // Left pending: the next tick (here or on another server) claims and sends it.
        this.o.log.error('delivery_claim_failed', { reference: d.reference, code: errorCode(err) });
      }
      if (mine) void this.attempt(d);
    }
  }

  /** Resolves once every attempt under way has finished (for shutdown and tests). */
  async drain(): Promise<void> {
    while (this.sending.size > 0 || this.ticking) await Promise.allSettled([...this.sending.values(), this.ticking]);
  }

  /**
   * Records an acknowledgement by one of `settingId`'s DSLs and the reporter's notice together,
   * then sends the notice. Another setting's report is, to them, as if it did not exist.
   */
  acknowledge(reference: string, settingId: string, channel: string, userId: string): AckOutcome {
    if (!this.isDsl(settingId, channel, userId)) return { kind: 'refused' };
    const report = this.o.reports.get(reference);
    if (!report || report.settingId !== settingId) return { kind: 'unknown' };
    if (report.acknowledgedAt) return { kind: 'already', report };
    const at = this.now();
    const { updated, rows } = this.o.transaction(() => {
      const updated = this.o.reports.acknowledge(reference, `${channel}:${userId}`, at) ?? report;
      this.o.cases?.add({ reference, kind: 'acknowledged', by: `${channel}:${userId}`, at });
      const rows = this.channels.has(updated.channel)
        ? [this.o.deliveries.add({ reference, channel: updated.channel, target: updated.reporter.id, purpose: 'reporter-ack', at })]
        : [];
      return { updated, rows };
    });
    this.o.log.info('report_acknowledged', { reference, channel });
    this.dispatch(rows);
    return { kind: 'acknowledged', report: updated };
  }

  /**
   * Records a message about `report` for its reporter (e.g. closed) on the channel they used, if
   * it is connected. Call inside the transaction that records what happened; dispatch after.
   */
  recordForReporter(report: FiledReport, purpose: 'reporter-closed', at: string): Delivery[] {
    return this.channels.has(report.channel) ? [this.o.deliveries.add({ reference: report.reference, channel: report.channel, target: report.reporter.id, purpose, at })] : [];
  }

  /** Records a message to the whole DSL team (channel and each DSL) on every connected channel. */
  recordForTeam(reference: string, purpose: 'action-overdue', at: string): Delivery[] {
    const settingId = this.o.reports.get(reference)?.settingId;
    if (!settingId) return [];
    return this.channelNames().flatMap((channel) => announceTargets(this.o.directory, settingId, channel).map((target) => this.o.deliveries.add({ reference, channel, target, purpose, at })));
  }

  /**
   * Sends a message that is about no one report (the daily summary) straight to the DSL team on
   * every connected channel, each target on its own; failures are logged and counted, not retried.
   */
  async sendToTeam(settingId: string, message: Outbound): Promise<{ sent: number; failed: number }> {
    const tries = this.channelNames().flatMap((channel) =>
      announceTargets(this.o.directory, settingId, channel).map(async (target) => {
        try {
          await this.withTimeout(this.channels.get(channel)!.send(target, message));
          return true;
        } catch (err) {
          this.o.log.warn('team_message_failed', { channel, code: errorCode(err) });
          return false;
        }
      }),
    );
    const results = await Promise.all(tries);
    return { sent: results.filter(Boolean).length, failed: results.filter((ok) => !ok).length };
  }

  /** Sends what is due (pending after a restart, retries), then any reminders; one tick at a time. */
  tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    const run = (async () => {
      // Leased to this server: another server draining the same outbox skips these rows.
      for (const d of this.o.deliveries.claimDue(this.now(), this.leaseUntil())) {
        if (!this.sending.has(d.id)) void this.attempt(d);
      }
      this.remind();
    })().finally(() => {
      this.ticking = undefined;
    });
    this.ticking = run;
    return run;
  }

  /** Sends what is pending at once (e.g. left by a crash), then ticks every `intervalMs` until stop(). */
  start(intervalMs = 30_000): void {
    this.ticker.start(() => void this.tick().catch((e: unknown) => this.o.log.error('notifier_tick_failed', { code: errorCode(e) })), intervalMs, true);
  }

  stop(): void {
    this.ticker.stop();
  }

  private remind(): void {
    const now = this.o.clock().getTime();
    const open = this.o.reports.list().filter((r) => r.urgency === 'immediate' && !r.acknowledgedAt);
    for (const report of open) {
      const reminders = this.o.deliveries.forReport(report.reference).filter((d) => d.purpose === 'reminder');
      const rounds = new Set(reminders.map((d) => d.createdAt)).size;
      const last = Math.max(Date.parse(report.createdAt), ...reminders.map((d) => Date.parse(d.createdAt)));
      if (rounds >= this.maxReminders || now - last < this.reminderAfterMs) continue;
      const at = this.now();
      const rows = this.o.transaction(() => {
        // The round is claimed with its rows: one server records it, and a round whose
        // transaction failed is not lost (its claim rolled back too).
        if (this.o.claims && !this.o.claims.claim(`reminder:${report.reference}`, String(rounds + 1), at)) return undefined;
        return this.channelNames().flatMap((channel) =>
          (this.o.directory.team(report.settingId, channel)?.dslUsers ?? []).map((target) => this.o.deliveries.add({ reference: report.reference, channel, target, purpose: 'reminder', at })),
        );
      });
      if (!rows) continue;
      this.o.log.warn('report_unacknowledged', { reference: report.reference, round: rounds + 1 });
      this.dispatch(rows);
    }
  }

  private attempt(d: Delivery): Promise<void> {
    const running = this.sending.get(d.id);
    if (running) return running;
    const work = this.send(d).finally(() => this.sending.delete(d.id));
    this.sending.set(d.id, work);
    return work;
  }

  private async send(d: Delivery): Promise<void> {
    try {
      const channel = this.channels.get(d.channel);
      if (!channel) throw Object.assign(new Error('channel not connected'), { code: 'channel_not_connected' });
      const report = this.o.reports.get(d.reference);
      if (!report) throw Object.assign(new Error('no such report'), { code: 'unknown_report' });
      await this.withTimeout(channel.send(d.target, this.message(report, d.purpose), { id: String(d.id), createdAt: d.createdAt, mayHaveBeenSent: mayHaveBeenSent(d) }));
      this.o.deliveries.markSent(d.id, this.now());
    } catch (err) {
      const delay = this.retryDelays[d.attempts];
      const retryAt = delay === undefined ? undefined : new Date(this.o.clock().getTime() + delay).toISOString();
      const fields = { reference: d.reference, channel: d.channel, purpose: d.purpose, attempt: d.attempts + 1, code: errorCode(err) };
      try {
        this.o.deliveries.markFailed(d.id, errorCode(err), retryAt);
      } catch (storeErr) {
        this.o.log.error('delivery_record_failed', { ...fields, code: errorCode(storeErr) });
        return;
      }
      if (retryAt) this.o.log.warn('delivery_failed', fields);
      else this.o.log.error('delivery_gave_up', fields);
    }
  }

  /** What a delivery says: the notice for the DSL team, or the reporter's short text. */
  private message(report: FiledReport, purpose: DeliveryPurpose): Outbound {
    const { settings, catalog } = this.o.content;
    const setting = settings.get(report.settingId);
    if (!setting) throw Object.assign(new Error('no setting profile'), { code: 'unknown_setting' });
    if (purpose === 'reporter-ack') return { kind: 'text', text: render(catalog.dsl.reporterAcknowledged, setting, { reference: report.reference }) };
    if (purpose === 'reporter-closed') return { kind: 'text', text: render(catalog.desk.reporterClosed, setting, { reference: report.reference }) };
    if (purpose === 'action-overdue') {
      const due = (this.o.cases?.forReport(report.reference) ?? []).filter((e) => e.kind === 'action' && e.due).map((e) => e.due!).sort()[0] ?? '';
      return { kind: 'text', text: render(catalog.desk.actionOverdue, setting, { reference: report.reference, due }) };
    }
    return { kind: 'notice', notice: reportNotice(report, setting, catalog, purpose) };
  }

  private withTimeout(work: Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('delivery timed out'), { code: 'delivery_timeout' })), this.attemptTimeoutMs);
      timer.unref();
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  private now(): string {
    return this.o.clock().toISOString();
  }

  /** A lease outlasts one attempt (with its timeout); a server killed mid-send loses it after that. */
  private leaseUntil(): string {
    return new Date(this.o.clock().getTime() + this.attemptTimeoutMs + 30_000).toISOString();
  }
}

/**
 * Whether an earlier attempt at `d` may have reached the platform: one was recorded (failed, e.g.
 * timed out after the post went), or it was leased before (its server died before recording).
 */
export function mayHaveBeenSent(d: Delivery): boolean {
  return d.attempts > 0 || (d.leases ?? 0) > 1;
}
