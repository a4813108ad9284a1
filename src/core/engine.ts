/**
 * The conversation engine: a pure step function (session, input) → (session, replies, effects).
 * It decides everything SafeStep says; it performs no I/O. The runner performs the effects
 * (filing a report) and feeds their outcome back in as the next input.
 *
 * Order inside one message: "call 999" first when a message signals danger now, or the danger
 * question when it may (see danger-check.ts), then the imagery warning when files came with it,
 * then everything else.
 */
import { CHOOSE_QUESTION_ID, NONE_OF_THESE, SOMETHING_ELSE, chooseChoices, offerFlows } from './choose';
import type { ContentBundle } from './content';
import { runCommand } from './commands';
import { answerDanger, checkDanger, flowAfterDanger } from './danger-check';
import { followUpFlow, looksLikeFollowUp } from './follow-up';
import { commandOf, pickChoice, simplify } from './input';
import type { FileRef, Reply } from './messages';
import type { FlowDef } from './model';
import type { DangerDetector, Router } from './ports';
import type { FiledReport, ReportDraft } from './report';
import { buildDraft } from './report-draft';
import { visibleChoices } from './render';
import type { Session } from './session';
import { render } from './template';
import { answersOf, enterStep, promptReply, repeatPrompt, resetToIdle, type Turn } from './walk';

/** What the engine needs besides the session: content, the router, the danger check, the time. */
export interface EngineContext {
  content: ContentBundle;
  router: Router;
  danger: DangerDetector;
  now: Date;
}

/** One input: the start of a chat, a message, or the outcome of filing a report. */
export type EngineInput =
  | { kind: 'start' }
  | { kind: 'message'; text?: string; choice?: string; questionId?: string; files?: FileRef[] }
  | { kind: 'report-filed'; report: FiledReport }
  | { kind: 'report-failed' };

/** A side effect for the runner. */
export type Effect = { type: 'file-report'; draft: ReportDraft };

export interface StepResult {
  session: Session;
  replies: Reply[];
  effects: Effect[];
}

/** Advances a conversation by one input. Does not mutate `session`; does not perform effects. */
export function step(session: Session, input: EngineInput, ctx: EngineContext): StepResult {
  const setting = ctx.content.settings.get(session.settingId);
  if (!setting) throw new Error(`no setting profile "${session.settingId}"`);
  const t: Turn = { session: structuredClone(session), content: ctx.content, setting, replies: [], fileReport: false };
  t.session.updatedAt = ctx.now.toISOString();
  const effects: Effect[] = [];
  const catalog = ctx.content.catalog;
  const say = (text: string, vars?: Record<string, string>): void => {
    t.replies.push({ type: 'text', text: render(text, setting, vars) });
  };

  if (input.kind === 'message' && t.session.lastFlow) {
    t.lastFlow = t.session.lastFlow;
    delete t.session.lastFlow;
  }
  const flow = t.session.flowId ? ctx.content.flows.get(t.session.flowId) : undefined;
  if (t.session.mode === 'in-flow' || t.session.mode === 'filing') {
    if (!flow || !t.session.stepId || !flow.steps[t.session.stepId]) {
      resetToIdle(t.session);
      say(catalog.contentChanged);
      return { session: t.session, replies: t.replies, effects };
    }
  }

  switch (input.kind) {
    case 'start':
      say(catalog.greeting);
      repeatPrompt(t, flow);
      break;
    case 'report-filed':
      afterFiling(t, flow!, input.report);
      break;
    case 'report-failed':
      say(catalog.reportFailed, { account: accountText(t.session) });
      continueAfterReport(t, flow!);
      break;
    case 'message':
      onMessage(t, input, ctx, flow);
      break;
  }
  if (t.fileReport && flow && t.session.stepId) {
    const reportStep = flow.steps[t.session.stepId];
    if (reportStep?.type === 'report') {
      t.session.mode = 'filing';
      effects.push({ type: 'file-report', draft: buildDraft(t.session, flow, reportStep, setting, ctx.content, ctx.now) });
    }
  }
  return { session: t.session, replies: t.replies, effects };
}

function accountText(s: Session): string {
  return s.account.map((a) => `${a.prompt} ${a.text}`).join('\n');
}

function continueAfterReport(t: Turn, flow: FlowDef): void {
  const reportStep = flow.steps[t.session.stepId!];
  t.session.mode = 'in-flow';
  if (reportStep?.type === 'report') enterStep(t, flow, reportStep.next);
}

