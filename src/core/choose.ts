/**
 * Choosing a flow when the router is unsure: the best few as a question, or the full menu.
 * Pure; works on the engine's copy of the session.
 */
import type { Reply, ReplyChoice } from './messages';
import { render } from './template';
import type { Turn } from './turn';

export const CHOOSE_QUESTION_ID = 'choose-flow';
export const SOMETHING_ELSE = 'something-else';
export const NONE_OF_THESE = 'none-of-these';

/** The choices on offer while choosing: flows, then "something else" or "none of these". */
export function chooseChoices(t: Turn): ReplyChoice[] {
  const { flows, catalog } = t.content;
  const s = t.session;
  const ids = s.menu === 'all' ? [...flows.keys()] : (s.offered ?? []);
  const flowChoices = ids.map((id) => ({ id, label: flows.get(id)?.title ?? id }));
  const tail =
    s.menu === 'all'
      ? { id: NONE_OF_THESE, label: catalog.noneOfThese }
      : { id: SOMETHING_ELSE, label: catalog.somethingElse };
  return [...flowChoices, tail];
}

/** The question asking which flow fits. */
export function chooseQuestion(t: Turn): Reply {
  const text = t.session.menu === 'all' ? t.content.catalog.chooseFlowMenu : t.content.catalog.chooseFlow;
  return { type: 'question', id: CHOOSE_QUESTION_ID, text: render(text, t.setting), choices: chooseChoices(t) };
}

/** Starts choosing among `offered` (best first), or among every flow when `menu` is 'all'. */
export function offerFlows(t: Turn, offered: string[], menu: 'best' | 'all'): void {
  t.session.mode = 'choosing-flow';
  t.session.offered = offered;
  t.session.menu = menu;
  t.replies.push(chooseQuestion(t));
}
