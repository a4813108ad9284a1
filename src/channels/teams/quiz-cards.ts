/**
 * The induction quiz's Teams cards, rendered from the core's views: the invitation with "Start
 * the quiz" (in a team channel, or in a personal chat as a welcome or reminder), the DSL's private
 * note that it was posted, and the DSL's staff results. Answers and scores never go to a channel.
 */
import type { Activity } from 'botbuilder';
import type { QuizInvite, QuizResultsView } from '../../core/host';
import { adaptiveCard, buttons, cardMessage, container, plainTextOf, splitElements, textBlock, type CardElement } from './cards';
import type { RefBook } from './refs';
import { cardText } from './rich';

/** Submit marker of "Start the quiz". */
export const QUIZ_START_ACTION = 'quiz-start';
/** Submit marker of the DSL's "staff results" button. */
export const QUIZ_REPORT_ACTION = 'quiz-report';

/** Teams refuses messages over about 28 KB (UTF-16, see teamsSize); each results card stays well under. */
const MAX_CARD_BYTES = 20_000;

/** The quiz action a submit value carries, if any. */
export function quizActionOf(value: unknown): 'start' | 'report' | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const ss = (value as Record<string, unknown>).ss;
  return ss === QUIZ_START_ACTION ? 'start' : ss === QUIZ_REPORT_ACTION ? 'report' : undefined;
}

/** An invitation with its Start button. */
export function invitationCard(invite: QuizInvite): Partial<Activity> {
  const body = [textBlock(invite.text), buttons([{ title: invite.startLabel, data: { ss: QUIZ_START_ACTION }, style: 'positive' }])];
  return cardMessage(adaptiveCard(body, invite.text));
}

/** The DSL's private note that the invitation was posted, with a button to the staff results. */
export function postedCard(text: string, resultsLabel: string): Partial<Activity> {
  const body = [textBlock(text), buttons([{ title: resultsLabel, data: { ss: QUIZ_REPORT_ACTION } }])];
  return cardMessage(adaptiveCard(body, text));
}

/** The DSL's results: one card, or several in order when there are many staff. */
export function resultsCards(v: QuizResultsView, refs?: RefBook): Partial<Activity>[] {
  const body: CardElement[] = [textBlock(v.heading, { weight: 'Bolder', size: 'Medium' }), textBlock(v.settingName, { isSubtle: true, spacing: 'None' })];
  if (v.empty) body.push(textBlock(v.empty));
  for (const s of v.sections) {
    body.push(textBlock(s.heading, { weight: 'Bolder', spacing: 'Large' }));
    for (const r of s.rows) {
      const items: CardElement[] = [];
      if (r.who) items.push(textBlock(cardText([{ person: r.who }], refs), { weight: 'Bolder' }));
      items.push(textBlock(`${r.attention ? '⏳ ' : ''}${r.text}`, { spacing: 'None' }));
      if (r.note) items.push(textBlock(r.note, { isSubtle: true, size: 'Small', spacing: 'None' }));
      body.push(r.who ? container(items) : items[0]!);
    }
  }
  const parts = splitElements(body, MAX_CARD_BYTES);
  return parts.map((part, i) => {
    const title = parts.length > 1 ? `${v.heading} (${i + 1}/${parts.length})` : v.heading;
    const items = i === 0 ? part : [textBlock(title, { isSubtle: true }), ...part];
    // The notification names the heading only: no names or scores on a lock screen.
    return cardMessage(adaptiveCard(items, plainTextOf(items)), title);
  });
}
