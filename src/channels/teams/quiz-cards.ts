/**
 * The induction quiz's own Teams cards (the questions themselves are ordinary reply cards, see
 * ./render-cards.ts):
 *  - the invitation posted in a team channel: what the quiz is, and a "Start the quiz" button;
 *    it says nothing about anyone's answers or score, and nothing else is ever posted there;
 *  - the DSL's private "posted" note, with a button to the results;
 *  - the DSL's results, for their personal chat only: who has passed (date, score, whether they
 *    confirmed reading the policy and when, the policy version), who has started but not passed,
 *    and the questions missed most. Listed by name, never ranked: no leaderboard.
 * Wording from content/quiz/messages.yaml (`channel.*`) and content/messages.yaml (`labels.*`).
 */
import type { Activity } from 'botbuilder';
import type { SettingProfile } from '../../core/model';
import { render } from '../../core/template';
import type { QuizCatalog } from '../../quiz/model';
import type { QuizReport } from '../../quiz/report';
import { adaptiveCard, buttons, cardMessage, container, plainTextOf, splitElements, textBlock, type CardElement } from './cards';
import { formatDay } from './dsl-cards';
import type { Labels } from './labels';

/** Submit marker of the invitation's "Start the quiz" button. */
export const QUIZ_START_ACTION = 'quiz-start';
/** Submit marker of the DSL's "staff results" button. */
export const QUIZ_REPORT_ACTION = 'quiz-report';

/** How many of the most-missed questions the DSL's card lists. */
export const MOST_MISSED_SHOWN = 10;

/** Teams refuses messages over about 28 KB (UTF-16, see teamsSize); each results card stays well under. */
const MAX_CARD_BYTES = 20_000;

/** The quiz button a card submit carries, if any. */
export function quizActionOf(value: unknown): 'start' | 'report' | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const ss = (value as Record<string, unknown>).ss;
  return ss === QUIZ_START_ACTION ? 'start' : ss === QUIZ_REPORT_ACTION ? 'report' : undefined;
}

/** The invitation for a team channel: `count` questions, pass mark `passMark` %. */
export function invitationCard(words: QuizCatalog, setting: SettingProfile, quiz: { count: number; passMark: number }): Partial<Activity> {
  const text = render(words.channel.invite, setting, { count: String(quiz.count), passmark: String(quiz.passMark) });
  const title = render(words.channel.startButton, setting);
  const body = [textBlock(text), buttons([{ title, data: { ss: QUIZ_START_ACTION }, style: 'positive' }])];
  return cardMessage(adaptiveCard(body, text));
}

/** The DSL's private note that the invitation was posted, with a button to the staff results. */
export function postedCard(words: QuizCatalog, setting: SettingProfile): Partial<Activity> {
  const text = render(words.channel.posted, setting);
  const body = [textBlock(text), buttons([{ title: render(words.channel.reportHeading, setting), data: { ss: QUIZ_REPORT_ACTION } }])];
  return cardMessage(adaptiveCard(body, text));
}

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

/** The DSL's results: one card, or several in order when there are many staff. */
export function resultsCards(report: QuizReport, words: QuizCatalog, labels: Pick<Labels, 'policyVersion'>, setting: SettingProfile): Partial<Activity>[] {
  const w = words.channel;
  const r = (text: string, vars: Record<string, string> = {}) => render(text, setting, vars);
  const heading = r(w.reportHeading);
  const body: CardElement[] = [textBlock(heading, { weight: 'Bolder', size: 'Medium' }), textBlock(setting.name, { isSubtle: true, spacing: 'None' })];
  const section = (title: string, count?: number) =>
    body.push(textBlock(count === undefined ? title : `${title} (${count})`, { weight: 'Bolder', spacing: 'Large' }));

  if (report.passed.length === 0 && report.notPassed.length === 0) {
    body.push(textBlock(r(w.nobodyYet)));
  } else {
    section(r(w.passedHeading), report.passed.length);
    for (const p of report.passed) {
      const passed = r(w.passedLine, { date: formatDay(p.passedAt), score: String(p.score), total: String(p.total), percent: String(p.percent) });
      const attested = p.attested ? r(w.attestedLine, { date: formatDay(p.attestedAt ?? '') }) : r(w.notAttestedLine);
      body.push(container([
        textBlock(p.name || p.userId, { weight: 'Bolder' }),
        textBlock(passed, { spacing: 'None' }),
        textBlock(attested, { spacing: 'None', ...(p.attested ? {} : { color: 'Warning' }) }),
        textBlock(`${labels.policyVersion}: ${shortPolicyVersion(p.policyVersion)}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
      ]));
    }
    section(r(w.notPassedHeading), report.notPassed.length);
    for (const p of report.notPassed) {
      const line = r(w.notPassedLine, { date: formatDay(p.startedAt), number: String(p.answered), total: String(p.total) });
      body.push(container([textBlock(p.name || p.userId, { weight: 'Bolder' }), textBlock(line, { spacing: 'None' })]));
    }
  }
  if (report.mostMissed.length > 0) {
    section(r(w.mostMissedHeading));
    report.mostMissed.slice(0, MOST_MISSED_SHOWN).forEach((m, i) => {
      const line = r(w.missedLine, { missed: String(m.missed), count: String(m.asked), question: m.question || m.questionId });
      body.push(textBlock(`${i + 1}. ${line}`, { spacing: 'Small' }));
    });
  }
  const parts = splitElements(body, MAX_CARD_BYTES);
  return parts.map((part, i) => {
    const title = parts.length > 1 ? `${heading} (${i + 1}/${parts.length})` : heading;
    const items = i === 0 ? part : [textBlock(title, { isSubtle: true }), ...part];
    // The notification names the heading only: no names or scores on a lock screen.
    return cardMessage(adaptiveCard(items, plainTextOf(items)), title);
  });
}
