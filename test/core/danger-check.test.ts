/**
 * Danger first in the engine, with the stub detector (test/doubles/nlu.ts): "999-now" is certain,
 * "maybe-999" possible. The danger question holds the message back, its answer decides the 999
 * reply, the held message then carries on wherever the conversation was, and the answer is filed.
 */
import { step, type EngineInput } from '../../src/core/engine';
import type { Reply } from '../../src/core/messages';
import { newSession, type Session } from '../../src/core/session';
import { bundle } from '../doubles/content';
import { stubDanger, stubRouter } from '../doubles/nlu';

const ctx = { content: bundle, router: stubRouter, danger: stubDanger, now: new Date('2026-11-21T10:00:00Z') };
const fresh = (): Session => newSession({ conversationId: 'c1', channel: 'test', user: { id: 'u1' }, settingId: 'alpha', now: ctx.now });

function talk(...inputs: (string | { choice: string; questionId?: string })[]) {
  let s = step(fresh(), { kind: 'start' }, ctx).session;
  let last = step(s, { kind: 'start' }, ctx);
  const all: Reply[] = [];
  for (const input of inputs) {
    const engineInput: EngineInput = typeof input === 'string' ? { kind: 'message', text: input } : { kind: 'message', ...input };
    last = step(s, engineInput, ctx);
    s = last.session;
    all.push(...last.replies);
  }
  return { ...last, all };
}
const types = (replies: Reply[]) => replies.map((r) => r.type);

describe('the danger question', () => {
  test('is asked first and holds the message back; nothing else is said', () => {
    const r = talk('maybe-999 an image');
    expect(r.replies).toEqual([
      { type: 'question', id: 'danger', text: 'Is a child in danger right now, or about to be?', choices: [{ id: 'danger:yes', label: 'Yes' }, { id: 'danger:no', label: 'No' }] },
    ]);
    expect(r.session).toMatchObject({ mode: 'idle', pendingDanger: { text: 'maybe-999 an image' }, dangerFlagged: false });
  });

  test('yes gives the 999 reply, then the held message is routed as if it had just arrived', () => {
    const r = talk('maybe-999 an image', { choice: 'danger:yes', questionId: 'danger' });
    expect(types(r.replies)).toEqual(['danger', 'text', 'question']);
    expect(r.session).toMatchObject({ mode: 'in-flow', flowId: 'image', dangerFlagged: true, dangerAnswer: 'yes', firstMessage: 'maybe-999 an image' });
    expect(r.session.pendingDanger).toBeUndefined();
  });

  test('no says carry on and routes the held message without a danger reply', () => {
    const r = talk('maybe-999 an image', 'no');
    expect(r.replies[0]).toEqual({ type: 'text', text: 'Carry on.' });
    expect(types(r.replies)).not.toContain('danger');
    expect(r.session).toMatchObject({ mode: 'in-flow', flowId: 'image', dangerFlagged: false, dangerAnswer: 'no' });
  });

  test('an answer that is neither yes nor no is treated as yes (the 999 reply), and recorded as unclear', () => {
    const r = talk('maybe-999 an image', 'she is in year 5');
    expect(r.replies[0]?.type).toBe('danger');
    expect(r.session).toMatchObject({ flowId: 'image', dangerFlagged: true, dangerAnswer: 'unclear' });
  });

  test('a command instead of an answer gives the 999 reply and then runs the command', () => {
    const r = talk('maybe-999 an image', 'start again');
    expect(types(r.replies)).toEqual(['danger', 'text', 'text']);
    expect(r.session.mode).toBe('idle');
  });

  test('a button from an older question re-asks the danger question and keeps the message held', () => {
    const r = talk('image', 'maybe-999 more', { choice: 'device', questionId: 'where' });
    expect(types(r.replies)).toEqual(['text', 'question']);
    expect(r.replies[1]).toMatchObject({ id: 'danger' });
    expect(r.session.pendingDanger).toEqual({ text: 'maybe-999 more' });
  });

  test('a file sent instead of an answer still gets the imagery warning, after the 999 reply', () => {
    let s = talk('maybe-999 an image').session;
    const r = step(s, { kind: 'message', files: [{ name: 'IMG_1.jpg' }] }, ctx);
    s = r.session;
    expect(types(r.replies).slice(0, 2)).toEqual(['danger', 'warning']);
    expect(s.dangerAnswer).toBe('unclear');
  });

  test('a restart while the question waits shows it again (start re-shows where the conversation was)', () => {
    const held = talk('maybe-999 an image').session;
    const r = step(held, { kind: 'start' }, ctx);
    expect(r.replies.at(-1)).toMatchObject({ type: 'question', id: 'danger' });
  });

  test('mid-flow: the held message is then taken as the answer to the flow question', () => {
    const r = talk('image', 'maybe-999', 'no');
    expect(r.replies[0]).toEqual({ type: 'text', text: 'Carry on.' });
    expect(r.replies.at(-1)).toMatchObject({ type: 'question', id: 'where' });
    expect(r.session.stepId).toBe('where');
  });

  test('is asked once per conversation, and never after the 999 reply', () => {
    const again = talk('maybe-999 an image', 'no', 'maybe-999 again');
    expect(again.replies.some((r) => r.type === 'question' && r.id === 'danger')).toBe(false);
    const afterCertain = talk('999-now image', 'maybe-999 told me');
    expect(afterCertain.replies.some((r) => r.type === 'question' && r.id === 'danger')).toBe(false);
  });

  test('while a report account is written: asked, and the answer is filed with the report', () => {
    const yes = talk('image', { choice: 'device' }, { choice: 'no' }, 'maybe-999 she told me', 'yes', 'skip');
    expect(yes.effects[0]!.draft).toMatchObject({ urgency: 'immediate', dangerFlagged: true, dangerAnswer: 'yes' });
    expect(yes.effects[0]!.draft.account[0]).toMatchObject({ text: 'maybe-999 she told me' });
    const no = talk('image', { choice: 'device' }, { choice: 'no' }, 'maybe-999 she told me', 'no', 'skip');
    expect(no.effects[0]!.draft).toMatchObject({ urgency: 'urgent', dangerFlagged: false, dangerAnswer: 'no' });
    const never = talk('image', { choice: 'device' }, { choice: 'no' }, 'facts', 'skip');
    expect(never.effects[0]!.draft.dangerAnswer).toBeUndefined();
  });
});

describe('after a danger reply', () => {
  test('an unsure route goes to the flow the danger signals name instead of a menu', () => {
    const r = talk('maybe-999 unsure', 'yes');
    expect(r.session).toMatchObject({ mode: 'in-flow', flowId: 'image' });
  });

  test('never into a guidance flow: with nothing else that fits, the menu is offered as before', () => {
    const r = talk('999-now phone');
    expect(r.replies[0]?.type).toBe('danger');
    expect(r.session.flowId).not.toBe('phone');
  });
});
