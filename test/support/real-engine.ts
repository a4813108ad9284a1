/**
 * The real content, router and danger check for engine-level tests (no store, no channel):
 * `talk` runs a conversation through the pure engine and returns every reply.
 */
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import { step, type EngineContext, type EngineInput, type StepResult } from '../../src/core/engine';
import type { Reply } from '../../src/core/messages';
import { newSession, type Session } from '../../src/core/session';
import { loadNlu } from '../../src/nlu/load';

const root = path.resolve(__dirname, '..', '..');
export const content = loadContent(root);
const nlu = loadNlu(root, [...content.flows.values()]);
export const realCtx: EngineContext = { content, router: nlu.router, danger: nlu.danger, now: new Date('2026-12-06T10:00:00Z') };

/** A new conversation in a setting. */
export function freshSession(settingId: string): Session {
  return newSession({ conversationId: 'c1', channel: 'test', user: { id: 'u1', name: 'Ann', role: 'TA' }, settingId, now: realCtx.now });
}

/** One message: text, or a button press `{ choice }`. */
export type Say = string | { choice: string };

/** Runs the messages in order from `session` (a new one by default); returns the last step, its session and every reply. */
export function talk(settingId: string, inputs: Say[], session: Session = freshSession(settingId), ctx: EngineContext = realCtx): StepResult & { all: Reply[]; last: Reply[] } {
  let s = session;
  const all: Reply[] = [];
  let last: StepResult = { session: s, replies: [], effects: [] };
  for (const input of inputs) {
    const e: EngineInput = typeof input === 'string' ? { kind: 'message', text: input } : { kind: 'message', choice: input.choice };
    last = step(s, e, ctx);
    s = last.session;
    all.push(...last.replies);
  }
  return { ...last, all, last: last.replies };
}

/** The advice replies among `replies`. */
export function adviceOf(replies: Reply[]): Extract<Reply, { type: 'advice' }>[] {
  return replies.filter((r): r is Extract<Reply, { type: 'advice' }> => r.type === 'advice');
}
