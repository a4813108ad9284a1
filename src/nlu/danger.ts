/**
 * The danger check: spots messages that say a child is, or may be, at risk right now, so SafeStep
 * says "call 999" (certain) or asks one yes/no question (possible) before anything else. The model
 * is data (content/danger/, shape in danger-schema.ts): cues that combine into signals, and
 * cancellers (past events, hypotheticals, policy questions, jokes) that lower them. Recall matters
 * more than precision here: when unsure, ask.
 */
import type { DangerDetector, DangerVerdict } from '../core/ports';
import { applyPatterns, tokenise } from './normalise';
import { compileVocabulary, expandTokens, EMPTY_VOCABULARY, type Vocabulary } from './vocabulary';
import type { DangerRules } from './danger-schema';
import { createLikeness, demotionScore, likenessSignal, type Likeness } from './danger-likeness';

export { DangerRulesSchema, type DangerRules } from './danger-schema';

interface Matcher {
  patterns: RegExp[];
  unless: RegExp[];
}

const LEVELS = ['none', 'possible', 'certain'] as const;

function compile(m: { patterns: string[]; unless?: string[] }): Matcher {
  return { patterns: m.patterns.map((p) => new RegExp(p, 'i')), unless: (m.unless ?? []).map((p) => new RegExp(p, 'gi')) };
}

/**
 * The text with every match of `res` (global regular expressions) blanked out. Each is matched on
 * the original text and the spans are merged, so one pattern's blanking cannot hide a longer span
 * another pattern would have matched ("what do we do if a man is at the gate …").
 */
function blank(text: string, res: RegExp[]): string {
  const spans: [number, number][] = [];
  for (const re of res) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) if (m[0].length > 0) spans.push([m.index, m.index + m[0].length]);
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [from, to] of spans) {
    if (to <= at) continue;
    out += `${text.slice(at, Math.max(at, from))} … `;
    at = Math.max(at, to);
  }
  return out + text.slice(at);
}

function matches(m: Matcher, text: string): boolean {
  const kept = blank(text, m.unless);
  return m.patterns.some((re) => re.test(kept));
}

/** The text before the first match of any of `res` (global regular expressions); '' when none matches. */
function lead(text: string, res: RegExp[]): string {
  let first = -1;
  for (const re of res) {
    re.lastIndex = 0;
    const m = re.exec(text);
    re.lastIndex = 0;
    if (m && (first < 0 || m.index < first)) first = m.index;
  }
  return first < 0 ? '' : text.slice(0, first);
}

/** The text after the end of the last match of any of `res` (global regular expressions); the whole text when none matches. */
function trail(text: string, res: RegExp[]): string {
  let last = 0;
  for (const re of res) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) last = Math.max(last, m.index + m[0].length);
  }
  return text.slice(last);
}

/**
 * Builds the detector. Each message is checked in two forms: lower-cased as typed, and with the
 * vocabulary applied clause by clause ("rn" → "right now", "y6" → "year 6", apostrophes dropped,
 * the punctuation between clauses kept); a cue, signal or canceller matches if either form does.
 */
