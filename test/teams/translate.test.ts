/**
 * The Teams adapter's two translations, without HTTP: activities to the core's Inbound (mentions
 * removed, button values, attachments by name and type only) and replies to one Adaptive Card
 * (Action.Submit data naming question and choice, numbered advice with citations, the core's
 * plain text as the fallback).
 */
import type { Reply } from '../../src/core/messages';
import { replyToText } from '../../src/core/plain-text';
import { TEAMS_MESSAGE_LIMIT, teamsSize } from '../../src/channels/teams/cards';
import { renderReplies } from '../../src/channels/teams/render-cards';
import { filesOf, toInbound } from '../../src/channels/teams/to-inbound';
import { dslActionOf } from '../../src/channels/teams/dsl-actions';
import { fullReportCards as cardsOf, noticeCard } from '../../src/channels/teams/dsl-cards';
import { resultsCards as resultsOf } from '../../src/channels/teams/quiz-cards';
import { shortPolicyVersion, quizResultsView } from '../../src/host/quiz-results';
import { reportNotice } from '../../src/core/desk/notice';
import { reportView } from '../../src/core/desk/report-view';
import type { Catalog } from '../../src/core/catalog';
import type { SettingProfile } from '../../src/core/model';
import type { QuizCatalog } from '../../src/quiz/model';
import type { QuizReport } from '../../src/quiz/report';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { render } from '../../src/core/template';
import { alpha, catalog } from '../doubles/content';
import type { FiledReport } from '../../src/core/report';
import { makeDraft } from '../store/fixtures';
import { cardOf, submitsOf, textsOf } from './teams-client';

const bot = { id: '28:bot', name: 'SafeStep' };
/** The casework buttons every DSL notice carries after Acknowledge and View. */
const CASE = [
  { ss: 'note', label: catalog.desk.addNote },
  { ss: 'action', label: catalog.desk.assignAction },
  { ss: 'outcome', label: catalog.desk.recordOutcome },
  { ss: 'correct', label: catalog.desk.correct },
];
/** The core builds each view; Teams renders it. */
const notificationCard = (r: FiledReport, s: SettingProfile, c: Catalog, purpose: 'report-filed' | 'reminder') => noticeCard(reportNotice(r, s, c, purpose));
const fullReportCards = (r: FiledReport, _labels: Catalog['labels']) => cardsOf(reportView(r, [], { ...alpha, id: r.settingId }, catalog));
const resultsCards = (report: QuizReport, words: QuizCatalog, labels: Pick<Catalog['labels'], 'policyVersion'>, s: SettingProfile) => resultsOf(quizResultsView(report, words.channel, labels.policyVersion, s, 'teams', []));
/** Every Action.Submit in a card, as sent (title, tooltip, data). */
const actionsOf = (node: unknown): Record<string, unknown>[] => {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  return [...(n.type === 'Action.Submit' ? [n] : []), ...Object.values(n).flatMap(actionsOf)];
};
/** What screen readers say for each button: its tooltip, or its title. */
const tooltipsOf = (msg: Record<string, unknown>): string[] => actionsOf(msg).map((a) => String(a.tooltip ?? a.title));
const from = { id: '29:abc', name: 'Jo Bloggs', aadObjectId: 'aad-jo' };

