/**
 * The policy-review notice a DSL sees above `safestep reports list`: each document past its
 * review date (or undated) for the settings listed. Never fails the listing.
 */
import { loadContent } from '../authoring/load';
import { formatReviewWarning, reviewWarnings } from '../authoring/review-dates';
import { loadConfig } from '../config';
import type { CliIO } from './io';

/** Lines to print before the report table ('' when every policy is in date). */
export function reviewNotice(io: CliIO, settingId?: string): string {
  try {
    const config = loadConfig(io.env, io.root);
    const settings = [...loadContent(config.contentRoot).settings.values()].filter((s) => !settingId || s.id === settingId);
    const warnings = reviewWarnings(settings, config.today());
    if (warnings.length === 0) return '';
    return `POLICY REVIEW OVERDUE\n${warnings.map((w) => `  ! ${formatReviewWarning(w)}`).join('\n')}\n\n`;
  } catch {
    return 'POLICY REVIEW: could not check the policy documents (run "safestep validate").\n\n';
  }
}
