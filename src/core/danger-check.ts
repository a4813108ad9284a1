/**
 * Danger first, inside one engine step: every message goes through the danger check before
 * anything else. Certain → the 999 reply, then the message is handled as usual. Possible → the
 * danger question, and the message is held back until it is answered (yes or unclear → the 999
 * reply; no → a short "carry on"); then the held message is handled as if it had just arrived, in
 * whatever the conversation was doing (the first message, a flow question, a report prompt).
 * After a danger reply, a new situation goes to the right incident flow, or to the general
 * safeguarding-concern flow when none fits. Pure; works on the engine's copy of the session.
 */
import { DANGER_QUESTION_ID, dangerQuestionReply, readDangerAnswer } from './danger-question';
import { commandOf } from './input';
import type { DangerDetector, RouteResult } from './ports';
import { render } from './template';
import type { Turn } from './walk';

/** The flow a danger message goes to when no other flow fits: any other worry about a child. */
export const SAFEGUARDING_CONCERN_FLOW = 'safeguarding-concern';

/** A message as the engine handles it. */
export interface HeldMessage {
  text?: string;
  choice?: string;
  questionId?: string;
}

/**
 * Runs the danger check on a new message. Gives the 999 reply for a certain signal; for a
 * possible one, asks the danger question and holds the message back (returns true), unless the
 * 999 reply was already given or the question already answered in this conversation, a report
 * is being filed, or the message is a command.
 */
export function checkDanger(t: Turn, input: HeldMessage, detector: DangerDetector): boolean {
  const text = (input.text ?? '').trim();
  if (text === '') return false;
  const s = t.session;
  const verdict = detector.detect(text);
  if ((verdict.danger || verdict.question) && verdict.flow !== undefined) s.dangerFlow = verdict.flow;
  if (verdict.danger) {
    giveDangerReply(t);
    return false;
  }
  if (!verdict.question || s.dangerFlagged || s.dangerAnswer !== undefined || s.mode === 'filing') return false;
  if (commandOf(text, t.content.catalog)) return false;
  s.pendingDanger = { text, ...(input.choice !== undefined ? { choice: input.choice } : {}), ...(input.questionId !== undefined ? { questionId: input.questionId } : {}) };
  t.replies.push(dangerQuestionReply(t.content.catalog, t.setting));
  return true;
}

/**
 * Takes the answer to the pending danger question and returns the message to carry on with:
 * the held one, or (when the answer was a command such as "start again") the command. A button
 * from another, older question re-asks the danger question and returns undefined.
 */
export function answerDanger(t: Turn, input: HeldMessage): HeldMessage | undefined {
  const s = t.session;
  const { catalog } = t.content;
  const held = s.pendingDanger!;
  if (input.choice !== undefined && input.questionId !== undefined && input.questionId !== DANGER_QUESTION_ID) {
    t.replies.push({ type: 'text', text: render(catalog.notAChoice, t.setting) });
    t.replies.push(dangerQuestionReply(catalog, t.setting));
    return undefined;
  }
  const answer = readDangerAnswer(input, catalog, t.setting);
  delete s.pendingDanger;
  s.dangerAnswer = answer;
  if (answer === 'no') t.replies.push({ type: 'text', text: render(catalog.dangerCheck.carryOn, t.setting) });
  else giveDangerReply(t);
  const command = answer === 'unclear' && input.text !== undefined ? commandOf(input.text, catalog) : undefined;
  return command ? { text: input.text } : held;
}

/**
 * The flow a new situation goes to after a danger reply: the router's pick when it is sure and it
 * is an incident flow, else the flow the danger signals name, else the safeguarding-concern flow.
 * Never a guidance flow: a child at risk is an incident.
 */
export function flowAfterDanger(t: Turn, result: RouteResult): string | undefined {
  const incident = (id: string | null | undefined) => (id && t.content.flows.get(id)?.kind === 'incident' ? id : undefined);
  return incident(result.flow) ?? incident(t.session.dangerFlow) ?? incident(SAFEGUARDING_CONCERN_FLOW);
}

function giveDangerReply(t: Turn): void {
  t.replies.push({ type: 'danger', text: render(t.content.catalog.danger, t.setting) });
  t.session.dangerFlagged = true;
}