export function createDangerDetector(rules: DangerRules, options: { vocabulary?: Vocabulary } = {}): DangerDetector & {
  /** The likeness score when the rules leave the message quiet and uncancelled (what the backstop sees); else undefined. */
  likenessOf(text: string): number | undefined;
} {
  const vocabulary = compileVocabulary(options.vocabulary ?? EMPTY_VOCABULARY);
  const cues = new Map(Object.entries(rules.cues).map(([id, c]) => [id, compile(c)]));
  const signals = rules.signals.map((s) => ({ ...s, matcher: s.patterns.length > 0 ? compile(s) : undefined, unlessRes: s.unless.map((p) => new RegExp(p, 'gi')) }));
  type Signal = (typeof signals)[number];
  const likeness = rules.likeness && createLikeness(rules.likeness);
  const finalIds = new Set(rules.cancellers.filter((c) => c.final === true).map((c) => c.id));
  const isFinal = (id: string) => finalIds.has(id);
  // The question asked over the cancellers that silenced the rules (overrideAt): they are named, then why.
  const overridden = (l: Likeness, by: readonly string[], flow?: string): DangerVerdict => ({
    danger: false,
    question: true,
    signals: [likenessSignal(l)],
    cancelledBy: [...by, 'overridden-by-likeness'],
    ...(flow !== undefined ? { flow } : {}),
  });
  const cancellers = rules.cancellers.map((c) => ({
    ...c,
    res: c.patterns.map((p) => new RegExp(p, 'gi')),
    tests: c.patterns.map((p) => new RegExp(p, 'i')),
  }));

  const detector = {
    detect(text: string): DangerVerdict {
      return verdict(text, false).verdict;
    },
    likenessOf(text: string): number | undefined {
      return verdict(text, true).likeness;
    },
  };
  return detector;

  function verdict(text: string, always: boolean): { verdict: DangerVerdict; likeness?: number } {
    const typed = applyPatterns(text, vocabulary).replace(/\s+/g, ' ').trim();
    const flat = expandTokens(tokenise(typed), vocabulary).join(' ');
    // The expanded form keeps clause punctuation (each clause expanded on its own), so a canceller
    // that takes in its clause ("for the quiz: …?") stops at the same place in both forms.
    const clauses = typed
      .split(/([.?!,;:]+)/)
      .map((part, i) => (i % 2 === 1 ? part : expandTokens(tokenise(part), vocabulary).join(' ')))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    const forms = [typed, clauses];
    // A cue's answer depends only on the text it is tried on: remember it for this message.
    const seen = new Map<string, boolean>();
    const cueOn = (id: string, f: string): boolean => {
      const key = `${id}\u0000${f}`;
      let hit = seen.get(key);
      if (hit === undefined) seen.set(key, (hit = matches(cues.get(id)!, f)));
      return hit;
    };
    const cueIn = (id: string, fs: string[]) => fs.some((f) => cueOn(id, f));

    // Whether signal `s` fires on these texts (its `unless` words already blanked out).
    const fires = (s: Signal, fs: string[]): boolean =>
      s.all.every((id) => cueIn(id, fs)) && (s.any.length === 0 || s.any.some((id) => cueIn(id, fs))) && (!s.matcher || fs.some((f) => matches(s.matcher!, f)));
    // Whether one of `fired` fires again on these texts alone (the same test as the first pass).
    const firesOn = (fired: readonly Signal[], fs: string[]): boolean => fired.some((s) => fires(s, fs.map((f) => blank(f, s.unlessRes))));
    const cancel = (fs: string[], fired: readonly Signal[] = []): { lowered: number; cancelledBy: string[]; spoke: RegExp[] } => {
      let lowered = 0;
      const cancelledBy: string[] = [];
      const spoke: RegExp[] = [];
      for (const c of cancellers) {
        if (!fs.some((f) => c.tests.some((re) => re.test(f)))) continue;
        spoke.push(...c.res);
        // A live report before the canceller's words ("there's a man with a knife at the gate, do we
        // lock down?") keeps every signal as it was; "now" outside its words lowers by lowersWhenKept.
        const reported = c.keptByLead !== undefined && cueIn(c.keptByLead, fs.map((f) => lead(f, c.res)));
        const kept = c.keptBy !== undefined && cueIn(c.keptBy, fs.map((f) => blank(f, c.res)));
        // The reassurance comes first and the risk is told after it, live ("all fine at breakfast
        // club. then a man at the gate says mum sent him for lily"): the words after the
        // canceller's last match fire a signal again with a present anchor in them.
        // (Only in the forms the canceller matched: in another, its words may be spelt otherwise.)
        const trails = fired.length > 0 && c.keptByTrail !== undefined ? fs.filter((f) => c.tests.some((re) => re.test(f))).map((f) => trail(f, c.res)) : undefined;
        const trailed = trails !== undefined && cueIn(c.keptByTrail!, trails) && firesOn(fired, trails);
        const by = reported ? 0 : kept ? (c.lowersWhenKept ?? 0) : trailed ? Math.min(c.lowers, c.lowersWhenTrailed ?? 0) : c.lowers;
        if (by > 0) cancelledBy.push(c.id);
        lowered = Math.max(lowered, by);
      }
      return { lowered, cancelledBy, spoke };
    };

    const fired = signals.filter((s) => fires(s, forms.map((f) => blank(f, s.unlessRes))));
    if (fired.length === 0) {
      // The learned backstop may only raise the question, and only when the rules are silent and
      // no canceller is sure (one that lowers by two levels, not kept live by "now" or a report
      // before it); checked last: most quiet messages score low.
      const quiet = { danger: false, question: false, signals: [], cancelledBy: [] };
      const l = likeness?.score(flat.split(' '));
      if (!l || (!always && l.score < likeness!.threshold)) return { verdict: quiet };
      const sure = cancel(forms);
      if (sure.lowered >= 2) {
        // A sure canceller silences the backstop, unless the backstop is surer still (overrideAt).
        return { verdict: l.score >= likeness!.overrideAt && !sure.cancelledBy.some(isFinal) ? overridden(l, sure.cancelledBy) : quiet };
      }
      if (l.score < likeness!.threshold) return { verdict: quiet, likeness: l.score };
      return { verdict: { danger: false, question: true, signals: [likenessSignal(l)], cancelledBy: [] }, likeness: l.score };
    }
    const { lowered, cancelledBy, spoke } = cancel(forms, fired);
    // The certain level needs a present anchor (now, tonight, at the gate, is missing, has taken …)
    // outside the words of any canceller that spoke ("what do we do if a man is at the gate" has
    // none); without one, a certain risk becomes the question.
    const anchored = rules.certainNeeds === undefined || cueIn(rules.certainNeeds, forms.map((f) => blank(f, spoke)));
    const cap = anchored ? 2 : 1;
    const levelOf = (s: (typeof fired)[number]) => Math.min(cap, Math.max(0, LEVELS.indexOf(s.level) - lowered));
    if (!anchored && fired.some((s) => LEVELS.indexOf(s.level) - lowered >= 2)) cancelledBy.push('no-present-anchor');
    const live = fired.filter((s) => levelOf(s) > 0);
    if (live.length === 0 && likeness && likeness.overrideAt <= 1 && !cancelledBy.some(isFinal)) {
      // Every risk the rules saw was silenced by a canceller: the backstop may still ask when it is
      // sure (overrideAt); `cancelledBy` still names the cancellers, then overridden-by-likeness, and
      // the flow the silenced signals name is kept for after the danger reply.
      const l = likeness.score(flat.split(' '));
      if (l.score >= likeness.overrideAt) return { verdict: overridden(l, cancelledBy, fired.find((s) => s.flow !== undefined)?.flow) };
    }
    let top = LEVELS[Math.max(0, ...live.map(levelOf))];
    // A 999 verdict the backstop scores as ordinary business is asked about instead (one level
    // down, never to nothing: only a canceller can silence a risk), unless the message says in so
    // many words that a child is in danger now (`neverDemotedBy`, outside any canceller's words).
    const explicit = rules.neverDemotedBy !== undefined && cueIn(rules.neverDemotedBy, forms.map((f) => blank(f, spoke)));
    if (top === 'certain' && !explicit && likeness && likeness.demoteBelow > 0 && demotionScore(likeness, flat.split(' ')) < likeness.demoteBelow) {
      top = 'possible';
      cancelledBy.push('looks-like-business');
    }
    const flow = [...live].sort((a, b) => levelOf(b) - levelOf(a)).find((s) => s.flow !== undefined)?.flow;
    return {
      verdict: {
        danger: top === 'certain',
        question: top === 'possible',
        signals: live.map((s) => s.id),
        cancelledBy,
        ...(flow !== undefined ? { flow } : {}),
      },
    };
  }
}
