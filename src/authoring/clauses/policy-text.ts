/**
 * Reading a policy document's plain text (../shared/policies/<document>.txt): whitespace- and
 * quote-mark-normalised verbatim search, and the heuristic that finds its operative sentences
 * (anything telling staff, children, parents or the DSL what to do or not do). Pure.
 */

/** Collapses whitespace and straightens curly quotes, so a quote may wrap lines differently. */
export function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The fragments of a quote: a quote may leave words out, marked " … ", and each fragment must be verbatim. */
export function fragmentsOf(quote: string): string[] {
  return quote.split(/\s*(?:…|\.\.\.)\s*/).map(normalise).filter((f) => f.length > 0);
}

/**
 * Whether `quote` occurs in `text` word for word (whitespace-normalised); with " … " the
 * fragments must occur in order. Returns the first fragment that is not found, or undefined.
 */
export function missingFragment(text: string, quote: string): string | undefined {
  return missingFragmentIn(normalise(text), quote);
}

/** missingFragment on a text already normalised: checking many quotes against one policy normalises it once. */
export function missingFragmentIn(haystack: string, quote: string): string | undefined {
  let from = 0;
  for (const fragment of fragmentsOf(quote)) {
    const at = haystack.indexOf(fragment, from);
    if (at < 0) return fragment;
    from = at + fragment.length;
  }
  return undefined;
}

/** Words that make a sentence tell someone what to do or not do. */
const OPERATIVE = /\b(must|should|will|shall|(are|is) (not )?(permitted|allowed|expected|required|advised|encouraged|asked|forbidden|to be)|not to be|only takes? place|require|reserves the right|may|do not|never|ensure)\b/i;

/** One operative sentence of a policy: its 1-based line and its normalised text. */
export interface OperativeSentence {
  line: number;
  sentence: string;
}

function sentencesOf(line: string): string[] {
  return normalise(line.replace(/^\s*[-•]\s*/, '').replace(/^\d+(\.\d+)+(\*\*)?\s+/, ''))
    .split(/(?<=[.;!?])\s+(?=[A-Z'"(])/)
    .filter((s) => s.length > 0);
}

/**
 * The operative sentences of a policy text: every sentence with a directive word, and every
 * item of a list introduced by an operative line ending in ":" or "to" (e.g. "Children will be advised:"
 * then "- how to block and report unwanted communications."). A heuristic, deliberately broad:
 * the clause map excuses what is not a step for staff.
 */
export function operativeSentences(text: string): OperativeSentence[] {
  const out: OperativeSentence[] = [];
  const lines = text.split('\n');
  let inList = false;
  let blankRun = 0;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.length === 0) {
      blankRun++;
      if (inList && blankRun > 1) inList = false;
      return;
    }
    const isItem = /^[-•]\s/.test(line) && !/^[-•]\s*\d+(\.\d+)+/.test(line);
    if (inList && !isItem) inList = false;
    blankRun = 0;
    const operative = OPERATIVE.test(line) || inList;
    if (operative) for (const sentence of sentencesOf(line)) if (inList || OPERATIVE.test(sentence)) out.push({ line: i + 1, sentence });
    if (OPERATIVE.test(line) && /(?::|\bto)$/.test(line)) inList = true;
    else if (inList && !isItem) inList = false;
  });
  return out;
}
