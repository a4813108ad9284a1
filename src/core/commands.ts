/**
 * The commands that work anywhere in a conversation: "start again", "help", "I need the DSL now",
 * "menu" and "back". Pure; works on the engine's copy of the session.
 */
import { offerFlows } from './choose';
import type { GlobalCommand } from './input';
import type { FlowDef } from './model';
import { render } from './template';
import { repeatPrompt, resetToIdle, type Turn } from './walk';

/** Carries out one global command. */
export function runCommand(t: Turn, command: GlobalCommand, flow: FlowDef | undefined): void {
  const { catalog } = t.content;
  const s = t.session;
  switch (command) {
    case 'restart':
      resetToIdle(s);
      t.replies.push({ type: 'text', text: render(catalog.restarted, t.setting) });
      repeatPrompt(t, undefined);
      return;
    case 'help':
      t.replies.push({ type: 'text', text: render(catalog.help, t.setting) });
      repeatPrompt(t, flow);
      return;
    case 'dslNow':
      t.replies.push({ type: 'text', text: render(catalog.dslNow, t.setting) });
      repeatPrompt(t, flow);
      return;
    case 'menu':
      offerFlows(t, [], 'all');
      return;
    case 'back':
      return goBack(t, flow);
  }
}

function goBack(t: Turn, flow: FlowDef | undefined): void {
  const s = t.session;
  if (s.mode === 'choosing-flow') {
    resetToIdle(s);
    repeatPrompt(t, undefined);
    return;
  }
  if (s.mode !== 'in-flow' || !flow || s.history.length < 2) {
    t.replies.push({ type: 'text', text: render(t.content.catalog.backNothing, t.setting) });
    repeatPrompt(t, flow);
    return;
  }
  s.history.pop();
  const prev = s.history[s.history.length - 1]!;
  s.stepId = prev.stepId;
  if (prev.promptIndex === undefined) delete s.promptIndex;
  else s.promptIndex = prev.promptIndex;
  s.answers = s.answers.slice(0, prev.answers);
  s.account = s.account.slice(0, prev.account);
  s.advice = s.advice.slice(0, prev.advice);
  repeatPrompt(t, flow);
}