function afterFiling(t: Turn, flow: FlowDef, report: FiledReport): void {
  const text = render(t.content.catalog.reportFiled, t.setting, { reference: report.reference, urgency: report.urgency });
  t.replies.push({ type: 'report', reference: report.reference, urgency: report.urgency, flow: report.flowId, text });
  continueAfterReport(t, flow);
}

function onMessage(
  t: Turn,
  input: { text?: string; choice?: string; questionId?: string; files?: FileRef[]; dangerChecked?: boolean },
  ctx: EngineContext,
  flow: FlowDef | undefined,
): void {
  const { catalog } = t.content;
  const s = t.session;
  const text = (input.text ?? '').trim();
  if (text.length > catalog.limits.maxMessageLength) {
    const atPrompt = s.mode === 'in-flow' && s.stepId !== undefined && flow?.steps[s.stepId]?.type === 'report';
    t.replies.push({ type: 'text', text: render(atPrompt ? catalog.tooLongAtPrompt : catalog.tooLong, t.setting) });
    return;
  }
  if (s.pendingDanger) {
    const next = answerDanger(t, input);
    if (input.files && input.files.length > 0) t.replies.push({ type: 'warning', text: render(catalog.imageryWarning, t.setting) });
    if (next) onMessage(t, { ...next, dangerChecked: true }, ctx, flow);
    return;
  }
  const held = !input.dangerChecked && checkDanger(t, input, ctx.danger);
  if (input.files && input.files.length > 0) {
    t.replies.push({ type: 'warning', text: render(catalog.imageryWarning, t.setting) });
    if (text === '' && input.choice === undefined) {
      t.replies.push({ type: 'text', text: render(catalog.filesOnly, t.setting) });
      repeatPrompt(t, flow);
      return;
    }
  }
  if (held) return;
  if (s.mode === 'filing') {
    t.replies.push({ type: 'text', text: render(catalog.filingInProgress, t.setting) });
    t.fileReport = true;
    return;
  }
  if (input.choice !== undefined && input.questionId !== undefined && isStale(t, flow, input.questionId)) {
    t.replies.push({ type: 'text', text: render(catalog.notAChoice, t.setting) });
    repeatPrompt(t, flow);
    return;
  }
  if (text === '' && input.choice === undefined) {
    t.replies.push({ type: 'text', text: render(catalog.emptyMessage, t.setting) });
    repeatPrompt(t, flow);
    return;
  }
  const command = text !== '' ? commandOf(text, catalog) : undefined;
  if (command) return runCommand(t, command, flow);

  if (s.mode === 'in-flow' && flow) return answerInFlow(t, flow, { text, choice: input.choice }, ctx);
  if (s.mode === 'choosing-flow') {
    const picked = pickChoice({ text, choice: input.choice }, chooseChoices(t));
    if (picked) return onFlowChosen(t, picked.id);
    if (input.choice !== undefined) {
      t.replies.push({ type: 'text', text: render(catalog.notAChoice, t.setting) });
      repeatPrompt(t, flow);
      return;
    }
  }
  if (text === '') {
    if (input.choice && t.content.flows.has(input.choice)) return startFlow(t, input.choice, '');
    repeatPrompt(t, flow);
    return;
  }
  routeSituation(t, text, ctx);
}

/**
 * True when a button answers a question other than the one SafeStep is waiting on (an old card
 * pressed later). Only checked while a question is open; when idle there is nothing to misapply.
 */
function isStale(t: Turn, flow: FlowDef | undefined, questionId: string): boolean {
  const s = t.session;
  if (s.mode === 'choosing-flow') return questionId !== CHOOSE_QUESTION_ID;
  if (s.mode !== 'in-flow' || !flow || !s.stepId) return false;
  const step = flow.steps[s.stepId];
  if (step?.type === 'report') return questionId !== `${s.stepId}.${step.prompts[s.promptIndex ?? 0]?.id}`;
  return questionId !== s.stepId;
}

