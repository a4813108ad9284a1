/**
 * A conversation's state between messages. Plain JSON so any store can keep it and a
 * conversation resumes after a restart.
 */
import type { DangerAnswer } from './danger-question';
import type { UserRef, ShownAdviceStep } from './messages';

/** A point where SafeStep waited for the person; `back` returns to the previous one. */
export interface Position {
  stepId: string;
  promptIndex?: number;
  answers: number;
  account: number;
  advice: number;
}

/** Where the conversation is: waiting for a situation, a flow choice, or inside a flow. */
export type Mode = 'idle' | 'choosing-flow' | 'in-flow' | 'filing';

export interface Session {
  conversationId: string;
  channel: string;
  user: UserRef;
  settingId: string;
  mode: Mode;
  /** Flow ids offered while choosing (best first); 'menu' lists every flow. */
  offered?: string[];
  menu?: 'best' | 'all';
  flowId?: string;
  stepId?: string;
  promptIndex?: number;
  history: Position[];
  answers: { step: string; choice: string; question: string; label: string }[];
  account: { prompt: string; text: string }[];
  advice: { title: string; steps: ShownAdviceStep[] }[];
  firstMessage?: string;
  /**
   * The flow that has just ended, kept for the next message only, so that a short follow-up
   * question ("what about on a trip?") is understood in its context (follow-up.ts).
   */
  lastFlow?: { id: string; firstMessage?: string };
  /** Set once the 999 reply was given (a certain signal, or yes to the danger question). */
  dangerFlagged: boolean;
  /**
   * The message held back while SafeStep asks the danger question; once it is answered, the
   * conversation carries on with this message as if it had just arrived.
   */
  pendingDanger?: { text: string; choice?: string; questionId?: string };
  /** The answer to the danger question in this conversation; filed with the report. */
  dangerAnswer?: DangerAnswer;
  /** The flow the danger signals pointed to: where a danger message goes when the router is unsure. */
  dangerFlow?: string;
  updatedAt: string;
}

/** A fresh session for a person in a setting. */
export function newSession(init: {
  conversationId: string;
  channel: string;
  user: UserRef;
  settingId: string;
  now: Date;
}): Session {
  return {
    conversationId: init.conversationId,
    channel: init.channel,
    user: init.user,
    settingId: init.settingId,
    mode: 'idle',
    history: [],
    answers: [],
    account: [],
    advice: [],
    dangerFlagged: false,
    updatedAt: init.now.toISOString(),
  };
}
