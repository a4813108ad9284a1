import { step, type EngineInput } from '../../src/core/engine';
import type { Reply } from '../../src/core/messages';
import { newSession, type Session } from '../../src/core/session';
import { bundle } from '../doubles/content';
import { stubDanger, stubRouter } from '../doubles/nlu';

const ctx = { content: bundle, router: stubRouter, danger: stubDanger, now: new Date('2026-11-21T10:00:00Z') };
const fresh = (settingId = 'alpha'): Session =>
  newSession({ conversationId: 'c1', channel: 'test', user: { id: 'u1', name: 'Ann', role: 'TA' }, settingId, now: ctx.now });

/** Runs messages through the engine, returning the last result and all replies. */
function talk(session: Session, ...inputs: (string | { choice: string } | EngineInput)[]) {
  let s = session;
  const all: Reply[] = [];
  let last = step(s, { kind: 'start' }, ctx);
  for (const input of inputs) {
    const engineInput: EngineInput =
      typeof input === 'string' ? { kind: 'message', text: input } : 'kind' in input ? input : { kind: 'message', choice: input.choice };
    last = step(s, engineInput, ctx);
    s = last.session;
    all.push(...last.replies);
  }
  return { ...last, all };
}

const types = (replies: Reply[]) => replies.map((r) => r.type);
const texts = (replies: Reply[]) => replies.map((r) => ('text' in r ? r.text : r.type === 'advice' ? r.title : ''));

