/**
 * A report laid out the way CPOMS's and MyConcern's concern forms ask for it, ready to paste:
 * when; who it is about; the concern; what the child said, verbatim and marked as the child's
 * words; what was seen or heard; actions taken and by whom; who was told and when; the
 * reporter's name and role. Built from the report as filed plus its history (corrections shown
 * as corrections, never merged in). Pure: plain text, no markup.
 */
import type { DeskWords } from '../catalog';
import type { CaseEntry } from '../case/model';
import type { Delivery } from '../delivery';
import { formatWhen } from '../host/rich';
import type { SettingProfile } from '../model';
import type { FiledReport } from '../report';
import { render } from '../template';
import { urgencyLabel } from './people';

/** The two recording systems SafeStep lays a report out for. */
export type ExportFormat = 'cpoms' | 'myconcern';

/** Account prompt ids that map to the recording systems' fields. */
const ABOUT = ['who'];
const WORDS = ['own-words'];
const WHEN = ['when', 'when-where'];
const ACTIONS = ['actions'];

/** What the layout needs besides the report. */
export interface ExportInput {
  report: FiledReport;
  entries: readonly CaseEntry[];
  deliveries: readonly Delivery[];
  setting: SettingProfile;
  words: DeskWords;
  /** The flow's prompt id for an account prompt as filed (see the flow's report step). */
  promptId: (prompt: string) => string | undefined;
  /** A person's name for "channel:id", when SafeStep knows it. */
  nameOf?: (by: string) => string | undefined;
}

/** The report as text to paste into `format`'s concern form. */
export function exportText(format: ExportFormat, x: ExportInput): string {
  const { report: r, words: w } = x;
  const heading = render(format === 'cpoms' ? w.exportCpomsHeading : w.exportMyConcernHeading, x.setting, { reference: r.reference });
  const byId = (ids: string[]) => r.account.filter((a) => ids.includes(x.promptId(a.prompt) ?? ''));
  const used = new Set([...ABOUT, ...WORDS, ...WHEN, ...ACTIONS]);
  const other = r.account.filter((a) => !used.has(x.promptId(a.prompt) ?? ''));
  const given = (items: { text: string }[]) => items.map((a) => a.text).filter((t) => t && t !== '(not given)');
  const who = (by: string) => x.nameOf?.(by) ?? by;
  const when = [formatWhen(r.createdAt), ...given(byId(WHEN))].join(' - ');

  const actions = [
    ...given(byId(ACTIONS)).map((t) => `${t} (${reporter(r)})`),
    ...x.entries.filter((e) => e.kind === 'action').map((e) => `${e.text ?? ''} - ${w.actionFor}: ${e.assignee ?? ''}, ${w.actionDue}: ${e.due ?? ''} (${who(e.by)}, ${formatWhen(e.at)})`),
    ...x.entries.filter((e) => e.kind === 'outcome').map((e) => `${w.entryOutcome}: ${e.outcome ?? ''}${e.text ? ` - ${e.text}` : ''} (${who(e.by)}, ${formatWhen(e.at)})`),
  ];
  const notes = x.entries.filter((e) => e.kind === 'note' || e.kind === 'correction').map((e) => {
    const what = e.kind === 'correction' ? `${w.entryCorrection} (${e.corrects === 'report' ? w.correctReport : `#${(e.corrects ?? '').slice(6)}`})` : w.entryNote;
    return `${what}: ${e.text ?? ''} (${who(e.by)}, ${formatWhen(e.at)})`;
  });
  const firstSent = x.deliveries.filter((d) => d.sentAt && d.purpose === 'report-filed').map((d) => d.sentAt!).sort()[0];
  const told = [
    ...(firstSent ? [`${x.setting.people.dsl.role}: ${formatWhen(firstSent)}`] : []),
    ...(r.acknowledgedAt ? [`${w.entryAcknowledged}: ${who(r.acknowledgedBy ?? '')}, ${formatWhen(r.acknowledgedAt)}`] : []),
  ];
  const concern = [`${r.flowTitle} (${r.category}, ${urgencyLabel(r)})`, ...(r.firstMessage ? [r.firstMessage] : []), ...other.map((a) => `${a.prompt}\n${a.text}`)];
  const seen = r.answers.map((a) => `${a.question} ${a.answer}`);
  const sections: [string, string[]][] = format === 'cpoms'
    ? [
        [w.exportWhen, [when]],
        [w.exportAbout, given(byId(ABOUT))],
        [w.exportConcern, concern],
        [w.exportChildWords, given(byId(WORDS)).map(quoted)],
        [w.exportSeenHeard, seen],
        [w.exportActions, [...actions, ...notes]],
        [w.exportTold, told],
        [w.exportReporter, [reporter(r)]],
      ]
    : [
        [w.exportReporter, [reporter(r)]],
        [w.exportWhen, [when]],
        [w.exportAbout, given(byId(ABOUT))],
        [w.exportConcern, concern],
        [w.exportChildWords, given(byId(WORDS)).map(quoted)],
        [w.exportSeenHeard, seen],
        [w.exportTold, told],
        [w.exportActions, [...actions, ...notes]],
      ];
  const body = sections.map(([title, lines]) => `${title}:\n${(lines.length > 0 ? lines : [w.exportNotGiven]).join('\n')}`);
  return `${[heading, ...body, `SafeStep ${r.reference} · ${r.policyVersion}`].join('\n\n')}\n`;
}

function reporter(r: FiledReport): string {
  return [r.reporter.name ?? r.reporter.id, r.reporter.role].filter(Boolean).join(', ');
}

/** The child's words, quoted exactly as typed. */
function quoted(text: string): string {
  return `"${text}"`;
}