describe('toInbound', () => {
  test('one conversation per tenant and person; the AAD object id is the user id', () => {
    const inbound = toInbound({ type: 'message', text: 'hello', from, recipient: bot, conversation: { id: 'a:1', tenantId: 't1' } as never });
    expect(inbound).toEqual({ channel: 'teams', workspace: 't1', conversationId: 'teams:t1:aad-jo', user: { id: 'aad-jo', name: 'Jo Bloggs' }, text: 'hello' });
  });

  test('removes SafeStep\'s @mention and keeps other names as plain text', () => {
    const inbound = toInbound(
      {
        type: 'message',
        text: '<at>SafeStep</at> <at>Sam Smith</at> sent a message &amp; a photo\nsecond line',
        entities: [{ type: 'mention', text: '<at>SafeStep</at>', mentioned: bot } as never],
        from,
        recipient: bot,
        conversation: { id: '19:x;messageid=1', conversationType: 'channel' } as never,
      },
    );
    expect(inbound.text).toBe('Sam Smith sent a message & a photo\nsecond line');
  });

  test('a card button gives the choice and the question it answers; other values are ignored', () => {
    const msg = (value: unknown) => toInbound({ type: 'message', value, from, recipient: bot, conversation: { id: 'a:1' } as never });
    expect(msg({ ss: 'choice', q: 'seen', choice: 'yes' })).toMatchObject({ choice: 'yes', questionId: 'seen' });
    for (const bad of [{ ss: 'choice', choice: 'yes' }, { ss: 'other', q: 'a', choice: 'b' }, { ss: 'choice', q: 'a', choice: 7 }, 'yes', null]) {
      const inbound = msg(bad);
      expect(inbound.choice).toBeUndefined();
      expect(inbound.questionId).toBeUndefined();
    }
  });

  test('attachments are files by name and type only; Teams\' HTML copy of a message is not a file unless it embeds media', () => {
    expect(filesOf([{ contentType: 'text/html', content: '<p>hello <at>SafeStep</at></p>' }])).toEqual([]);
    expect(filesOf([{ contentType: 'text/html', content: '<p><img src="https://x/y.png"></p>' }])).toEqual([{ name: 'embedded image', mimeType: 'image/*' }]);
    expect(filesOf([{ contentType: 'image/png', contentUrl: 'https://x/p.png', name: 'p.png' }, { contentType: 'application/pdf' }])).toEqual([
      { name: 'p.png', mimeType: 'image/png' },
      { name: 'attachment', mimeType: 'application/pdf' },
    ]);
  });

  test('DSL buttons are read only from well-formed values', () => {
    expect(dslActionOf({ ss: 'ack', ref: ' ss-2026-0001 ' })).toEqual({ kind: 'ack', reference: 'SS-2026-0001' });
    expect(dslActionOf({ ss: 'view', ref: 'SS-2026-0001' })).toEqual({ kind: 'view', reference: 'SS-2026-0001' });
    expect(dslActionOf({ ss: 'ack' })).toBeUndefined();
    expect(dslActionOf({ ss: 'choice', q: 'a', choice: 'b' })).toBeUndefined();
  });
});

