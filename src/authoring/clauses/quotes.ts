/**
 * Fills each setting citation's `quotes` with the verbatim words of the clauses it names, from
 * the clause maps, so the engine can show the policy's own words beside each step. Pure: returns
 * new profiles and never changes the ones it is given.
 */
import type { Citation, Person, SettingProfile } from '../../core/model';
import type { SourceFile } from '../sources';
import type { ClauseMapDef } from './schema';

/** document id → clause id → text. */
export function clauseIndex(maps: readonly SourceFile<ClauseMapDef>[]): Map<string, Map<string, string>> {
  const index = new Map<string, Map<string, string>>();
  for (const m of maps) {
    const byId = index.get(m.data.document) ?? new Map<string, string>();
    for (const c of m.data.clauses) byId.set(c.id, c.text);
    index.set(m.data.document, byId);
  }
  return index;
}

function quoted(c: Citation, index: Map<string, Map<string, string>>): Citation {
  if (!c.clauses) return c;
  const texts = c.clauses.flatMap((id) => {
    const text = index.get(c.document)?.get(id);
    return text ? [text] : [];
  });
  return texts.length > 0 ? { ...c, quotes: [...new Set(texts)] } : c;
}

/** The profiles with every `clauses` citation given its `quotes`. */
export function withQuotes(settings: ReadonlyMap<string, SettingProfile>, maps: readonly SourceFile<ClauseMapDef>[]): Map<string, SettingProfile> {
  const index = clauseIndex(maps);
  const out = new Map<string, SettingProfile>();
  for (const [id, s] of settings) {
    const rules = Object.fromEntries(
      Object.entries(s.rules).map(([key, rule]) => [key, rule.silent ? rule : { ...rule, cite: rule.cite.map((c) => quoted(c, index)) }]),
    );
    const allegations = { ...s.people.allegations, cite: s.people.allegations.cite.map((c) => quoted(c, index)) };
    const person = (p: Person): Person => (p.cite ? { ...p, cite: p.cite.map((c) => quoted(c, index)) } : p);
    const outOfHours = s.people.outOfHours && { ...s.people.outOfHours, cite: s.people.outOfHours.cite.map((c) => quoted(c, index)) };
    const people = { ...s.people, allegations, dsl: person(s.people.dsl), deputies: s.people.deputies.map(person), ...(outOfHours ? { outOfHours } : {}) };
    out.set(id, { ...s, people, rules });
  }
  return out;
}
