/**
 * A new document's clause map: every operative sentence of its text (the validator's own
 * heuristic, so the map is complete by construction), with the document's own section and an id
 * from it ("MST 4" → MST4a, MST4b …). Text before the first section is the preamble. Pure.
 */
import { normalise, operativeSentences } from '../authoring/clauses/policy-text';
import type { ClauseDef } from '../authoring/clauses/schema';
import { hasPlaceholder } from './placeholders';
import { sectionAt, type PolicySection } from './sections';

/** A drafted clause: the clause-map entry plus its line, for flags. */
export interface DraftClause extends ClauseDef {
  line: number;
  /** The sentence holds an unfilled template placeholder: never used as a rule's words. */
  placeholder: boolean;
  /** `<document>#<section>`: unique across a setting's documents (each numbers its sections from 1). */
  sectionKey: string;
}

/** The clause schema's limit; a longer sentence is quoted up to a word boundary (still verbatim). */
const MAX_CLAUSE = 400;

function letters(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

function shorten(sentence: string): string {
  if (sentence.length <= MAX_CLAUSE) return sentence;
  const cut = sentence.slice(0, MAX_CLAUSE - 10);
  return cut.slice(0, cut.lastIndexOf(' '));
}

/** The clauses of one document, in text order. */
export function draftClauses(text: string, sections: readonly PolicySection[], documentId = ''): DraftClause[] {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  const out: DraftClause[] = [];
  for (const { line, sentence } of operativeSentences(text)) {
    const section = sectionAt(sections, line)?.id ?? 'preamble';
    const quote = shorten(normalise(sentence));
    if (quote.length < 8 || seen.has(`${section}|${quote}`)) continue;
    seen.add(`${section}|${quote}`);
    const n = counts.get(section) ?? 0;
    counts.set(section, n + 1);
    const base = section === 'preamble' ? 'pre' : section.replace(/\s+/g, '');
    out.push({ id: `${base}${letters(n)}`, section, text: quote, line, placeholder: hasPlaceholder(quote), sectionKey: `${documentId}#${section}` });
  }
  return out;
}
