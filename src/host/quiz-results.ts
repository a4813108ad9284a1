/**
 * The DSL's induction-quiz results as a view every channel renders the same way: who has passed
 * (score, attestation, policy version), who has started but not passed, and the questions staff
 * miss most. Names, never a leaderboard (the report is sorted by name). Pure.
 */
import type { QuizResultRow, QuizResultsView } from '../core/host';
import { formatDay } from '../core/host';
import type { SettingProfile } from '../core/model';
import { render } from '../core/template';
import type { QuizCatalog } from '../quiz/model';
import type { QuizReport } from '../quiz/report';

/** How many of the most-missed questions are shown. */
export const MOST_MISSED_SHOWN = 10;

/**
 * The policy version without the documents' review dates (what was approved, and the bank
 * versions, are what an attestation is given against). Reads the shape quizPolicyVersion writes
 * (src/quiz/resolve.ts): "doc (approved A; review due R); national-rules (…); quiz bank …", where
 * A and R may hold brackets of their own. Anything else is shown as it is.
 */
export function shortPolicyVersion(version: string): string {
  return splitTopLevel(version)
    .map((part) => {
      const open = part.indexOf(' (');
      if (open < 0 || !part.endsWith(')')) return part;
      const inner = splitTopLevel(part.slice(open + 2, -1)).filter((x) => !x.startsWith('review due'));
      return `${part.slice(0, open)} (${inner.join('; ')})`;
    })
    .join('; ');
}

/** Splits on "; " outside brackets. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0 && text[i + 1] === ' ') {
      parts.push(text.slice(start, i));
      start = i + 2;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Builds the view of `report` for a channel whose people are on `channel`. */
export function quizResultsView(report: QuizReport, words: QuizCatalog['channel'], policyLabel: string, setting: SettingProfile, channel: string, channels: string[]): QuizResultsView {
  const r = (text: string, vars: Record<string, string> = {}) => render(text, setting, vars);
  const who = (userId: string, name: string) => ({ channel, id: userId, ...(name ? { name } : {}) });
  const view: QuizResultsView = { heading: r(words.reportHeading), settingName: setting.name, postLabel: r(words.postButton), channels, sections: [] };
  if (report.passed.length === 0 && report.notPassed.length === 0) view.empty = r(words.nobodyYet);
  if (report.passed.length > 0) {
    const rows: QuizResultRow[] = report.passed.map((p) => ({
      who: who(p.userId, p.name),
      text: [
        r(words.passedLine, { date: formatDay(p.passedAt), score: String(p.score), total: String(p.total), percent: String(p.percent) }),
        p.attested ? r(words.attestedLine, { date: formatDay(p.attestedAt ?? '') }) : r(words.notAttestedLine),
      ].join(' '),
      note: `${policyLabel}: ${shortPolicyVersion(p.policyVersion)}`,
      ...(p.attested ? {} : { attention: true }),
    }));
    view.sections.push({ heading: `${r(words.passedHeading)} (${rows.length})`, rows });
  }
  if (report.notPassed.length > 0) {
    const rows = report.notPassed.map((p) => ({ who: who(p.userId, p.name), text: r(words.notPassedLine, { date: formatDay(p.startedAt), number: String(p.answered), total: String(p.total) }) }));
    view.sections.push({ heading: `${r(words.notPassedHeading)} (${rows.length})`, rows });
  }
  if (report.mostMissed.length > 0) {
    const rows = report.mostMissed
      .slice(0, MOST_MISSED_SHOWN)
      .map((m, i) => ({ text: `${i + 1}. ${r(words.missedLine, { missed: String(m.missed), count: String(m.asked), question: m.question || m.questionId })}` }));
    view.sections.push({ heading: r(words.mostMissedHeading), rows });
  }
  return view;
}
