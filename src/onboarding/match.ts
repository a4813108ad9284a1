/**
 * Aligns a new policy's clauses with the rule catalogue: for each rule, the clauses most like the
 * template sentences that rule rests on elsewhere (TF-IDF cosine over stemmed words), weighted by
 * whether the clause sits under the section the catalogue names and whether it holds the rule's
 * keywords. Above the threshold the rule is filled with those clauses, verbatim; below it the
 * rule is silent. Either way it carries a confidence. Pure (given the stemmer).
 */
import { porterStem } from '../nlu/natural';
import type { RuleCatalogue } from './catalogue';
import type { DraftClause } from './clause-map';
import type { Exemplars } from './exemplars';

/** The clauses chosen for one rule, or none (silent), with the confidence of that decision. */
export interface RuleMatch {
  key: string;
  clauses: DraftClause[];
  /** 0–1: for a filled rule, how close the best clause is; for a silent one, how far the nearest was. */
  confidence: number;
  /** The best score seen, filled or not (for the review notes). */
  best: number;
}

/** A score at or above this fills the rule. */
export const FILL_THRESHOLD = 0.42;
const MAX_CLAUSES = 3;
/** Each catalogue keyword (up to three) the clause holds adds this. */
const KEYWORD_WEIGHT = 0.1;
/** A clause this close to a template sentence fills the rule even without the rule's anchor keyword. */
const STRONG_MATCH = 0.55;

const STOP = new Set('a an and are as at be been by can could do for from has have if in into is it its of on or our such that the their them they this those to was we were which who will with within would all any may must should also only not no other'.split(' '));
const SAME = new Map([['pupil', 'child'], ['student', 'child'], ['learner', 'child'], ['children', 'child'], ['pupils', 'child'], ['students', 'child'], ['learners', 'child'], ['setting', 'school'], ['manager', 'headteacher']]);

/** Stemmed content words of a text. */
export function termsOf(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? [])
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => SAME.get(w) ?? porterStem(w));
}

type Vector = Map<string, number>;

function vectorOf(terms: string[], idf: ReadonlyMap<string, number>): Vector {
  const v: Vector = new Map();
  for (const t of terms) v.set(t, (v.get(t) ?? 0) + (idf.get(t) ?? 1));
  return v;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of a) {
    na += x * x;
    const y = b.get(t);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function jaccard(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  const inter = [...sa].filter((t) => sb.has(t)).length;
  return sa.size + sb.size - inter > 0 ? inter / (sa.size + sb.size - inter) : 0;
}

/** A clause outside the section the template puts the rule in scores this fraction. */
const OUTSIDE_SECTION = 0.65;
/** A template section aligns with the policy's sections whose titles are closest, if this close. */
const ALIGN_MIN = 0.3;

/** template section title → the ids of the policy's sections that align with it (none: the policy dropped it). */
function alignSections(titles: ReadonlyMap<string, string>): (templateSection: string) => Set<string> {
  const terms = [...titles].map(([id, t]) => ({ id, terms: termsOf(t) }));
  const cache = new Map<string, Set<string>>();
  return (templateSection) => {
    const hit = cache.get(templateSection);
    if (hit) return hit;
    const want = termsOf(templateSection);
    const scored = terms.map((t) => ({ id: t.id, j: jaccard(t.terms, want) }));
    const best = Math.max(0, ...scored.map((x) => x.j));
    const ids = new Set(best >= ALIGN_MIN ? scored.filter((x) => x.j >= best - 0.01).map((x) => x.id) : []);
    cache.set(templateSection, ids);
    return ids;
  };
}

/** Matches every catalogue rule against the clauses of the new documents; `sectionTitles` is keyed by clause `sectionKey`. */
export function matchRules(catalogue: RuleCatalogue, exemplars: Exemplars, clauses: readonly DraftClause[], sectionTitles: ReadonlyMap<string, string>): RuleMatch[] {
  const usable = clauses.filter((c) => !c.placeholder && c.section !== 'preamble' && !c.excused);
  const docs = [...usable.map((c) => termsOf(c.text)), ...[...exemplars.values()].flat().map(termsOf)];
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map([...df].map(([t, n]) => [t, Math.log(1 + docs.length / n)]));
  const clauseVectors = usable.map((c) => ({ c, terms: termsOf(c.text), v: vectorOf(termsOf(c.text), idf) }));
  const aligned = alignSections(sectionTitles);
  return Object.entries(catalogue).map(([key, entry]) => {
    const examples = (exemplars.get(key) ?? []).map((t) => vectorOf(termsOf(t), idf));
    const meaning = vectorOf(termsOf(`${entry.meaning} ${entry.keywords.join(' ')}`), idf);
    const home = aligned(entry.section);
    const keywords = entry.keywords.map(termsOf);
    const scored = clauseVectors.map(({ c, terms, v }) => {
      const lexical = Math.max(0.6 * cosine(v, meaning), ...examples.map((e) => cosine(v, e)));
      const inSection = home.size === 0 ? 0.9 : home.has(c.sectionKey) ? 1 : OUTSIDE_SECTION;
      const has = keywords.map((k) => k.length > 0 && k.every((t) => terms.includes(t)));
      const hits = has.filter(Boolean).length;
      // A clause with none of the rule's keywords fills it only if it is close to a template sentence.
      const anchored = hits > 0 || lexical >= STRONG_MATCH;
      const score = anchored ? Math.min(1, lexical * inSection + KEYWORD_WEIGHT * Math.min(hits, 3)) : Math.min(FILL_THRESHOLD - 0.01, lexical * inSection);
      return { c, score };
    }).sort((a, b) => b.score - a.score);
    const best = scored[0]?.score ?? 0;
    if (best < FILL_THRESHOLD) return { key, clauses: [], confidence: round(1 - best), best: round(best) };
    const top = scored[0]!;
    const chosen = scored.filter((s, i) => i < MAX_CLAUSES && s.c.sectionKey === top.c.sectionKey && s.score >= Math.max(FILL_THRESHOLD, 0.85 * best)).map((s) => s.c);
    chosen.sort((a, b) => a.line - b.line);
    return { key, clauses: chosen, confidence: round(best), best: round(best) };
  });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
