/**
 * The DSL team's daily summary, built once for chat (Slack DM and App Home, a Teams card) and the
 * CLI: reports new in the last day, not yet acknowledged, with actions overdue, and every open
 * report by urgency. Names references, urgency and situation only: nothing anyone typed. Pure.
 */
import type { DeskWords } from '../catalog';
import { isClosed, overdueActions, type CaseEntry } from '../case/model';
import type { DigestView } from '../host/views';
import type { SettingProfile } from '../model';
import type { FiledReport } from '../report';
import { render } from '../template';
import { urgencyLabel } from './people';

const RANK = { immediate: 0, urgent: 1, routine: 2 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The summary as of `now`; `today` is the local date (YYYY-MM-DD) actions are due against. */
export function digestView(reports: readonly FiledReport[], entriesOf: (reference: string) => CaseEntry[], now: Date, today: string, setting: SettingProfile, words: DeskWords): DigestView {
  const line = (r: FiledReport, extra = '') => ({ reference: r.reference, text: `${r.reference} · ${urgencyLabel(r)} · ${r.flowTitle}${extra}`, urgent: r.urgency === 'immediate' });
  const withEntries = reports.map((r) => ({ r, entries: entriesOf(r.reference) }));
  const open = withEntries.filter((x) => !isClosed(x.entries));
  const byUrgency = [...open].sort((a, b) => RANK[a.r.urgency] - RANK[b.r.urgency] || a.r.createdAt.localeCompare(b.r.createdAt));
  const section = (heading: string, lines: DigestView['sections'][number]['lines']) => ({ heading, empty: words.digestNothing, lines });
  return {
    title: render(words.digestTitle, setting),
    sections: [
      section(words.digestNew, withEntries.filter((x) => now.getTime() - Date.parse(x.r.createdAt) < DAY_MS).map((x) => line(x.r))),
      section(words.digestUnacknowledged, open.filter((x) => !x.r.acknowledgedAt).map((x) => line(x.r))),
      section(
        words.digestOverdue,
        open.flatMap((x) => overdueActions(x.entries, today).map((a) => line(x.r, ` · ${words.actionDue} ${a.due ?? ''}`))),
      ),
      section(words.digestOpen, byUrgency.map((x) => line(x.r))),
    ],
  };
}
