/**
 * Splits a policy's text into its numbered sections, keeping the document's own numbers. A file
 * that restarts its numbering ("1." again after "7.") holds a second policy (the Kent template's
 * Mobile and Smart Technology Policy then Social Media Policy): each part's numbers get a prefix
 * from its title's initials ("MST 4", "SM 3"), as the existing profiles cite them. Pure.
 */

/** One numbered section: its id as cited ("4", "MST 4", "6.1"), title and 1-based line span. */
export interface PolicySection {
  id: string;
  title: string;
  /** First line of the heading (1-based). */
  line: number;
  /** Last line of the section (1-based, inclusive). */
  endLine: number;
  /** On the first section of each part: the title line above it ("Social Media Policy"), if any. */
  partTitle?: string;
}

/** A heading: "4. Title", "4 Title", "6.1 Title", "**4.** Title", "Section 4: Title". */
const HEADING = /^(?:\*\*)?(?:section\s+)?(\d{1,2}(?:\.\d{1,2})?)\.?(?:\*\*)?[:\s]\s*(?:\*\*)?([A-Z][^.!?;]{2,90}?)(?:\*\*)?\s*$/i;
const TITLE_LINE = /\bpolicy\b/i;
const SMALL = new Set(['and', 'of', 'the', 'for', 'on', 'in', 'a', 'to', 'policy', 'policies', '&']);

/** Initials of a part title: "Mobile and Smart Technology Policy" → "MST". */
export function initialsOf(title: string): string {
  const words = title.replace(/[^A-Za-z\s]/g, ' ').split(/\s+/).filter((w) => w.length > 0 && !SMALL.has(w.toLowerCase()));
  return words.map((w) => w[0]!.toUpperCase()).join('') || 'P';
}

function major(num: string): number {
  return Number(num.split('.')[0]);
}

/** The numbered sections of `text`, in order. Text before the first heading is not a section. */
export function splitSections(text: string): PolicySection[] {
  const lines = text.split('\n');
  const found: { num: string; title: string; line: number; partTitle?: string }[] = [];
  let lastTitle: string | undefined;
  let lastMajor = 0;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.length === 0) return;
    const m = HEADING.exec(line);
    if (m && !/^[-•]/.test(line) && m[2]!.split(/\s+/).length <= 14) {
      const num = m[1]!;
      const restart = found.length > 0 && major(num) < lastMajor && major(num) <= 1;
      found.push({ num, title: m[2]!.trim(), line: i + 1, ...(restart || found.length === 0 ? { partTitle: lastTitle ?? '' } : {}) });
      lastMajor = Math.max(restart ? 0 : lastMajor, major(num));
      return;
    }
    if (TITLE_LINE.test(line) && line.length < 80 && !/[.;:]$/.test(line)) lastTitle = line.replace(/\*\*/g, '');
  });
  const parts = found.filter((f) => f.partTitle !== undefined).length;
  let prefix = '';
  const used = new Set<string>();
  return found.map((f, i) => {
    if (f.partTitle !== undefined && parts > 1) {
      prefix = initialsOf(f.partTitle);
      while (used.has(prefix)) prefix += 'I';
      used.add(prefix);
    }
    const endLine = (found[i + 1]?.line ?? lines.length + 1) - 1;
    return { id: prefix ? `${prefix} ${f.num}` : f.num, title: f.title, line: f.line, endLine, ...(f.partTitle ? { partTitle: f.partTitle } : {}) };
  });
}

/** The section that holds 1-based `line`, or undefined for front matter. */
export function sectionAt(sections: readonly PolicySection[], line: number): PolicySection | undefined {
  return sections.find((s) => line >= s.line && line <= s.endLine);
}
