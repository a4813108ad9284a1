/**
 * The two levels end to end on the shipped content and the shipped danger model (rules and the
 * likeness backstop), through the engine: a message only the backstop catches gets the danger
 * question first, yes gives the 999 reply and then an incident flow (never a menu, never a
 * guidance flow), no carries on; the answer is filed with the report; a certain message gets the
 * 999 reply first on the first message and in the middle of a flow.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadContent } from '../../src/authoring/load';
import { step, type EngineContext } from '../../src/core/engine';
import type { Reply } from '../../src/core/messages';
import { newSession, type Session } from '../../src/core/session';
import { createNlu, loadNluContent } from '../../src/nlu/load';
import { ROOT } from './fixtures';

const content = loadContent(ROOT);
const { router, danger } = createNlu([...content.flows.values()], loadNluContent(ROOT));
const ctx: EngineContext = { content, router, danger, now: new Date('2026-12-06T10:00:00Z') };
const settingId = [...content.settings.keys()][0]!;

function talk(...inputs: (string | { choice: string; questionId?: string })[]): { session: Session; replies: Reply[]; all: Reply[] } {
  let s = newSession({ conversationId: 'c1', channel: 'test', user: { id: 'u1' }, settingId, now: ctx.now });
  s = step(s, { kind: 'start' }, ctx).session;
  let replies: Reply[] = [];
  const all: Reply[] = [];
  for (const input of inputs) {
    const r = step(s, typeof input === 'string' ? { kind: 'message', text: input } : { kind: 'message', ...input }, ctx);
    s = r.session;
    replies = r.replies;
    all.push(...r.replies);
  }
  return { session: s, replies, all };
}

/** The author's own training phrasings that only the backstop catches (the rules stay quiet). */
const own = parse(fs.readFileSync(path.join(ROOT, 'test/nlu/danger-likeness-training.yaml'), 'utf8')) as { danger: string[] };
const backstopOnly = own.danger.filter((t) => danger.detect(t).signals.some((s) => s.startsWith('likeness:')));

describe('danger first, end to end on the shipped content', () => {
  test('some messages are caught by the likeness backstop alone, and it only ever asks', () => {
    expect(backstopOnly.length).toBeGreaterThan(0);
    for (const t of backstopOnly) expect(danger.detect(t)).toMatchObject({ danger: false, question: true });
  });

  test('backstop: the question first; yes gives the 999 reply, then an incident flow rather than a menu', () => {
    const text = backstopOnly[0]!;
    const asked = talk(text);
    expect(asked.replies).toEqual([expect.objectContaining({ type: 'question', id: 'danger' })]);
    const yes = talk(text, 'yes');
    expect(yes.replies[0]?.type).toBe('danger');
    expect(yes.session.mode).toBe('in-flow');
    expect(content.flows.get(yes.session.flowId!)?.kind).toBe('incident');
    expect(yes.session).toMatchObject({ dangerFlagged: true, dangerAnswer: 'yes' });
  });

  test('backstop: no says carry on, with no 999 reply, and the answer is kept', () => {
    const no = talk(backstopOnly[0]!, 'no');
    expect(no.replies[0]).toEqual({ type: 'text', text: expect.stringMatching(/carry on/i) });
    expect(no.all.some((r) => r.type === 'danger')).toBe(false);
    expect(no.session).toMatchObject({ dangerFlagged: false, dangerAnswer: 'no' });
  });

  test('certain danger: the 999 reply comes first, on the first message and in the middle of a flow', () => {
    const first = talk('a year 7 girl is going to meet a man she met on snapchat after school today');
    expect(first.replies[0]?.type).toBe('danger');
    const into = talk('a year 8 boy has sent a naked photo of himself to a girl in his class');
    expect(into.session.mode).toBe('in-flow');
    const mid = talk('a year 8 boy has sent a naked photo of himself to a girl in his class', 'we cant find a pupil, she is not in class and no one knows where she is');
    expect(mid.replies[0]?.type).toBe('danger');
  });
});
