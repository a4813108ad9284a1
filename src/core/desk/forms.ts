/**
 * The DSL's casework forms, built once for every channel (a Slack modal, a Teams card with
 * inputs): Add note, Assign action, Record outcome (the setting's outcome list), Correct (the
 * report as filed, or one of its entries). Pure.
 */
import type { DeskWords } from '../catalog';
import type { CaseEntry } from '../case/model';
import type { CaseKind } from '../case/submission';
import type { SettingProfile } from '../model';
import type { CaseForm, FormField } from '../host/views';
import { formatWhen } from '../host/rich';

/** The outcomes a DSL of `setting` may record: its profile's list, else the catalogue's default. */
export function outcomesOf(setting: SettingProfile, words: DeskWords): string[] {
  return setting.outcomes ?? words.defaultOutcomes;
}

/** The form of `kind` for report `reference`. */
export function caseForm(kind: CaseKind, reference: string, setting: SettingProfile, words: DeskWords, entries: readonly CaseEntry[]): CaseForm {
  const form = (title: string, fields: FormField[]): CaseForm => ({ kind, reference, title, fields, submitLabel: words.save, cancelLabel: words.cancel });
  switch (kind) {
    case 'note':
      return form(words.noteTitle, [{ id: 'text', label: words.noteText, kind: 'multiline', required: true }]);
    case 'action':
      return form(words.actionTitle, [
        { id: 'text', label: words.actionText, kind: 'multiline', required: true },
        { id: 'assignee', label: words.actionFor, kind: 'text', required: false },
        { id: 'person', label: words.actionForPick, kind: 'person', required: false },
        { id: 'due', label: words.actionDue, kind: 'date', required: true },
      ]);
    case 'outcome':
      return form(words.outcomeTitle, [
        { id: 'outcome', label: words.outcomeChoice, kind: 'choice', required: true, options: outcomesOf(setting, words).map((o) => ({ value: o, label: o })) },
        { id: 'text', label: words.outcomeNote, kind: 'multiline', required: false },
      ]);
    case 'correct': {
      const options = [
        { value: 'report', label: words.correctReport },
        ...entries.filter((e) => e.kind !== 'acknowledged').map((e) => ({ value: `entry:${e.id}`, label: `#${e.id} ${kindOf(e, words)}, ${formatWhen(e.at)}` })),
      ];
      return form(words.correctTitle, [
        { id: 'corrects', label: words.correctWhat, kind: 'choice', required: true, options },
        { id: 'text', label: words.correctText, kind: 'multiline', required: true },
      ]);
    }
  }
}

function kindOf(e: CaseEntry, w: DeskWords): string {
  return { acknowledged: w.entryAcknowledged, note: w.entryNote, action: w.entryAction, outcome: w.entryOutcome, correction: w.entryCorrection }[e.kind];
}
