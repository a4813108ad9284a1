/**
 * The people and dates a policy names in its key details: the DSL, deputies, headteacher or
 * manager, the approval and next-review dates. What the text does not name (or names only with a
 * template placeholder) is left out and flagged for the DSL. Pure.
 */
import type { Person } from '../core/model';
import { hasPlaceholder } from './placeholders';

/** What the key details give, with flags for what they do not. */
export interface KeyDetails {
  dsl?: Person;
  deputies: Person[];
  head?: Person;
  approved?: string;
  reviewDue?: string;
  /** YYYY-MM-DD: the last day of the review month. */
  reviewDueDate?: string;
  flags: string[];
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function clean(v: string): string {
  return v.replace(/\*\*/g, '').replace(/\[([^\]]*)\]\(#\)/g, '$1').trim();
}

/** "Name - Role", "Name (Role)", "Name – Role" → a person; just "Name" → role given. */
export function personOf(value: string, defaultRole: string): Person {
  const v = clean(value);
  const dash = /^(.+?)\s+[-–]\s+(.+)$/.exec(v);
  if (dash) return { name: dash[1]!.trim(), role: dash[2]!.trim() };
  const paren = /^(.+?)\s*\((.+)\)$/.exec(v);
  if (paren) return { name: paren[1]!.trim(), role: paren[2]!.trim() };
  return { name: v, role: defaultRole };
}

/** The value after "Label:" (or a tab) on the first line matching `label`, if it is not a placeholder. */
function valueOf(lines: string[], label: RegExp, flags: string[], what: string): string | undefined {
  for (const [i, raw] of lines.entries()) {
    const line = clean(raw);
    const m = label.exec(line);
    if (!m) continue;
    const value = line.slice(m.index + m[0].length).replace(/^\s*[:\t]\s*/, '').trim();
    if (value.length === 0) continue;
    if (hasPlaceholder(value) || /^\[.*\]$/.test(value)) {
      flags.push(`${what}: line ${i + 1} still has the template placeholder "${value}"; fill it in the policy (not used).`);
      return undefined;
    }
    return value;
  }
  return undefined;
}

/** "September 2026" → "2026-09-30". */
export function lastDayOf(monthYear: string): string | undefined {
  const m = /\b([A-Za-z]+)\s+(\d{4})\b/.exec(monthYear);
  const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
  if (!m || month < 0) return undefined;
  const year = Number(m[2]);
  const day = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads the key details of a policy text. */
export function keyDetails(text: string): KeyDetails {
  const lines = text.split('\n');
  const flags: string[] = [];
  const dslValue = valueOf(lines, /^(?!deputy)Designated Safeguarding Lead\s*(?:\(s\))?(?=\s*[:\t])/i, flags, 'DSL');
  const deputyValue = valueOf(lines, /^Deputy Designated Safeguarding Leads?\s*(?:\(s\))?(?=\s*[:\t]|\s+[A-Z])/i, flags, 'Deputy DSLs');
  const headValue = valueOf(lines, /^(?:Head ?teacher|Headteacher|Principal|Manager|Head of School)(?=\s*[:\t])/i, flags, 'Headteacher');
  const reviewDue = valueOf(lines, /^Date (?:of next review|for review)/i, flags, 'Next review date');
  const approved = valueOf(lines, /^Date agreed(?: and ratified)?[^:\t]*/i, flags, 'Approval date') ?? valueOf(lines, /^Date written(?:\/updated)?/i, flags, 'Date written');
  const dsl = dslValue ? personOf(dslValue.split(/[,;&]| and /)[0]!, 'Designated Safeguarding Lead') : undefined;
  const deputies = deputyValue ? deputyValue.split(/,|&|\band\b/).map((d) => d.trim()).filter((d) => d.length > 1).map((d) => personOf(d, 'Deputy DSL')) : [];
  let head = headValue ? personOf(headValue, 'Headteacher') : undefined;
  if (!head && dsl && /head ?teacher|manager|principal/i.test(dsl.role) && !/deputy|assistant/i.test(dsl.role)) head = { name: dsl.name, role: dsl.role };
  if (!dsl) flags.push('DSL: the policy names no Designated Safeguarding Lead in its key details; add "Designated Safeguarding Lead: Name - Role" to the policy, or edit people.dsl.');
  if (deputies.length === 0) flags.push('Deputy DSLs: the policy names none; add "Deputy Designated Safeguarding Leads: …" to the policy, or edit people.deputies.');
  if (!head) flags.push('Headteacher or manager: the policy does not name them; edit people.head.');
  if (!reviewDue) flags.push('Next review date: not found in the policy; edit the document\'s reviewDue.');
  if (!approved) flags.push('Approval date: not found in the policy (or still a placeholder); edit the document\'s approved.');
  const due = reviewDue ? lastDayOf(reviewDue) : undefined;
  return { ...(dsl ? { dsl } : {}), deputies, ...(head ? { head } : {}), ...(approved ? { approved } : {}), ...(reviewDue ? { reviewDue } : {}), ...(due ? { reviewDueDate: due } : {}), flags };
}