describe('engine step', () => {
  test('start greets with the setting name and asks for the situation', () => {
    const r = step(fresh(), { kind: 'start' }, ctx);
    expect(texts(r.replies)).toEqual(['Hello from Alpha School.', 'What happened?']);
  });

  test('a confident route enters the flow and asks its first question', () => {
    const r = talk(fresh(), 'there is an image');
    expect(r.session.mode).toBe('in-flow');
    expect(r.session.firstMessage).toBe('there is an image');
    const q = r.replies.find((x) => x.type === 'question');
    expect(q).toMatchObject({ id: 'where', choices: [{ id: 'device' }, { id: 'told' }] });
  });

  test('choices are picked by id, by number and by label', () => {
    for (const pick of [{ choice: 'device' }, '1', 'on a device i have']) {
      const r = talk(fresh(), 'image', pick);
      expect(r.session.answers[0]).toMatchObject({ step: 'where', choice: 'device' });
    }
  });

  test('advice keeps only items whose conditions hold, with placeholders and titled citations', () => {
    const a = talk(fresh('alpha'), 'image', { choice: 'device' }, { choice: 'no' });
    const advice = a.all.find((x) => x.type === 'advice');
    expect(advice).toMatchObject({ type: 'advice', title: 'What to do at Alpha School' });
    if (advice?.type !== 'advice') throw new Error('no advice');
    expect(advice.steps.map((s) => s.text)).toEqual(['Tell Alpha School DSL (DSL) now.', 'Lock the device away.', 'Keep phones in the locker.']);
    expect(advice.steps[2]!.citations).toEqual([{ document: 'alpha-policy', section: '1', title: 'Phones', documentTitle: 'Alpha School policy' }]);

    const b = talk(fresh('beta'), 'image', { choice: 'told' }, { choice: 'no' });
    const adviceB = b.all.find((x) => x.type === 'advice');
    if (adviceB?.type !== 'advice') throw new Error('no advice');
    // Beta is silent on phones: the step opens with the shared silence statement, citing nothing.
    expect(adviceB.steps.map((s) => s.text)).toEqual(["Beta School's policy does not cover this; national rules below.", 'Tell Beta School DSL (DSL) now.', 'The policy is silent. Tell the DSL.']);
    expect(adviceB.steps[0]!.citations).toEqual([]);
    expect(adviceB.steps[2]!.citations[0]).toMatchObject({ document: 'beta-policy', section: '2' });
  });

  test('the last report prompt asks the runner to file a complete draft', () => {
    const r = talk(fresh(), 'image in a chat', { choice: 'device' }, { choice: 'yes' }, 'Two Y6 pupils', 'skip');
    expect(r.session.mode).toBe('filing');
    expect(r.effects).toHaveLength(1);
    const draft = r.effects[0]!.draft;
    expect(draft).toMatchObject({
      settingId: 'alpha',
      reporter: { id: 'u1', name: 'Ann', role: 'TA' },
      flowId: 'image',
      category: 'conduct',
      urgency: 'immediate',
      firstMessage: 'image in a chat',
      answers: [
        { question: 'Where is it?', answer: 'On a device I have' },
        { question: 'Is an adult involved?', answer: 'Yes' },
      ],
      account: [
        { prompt: 'What happened?', text: 'Two Y6 pupils' },
        { prompt: "The child's words?", text: '(not given)' },
      ],
    });
    expect(draft.advice[0]!.steps.length).toBe(3);
    expect(draft.policyVersion).toContain('alpha-policy (approved 2022; review due 2023)');
    expect(draft.policyVersion).toContain('flow image v3');
  });

  test('urgency stays at the step default when no raising answer was chosen', () => {
    const r = talk(fresh(), 'image', { choice: 'told' }, { choice: 'no' }, 'facts', 'words');
    expect(r.effects[0]!.draft.urgency).toBe('urgent');
  });

  test('a required prompt cannot be skipped; "1" is an answer, not a skip', () => {
    const r = talk(fresh(), 'image', { choice: 'told' }, { choice: 'no' }, 'skip');
    expect(r.session.account).toEqual([]);
    expect(r.replies.at(-1)).toMatchObject({ type: 'question', id: 'record.what', freeText: true });
    const r2 = talk(fresh(), 'image', { choice: 'told' }, { choice: 'no' }, 'facts', '1');
    expect(r2.effects[0]!.draft.account[1]!.text).toBe('1');
  });

  test('report-filed gives the receipt and ends the flow; report-failed never claims it was filed', () => {
    const filing = talk(fresh(), 'image', { choice: 'told' }, { choice: 'no' }, 'the facts', 'skip');
    const report = { ...filing.effects[0]!.draft, reference: 'SS-2026-0001' };
    const ok = step(filing.session, { kind: 'report-filed', report }, ctx);
    expect(ok.replies[0]).toEqual({ type: 'report', reference: 'SS-2026-0001', urgency: 'urgent', flow: 'image', text: 'Filed SS-2026-0001 (urgent).' });
    expect(texts(ok.replies).at(-1)).toBe('Go to Alpha School DSL now.');
    expect(ok.session.mode).toBe('idle');

    const failed = step(filing.session, { kind: 'report-failed' }, ctx);
    expect(types(failed.replies)).not.toContain('report');
    expect(texts(failed.replies)[0]).toContain('NOT saved');
    expect(texts(failed.replies)[0]).toContain('What happened? the facts');
  });

  test('back returns to the previous question and forgets the answer given there', () => {
    const r = talk(fresh(), 'image', { choice: 'device' }, 'back');
    expect(r.session.stepId).toBe('where');
    expect(r.session.answers).toEqual([]);
    expect(r.replies.at(-1)).toMatchObject({ type: 'question', id: 'where' });
    const again = talk(fresh(), 'image', { choice: 'device' }, 'back', { choice: 'told' }, { choice: 'no' });
    expect(again.session.answers.map((a) => a.choice)).toEqual(['told', 'no']);
  });

  test('back from a report prompt returns to the previous prompt and drops its answer', () => {
    const r = talk(fresh(), 'image', { choice: 'told' }, { choice: 'no' }, 'first try', 'back');
    expect(r.session.account).toEqual([]);
    expect(r.replies.at(-1)).toMatchObject({ id: 'record.what' });
  });

  test('back with nothing to go back to says so', () => {
    const r = talk(fresh(), 'back');
    expect(texts(r.replies)[0]).toBe('Nothing to go back to.');
  });

  test('start again, help and "I need the DSL now" work anywhere in a flow', () => {
    const restart = talk(fresh(), 'image', { choice: 'device' }, 'Start again!');
    expect(restart.session.mode).toBe('idle');
    expect(texts(restart.replies)).toEqual(['Starting again.', 'What happened?']);

    const help = talk(fresh(), 'image', { choice: 'device' }, 'help');
    expect(texts(help.replies)[0]).toBe('Help text.');
    expect(help.replies.at(-1)).toMatchObject({ type: 'question', id: 'risk' });

    const dsl = talk(fresh(), 'image', 'I need the DSL now');
    expect(texts(dsl.replies)[0]).toBe('Go to Alpha School DSL (DSL) now.');
    expect(dsl.session.stepId).toBe('where');
  });

  test('danger mid-flow comes first and the flow carries on; the report becomes immediate', () => {
    const r = talk(fresh(), 'image', { choice: 'told' }, '999-now he is with the man');
    expect(r.replies[0]).toEqual({ type: 'danger', text: 'Call 999 now. Then Alpha School DSL (DSL).' });
    expect(r.session.stepId).toBe('risk');
    const done = talk(fresh(), 'image', { choice: 'told' }, '999-now', { choice: 'no' }, 'facts', 'skip');
    expect(done.effects[0]!.draft).toMatchObject({ urgency: 'immediate', dangerFlagged: true });
  });

  test('danger before any flow is shown first, then routing carries on', () => {
    const r = talk(fresh(), '999-now image of a child');
    expect(types(r.replies)[0]).toBe('danger');
    expect(r.session.mode).toBe('in-flow');
  });

  test('a file gets the imagery warning and is never kept', () => {
    const r = talk(fresh(), 'image', { kind: 'message', files: [{ name: 'IMG_0001.jpg', mimeType: 'image/jpeg' }] });
    expect(r.replies[0]).toEqual({ type: 'warning', text: 'Never send images.' });
    expect(texts(r.replies)[1]).toBe('Tell me in words.');
    expect(r.replies.at(-1)).toMatchObject({ type: 'question', id: 'where' });
    expect(JSON.stringify(r.session)).not.toContain('IMG_0001');

    const withText = talk(fresh(), { kind: 'message', text: 'there is an image', files: [{ name: 'IMG_0002.jpg' }] }, { choice: 'told' }, { choice: 'no' }, 'facts', 'skip');
    expect(JSON.stringify(withText.effects)).not.toContain('IMG_0002');
  });

  test('too long, empty and non-choice messages get clear replies and change nothing', () => {
    const long = talk(fresh(), 'image', 'x'.repeat(4001));
    expect(texts(long.replies)).toEqual(['Too long.']);
    expect(long.session.stepId).toBe('where');

    const empty = talk(fresh(), '   ');
    expect(texts(empty.replies)).toEqual(['Say something.', 'What happened?']);

    const wrong = talk(fresh(), 'image', 'purple');
    expect(texts(wrong.replies)[0]).toBe('Pick an option.');
    expect(wrong.session.answers).toEqual([]);
  });

  test('an unsure route offers the best flows, then the full menu, then out of scope', () => {
    const r = talk(fresh(), 'unsure what this is');
    expect(r.session.mode).toBe('choosing-flow');
    expect(r.replies.at(-1)).toMatchObject({ id: 'choose-flow', choices: [{ id: 'phone' }, { id: 'image' }, { id: 'something-else' }] });
    const menu = talk(fresh(), 'unsure', { choice: 'something-else' });
    expect(menu.replies.at(-1)).toMatchObject({ choices: [{ id: 'image' }, { id: 'phone' }, { id: 'none-of-these' }] });
    const none = talk(fresh(), 'unsure', { choice: 'something-else' }, { choice: 'none-of-these' });
    expect(texts(none.replies)[0]).toBe('Not covered; talk to Alpha School DSL (DSL).');
    const picked = talk(fresh(), 'unsure about this', '2');
    expect(picked.session.flowId).toBe('image');
    expect(picked.session.firstMessage).toBe('unsure about this');
  });

  test('out of scope says so plainly and stays idle', () => {
    const r = talk(fresh(), 'what is for lunch');
    expect(texts(r.replies)).toEqual(['Not covered; talk to Alpha School DSL (DSL).']);
    expect(r.session.mode).toBe('idle');
  });

  test('a guidance flow with no question runs straight to its end', () => {
    const r = talk(fresh(), 'my phone');
    expect(types(r.replies)).toEqual(['text', 'advice', 'text']);
    expect(r.session.mode).toBe('idle');
  });

  test('a session whose flow no longer exists starts again', () => {
    const s = { ...fresh(), mode: 'in-flow' as const, flowId: 'gone', stepId: 'x' };
    const r = step(s, { kind: 'message', text: 'hello' }, ctx);
    expect(texts(r.replies)).toEqual(['Updated; start again.']);
    expect(r.session.mode).toBe('idle');
  });

  test('step never mutates the session it is given', () => {
    const s = talk(fresh(), 'image').session;
    const before = JSON.stringify(s);
    step(s, { kind: 'message', choice: 'device' }, ctx);
    expect(JSON.stringify(s)).toBe(before);
  });
});
