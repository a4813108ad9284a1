/**
 * The clause-map rules (content/clauses/<document>.yaml against ../shared/policies/<document>.txt):
 * - `missing-clause-map`: a setting's document has a policy text but no clause map;
 * - `clause-not-verbatim`: a clause's words are not in the policy text (paraphrase or invention);
 * - `unmapped-clause`: an operative sentence of the policy is in no clause of its map;
 * - `unused-clause`: a clause no shown advice item rests on and no excuse explains;
 * - `stale-excuse`: a clause that is used but still carries an excuse;
 * - `unknown-clause`: a citation names a clause its document's map lacks, or one of another section.
 * Runs only when content/clauses/ exists; the word checks need ../shared/policies/ beside the project.
 */
import { clauseUse, clauseKey } from '../clauses/usage';
import { fragmentsOf, missingFragmentIn, normalise, operativeSentences } from '../clauses/policy-text';
import type { ClauseMapDef } from '../clauses/schema';
import type { Citation } from '../../core/model';
import type { Problem } from '../problem';
import type { SettingSource, SourceFile } from '../sources';
import type { DataPath } from '../yaml-source';
import type { ValidationContext, ValidationRule } from './context';

type MapSource = SourceFile<ClauseMapDef>;

function at(m: MapSource, rule: string, path: DataPath, message: string, fix: string): Problem {
  return { rule, file: m.file, line: m.yaml.lineOf(path), message, fix };
}

function missingMaps(ctx: ValidationContext, maps: readonly MapSource[]): Problem[] {
  const have = new Set(maps.map((m) => m.data.document));
  const out: Problem[] = [];
  for (const s of ctx.settings) {
    s.data.documents.forEach((d, i) => {
      if (have.has(d.id) || !ctx.sources.policyTexts.has(d.id)) return;
      out.push({ rule: 'missing-clause-map', file: s.file, line: s.yaml.lineOf(['documents', i, 'id']),
        message: `document "${d.id}" has no clause map.`, fix: `Add content/clauses/${d.id}.yaml listing its operative clauses (see README "Adding a setting").` });
    });
  }
  return out;
}

function verbatim(ctx: ValidationContext, m: MapSource): Problem[] {
  const text = ctx.sources.policyTexts.get(m.data.document);
  // No policy texts at all (a deployment without ../shared/policies): the words cannot be checked
  // here; CI and `npm test` always have them, and a test reads them directly.
  if (text === undefined && ctx.sources.policyTexts.size === 0) return [];
  if (text === undefined) return [at(m, 'clause-not-verbatim', ['document'], `there is no policy text ${m.data.document}.txt to check the clauses against.`, 'Name a document whose text is in ../shared/policies/, or add its text there.')];
  const sections = new Set(ctx.settings.flatMap((s) => s.data.documents.filter((d) => d.id === m.data.document).flatMap((d) => d.sections.map((x) => x.id))));
  const out: Problem[] = [];
  const seen = new Set<string>();
  const haystack = normalise(text);
  m.data.clauses.forEach((c, i) => {
    if (seen.has(c.id)) out.push(at(m, 'duplicate-id', ['clauses', i, 'id'], `clause id "${c.id}" is used twice.`, 'Give each clause its own id.'));
    seen.add(c.id);
    if (c.section !== 'preamble' && !sections.has(c.section)) out.push(at(m, 'unknown-clause', ['clauses', i, 'section'], `clause ${c.id} is in section "${c.section}", which the setting profile does not list.`, 'Use a section id from the profile\'s documents (or "preamble" for text before section 1).'));
    const missing = missingFragmentIn(haystack, c.text);
    if (missing !== undefined) out.push(at(m, 'clause-not-verbatim', ['clauses', i, 'text'], `clause ${c.id} is not word for word in ${m.data.document}.txt: "${missing.slice(0, 80)}" does not occur there.`, 'Copy the policy\'s own words exactly (only whitespace and curly quotes may differ; mark left-out words with " … "), or remove the clause.'));
  });
  return out;
}

function unmapped(ctx: ValidationContext, m: MapSource): Problem[] {
  const text = ctx.sources.policyTexts.get(m.data.document);
  if (text === undefined) return [];
  const fragments = m.data.clauses.flatMap((c) => fragmentsOf(c.text));
  return operativeSentences(text)
    .filter(({ sentence }) => !fragments.some((f) => f.includes(sentence) || (f.length >= 30 && sentence.includes(f))))
    .map(({ line, sentence }) => at(m, 'unmapped-clause', ['clauses'], `${m.data.document}.txt line ${line} is an operative sentence that no clause quotes: "${sentence.slice(0, 100)}${sentence.length > 100 ? '…' : ''}".`,
      'Add it as a clause (id, section, its words) and either cite it from the rule an advice item uses, or give it `excused:` with a one-line reason.'));
}

function usedOrExcused(m: MapSource, used: ReadonlyMap<string, string[]>): Problem[] {
  return m.data.clauses.flatMap((c, i) => {
    const by = used.get(clauseKey(m.data.document, c.id));
    if (!by && !c.excused) return [at(m, 'unused-clause', ['clauses', i, 'id'], `clause ${c.id} (§${c.section}) "${normalise(c.text).slice(0, 70)}…" is used by no advice item and not excused.`,
      'Cite it (clauses: [' + c.id + ']) from the setting rule an advice item rests on, adding an item where needed, or add `excused:` with a one-line reason why no step uses it.')];
    if (by && c.excused) return [at(m, 'stale-excuse', ['clauses', i, 'excused'], `clause ${c.id} is excused, but ${by.slice(0, 3).join(', ')} use${by.length === 1 ? 's' : ''} it.`, 'Remove the excuse.')];
    return [];
  });
}

function citationSites(s: SettingSource): { path: DataPath; cite: Citation }[] {
  const sites = s.data.people.allegations.cite.map((cite, i) => ({ path: ['people', 'allegations', 'cite', i] as DataPath, cite }));
  for (const [key, rule] of Object.entries(s.data.rules)) if (!rule.silent) rule.cite.forEach((cite, i) => sites.push({ path: ['rules', key, 'cite', i], cite }));
  return sites;
}

function unknownClauses(ctx: ValidationContext, maps: readonly MapSource[]): Problem[] {
  const byDoc = new Map(maps.map((m) => [m.data.document, new Map(m.data.clauses.map((c) => [c.id, c]))]));
  return ctx.settings.flatMap((s) => citationSites(s).flatMap(({ path, cite }) =>
    (cite.clauses ?? []).flatMap((id) => {
      const clause = byDoc.get(cite.document)?.get(id);
      if (clause && clause.section === cite.section) return [];
      const message = clause ? `cites clause ${id} under §${cite.section}, but the clause map puts it in §${clause.section}.` : `cites clause "${id}" of ${cite.document}, which its clause map does not have.`;
      return [{ rule: 'unknown-clause', file: s.file, line: s.yaml.lineOf([...path, 'clauses']), message, fix: `Use a clause id listed in content/clauses/${cite.document}.yaml for that section.` }];
    })));
}

/** The clause-map rules, as one validation rule (each problem carries its own rule name). */
export const clauseMap: ValidationRule = {
  name: 'clause-map',
  check(ctx) {
    const maps = ctx.sources.clauseMaps;
    if (!maps) return [];
    const used = clauseUse(ctx);
    return [
      ...missingMaps(ctx, maps),
      ...unknownClauses(ctx, maps),
      ...maps.flatMap((m) => [...verbatim(ctx, m), ...unmapped(ctx, m), ...usedOrExcused(m, used)]),
    ];
  },
};
