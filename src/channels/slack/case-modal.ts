/**
 * The DSL's desk in Slack, rendered from the core's views: a casework form as a modal with inputs
 * (text, date picker, a select, a pick from the workspace's people), the values a submitted form
 * carries, and the audit trail and CPOMS export as modals. Every text typed by staff is escaped.
 * Pure.
 */
import type { types } from '@slack/bolt';
import type { AuditView, CaseForm, ExportView, FormField } from '../../core/host';
import { chunkText, clip, escapeText } from './mrkdwn';
import { context, sections } from './render-blocks';
import { mrkdwn } from './rich';

type KnownBlock = types.KnownBlock;

/** The callback id of every casework form; its private_metadata carries kind and reference. */
export const CASE_CALLBACK = 'ss_case';
/** The action id of every form input (its block id is the field id). */
const INPUT = 'v';

function element(f: FormField): Record<string, unknown> {
  switch (f.kind) {
    case 'text':
      return { type: 'plain_text_input', action_id: INPUT, max_length: 3000 };
    case 'multiline':
      return { type: 'plain_text_input', action_id: INPUT, multiline: true, max_length: 3000 };
    case 'date':
      return { type: 'datepicker', action_id: INPUT };
    case 'person':
      return { type: 'users_select', action_id: INPUT };
    case 'choice':
      return { type: 'static_select', action_id: INPUT, options: (f.options ?? []).slice(0, 100).map((o) => ({ text: { type: 'plain_text', text: clip(o.label, 75) }, value: clip(o.value, 150) })) };
  }
}

/** A casework form as a modal. */
export function caseModal(form: CaseForm): types.ModalView {
  const blocks = form.fields.map(
    (f) => ({ type: 'input', block_id: f.id, optional: !f.required, label: { type: 'plain_text', text: clip(f.label, 2000) }, element: element(f) }) as unknown as KnownBlock,
  );
  return {
    type: 'modal',
    callback_id: CASE_CALLBACK,
    private_metadata: JSON.stringify({ kind: form.kind, ref: form.reference }),
    title: { type: 'plain_text', text: clip(form.title, 24) },
    submit: { type: 'plain_text', text: clip(form.submitLabel, 24) },
    close: { type: 'plain_text', text: clip(form.cancelLabel, 24) },
    blocks: [context(escapeText(form.reference)), ...blocks],
  };
}

/** What one input of a submitted modal holds. */
interface InputState {
  value?: string | null;
  selected_date?: string | null;
  selected_user?: string | null;
  selected_option?: { value?: string } | null;
}

/** The field values of a submitted casework modal, by field id; a picked person as "person:slack:U…". */
export function caseValues(values: Record<string, Record<string, InputState>> | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [field, inputs] of Object.entries(values ?? {})) {
    const s = inputs[INPUT];
    if (!s) continue;
    const v = s.value ?? s.selected_date ?? s.selected_option?.value ?? (s.selected_user ? `person:slack:${s.selected_user}` : undefined);
    if (v !== null && v !== undefined) out[field] = v;
  }
  return out;
}

/** The kind and reference a submitted modal's private_metadata carries, if it is one of ours. */
export function caseMeta(raw: string | undefined): { kind: string; ref: string } | undefined {
  try {
    const m = JSON.parse(raw ?? '') as { kind?: unknown; ref?: unknown };
    return typeof m.kind === 'string' && typeof m.ref === 'string' ? { kind: m.kind, ref: m.ref } : undefined;
  } catch {
    return undefined;
  }
}

function infoModal(title: string, blocks: KnownBlock[], closeLabel: string): types.ModalView {
  return { type: 'modal', callback_id: 'ss_info', title: { type: 'plain_text', text: clip(title, 24) }, close: { type: 'plain_text', text: clip(closeLabel, 24) }, blocks: blocks.slice(0, 100) };
}

/** The audit trail as a modal: one line per read or attempt. */
export function auditModal(v: AuditView, closeLabel: string): types.ModalView {
  const lines = v.lines.map((l) => `${mrkdwn([{ time: l.at }])} · ${mrkdwn([{ person: l.who }])} · ${escapeText(l.where)} · ${escapeText(l.what)} · ${escapeText(l.result)}`);
  const blocks = [...sections(`*${escapeText(v.title)}*`), ...(v.empty ? [context(escapeText(v.empty))] : sections(lines.join('\n')))];
  return infoModal(v.reference, blocks, closeLabel);
}

/** The CPOMS export as a modal: the text in code blocks, to copy as it is. */
export function exportModal(v: ExportView, closeLabel: string): types.ModalView {
  const blocks: KnownBlock[] = [...sections(escapeText(v.title))];
  for (const chunk of chunkText(escapeText(v.text), 2900)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${chunk}\`\`\`` } });
  return infoModal(v.reference, blocks, closeLabel);
}
