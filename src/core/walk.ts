/**
 * Moving through a flow: entering steps that need no input (advice, branch, end) until the
 * next point where SafeStep waits (a question or a report prompt), and re-showing the
 * current prompt. Works on a session the engine already copied; pure apart from that.
 */
import type { Answers } from './conditions';
import { evaluate } from './conditions';
import type { ContentBundle } from './content';
import type { Reply } from './messages';
import type { FlowDef, ReportStep, SettingProfile } from './model';
import { chooseQuestion } from './choose';
import { dangerQuestionReply } from './danger-question';
import type { Turn } from './turn';

export type { Turn } from './turn';
import { questionReply, renderAdvice } from './render';
import type { Session } from './session';
import { render } from './template';


/** The answers so far, as question id → choice id. */
export function answersOf(session: Session): Answers {
  return new Map(session.answers.map((a) => [a.step, a.choice]));
}

/** Clears flow state so the next message is a new situation. */
export function resetToIdle(session: Session): void {
  session.mode = 'idle';
  delete session.flowId;
  delete session.stepId;
  delete session.promptIndex;
  delete session.offered;
  delete session.menu;
  delete session.firstMessage;
  session.history = [];
  session.answers = [];
  session.account = [];
  session.advice = [];
  session.dangerFlagged = false;
  delete session.pendingDanger;
  delete session.dangerAnswer;
  delete session.dangerFlow;
  delete session.lastFlow;
}

/** The reply that asks report prompt `index` of a report step. */
export function promptReply(t: Turn, stepId: string, step: ReportStep, index: number): Reply {
  const p = step.prompts[index]!;
  const choices = p.optional ? [{ id: 'skip', label: t.content.catalog.skip }] : [];
  return { type: 'question', id: `${stepId}.${p.id}`, text: render(p.text, t.setting), choices, freeText: true };
}

function remember(t: Turn, stepId: string, promptIndex?: number): void {
  const s = t.session;
  s.history.push({ stepId, promptIndex, answers: s.answers.length, account: s.account.length, advice: s.advice.length });
}

/** Runs the flow from `stepId` until it waits for input or ends. */
export function enterStep(t: Turn, flow: FlowDef, stepId: string): void {
  const s = t.session;
  let id = stepId;
  for (let guard = 0; guard < 200; guard++) {
    const step = flow.steps[id];
    if (!step) throw new Error(`flow ${flow.id} has no step ${id}`);
    s.stepId = id;
    delete s.promptIndex;
    switch (step.type) {
      case 'question':
        remember(t, id);
        t.replies.push(questionReply(id, step, t.setting, answersOf(s)));
        return;
      case 'advice': {
        const shown = renderAdvice(step, t.setting, answersOf(s), t.content);
        s.advice.push({ title: shown.title, steps: shown.steps });
        t.replies.push({ type: 'advice', ...shown });
        id = step.next;
        break;
      }
      case 'branch': {
        const hit = step.branches.find((b) => evaluate(b.when, t.setting, answersOf(s)) === true);
        id = hit ? hit.next : step.otherwise;
        break;
      }
      case 'report':
        t.replies.push({ type: 'text', text: render(step.intro ?? t.content.catalog.reportIntro, t.setting) });
        s.promptIndex = 0;
        remember(t, id, 0);
        t.replies.push(promptReply(t, id, step, 0));
        return;
      case 'end': {
        t.replies.push({ type: 'text', text: render(step.text, t.setting) });
        const ended = { id: flow.id, ...(s.firstMessage ? { firstMessage: s.firstMessage } : {}) };
        resetToIdle(s);
        s.lastFlow = ended;
        return;
      }
    }
  }
  throw new Error(`flow ${flow.id} loops without waiting from step ${stepId}`);
}

/** Re-shows whatever the session is waiting for (after help, a warning, or a bad answer). */
export function repeatPrompt(t: Turn, flow: FlowDef | undefined): void {
  const s = t.session;
  if (s.pendingDanger) {
    t.replies.push(dangerQuestionReply(t.content.catalog, t.setting));
    return;
  }
  const step = flow && s.stepId ? flow.steps[s.stepId] : undefined;
  if (s.mode === 'in-flow' && step?.type === 'question') {
    t.replies.push(questionReply(s.stepId!, step, t.setting, answersOf(s)));
  } else if (s.mode === 'in-flow' && step?.type === 'report') {
    t.replies.push(promptReply(t, s.stepId!, step, s.promptIndex ?? 0));
  } else if (s.mode === 'choosing-flow') {
    t.replies.push(chooseQuestion(t));
  } else {
    t.replies.push({ type: 'text', text: render(t.content.catalog.askSituation, t.setting) });
  }
}
