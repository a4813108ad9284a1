/**
 * The plain-text rendering of every reply: the console's output, and the fallback text that
 * Slack and Teams show in notifications and on clients without rich messages.
 */
import type { Reply, ShownAdviceStep } from './messages';

/** "MST 5, upton-junior-…" style citation line for one advice step. */
export function citationLine(step: Pick<ShownAdviceStep, 'citations'>): string {
  return step.citations
    .map((c) => `${c.documentTitle ?? c.document} §${c.section}${c.title ? ` (${c.title})` : ''}`)
    .join('; ');
}

/** The policy's own words behind one advice step, one quoted line each: `"…" (§MST 6.1)`; a quote said twice is shown once. */
export function quoteLines(step: Pick<ShownAdviceStep, 'citations'>): string[] {
  const seen = new Set<string>();
  return step.citations.flatMap((c) => (c.quotes ?? []).filter((q) => !seen.has(q) && seen.add(q)).map((q) => `"${q}" (§${c.section})`));
}

/** One reply as readable text; questions list their choices numbered from 1. */
export function replyToText(reply: Reply): string {
  switch (reply.type) {
    case 'text':
      return reply.citations && reply.citations.length > 0 ? `${reply.text}\n  [${citationLine({ citations: reply.citations })}]` : reply.text;
    case 'quiz-result':
    case 'footnote':
      return reply.text;
    case 'danger':
      return `!!! ${reply.text}`;
    case 'warning':
      return `WARNING: ${reply.text}`;
    case 'error':
      return `Sorry: ${reply.text}`;
    case 'report':
      return reply.text;
    case 'question': {
      if (reply.freeText) {
        const skip = reply.choices.some((c) => c.id === 'skip') ? ', or "skip"' : '';
        return `${reply.text}\n  (type your answer${skip})`;
      }
      const choices = reply.choices.map((c, i) => `  ${i + 1}. ${c.label}`);
      return [reply.text, ...choices].join('\n');
    }
    case 'advice': {
      const lines = [reply.title, ...(reply.intro ? [reply.intro] : [])];
      reply.steps.forEach((step, i) => {
        lines.push(`  ${i + 1}. ${step.text}`);
        for (const q of quoteLines(step)) lines.push(`     > Policy: ${q}`);
        lines.push(`     [${citationLine(step)}]`);
      });
      return lines.join('\n');
    }
  }
}
