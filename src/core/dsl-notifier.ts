/**
 * Tells the DSL team about filed reports on every connected chat channel, records each delivery,
 * retries failures with back-off, re-sends unacknowledged immediate reports to every DSL, and
 * handles acknowledgement (only a channel's DSLs may acknowledge; the reporter is then told).
 * It never loses a report: the report is committed before any of this runs.
 */
import type { Delivery, DeliveryPurpose, DeliveryStore, DslChannel } from './delivery';
import { errorCode } from './errors';
import type { Clock, Logger, Notifier, ReportStore } from './ports';
import type { FiledReport } from './report';

export interface DslNotifierOptions {
  deliveries: DeliveryStore;
  reports: ReportStore;
  clock: Clock;
  log: Logger;
  /** Waits between attempts of one delivery; after the last, SafeStep gives up (and shows it). */
  retryDelaysMs?: number[];
  /** Immediate reports not acknowledged after this long are re-sent to every DSL, each time. */
  reminderAfterMs?: number;
  /** How many reminder rounds at most. */
  maxReminders?: number;
}

/** What happened when someone pressed Acknowledge. */
export type AckOutcome =
  | { kind: 'acknowledged'; report: FiledReport }
  | { kind: 'already'; report: FiledReport }
  | { kind: 'refused' }
  | { kind: 'unknown' };

const DEFAULT_RETRY_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000];

export class DslNotifier implements Notifier {
  private readonly channels = new Map<string, DslChannel>();
  private readonly retryDelays: number[];
  private readonly reminderAfterMs: number;
  private readonly maxReminders: number;
  private timer?: NodeJS.Timeout;
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly o: DslNotifierOptions) {
    this.retryDelays = o.retryDelaysMs ?? DEFAULT_RETRY_MS;
    this.reminderAfterMs = o.reminderAfterMs ?? 15 * 60_000;
    this.maxReminders = o.maxReminders ?? 4;
  }

  /** Connects a chat channel (done once per channel at start-up). */
  addChannel(channel: DslChannel): void {
    this.channels.set(channel.name, channel);
  }

  /** True if this user is a DSL or deputy on this channel (may view and acknowledge reports). */
  isDsl(channel: string, userId: string): boolean {
    return this.channels.get(channel)?.isDsl(userId) ?? false;
  }

  /** Announces a committed report on every channel; failures are recorded for retry. */
  reportFiled(report: FiledReport): Promise<void> {
    const work = (async () => {
      for (const channel of this.channels.values()) {
        for (const target of channel.announceTargets()) await this.send(report, channel.name, target, 'report-filed');
      }
    })();
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
    return work;
  }

  /** Resolves once every announcement under way has been attempted (for shutdown and tests). */
  async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Records an acknowledgement by a DSL, then tells the reporter on the channel they used. */
  async acknowledge(reference: string, channel: string, userId: string): Promise<AckOutcome> {
    if (!this.isDsl(channel, userId)) return { kind: 'refused' };
    const report = this.o.reports.get(reference);
    if (!report) return { kind: 'unknown' };
    if (report.acknowledgedAt) return { kind: 'already', report };
    const updated = this.o.reports.acknowledge(reference, `${channel}:${userId}`, this.now()) ?? report;
    this.o.log.info('report_acknowledged', { reference, channel });
    if (this.channels.has(updated.channel)) await this.send(updated, updated.channel, updated.reporter.id, 'reporter-ack');
    return { kind: 'acknowledged', report: updated };
  }

  /** Retries due deliveries and sends reminders; call periodically (see start). */
  async tick(): Promise<void> {
    for (const d of this.o.deliveries.due(this.now())) {
      const report = this.o.reports.get(d.reference);
      if (report) await this.attempt(d, report);
    }
    await this.remind();
  }

  /** Runs tick every `intervalMs` until stop(). */
  start(intervalMs = 30_000): void {
    this.timer = setInterval(() => void this.tick().catch((e: unknown) => this.o.log.error('notifier_tick_failed', { code: errorCode(e) })), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async remind(): Promise<void> {
    const now = this.o.clock().getTime();
    const open = this.o.reports.list().filter((r) => r.urgency === 'immediate' && !r.acknowledgedAt);
    for (const report of open) {
      const reminders = this.o.deliveries.forReport(report.reference).filter((d) => d.purpose === 'reminder');
      const rounds = new Set(reminders.map((d) => d.createdAt)).size;
      const last = Math.max(Date.parse(report.createdAt), ...reminders.map((d) => Date.parse(d.createdAt)));
      if (rounds >= this.maxReminders || now - last < this.reminderAfterMs) continue;
      this.o.log.warn('report_unacknowledged', { reference: report.reference, round: rounds + 1 });
      const round = this.now();
      for (const channel of this.channels.values()) {
        for (const user of channel.dslUsers()) await this.send(report, channel.name, user, 'reminder', round);
      }
    }
  }

  private async send(report: FiledReport, channel: string, target: string, purpose: DeliveryPurpose, at = this.now()): Promise<void> {
    const d = this.o.deliveries.add({ reference: report.reference, channel, target, purpose, at });
    await this.attempt(d, report);
  }

  private async attempt(d: Delivery, report: FiledReport): Promise<void> {
    const channel = this.channels.get(d.channel);
    try {
      if (!channel) throw Object.assign(new Error('channel not connected'), { code: 'channel_not_connected' });
      await channel.deliver(report, d.target, d.purpose);
      this.o.deliveries.markSent(d.id, this.now());
    } catch (err) {
      const delay = this.retryDelays[d.attempts];
      const retryAt = delay === undefined ? undefined : new Date(this.o.clock().getTime() + delay).toISOString();
      this.o.deliveries.markFailed(d.id, errorCode(err), retryAt);
      const fields = { reference: d.reference, channel: d.channel, purpose: d.purpose, attempt: d.attempts + 1, code: errorCode(err) };
      if (retryAt) this.o.log.warn('delivery_failed', fields);
      else this.o.log.error('delivery_gave_up', fields);
    }
  }

  private now(): string {
    return this.o.clock().toISOString();
  }
}