describe('renderReplies', () => {
  const replies: Reply[] = [
    { type: 'danger', text: 'Call 999 now.' },
    { type: 'text', text: 'A parent or carer contacted me on a personal account.' },
    {
      type: 'advice',
      title: 'What to do',
      steps: [
        { text: 'Do not reply.', citations: [{ document: 'osp', section: '4.2', title: 'Contact', documentTitle: 'Online Safety Policy' }] },
        { text: 'Tell the DSL.', citations: [] },
      ],
    },
    { type: 'question', id: 'seen', text: 'Have you seen it?', choices: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] },
  ];

  test('one card for the turn, in order, with the plain text as fallback and summary', () => {
    const msg = renderReplies(replies, catalog.labels)[0] as Record<string, unknown>;
    const card = cardOf(msg);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const fallback = replies.map(replyToText).join('\n\n');
    expect(card.fallbackText).toBe(fallback);
    expect(msg.summary).toBe(fallback);
    expect(renderReplies(replies, catalog.labels)).toHaveLength(1);
    expect(textsOf(msg)).toEqual([
      '🚨 Call 999 now.',
      'A parent or carer contacted me on a personal account.',
      'What to do',
      '1. Do not reply.',
      'Online Safety Policy §4.2 (Contact)',
      '2. Tell the DSL.',
      'Have you seen it?',
    ]);
    expect((card.body as { items: { style?: string }[] }[])[0]!.items[0]!.style).toBe('emphasis');
  });

  test('each choice is an Action.Submit whose data names the question and the choice', () => {
    expect(submitsOf(renderReplies(replies, catalog.labels)[0] as Record<string, unknown>)).toEqual([
      { title: 'Yes', data: { ss: 'choice', q: 'seen', choice: 'yes' } },
      { title: 'No', data: { ss: 'choice', q: 'seen', choice: 'no' } },
    ]);
  });

  test('long choice labels (which Teams cuts short on buttons) are listed in full, numbered, above short numbered buttons', () => {
    const label = 'Someone came across indecent or illegal images online by accident';
    const msg = renderReplies([{ type: 'question', id: 'choose-flow', text: 'Which is closest?', choices: [{ id: 'a', label }, { id: 'b', label: 'Other' }] }], catalog.labels)[0] as Record<string, unknown>;
    expect(textsOf(msg)).toEqual(['Which is closest?', `1. ${label}`, '2. Other']);
    expect(submitsOf(msg).map((s) => s.title)).toEqual(['1', '2']);
    expect(tooltipsOf(msg)).toEqual([label, 'Other']);
    expect(submitsOf(msg).map((s) => s.data)).toEqual([{ ss: 'choice', q: 'choose-flow', choice: 'a' }, { ss: 'choice', q: 'choose-flow', choice: 'b' }]);
  });

  test('a quiz question: options of up to 200 characters in full, short buttons answering the quiz prompt; the explanation shows its clause', () => {
    const long = (n: number) => `${'A long option about what to do with a phone in the classroom, '.repeat(3)}option ${n}.`.slice(-199);
    const question: Reply = { type: 'question', id: 'quiz:phones', text: 'Question 1 of 10: Where do you keep your phone?', choices: [1, 2, 3, 4].map((n) => ({ id: `phones:${'abcd'[n - 1]}`, label: long(n) })) };
    const msg = renderReplies([question], catalog.labels)[0] as Record<string, unknown>;
    expect(textsOf(msg)).toEqual([question.text, ...[1, 2, 3, 4].map((n) => `${n}. ${long(n)}`)]);
    expect(submitsOf(msg).map((s) => s.title)).toEqual(['1', '2', '3', '4']);
    expect(submitsOf(msg).map((s) => s.data)).toEqual(['a', 'b', 'c', 'd'].map((o) => ({ ss: 'choice', q: 'quiz:phones', choice: `phones:${o}` })));
    const cites = [{ document: 'osp', section: '4.2', title: 'Phones', documentTitle: 'Online Safety Policy' }];
    const explained = renderReplies([{ type: 'text', text: 'Right. Phones stay in the locker.', citations: cites }, { type: 'quiz-result', score: 9, total: 10, passed: true, text: 'You have 9 out of 10.' }], catalog.labels)[0] as Record<string, unknown>;
    expect(textsOf(explained)).toEqual(['Right. Phones stay in the locker.', 'Online Safety Policy §4.2 (Phones)', 'You have 9 out of 10.']);
  });

  test('a typed-answer prompt shows the catalogue\'s hint and its skip button', () => {
    const msg = renderReplies([{ type: 'question', id: 'record.when', text: 'When did it happen?', choices: [{ id: 'skip', label: 'Skip this one' }], freeText: true }], catalog.labels)[0] as Record<string, unknown>;
    expect(textsOf(msg)).toEqual(['When did it happen?', catalog.labels.typeAnswer]);
    expect(submitsOf(msg)).toEqual([{ title: 'Skip this one', data: { ss: 'choice', q: 'record.when', choice: 'skip' } }]);
  });

  test('a turn too big for one Teams message is split, and nothing of it is lost', () => {
    const account = [1, 2, 3, 4, 5].map((n) => `${'x'.repeat(3990)} part ${n}`).join('\n');
    const failed: Reply[] = [{ type: 'text', text: `I could NOT save your report.\n${account}` }, { type: 'question', id: 'next', text: 'What next?', choices: [{ id: 'a', label: 'A' }] }];
    const messages = renderReplies(failed, catalog.labels);
    expect(messages.length).toBeGreaterThan(2);
    for (const m of messages) expect(teamsSize(m)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
    const shown = messages.flatMap((m) => textsOf(m as Record<string, unknown>)).join('\n');
    for (const n of [1, 2, 3, 4, 5]) expect(shown).toContain(`part ${n}`);
    expect(submitsOf(messages.at(-1) as Record<string, unknown>)).toEqual([{ title: 'A', data: { ss: 'choice', q: 'next', choice: 'a' } }]);
    expect(String(messages[0]!.summary).length).toBeLessThanOrEqual(250);
  });

  test('nothing to say, no message', () => {
    expect(renderReplies([], catalog.labels)).toEqual([]);
  });
});

