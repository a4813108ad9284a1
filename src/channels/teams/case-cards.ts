/**
 * The DSL's desk in Teams, rendered from the core's views (the same views Slack renders): a
 * casework form as an Adaptive Card with inputs (text, a date, a choice, a pick from the
 * organisation's people), the values a submitted form carries, and the audit trail and CPOMS
 * export as cards. Builds data only; sends nothing.
 */
import type { Activity } from 'botbuilder';
import type { AuditView, CaseForm, ExportView, FormField } from '../../core/host';
import { adaptiveCard, cardMessage, splitElements, textBlock, type CardElement } from './cards';
import type { RefBook } from './refs';
import { cardText } from './rich';

/** The submit marker of a casework form. */
export const CASE_SUBMIT = 'case';

/** Keys of a submitted card's value that are SafeStep's own, not a form field. */
const OWN_KEYS = new Set(['ss', 'kind', 'ref']);
const MAX_CARD_BYTES = 20_000;

function input(f: FormField): CardElement {
  const common = { id: f.id, label: f.label, isRequired: f.required };
  switch (f.kind) {
    case 'text':
      return { type: 'Input.Text', ...common, maxLength: 3000 };
    case 'multiline':
      return { type: 'Input.Text', ...common, isMultiline: true, maxLength: 3000 };
    case 'date':
      return { type: 'Input.Date', ...common };
    case 'choice':
      return { type: 'Input.ChoiceSet', ...common, style: 'compact', choices: (f.options ?? []).map((o) => ({ title: o.label, value: o.value })) };
    case 'person':
      // Teams' people picker: the value is the chosen person's AAD object id.
      return { type: 'Input.ChoiceSet', ...common, choices: [], 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } };
  }
}

/** A casework form as a card; its Save button sends the inputs with the kind and reference. */
export function caseCard(form: CaseForm): Partial<Activity> {
  const body: CardElement[] = [textBlock(form.title, { weight: 'Bolder', size: 'Medium' }), textBlock(form.reference, { isSubtle: true, spacing: 'None' }), ...form.fields.map(input)];
  const card = { ...adaptiveCard(body, `${form.title} (${form.reference})`), actions: [{ type: 'Action.Submit', title: form.submitLabel, style: 'positive', data: { ss: CASE_SUBMIT, kind: form.kind, ref: form.reference } }] };
  return cardMessage(card as unknown as ReturnType<typeof adaptiveCard>, form.reference);
}

/** A submitted casework card: its kind, reference and field values (a picked person as "person:teams:<id>"). */
export function caseSubmitOf(value: unknown): { kind: string; reference: string; values: Record<string, string> } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.ss !== CASE_SUBMIT || typeof v.kind !== 'string' || typeof v.ref !== 'string' || v.ref.length > 64) return undefined;
  const values: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (OWN_KEYS.has(k) || typeof x !== 'string') continue;
    values[k] = k === 'person' && x ? `person:teams:${x}` : x;
  }
  return { kind: v.kind, reference: v.ref.trim().toUpperCase(), values };
}

/** The audit trail as a card (or several, when long). */
export function auditCards(v: AuditView, refs?: RefBook): Partial<Activity>[] {
  const lines = v.lines.map((l) => textBlock(`${cardText([{ time: l.at }])} · ${cardText([{ person: l.who }], refs)} · ${l.where} · ${l.what} · ${l.result}`, { spacing: 'Small' }));
  const body = [textBlock(v.title, { weight: 'Bolder' }), ...(v.empty ? [textBlock(v.empty, { isSubtle: true })] : lines)];
  return splitElements(body, MAX_CARD_BYTES).map((part) => cardMessage(adaptiveCard(part, v.title), v.reference));
}

/** The CPOMS export as a card: the text to copy, kept whole (monospace, line breaks kept). */
export function exportCards(v: ExportView): Partial<Activity>[] {
  const body = [textBlock(v.title, { weight: 'Bolder' }), ...v.text.split('\n\n').map((para) => textBlock(para, { fontType: 'Monospace', spacing: 'Small' }))];
  return splitElements(body, MAX_CARD_BYTES, `[safestep reports export ${v.reference} --format cpoms]`).map((part) => cardMessage(adaptiveCard(part, v.text), v.reference));
}
