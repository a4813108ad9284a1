/**
 * Retention and legal hold. Unfinished conversations are purged after the setting's
 * `retention.sessionDays` (default 30; SAFESTEP_RETENTION_DAYS overrides for a deployment).
 * Reports are never deleted unless the setting's profile sets `retention.reportYears`, and never
 * while on legal hold (the database refuses that too). A hold and its release are append-only
 * entries with who, when and why. `runRetention` decides and performs one pass.
 */
import type { SettingProfile } from '../model';
import type { ReportStore } from '../ports';

/** One hold or release of a report. */
export interface HoldEvent {
  id: number;
  reference: string;
  kind: 'hold' | 'release';
  /** Who, as given ("cli:<login> (Name)"). */
  by: string;
  at: string;
  reason: string;
}

/** What retention needs from the store. */
export interface RetentionStore {
  addHold(e: Omit<HoldEvent, 'id'>): HoldEvent;
  holds(reference: string): HoldEvent[];
  /** Deletes conversations last updated before `before` (ISO); returns how many. */
  purgeSessions(before: string): number;
  /** Deletes a report with its deliveries and case entries (refused by the database if on hold). */
  deleteReport(reference: string): void;
}

/** The default days an unfinished conversation is kept. */
export const DEFAULT_SESSION_DAYS = 30;

/** True if the latest hold event of a report is a hold. */
export function onHold(holds: readonly HoldEvent[]): boolean {
  return holds.at(-1)?.kind === 'hold';
}

/** What one pass removed (and kept because of a hold). */
export interface RetentionResult {
  sessionDays: number;
  sessionsBefore: string;
  sessions: number;
  reports: string[];
  held: string[];
}

/** The days conversations are kept: the override, else the shortest of the settings' (default 30). */
export function sessionDaysFor(settings: readonly SettingProfile[], override?: number): number {
  if (override) return override;
  return Math.min(DEFAULT_SESSION_DAYS, ...settings.map((s) => s.retention?.sessionDays ?? DEFAULT_SESSION_DAYS));
}

/** Runs retention as of `today`. */
export function runRetention(d: { reports: ReportStore; retention: RetentionStore; settings: ReadonlyMap<string, SettingProfile>; today: Date; sessionDays?: number }): RetentionResult {
  const sessionDays = sessionDaysFor([...d.settings.values()], d.sessionDays);
  const sessionsBefore = new Date(d.today.getTime() - sessionDays * 86_400_000).toISOString();
  const result: RetentionResult = { sessionDays, sessionsBefore, sessions: d.retention.purgeSessions(sessionsBefore), reports: [], held: [] };
  for (const r of d.reports.list()) {
    const years = d.settings.get(r.settingId)?.retention?.reportYears;
    if (!years) continue;
    const until = new Date(r.createdAt);
    until.setUTCFullYear(until.getUTCFullYear() + years);
    if (until.getTime() > d.today.getTime()) continue;
    if (onHold(d.retention.holds(r.reference))) {
      result.held.push(r.reference);
      continue;
    }
    d.retention.deleteReport(r.reference);
    result.reports.push(r.reference);
  }
  return result;
}