describe('the DSL\'s notification card', () => {
  const report: FiledReport = { ...makeDraft({ urgency: 'immediate', account: [{ prompt: 'What did you see?', text: 'SECRET ACCOUNT TEXT' }] }), reference: 'SS-2026-0007' };

  test('marks an IMMEDIATE report, shows the answers and never the typed account', () => {
    const card = notificationCard(report, alpha, catalog, 'report-filed') as Record<string, unknown>;
    const texts = textsOf(card);
    expect(texts[0]).toBe(`🚨 ${render(catalog.dsl.immediate, alpha)}`);
    // Set apart by an emphasis container and bold default-colour text: readable in every theme.
    expect((cardOf(card).body as { style?: string }[])[0]!.style).toBe('emphasis');
    expect(JSON.stringify(card)).not.toContain('"color"');
    expect(JSON.stringify(card)).toContain('IMMEDIATE');
    expect(card.summary).toBe(`${render(catalog.dsl.immediate, alpha)} ${texts[1]}`);
    expect(texts).toContain('Have you seen the image? — No');
    expect(JSON.stringify(card)).not.toMatch(/SECRET ACCOUNT TEXT|going round/);
    expect(submitsOf(card).map((s) => [s.title, s.data])).toEqual([
      [catalog.labels.acknowledge, { ss: 'ack', ref: 'SS-2026-0007' }],
      [catalog.labels.viewReport, { ss: 'view', ref: 'SS-2026-0007' }],
      ...CASE.map((c) => [c.label, { ss: c.ss, ref: 'SS-2026-0007' }]),
    ]);
  });

  test('every field name and button title comes from the catalogue\'s labels (rendered for the setting)', () => {
    const labels = { ...catalog.labels, reference: 'Ref at {{setting}}', acknowledge: 'Seen it', viewReport: 'Open it' };
    const card = notificationCard(report, alpha, { ...catalog, labels }, 'report-filed') as Record<string, unknown>;
    const facts = JSON.stringify(cardOf(card));
    expect(facts).toContain(`"title":"Ref at ${alpha.name}"`);
    expect(submitsOf(card).map((s) => s.title)).toEqual(['Seen it', 'Open it', ...CASE.map((c) => c.label)]);
  });

  test('a reminder uses the reminder wording', () => {
    const card = notificationCard(report, alpha, catalog, 'reminder') as Record<string, unknown>;
    expect(textsOf(card)).toContain(`⏰ ${render(catalog.dsl.reminder, alpha, { reference: 'SS-2026-0007' })}`);
  });
});

describe('the quiz\'s policy version, shortened for the DSL\'s card', () => {
  test('drops the review dates only, even when the dates hold brackets of their own', () => {
    const full = 'osp (approved undated (built on a 2020 template); review due at least annually (no date is given)); mst (approved 2025-09-01; review due 2026-09-01); national-rules (UKCIS (March 2024); DfE (2022)); quiz bank shared v1, oak v2';
    expect(shortPolicyVersion(full)).toBe('osp (approved undated (built on a 2020 template)); mst (approved 2025-09-01); national-rules (UKCIS (March 2024); DfE (2022)); quiz bank shared v1, oak v2');
    expect(shortPolicyVersion('something else')).toBe('something else');
  });
});

