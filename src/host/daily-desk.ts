/**
 * The server's daily work for the DSL's desk, checked every minute: retention once each day
 * (in England's calendar; SAFESTEP_TODAY moves "today"), and at the digest time (HH:MM in
 * England, default 08:00) the DSL team's summary plus the reminder of each open report with an
 * action past its due date. The summary is sent when the server's clock passes the digest time
 * (a server started later that day sends the next morning's; `safestep digest --send` sends one
 * at once). What ran on which day is recorded, so a restart does not repeat it.
 */
import type { Casework } from '../core/case/casework';
import { runRetention, type RetentionResult, type RetentionStore } from '../core/case/retention';
import type { ContentBundle } from '../core/content';
import type { DslNotifier } from '../core/dsl-notifier';
import { errorCode } from '../core/errors';
import { londonDay, type ChannelRecords } from '../core/host';
import type { SettingProfile } from '../core/model';
import type { Clock, Logger, ReportStore, TickClaims } from '../core/ports';
import { Ticker } from '../core/ticker';
import type { DeskHost } from './desk-host';

export interface DailyDeps {
  desk: DeskHost;
  notifier: DslNotifier;
  casework: Casework;
  reports: ReportStore;
  retention: RetentionStore;
  content: ContentBundle;
  /** The settings the deployment serves (each DSL team gets its own summary). */
  settings: SettingProfile[];
  /** "Today" for retention (config.today). */
  today: () => Date;
  retentionDays?: number;
  digestTime: string;
  records: ChannelRecords;
  /** Servers sharing a database: each minute's check runs on one of them. */
  ticks?: TickClaims;
  clock: Clock;
  log: Logger;
}

/** HH:MM in England at `d`. */
export function londonTime(d: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

export class DailyDesk {
  private readonly ticker: Ticker;
  private running?: Promise<void>;
  /** England's time at the previous check (undefined before the first). */
  private last?: string;

  constructor(private readonly d: DailyDeps) {
    this.ticker = new Ticker(d.ticks ? { name: 'daily-desk', claims: d.ticks, clock: d.clock } : undefined);
  }

  /** One check: retention if not yet run today; the summary and overdue reminders once past the digest time. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.work().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** One retention pass (what `safestep retention run` does), audited. */
  retentionPass(): RetentionResult {
    const result = runRetention({ reports: this.d.reports, retention: this.d.retention, settings: this.d.content.settings, today: this.d.today(), sessionDays: this.d.retentionDays });
    for (const reference of result.reports) this.d.casework.audit({ who: 'server:retention', where: 'server', what: 'retention-delete', reference, result: 'ok' });
    this.d.log.info('retention_ran', { sessions: result.sessions, reports: result.reports.length, held: result.held.length });
    return result;
  }

  /** Sends each setting's DSL team its summary now (also `safestep digest --send`). */
  async sendDigest(): Promise<{ sent: number; failed: number }> {
    const total = { sent: 0, failed: 0 };
    for (const setting of this.d.settings) {
      const r = await this.d.notifier.sendToTeam(setting.id, { kind: 'digest', digest: this.d.desk.digestFor(setting) });
      total.sent += r.sent;
      total.failed += r.failed;
    }
    return total;
  }

  start(intervalMs = 60_000): void {
    this.ticker.start(() => void this.tick(), intervalMs, true);
  }

  stop(): void {
    this.ticker.stop();
  }

  async drain(): Promise<void> {
    await this.running;
  }

  private async work(): Promise<void> {
    const now = this.d.clock();
    const day = londonDay(now);
    try {
      if (this.d.records.get<string>('retention-day') !== day) {
        this.d.records.put('retention-day', day);
        this.retentionPass();
      }
      const time = londonTime(now);
      const passed = this.last !== undefined && (this.last < this.d.digestTime || this.last > time) && time >= this.d.digestTime;
      this.last = time;
      if (passed && this.d.records.get<string>('digest-day') !== day) {
        this.d.records.put('digest-day', day);
        const sent = await this.sendDigest();
        const reminded = this.d.casework.remindOverdue(day);
        this.d.log.info('digest_sent', { sent: sent.sent, failed: sent.failed, overdue: reminded.length });
      }
    } catch (err) {
      this.d.log.error('daily_desk_failed', { code: errorCode(err) });
    }
  }
}
