/**
 * Unfilled Kent template placeholders in a policy's text: "Setting Name", "insert …",
 * "[Month, Year]", "[Name]", "xxx". The drafter flags each (file and line) and never uses a line
 * holding one as a value: the DSL fills the policy, not SafeStep. Pure.
 */

/** One placeholder found: 1-based line, the words matched and the whole line. */
export interface PlaceholderHit {
  line: number;
  found: string;
  text: string;
}

const PATTERNS: RegExp[] = [
  /\bSetting Name\b/,
  /\b(?:School|Setting)\/(?:School|Setting) name\b/i,
  /\binsert\b[^.;]*/i,
  /\[?\bMonth,? Year\b\]?/,
  /\[(?:Name|Date|Year|Role|Title|Number|Contact details)\]/i,
  /\bx{3,}\b/i,
  /\bNAME\b(?! OF)/,
];

/** Whether `text` holds an unfilled placeholder. */
export function hasPlaceholder(text: string): boolean {
  return PATTERNS.some((p) => p.test(text));
}

/** Every line of `text` that holds a placeholder. */
export function placeholdersIn(text: string): PlaceholderHit[] {
  const out: PlaceholderHit[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\*\*/g, '').trim();
    for (const p of PATTERNS) {
      const m = p.exec(line);
      if (m) {
        out.push({ line: i + 1, found: m[0].trim(), text: line.slice(0, 160) });
        break;
      }
    }
  });
  return out;
}
