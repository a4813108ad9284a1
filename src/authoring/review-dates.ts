/**
 * Policy review dates: which of a setting's documents are past their review date, or give none.
 * Every document SafeStep advises from should be in date; when it is not, the DSL must see it
 * (in `safestep validate` and `safestep reports list`), not have it hidden.
 */
import type { SettingProfile } from '../core/model';

/** One document whose review is overdue or undated. */
export interface ReviewWarning {
  settingId: string;
  settingName: string;
  documentId: string;
  documentTitle: string;
  /** The review-due date (YYYY-MM-DD), or undefined when the document gives none. */
  dueDate?: string;
}

/** The documents of these settings that are past their review date on `today`, or undated. */
export function reviewWarnings(settings: Iterable<SettingProfile>, today: Date): ReviewWarning[] {
  const day = today.toISOString().slice(0, 10);
  const out: ReviewWarning[] = [];
  for (const s of settings) {
    for (const d of s.documents) {
      if (d.reviewDueDate !== undefined && d.reviewDueDate >= day) continue;
      out.push({ settingId: s.id, settingName: s.name, documentId: d.id, documentTitle: d.title, dueDate: d.reviewDueDate });
    }
  }
  return out;
}

/** One readable line, e.g. `Headcorn Primary School: "Mobile …" was due for review on 2023-03-31.` */
export function formatReviewWarning(w: ReviewWarning): string {
  const when = w.dueDate ? `was due for review on ${w.dueDate}` : 'gives no review date';
  return `${w.settingName}: "${w.documentTitle}" (${w.documentId}) ${when}. Ask the policy owner to review it; SafeStep advises from it as written.`;
}
