/**
 * The policy's own words beside every step: each clause of a setting's own policy that a flow's
 * advice can cite comes with at least one verbatim quote (from content/clauses/), quotes are
 * word for word in the policy text, the plain-text rendering shows them, and a very long answer
 * at a report prompt is never told "add the details when I ask" (issue 13).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import { missingFragment } from '../../src/authoring/clauses/policy-text';
import { step, type EngineContext, type EngineInput } from '../../src/core/engine';
import type { Reply } from '../../src/core/messages';
import { replyToText } from '../../src/core/plain-text';
import { newSession } from '../../src/core/session';

const root = path.resolve(__dirname, '..', '..');
const content = loadContent(root);
const policy = (doc: string) => readFileSync(path.join(root, '..', 'shared', 'policies', `${doc}.txt`), 'utf8');

const ruleCites = [...content.settings.values()].flatMap((s) =>
  [...content.flows.values()].flatMap((f) =>
    Object.values(f.steps).flatMap((st) => (st.type === 'advice' ? st.items : [])).flatMap((item) =>
      item.cite.flatMap((ref) => {
        const rule = 'rule' in ref ? s.rules[ref.rule] : undefined;
        return rule && !rule.silent ? rule.cite.map((c) => ({ setting: s.id, rule: (ref as { rule: string }).rule, cite: c })) : [];
      }))));

test('every clause of a setting\'s own policy that advice cites is quoted, word for word', () => {
  const own = ruleCites.filter((r) => r.cite.document !== content.national.id);
  expect(own.length).toBeGreaterThan(300);
  expect(own.filter((r) => !r.cite.quotes?.length).map((r) => `${r.setting} ${r.rule} ${r.cite.document} §${r.cite.section}`)).toEqual([]);
  for (const r of own) for (const q of r.cite.quotes!) expect(missingFragment(policy(r.cite.document), q)).toBeUndefined();
});

function run(settingId: string, inputs: EngineInput[]): Reply[] {
  const ctx: EngineContext = {
    content,
    router: { route: () => ({ flow: null, confidence: 0, alternatives: [] }) },
    danger: { detect: () => ({ danger: false, signals: [] }) },
    now: new Date('2026-12-06T10:00:00Z'),
  };
  let session = newSession({ conversationId: 'q', channel: 'test', user: { id: 'q' }, settingId, now: ctx.now });
  const replies: Reply[] = [];
  for (const input of inputs) {
    const r = step(session, input, ctx);
    replies.push(...r.replies);
    session = r.session;
  }
  return replies;
}

const toAdvice: EngineInput[] = [
  { kind: 'message', choice: 'nude-image-pupil' },
  { kind: 'message', choice: 'device-with-me' },
  { kind: 'message', choice: 'risk-no' },
];

test('the plain-text advice shows the policy\'s own words under the step they support', () => {
  const text = run('upton-junior', toAdvice).map(replyToText).join('\n');
  expect(text).toContain('> Policy: "Where a concern involves a potentially indecent image or video of a child, staff will respond in line with our child protection policy and will confiscate devices, avoid looking at any content');
  expect(text).toContain('(§MST 6.1)');
});

test('a very long answer at a report prompt is not told to "add the details when I ask"', () => {
  const replies = run('east-stour-primary', [...toAdvice, { kind: 'message', text: 'x'.repeat(content.catalog.limits.maxMessageLength + 1) }]);
  const last = replies.at(-1)!;
  expect(last.type).toBe('text');
  expect(replyToText(last)).not.toMatch(/when I ask/i);
  expect(replyToText(last)).toContain('main facts for this question');
  const atStart = run('east-stour-primary', [{ kind: 'message', text: 'x'.repeat(content.catalog.limits.maxMessageLength + 1) }]);
  expect(replyToText(atStart.at(-1)!)).toMatch(/when I ask/i);
});
