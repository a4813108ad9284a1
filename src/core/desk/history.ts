/**
 * A report's history as every channel and the CLI show it: the acknowledgement and each case
 * entry, oldest first, with who, when, what kind, and what was written (verbatim). Pure.
 */
import type { DeskWords } from '../catalog';
import type { CaseEntry } from '../case/model';
import type { Rich } from '../host/rich';
import type { HistoryLine } from '../host/views';
import type { FiledReport } from '../report';
import { personFromStored } from './people';

/**
 * Every entry of `r`, oldest first. A report acknowledged before case entries existed gets its
 * acknowledgement from the report's own columns. `names` gives display names by "channel:id".
 */
export function historyLines(r: FiledReport, entries: readonly CaseEntry[], words: DeskWords, names: (by: string) => string | undefined = () => undefined): HistoryLine[] {
  const all = [...entries];
  if (r.acknowledgedAt && !all.some((e) => e.kind === 'acknowledged')) {
    all.unshift({ id: 0, reference: r.reference, kind: 'acknowledged', by: r.acknowledgedBy ?? '', at: r.acknowledgedAt });
  }
  return all.map((e) => {
    const name = e.byName ?? names(e.by);
    const line: HistoryLine = { id: e.id, at: e.at, who: personFromStored(e.by, name).person, kind: kindWord(e, words), facts: facts(e, words) };
    if (e.text !== undefined) line.text = e.text;
    return line;
  });
}

function kindWord(e: CaseEntry, w: DeskWords): string {
  switch (e.kind) {
    case 'acknowledged':
      return w.entryAcknowledged;
    case 'note':
      return w.entryNote;
    case 'action':
      return w.entryAction;
    case 'outcome':
      return w.entryOutcome;
    case 'correction':
      return w.entryCorrection;
  }
}

function facts(e: CaseEntry, w: DeskWords): HistoryLine['facts'] {
  const out: HistoryLine['facts'] = [];
  if (e.assignee !== undefined) out.push({ label: w.actionFor, value: assigneeRich(e.assignee) });
  if (e.due !== undefined) out.push({ label: w.actionDue, value: [e.due] });
  if (e.outcome !== undefined) out.push({ label: w.outcomeChoice, value: [e.outcome] });
  if (e.corrects !== undefined) out.push({ label: w.correctWhat, value: [e.corrects === 'report' ? w.correctReport : `#${e.corrects.slice('entry:'.length)}`] });
  return out;
}

/** The prefix of an assignee picked from the workspace ("person:slack:U…"); typed names are kept as typed. */
export const PICKED_PERSON = 'person:';

/** An action's assignee as rich text: a picked person as a person token, a typed name as it is. */
export function assigneeRich(assignee: string): Rich {
  return assignee.startsWith(PICKED_PERSON) ? [personFromStored(assignee.slice(PICKED_PERSON.length))] : [assignee];
}
