/**
 * The rules every ReportStore shares, so SQLite and the in-memory twin behave alike:
 * the reference format, which year a report belongs to, list order and list limits.
 */
import { StoreError } from '../core/errors';
import type { FiledReport } from '../core/report';

/** `SS-<year>-<seq>`, seq zero-padded to four digits (it simply grows past 9999). */
export function formatReference(year: number, seq: number): string {
  return `SS-${year}-${String(seq).padStart(4, '0')}`;
}

/** The (UTC) calendar year of a report's createdAt; store_write_error if it is not a date. */
export function reportYear(createdAt: string): number {
  const time = Date.parse(createdAt);
  if (Number.isNaN(time)) {
    throw new StoreError('store_write_error', 'The report has no valid creation time, so it was not filed');
  }
  return new Date(time).getUTCFullYear();
}

/** A list limit as a count: undefined means "all"; negatives and fractions are clamped. */
export function normaliseLimit(limit: number | undefined): number | undefined {
  if (limit === undefined || !Number.isFinite(limit)) return undefined;
  return Math.max(0, Math.floor(limit));
}

/** Sort order for lists: newest createdAt first, then the higher reference number. */
export function newestFirst(a: FiledReport, b: FiledReport): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return referenceOrder(b.reference) - referenceOrder(a.reference);
}

function referenceOrder(reference: string): number {
  const match = /^SS-(\d+)-(\d+)$/.exec(reference);
  return match ? Number(match[1]) * 1e6 + Number(match[2]) : 0;
}
