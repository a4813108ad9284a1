/**
 * The clause map as Markdown, for content/COVERAGE.md and `safestep coverage`: per policy
 * document, how many operative clauses advice uses and how many are excused, then every clause
 * with where it is used or why not. Deterministic; performs no I/O.
 */
import type { ContentBundle } from '../../core/content';
import type { ContentSources } from '../sources';
import { createContext } from '../validate/context';
import { normalise } from './policy-text';
import { clauseKey, clauseUse } from './usage';

/** Per document: operative clauses, used, excused, neither (the last must be 0 for valid content). */
export interface ClauseCounts {
  document: string;
  clauses: number;
  used: number;
  excused: number;
  neither: number;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The counts for every clause map, in file order. */
export function clauseCounts(bundle: ContentBundle, sources: ContentSources): ClauseCounts[] {
  const use = clauseUse(createContext(bundle, sources));
  return (sources.clauseMaps ?? []).map((m) => {
    const used = m.data.clauses.filter((c) => use.has(clauseKey(m.data.document, c.id))).length;
    const excused = m.data.clauses.filter((c) => !use.has(clauseKey(m.data.document, c.id)) && c.excused).length;
    return { document: m.data.document, clauses: m.data.clauses.length, used, excused, neither: m.data.clauses.length - used - excused };
  });
}

/** The "Clause map" part of COVERAGE.md; empty when there are no clause maps. */
export function clauseMapMarkdown(bundle: ContentBundle, sources: ContentSources): string {
  const maps = sources.clauseMaps ?? [];
  if (maps.length === 0) return '';
  const use = clauseUse(createContext(bundle, sources));
  const lines = [
    '## Clause map: every operative clause of every policy',
    '',
    'From content/clauses/ (one file per document, the policy\'s own words). *Used* means an advice item a',
    'setting can show rests on the clause (and quotes it); otherwise the clause is excused, with the reason.',
    '`safestep validate` fails on a clause that is neither, on words not found in the policy text, and on an',
    'operative sentence of the policy that no clause quotes.',
    '',
    '| Document | Clauses | Used | Excused |',
    '|---|---|---|---|',
    ...clauseCounts(bundle, sources).map((c) => `| \`${c.document}\` | ${c.clauses} | ${c.used} | ${c.excused} |`),
  ];
  for (const m of maps) {
    lines.push('', `### ${m.data.document}`, '', '| Clause | § | Words (start) | Used by / excused because |', '|---|---|---|---|');
    for (const c of m.data.clauses) {
      const by = use.get(clauseKey(m.data.document, c.id));
      const words = normalise(c.text);
      const status = by ? `used: ${by.join(', ')}` : `*excused:* ${c.excused ?? '**neither used nor excused**'}`;
      lines.push(`| ${c.id} | ${c.section} | ${cell(words.length > 70 ? `${words.slice(0, 70)}…` : words)} | ${cell(status)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
