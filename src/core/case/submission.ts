/**
 * A DSL's casework form as submitted (Add note, Assign action, Record outcome, Correct), checked
 * and turned into the fields of a new case entry. Pure: the channel passes the values as they came;
 * anything missing, too long or not on the offered lists is refused by name, and nothing is saved.
 */
import type { CaseEntry, CorrectionTarget } from './model';

/** The four casework forms. */
export type CaseKind = 'note' | 'action' | 'outcome' | 'correct';

export const CASE_KINDS: readonly CaseKind[] = ['note', 'action', 'outcome', 'correct'];

/** What a form sends back: its kind, the report and each field's value by field id. */
export interface CaseSubmission {
  kind: CaseKind;
  reference: string;
  values: Readonly<Record<string, string | undefined>>;
}

/** The entry fields a valid submission makes, or the ids of the fields that are wrong. */
export type Parsed = { ok: true; fields: Pick<CaseEntry, 'kind' | 'text' | 'assignee' | 'due' | 'outcome' | 'corrects'> } | { ok: false; fields: string[] };

/** What a submission is checked against. */
export interface SubmissionRules {
  /** The setting's outcome list. */
  outcomes: readonly string[];
  /** Ids of the report's entries a correction may name. */
  entryIds: readonly number[];
  maxLength: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True if `kind` is one of the casework forms. */
export function isCaseKind(kind: unknown): kind is CaseKind {
  return typeof kind === 'string' && (CASE_KINDS as readonly string[]).includes(kind);
}

/** Checks a submission (see the file comment). */
export function parseSubmission(s: CaseSubmission, rules: SubmissionRules): Parsed {
  const bad: string[] = [];
  const text = (id: string, required: boolean): string | undefined => {
    const value = s.values[id]?.trim();
    if (!value) {
      if (required) bad.push(id);
      return undefined;
    }
    if (value.length > rules.maxLength) bad.push(id);
    return value;
  };
  switch (s.kind) {
    case 'note': {
      const t = text('text', true);
      return bad.length ? { ok: false, fields: bad } : { ok: true, fields: { kind: 'note', text: t } };
    }
    case 'action': {
      const t = text('text', true);
      const person = text('person', false);
      const named = text('assignee', false);
      const assignee = named ?? person;
      if (!assignee) bad.push('assignee');
      const due = text('due', true);
      if (due !== undefined && !validDate(due)) bad.push('due');
      return bad.length ? { ok: false, fields: bad } : { ok: true, fields: { kind: 'action', text: t, assignee, due } };
    }
    case 'outcome': {
      const outcome = text('outcome', true);
      if (outcome !== undefined && !rules.outcomes.includes(outcome)) bad.push('outcome');
      const t = text('text', false);
      return bad.length ? { ok: false, fields: bad } : { ok: true, fields: { kind: 'outcome', outcome, ...(t ? { text: t } : {}) } };
    }
    case 'correct': {
      const target = text('corrects', true);
      const corrects = target === undefined ? undefined : correctionTarget(target, rules.entryIds);
      if (target !== undefined && !corrects) bad.push('corrects');
      const t = text('text', true);
      return bad.length ? { ok: false, fields: bad } : { ok: true, fields: { kind: 'correction', corrects, text: t } };
    }
  }
}

function validDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function correctionTarget(value: string, entryIds: readonly number[]): CorrectionTarget | undefined {
  if (value === 'report') return 'report';
  const m = /^entry:(\d+)$/.exec(value);
  return m && entryIds.includes(Number(m[1])) ? `entry:${Number(m[1])}` : undefined;
}
