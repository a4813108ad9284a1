/**
 * Builds a draft setting from policy texts: sections (the documents' own numbers), the clause map
 * of each document, every catalogue rule filled with the matched clauses (verbatim, cited to the
 * new document's section and clause ids) or marked silent, each with a confidence, the people and
 * dates the key details name, and flags for everything the DSL must check. Pure: reading the files
 * and writing the draft are the caller's (see write-draft.ts).
 */
import type { ClauseMapDef } from '../authoring/clauses/schema';
import type { Citation, DocumentDef, RuleValue, SettingKind, SettingProfile } from '../core/model';
import type { RuleCatalogue } from './catalogue';
import { draftClauses, type DraftClause } from './clause-map';
import type { Exemplars } from './exemplars';
import { matchRules, type RuleMatch } from './match';
import { keyDetails } from './people';
import { placeholdersIn } from './placeholders';
import { splitSections, type PolicySection } from './sections';

/** One policy document as read. */
export interface DraftSource {
  /** File name as given (for flags). */
  file: string;
  /** The document id it will have: `<setting-id>-<file name>`. */
  documentId: string;
  text: string;
}

/** A draft setting, ready to write. */
export interface Draft {
  profile: SettingProfile;
  clauseMaps: ClauseMapDef[];
  matches: RuleMatch[];
  flags: string[];
}

/** A policy with no numbered sections cannot be cited; the caller reports it and writes nothing. */
export class DraftError extends Error {}

const EXCUSE_UNMATCHED = 'Not matched to any rule by safestep setting new; the DSL checks that no advice needs it.';
const EXCUSE_PREAMBLE = 'Front matter before the first numbered section (key details), not the setting\'s own rules.';
const EXCUSE_PLACEHOLDER = 'Still holds a template placeholder; fill it in the policy, then draft again.';
const PLATFORMS = ['Facebook', 'Instagram', 'Twitter', 'YouTube', 'TikTok', 'LinkedIn', 'Class Dojo', 'ClassDojo', 'Tapestry', 'website'];

function kindOf(name: string): SettingKind {
  if (/pre-?school|nursery|early years|playgroup|day care/i.test(name)) return 'early-years';
  if (/\bjunior\b/i.test(name)) return 'junior';
  return 'primary';
}

function childTermOf(text: string, kind: SettingKind): [string, string] {
  if (kind === 'early-years') return ['child', 'children'];
  const pupils = (text.match(/\bpupils?\b/gi) ?? []).length;
  const learners = (text.match(/\blearners?\b/gi) ?? []).length;
  return learners > pupils ? ['learner', 'learners'] : ['pupil', 'pupils'];
}

function titleOf(sections: readonly PolicySection[], fallback: string): string {
  const parts = [...new Set(sections.map((s) => s.partTitle).filter((t): t is string => t !== undefined && t.length > 0))];
  return parts.length > 0 ? parts.join(' and ') : fallback;
}

function citeOf(documentId: string, clauses: DraftClause[]): Citation[] {
  const bySection = new Map<string, string[]>();
  for (const c of clauses) bySection.set(c.section, [...(bySection.get(c.section) ?? []), c.id]);
  return [...bySection].map(([section, ids]) => ({ document: documentId, section, clauses: ids }));
}