function routeSituation(t: Turn, text: string, ctx: EngineContext): void {
  const result = ctx.router.route(text);
  t.session.firstMessage = text;
  const afterDanger = t.session.dangerFlagged ? flowAfterDanger(t, result) : undefined;
  if (afterDanger) return startFlow(t, afterDanger, text);
  const continued = t.session.dangerFlagged ? undefined : followUpFlow(text, result, t.lastFlow, ctx.router, t.content.catalog);
  if (continued && t.content.flows.has(continued)) {
    const title = t.content.flows.get(continued)!.title;
    t.replies.push({ type: 'text', text: render(t.content.catalog.followUp.notice, t.setting, { flow: title }) });
    return startFlow(t, continued, `${t.lastFlow?.firstMessage ?? ''} ${text}`.trim());
  }
  if (result.flow) return startFlow(t, result.flow, text);
  const offered = result.alternatives.map((a) => a.flow).filter((id) => t.content.flows.has(id));
  if (offered.length > 0 && result.alternatives[0]!.confidence > 0) {
    offerFlows(t, offered.slice(0, 3), 'best');
    return;
  }
  t.replies.push({ type: 'text', text: render(t.content.catalog.outOfScope, t.setting) });
  t.session.mode = 'idle';
}

function onFlowChosen(t: Turn, id: string): void {
  if (id === SOMETHING_ELSE) return offerFlows(t, [], 'all');
  if (id === NONE_OF_THESE) {
    t.replies.push({ type: 'text', text: render(t.content.catalog.outOfScope, t.setting) });
    delete t.session.offered;
    delete t.session.menu;
    t.session.mode = 'idle';
    return;
  }
  startFlow(t, id, t.session.firstMessage ?? '');
}

function startFlow(t: Turn, flowId: string, firstMessage: string): void {
  const flow = t.content.flows.get(flowId)!;
  const s = t.session;
  const { dangerFlagged, dangerAnswer, dangerFlow } = s;
  resetToIdle(s);
  s.dangerFlagged = dangerFlagged;
  if (dangerAnswer !== undefined) s.dangerAnswer = dangerAnswer;
  if (dangerFlow !== undefined) s.dangerFlow = dangerFlow;
  s.mode = 'in-flow';
  s.flowId = flowId;
  s.firstMessage = firstMessage;
  t.replies.push({ type: 'text', text: `${flow.title}.` });
  enterStep(t, flow, flow.start);
}

function answerInFlow(t: Turn, flow: FlowDef, input: { text: string; choice?: string }, ctx: EngineContext): void {
  const s = t.session;
  const step = flow.steps[s.stepId!]!;
  if (step.type === 'question') {
    const picked = pickChoice(input, visibleChoices(step, t.setting, answersOf(s)));
    const def = picked && step.choices.find((c) => c.id === picked.id);
    const decline = step.onFollowUp && input.choice === undefined ? step.choices.find((c) => c.id === step.onFollowUp) : undefined;
    if (!def && decline && looksLikeFollowUp(input.text, t.content.catalog)) {
      // A follow-up question instead of an answer to the offer: decline it, then answer the
      // follow-up in the context of this flow.
      s.answers.push({ step: s.stepId!, choice: decline.id, question: render(step.text, t.setting), label: render(decline.label, t.setting) });
      enterStep(t, flow, decline.next);
      t.lastFlow = s.lastFlow;
      delete s.lastFlow;
      return routeSituation(t, input.text, ctx);
    }
    if (!def) {
      t.replies.push({ type: 'text', text: render(t.content.catalog.notAChoice, t.setting) });
      repeatPrompt(t, flow);
      return;
    }
    s.answers.push({ step: s.stepId!, choice: def.id, question: render(step.text, t.setting), label: render(def.label, t.setting) });
    enterStep(t, flow, def.next);
    return;
  }
  if (step.type === 'report') {
    const index = s.promptIndex ?? 0;
    const prompt = step.prompts[index]!;
    const said = simplify(input.text);
    const skipped = input.choice === 'skip' || said === 'skip' || said === simplify(t.content.catalog.skip);
    if (input.choice !== undefined && !skipped) {
      t.replies.push({ type: 'text', text: render(t.content.catalog.notAChoice, t.setting) });
      t.replies.push(promptReply(t, s.stepId!, step, index));
      return;
    }
    if (skipped && !prompt.optional) {
      t.replies.push(promptReply(t, s.stepId!, step, index));
      return;
    }
    s.account.push({ prompt: render(prompt.text, t.setting), text: skipped ? '(not given)' : input.text });
    if (index + 1 < step.prompts.length) {
      s.promptIndex = index + 1;
      s.history.push({ stepId: s.stepId!, promptIndex: index + 1, answers: s.answers.length, account: s.account.length, advice: s.advice.length });
      t.replies.push(promptReply(t, s.stepId!, step, index + 1));
      return;
    }
    t.fileReport = true;
  }
}

export { CHOOSE_QUESTION_ID, answersOf };