describe('the DSL\'s quiz results', () => {
  const words = YAML.parse(fs.readFileSync(path.resolve(__dirname, '../../content/quiz/messages.yaml'), 'utf8')) as QuizCatalog;
  const passed = (n: number): QuizReport['passed'][number] => ({
    settingId: 's', userId: `u${n}`, name: `Person ${String(n).padStart(3, '0')}`, startedAt: '2026-11-20T09:00:00Z', passedAt: '2026-11-20T09:30:00Z',
    score: 9, total: 10, percent: 90, attested: n % 2 === 0, ...(n % 2 === 0 ? { attestedAt: '2026-11-21T09:00:00Z' } : {}), policyVersion: 'osp (approved 2025-09-01; review due 2026-09-01); quiz bank shared v1, s v1',
  });

  test('nobody yet says so', () => {
    const cards = resultsCards({ generatedAt: '', passed: [], notPassed: [], mostMissed: [] }, words, catalog.labels, alpha);
    expect(cards.map((c) => textsOf(c as Record<string, unknown>))).toEqual([[words.channel.reportHeading, alpha.name, words.channel.nobodyYet]]);
  });

  test('a large staff is split into cards Teams accepts, everyone listed once, by name, and nothing on the lock screen', () => {
    const report: QuizReport = { generatedAt: '', passed: Array.from({ length: 150 }, (_, i) => passed(i)), notPassed: [], mostMissed: [] };
    const cards = resultsCards(report, words, catalog.labels, alpha);
    expect(cards.length).toBeGreaterThan(1);
    for (const c of cards) {
      expect(teamsSize(c)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      expect(String(c.summary)).toMatch(new RegExp(`^${words.channel.reportHeading}`));
    }
    const names = cards.flatMap((c) => textsOf(c as Record<string, unknown>)).filter((t) => t.startsWith('Person '));
    expect(names).toEqual(report.passed.map((p) => p.name));
    const first = textsOf(cards[0] as Record<string, unknown>);
    const passedLine = render(words.channel.passedLine, alpha, { date: '20 Nov 2026', score: '9', total: '10', percent: '90' });
    expect(first.slice(3, 6)).toEqual(['Person 000', `${passedLine} ${render(words.channel.attestedLine, alpha, { date: '21 Nov 2026' })}`, `${catalog.labels.policyVersion}: osp (approved 2025-09-01); quiz bank shared v1, s v1`]);
    expect(first.slice(6, 8)).toEqual(['Person 001', `⏳ ${passedLine} ${render(words.channel.notAttestedLine, alpha)}`]);
  });
});

describe('the full report for a DSL', () => {
  test('a short report is one card with the first message, answers and account', () => {
    const cards = fullReportCards({ ...makeDraft(), reference: 'SS-2026-0001' }, catalog.labels);
    expect(cards).toHaveLength(1);
    const texts = textsOf(cards[0] as Record<string, unknown>);
    expect(texts).toEqual(expect.arrayContaining(['A pupil told me a photo of them is going round.', 'Have you seen the image?', 'No', '"It is everywhere."']));
    expect(submitsOf(cards[0] as Record<string, unknown>).map((s) => [s.title, s.data])).toEqual([
      [catalog.labels.acknowledge, { ss: 'ack', ref: 'SS-2026-0001' }],
      ...CASE.map((c) => [c.label, { ss: c.ss, ref: 'SS-2026-0001' }]),
      [catalog.desk.audit, { ss: 'audit', ref: 'SS-2026-0001' }],
      [catalog.desk.exportCpoms, { ss: 'export', ref: 'SS-2026-0001' }],
    ]);
    for (const label of [catalog.labels.firstMessage, catalog.labels.answers, catalog.labels.account, catalog.labels.filed, catalog.labels.reporter]) expect(JSON.stringify(cards[0])).toContain(label);
  });

  test('an acknowledged, danger-flagged report says so; empty sections are left out', () => {
    const r: FiledReport = { ...makeDraft({ firstMessage: '', dangerFlagged: true, advice: [] }), reference: 'SS-2026-0002', acknowledgedAt: '2026-11-21T10:00:00.000Z', acknowledgedBy: 'teams:aad-dsl' };
    const texts = textsOf(fullReportCards(r, catalog.labels)[0] as Record<string, unknown>);
    expect(texts[1]).toBe(`🚨 ${catalog.labels.danger}`);
    expect(texts).not.toContain(catalog.labels.firstMessage);
    expect(texts).not.toContain(catalog.labels.advice);
    expect(JSON.stringify(fullReportCards(r, catalog.labels))).toContain(`"title":"${catalog.labels.acknowledged}","value":"${render(catalog.dsl.acknowledged, alpha, { who: 'aad-dsl', when: '21 Nov 2026, 10:00 GMT' })}"`);
    expect(submitsOf(fullReportCards(r, catalog.labels)[0] as Record<string, unknown>).map((s) => s.data.ss)).toEqual(['note', 'action', 'outcome', 'correct', 'audit', 'export']);
  });

  test('a long report is split into cards Teams accepts, keeping every answer whole and in order', () => {
    const long = (n: number) => `${'word '.repeat(790)}end of answer ${n}`;
    const report: FiledReport = { ...makeDraft({ account: [1, 2, 3, 4, 5, 6].map((n) => ({ prompt: `Prompt ${n}?`, text: long(n) })) }), reference: 'SS-2026-0042' };
    const cards = fullReportCards(report, catalog.labels);
    expect(cards.length).toBeGreaterThan(1);
    for (const c of cards) {
      expect(teamsSize(c)).toBeLessThan(TEAMS_MESSAGE_LIMIT);
      expect(c.summary).toMatch(/^SS-2026-0042/); // the notification names the reference only
    }
    const texts = cards.flatMap((c) => textsOf(c as Record<string, unknown>));
    expect(texts.filter((t) => t.startsWith('word ')).map((t) => t.slice(-15))).toEqual([1, 2, 3, 4, 5, 6].map((n) => `end of answer ${n}`));
  });
});