/** Builds the draft of setting `id` named `name` from its documents (in precedence order). */
export function buildDraft(id: string, name: string, sources: readonly DraftSource[], catalogue: RuleCatalogue, exemplars: Exemplars): Draft {
  const flags: string[] = [];
  const docs = sources.map((src, i) => {
    const sections = splitSections(src.text);
    if (sections.length === 0) throw new DraftError(`${src.file}: no numbered sections found (headings such as "4. Staff use of mobile and smart technology"). SafeStep cites a policy by its section numbers: number the sections in the document, then run the command again.`);
    const clauses = draftClauses(src.text, sections, src.documentId);
    for (const p of placeholdersIn(src.text)) flags.push(`${src.file} line ${p.line}: unfilled template placeholder "${p.found}" ("${p.text}"); fill it in the policy. SafeStep does not use it.`);
    const details = keyDetails(src.text);
    return { src, sections, clauses, details, precedence: i + 1 };
  });
  const details = docs[0]!.details;
  flags.push(...details.flags.map((f) => `${docs[0]!.src.file}: ${f}`));
  const allClauses = docs.flatMap((d) => d.clauses.map((c) => ({ c, doc: d.src.documentId })));
  const docOfClause = new Map(allClauses.map(({ c, doc }) => [c, doc]));
  const titles = new Map<string, string>(docs.flatMap((d) => d.sections.map((s) => [`${d.src.documentId}#${s.id}`, s.title] as [string, string])));
  const matches = matchRules(catalogue, exemplars, allClauses.map(({ c }) => c), titles);
  const kind = kindOf(name);
  const [childTerm, childrenTerm] = childTermOf(docs.map((d) => d.src.text).join('\n'), kind);
  // The key details (DSL, deputies) are printed on the policy's front page: cite it, so staff who
  // ask "who is our DSL?" are told where their policy says so.
  const frontPage: Citation = { document: docs[0]!.src.documentId, section: 'preamble' };
  const dsl = details.dsl ? { ...details.dsl, cite: [frontPage] } : { role: 'Designated Safeguarding Lead' };
  const deputies = details.deputies.map((d) => ({ ...d, cite: [frontPage] }));
  const head = details.head ?? { role: kind === 'early-years' ? 'Manager' : 'Headteacher' };
  const rules: Record<string, RuleValue> = {};
  const used = new Set<DraftClause>();
  for (const m of matches) {
    // Whether the head is also the DSL is a fact about people: only a clause naming the DSL can state it.
    if (m.key === 'conduct-head-is-dsl' && !m.clauses.some((c) => details.dsl?.name && c.text.includes(details.dsl.name))) {
      m.clauses = [];
      const same = details.dsl?.name !== undefined && details.dsl.name === details.head?.name;
      flags.push(`rules.conduct-head-is-dsl: the key details ${details.dsl && details.head ? `say the DSL (${details.dsl.name}) ${same ? 'is' : 'is not'} the headteacher (${details.head.name ?? details.head.role})` : 'do not name both the DSL and the headteacher'}, but no clause of the policy states it, so the rule is silent; check it.`);
    }
    if (m.clauses.length === 0) {
      rules[m.key] = { silent: true, note: `safestep setting new found no clause for this in the policy (nearest match ${m.best}); if the policy does cover it, fill it in.`, confidence: m.confidence };
      continue;
    }
    m.clauses.forEach((c) => used.add(c));
    const cite = m.clauses.flatMap((c) => citeOf(docOfClause.get(c)!, [c]));
    const merged = cite.reduce<Citation[]>((acc, c) => {
      const same = acc.find((a) => a.document === c.document && a.section === c.section);
      if (same) same.clauses = [...(same.clauses ?? []), ...(c.clauses ?? [])];
      else acc.push({ ...c });
      return acc;
    }, []);
    const text = m.clauses.map((c) => c.text).join(' ');
    const rule: RuleValue = { silent: false, text, cite: merged, confidence: m.confidence };
    if (catalogue[m.key]?.value === 'yes-no') {
      const value = m.key === 'conduct-head-is-dsl' ? Boolean(details.dsl?.name && details.head?.name && details.dsl.name === details.head.name) : !/\bnot\b[^.]*\bpermitted\b|\bnot allowed\b|\bmust not\b|\bwill not\b|\bis not\b/i.test(text);
      rules[m.key] = { ...rule, value };
      flags.push(`rules.${m.key}: value ${value} was worked out from the policy's words; check it.`);
    } else rules[m.key] = rule;
  }
  const allegationsRule = rules['conduct-allegations-route'];
  const allegations = allegationsRule && !allegationsRule.silent
    ? { text: allegationsRule.text, cite: [...allegationsRule.cite, { document: 'national-rules', section: '3' }] }
    : { text: `the ${head.role.toLowerCase()}, under the allegations against staff procedure (the LADO is informed)`, cite: [{ document: 'national-rules', section: '3' }] };
  if (!allegationsRule || allegationsRule.silent) flags.push('people.allegations: the policy does not say who takes allegations about staff; the draft says the headteacher under the national rules. Check it.');
  const channels = [...new Set(docs.flatMap((d) => d.clauses.filter((c) => /official/i.test(titles.get(c.sectionKey) ?? '')).flatMap((c) => PLATFORMS.filter((p) => new RegExp(`\\b${p}\\b`, 'i').test(c.text)))))];
  if (channels.length > 0) flags.push(`officialChannels: ${channels.join(', ')} found in the official social media section; check the names.`);
  else flags.push('officialChannels: none found; list the setting\'s official channels if it has any.');
  const documents: DocumentDef[] = docs.map((d) => ({
    id: d.src.documentId,
    title: titleOf(d.sections, d.src.file),
    approved: d.details.approved ?? 'not stated in the policy',
    reviewDue: d.details.reviewDue ?? 'not stated in the policy',
    ...(d.details.reviewDueDate ? { reviewDueDate: d.details.reviewDueDate } : {}),
    precedence: d.precedence,
    note: `Drafted by safestep setting new from ${d.src.file}; section ids are the document's own numbers.`,
    sections: d.sections.map((s) => ({ id: s.id, title: s.title })),
  }));
  const clauseMaps: ClauseMapDef[] = docs.map((d) => ({
    document: d.src.documentId,
    clauses: d.clauses.map((c) => ({
      id: c.id,
      section: c.section,
      text: c.text,
      ...(used.has(c) ? {} : { excused: c.section === 'preamble' ? EXCUSE_PREAMBLE : c.placeholder ? EXCUSE_PLACEHOLDER : EXCUSE_UNMATCHED }),
    })),
  }));
  const profile: SettingProfile = {
    id,
    name,
    status: 'draft',
    flags,
    kind,
    childTerm,
    childrenTerm,
    people: { dsl, deputies, head, allegations },
    contacts: [
      { id: 'education-safeguarding', name: 'Kent County Council Education Safeguarding Service', when: 'when the DSL or headteacher is unsure how to proceed' },
      { id: 'lado', name: 'the LADO (Local Authority Designated Officer)', when: 'allegations about a member of staff' },
      { id: 'police', name: 'the police', phone: '101, or 999 if a child is in immediate danger' },
      { id: 'childline', name: 'Childline', phone: '0800 1111' },
      { id: 'ceop', name: 'CEOP', url: 'www.ceop.police.uk/safety-centre' },
      { id: 'iwf', name: 'Internet Watch Foundation', url: 'www.iwf.org.uk' },
    ],
    officialChannels: channels.map((p) => ({ platform: p === 'website' ? 'Website' : p, name: `${name} (${p})` })),
    documents,
    rules,
  };
  return { profile, clauseMaps, matches, flags };
}
