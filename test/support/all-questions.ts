/**
 * Every distinct question SafeStep can put to staff in one setting, through the real content and
 * engine: the greeting and menu, every question on every path of every flow (the path walker),
 * every quiz question with its options, and the quiz's retake offer and attestation. For the
 * channel tests that check how each one looks on a phone.
 */
import type { ContentBundle } from '../../src/core/content';
import { step, type EngineContext } from '../../src/core/engine';
import type { Reply } from '../../src/core/messages';
import { newSession } from '../../src/core/session';
import { render } from '../../src/core/template';
import { walkAllPaths } from '../flows/path-walker';
import { realContent, realQuiz } from '../quiz/fixture';

export type Question = Extract<Reply, { type: 'question' }>;

/** The real content (flows, settings) these questions come from. */
export const content: ContentBundle = realContent().content;

/** Every distinct question with answers to pick, in one setting. */
export function questionsOf(settingId: string): Question[] {
  const setting = content.settings.get(settingId)!;
  const ctx: EngineContext = {
    content,
    router: { route: () => ({ flow: null, confidence: 0, alternatives: [] }) },
    danger: { detect: () => ({ danger: false, signals: [] }) },
    now: new Date('2026-11-21T10:00:00Z'),
  };
  const session = newSession({ conversationId: 'phone', channel: 'test', user: { id: 'u' }, settingId, now: ctx.now });
  const replies: Reply[] = [...step(session, { kind: 'start' }, ctx).replies, ...step(session, { kind: 'message', text: 'menu' }, ctx).replies];
  for (const flowId of content.flows.keys()) for (const p of walkAllPaths(content, settingId, flowId)) replies.push(...p.replies);
  const words = realContent().quiz.messages;
  const r = (t: string) => render(t, setting);
  replies.push(
    ...realQuiz(settingId).questions.map((q): Question => ({ type: 'question', id: `quiz:${q.id}`, text: q.text, choices: q.options.map((o) => ({ id: `${q.id}:${o.id}`, label: o.text })) })),
    { type: 'question', id: 'quiz:retake', text: render(words.retakeOffer, setting, { missed: '3' }), choices: [{ id: 'retake:yes', label: r(words.retakeYes) }, { id: 'retake:no', label: r(words.retakeNo) }] },
    { type: 'question', id: 'quiz:attest', text: r(words.attestQuestion), choices: [{ id: 'attest:yes', label: r(words.attestYes) }, { id: 'attest:not-yet', label: r(words.attestNotYet) }] },
  );
  const seen = new Map<string, Question>();
  for (const reply of replies) if (reply.type === 'question' && reply.choices.length > 0) seen.set(JSON.stringify(reply), reply);
  return [...seen.values()];
}
