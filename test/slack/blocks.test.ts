/**
 * The Slack adapter's pure parts: replies as Block Kit (within Slack's limits, typed text
 * escaped so it can never ping @channel), Slack events as Inbound (file names only), and the
 * DSL notification (only what the DSL needs to act).
 */
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import type { Reply } from '../../src/core/messages';
import { replyToText } from '../../src/core/plain-text';
import type { FiledReport } from '../../src/core/report';
import { noticeMessage, shortMessage } from '../../src/channels/slack/dsl-blocks';
import { labelsFor } from '../../src/core/desk/labels';
import { reportNotice } from '../../src/core/desk/notice';
import { reportView } from '../../src/core/desk/report-view';
import type { Catalog } from '../../src/core/catalog';
import type { Delivery } from '../../src/core/delivery';
import type { SettingProfile } from '../../src/core/model';
import { render } from '../../src/core/template';
import { chunkText, escapeText, readSlackText } from '../../src/channels/slack/mrkdwn';
import { choiceBlockId, markAnswered, questionIdOf, renderReplies, replyBlocks } from '../../src/channels/slack/render-blocks';
import { reportModal as modalOf } from '../../src/channels/slack/report-modal';
import { fileRefs, isStaffDirectMessage, messageInput } from '../../src/channels/slack/to-inbound';
import { makeDraft } from '../store/fixtures';
import { buttonsIn, textOf } from './fake-slack-api';

const content = loadContent(path.resolve(__dirname, '..', '..'));
const setting = content.settings.get('upton-junior')!;
/** The catalogue's labels as Slack shows them for Upton. */
const label = labelsFor(content.catalog, setting);
const texts = { typeAnswer: label.typeAnswer };
/** The core builds each view; Slack renders it. */
const notificationMessage = (r: FiledReport, s: SettingProfile, c: Catalog, purpose: 'report-filed' | 'reminder') => noticeMessage(reportNotice(r, s, c, purpose));
const reporterAckMessage = (r: FiledReport, s: SettingProfile, c: Catalog) => shortMessage(render(c.dsl.reporterAcknowledged, s, { reference: r.reference }));
const reportModal = (r: FiledReport, d: Delivery[], c: Catalog, s: SettingProfile) => modalOf(reportView(r, d, s, c));
const report = (o: Partial<FiledReport> = {}): FiledReport => ({
  ...makeDraft({ channel: 'slack', settingId: 'upton-junior', settingName: 'Upton Junior School', reporter: { id: 'U0TA0001', name: 'Jo Pike', role: 'TA' } }),
  reference: 'SS-2026-0042',
  ...o,
});

describe('replies as Block Kit', () => {
  test('typed text is escaped, so it can never become a mention, a ping or a link', () => {
    const [m] = renderReplies([{ type: 'text', text: 'hi <!channel> & <@U123> <https://x.test|click>' }], texts);
    expect(textOf(m!.blocks)).toBe('hi &lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://x.test|click&gt;');
    expect(m!.text).toBe(escapeText(replyToText({ type: 'text', text: 'hi <!channel> & <@U123> <https://x.test|click>' })));
  });

  test('every message carries the plain-text fallback of its replies', () => {
    const replies: Reply[] = [
      { type: 'danger', text: 'Call 999 now.' },
      { type: 'warning', text: 'Never send images.' },
      { type: 'question', id: 'q', text: 'Which?', choices: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] },
    ];
    const [m] = renderReplies(replies, texts);
    expect(m!.text).toBe(replies.map(replyToText).join('\n\n'));
  });

  test('danger and warnings are set apart from ordinary text', () => {
    const danger = textOf(replyBlocks({ type: 'danger', text: 'Call 999 now.\nThen tell the DSL.' }, texts));
    const warning = textOf(replyBlocks({ type: 'warning', text: 'Never send images.' }, texts));
    expect(danger).toBe(':rotating_light: *Call 999 now.*\n*Then tell the DSL.*');
    expect(warning).toBe(':warning: Never send images.');
    expect(replyBlocks({ type: 'danger', text: 'x' }, texts).some((b) => b.type === 'divider')).toBe(true);
  });

  test('question buttons: action_id ss_choice:<n>, value the choice id, the question id in the block id, at most 25 a block', () => {
    const choices = Array.from({ length: 30 }, (_, i) => ({ id: `flow-${i}`, label: `Situation ${i} `.repeat(5) }));
    const blocks = replyBlocks({ type: 'question', id: 'choose-flow', text: 'Which?', choices }, texts);
    const buttons = buttonsIn(blocks);
    expect(buttons.map((b) => b.value)).toEqual(choices.map((c) => c.id));
    expect(buttons.map((b) => b.action_id)).toEqual(choices.map((_, i) => `ss_choice:${i}`));
    expect(buttons.every((b) => b.text.length <= 75)).toBe(true);
    const actions = blocks.filter((b) => b.type === 'actions') as { elements: unknown[]; block_id: string }[];
    expect(actions.map((a) => a.elements.length)).toEqual([25, 5]);
    expect(actions.map((a) => questionIdOf(a.block_id))).toEqual(['choose-flow', 'choose-flow']);
  });

  test('a quiz question lists its long answers numbered, with short number buttons carrying the choice ids', () => {
    const long = (n: number) => `Option ${n}: ${'a careful, longer explanation of what to do '.repeat(4)}`.trim();
    const choices = [1, 2, 3, 4].map((n) => ({ id: `q-phones:${String.fromCharCode(96 + n)}`, label: long(n) }));
    const blocks = replyBlocks({ type: 'question', id: 'quiz:q-phones', text: 'Question 1 of 10: Where do phones go?', choices }, texts);
    const buttons = buttonsIn(blocks);
    expect(buttons.map((b) => [b.text, b.value])).toEqual(choices.map((c, i) => [String(i + 1), c.id]));
    expect(buttons.map((b) => questionIdOf(b.block_id))).toEqual(Array(4).fill('quiz:q-phones'));
    const shown = textOf(blocks);
    choices.forEach((c, i) => expect(shown).toContain(`*${i + 1}.* ${c.label}`));
    // Short answers of a quiz question are numbered too (the quiz says "pick by number"); its attestation is not.
    expect(buttonsIn(replyBlocks({ type: 'question', id: 'quiz:q2', text: 'Q?', choices: [{ id: 'q2:a', label: 'Yes' }] }, texts))[0]!.text).toBe('1');
    expect(buttonsIn(replyBlocks({ type: 'question', id: 'quiz:attest', text: 'Confirm?', choices: [{ id: 'attest:yes', label: 'I have read it' }] }, texts))[0]!.text).toBe('I have read it');
  });

  test('a quiz explanation shows its clause under it; the result is its text, the first line bold', () => {
    const explained = replyBlocks({ type: 'text', text: 'Right. Phones stay in the locker.', citations: [{ document: 'msp', section: '4.2', title: 'Staff phones', documentTitle: 'Mobile phone policy' }] }, texts);
    expect(explained.map((b) => b.type)).toEqual(['section', 'context']);
    expect(textOf(explained)).toContain('Mobile phone policy §4.2 (Staff phones)');
    const result = replyBlocks({ type: 'quiz-result', score: 9, total: 10, passed: true, text: 'You have 9 out of 10.\nWorth another look (1):\n- Where do phones go?' }, texts);
    expect(textOf(result)).toBe(':tada: *You have 9 out of 10.*\nWorth another look (1):\n- Where do phones go?');
  });

  test('a free-text prompt says to type the answer, and shows Skip only when it may be skipped', () => {
    const optional = replyBlocks({ type: 'question', id: 'record.when', text: 'When?', choices: [{ id: 'skip', label: 'Skip this one' }], freeText: true }, texts);
    expect(textOf(optional)).toContain(label.typeAnswer);
    expect(buttonsIn(optional).map((b) => [b.value, b.text])).toEqual([['skip', 'Skip this one']]);
    expect(buttonsIn(replyBlocks({ type: 'question', id: 'record.who', text: 'Who?', choices: [], freeText: true }, texts))).toEqual([]);
  });

  test('a long turn is split into messages of at most 50 blocks; the footnote goes last', () => {
    const steps = Array.from({ length: 40 }, (_, i) => ({ text: `Step ${i}`, citations: [{ document: 'doc', section: String(i) }] }));
    const messages = renderReplies([{ type: 'advice', title: 'What to do', steps }, { type: 'text', text: 'after' }], texts, 'Slack keeps messages.');
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(50);
      expect(m.text.length).toBeGreaterThan(0);
    }
    expect(textOf(messages[messages.length - 1]!.blocks)).toContain('Slack keeps messages.');
    expect(messages.flatMap((m) => m.blocks).filter((b) => b.type === 'context' && textOf([b]).includes('doc §'))).toHaveLength(40);
  });

  test('long texts are cut into sections of at most 3,000 characters without breaking an &amp;', () => {
    const text = escapeText(`${'word '.repeat(700)}& ${'<b> '.repeat(600)}`);
    const parts = chunkText(text);
    expect(parts.every((p) => p.length <= 3000)).toBe(true);
    expect(parts.every((p) => !/&[a-z]{0,3}$/.test(p))).toBe(true);
    expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  test('an answered question keeps its text and shows the answer instead of the buttons', () => {
    const blocks = replyBlocks({ type: 'question', id: 'q1', text: 'Where?', choices: [{ id: 'a', label: 'Here' }] }, texts);
    const marked = markAnswered(blocks, 'Here');
    expect(buttonsIn(marked)).toEqual([]);
    expect(textOf(marked)).toContain('*Where?*');
    expect(textOf(marked)).toContain('Here');
    expect(questionIdOf(choiceBlockId('record.own-words', 3))).toBe('record.own-words');
    expect(questionIdOf('ss_dsl')).toBeUndefined();
  });
});

describe('Slack events as Inbound', () => {
  test('only people’s own DMs are read: not bots (SafeStep itself), edits, deletions or channels', () => {
    const dm = { type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text: 'hi' };
    expect(isStaffDirectMessage(dm)).toBe(true);
    expect(isStaffDirectMessage({ ...dm, subtype: 'file_share' })).toBe(true);
    expect(isStaffDirectMessage({ ...dm, bot_id: 'B1' })).toBe(false);
    expect(isStaffDirectMessage({ ...dm, subtype: 'message_changed' })).toBe(false);
    expect(isStaffDirectMessage({ ...dm, subtype: 'bot_message' })).toBe(false);
    expect(isStaffDirectMessage({ ...dm, channel_type: 'channel' })).toBe(false);
  });

  test('files become names and types only: never a URL, id or content', () => {
    const files = fileRefs([{ name: 'a.jpg', mimetype: 'image/jpeg', url_private: 'https://files.slack.com/x', id: 'F1' } as never]);
    expect(files).toEqual([{ name: 'a.jpg', mimeType: 'image/jpeg' }]);
  });

  test("Slack's markup is read back as typed; the bot's own mention is dropped", () => {
    expect(readSlackText('a &lt;b&gt; &amp; <@U1> <#C1|general> <https://x.test|site> <!here>')).toBe('a <b> & @U1 #general site (https://x.test) @here');
    expect(messageInput({ text: '<@U0BOT> a parent   added me' }, 'U0BOT')).toEqual({ text: 'a parent added me' });
    expect(messageInput({ text: '<@U0BOT>' }, 'U0BOT')).toEqual({});
  });
});

describe('the DSL notification', () => {
  test('shows reference, urgency, situation, setting, reporter and answers — never the account or first message', () => {
    const m = notificationMessage(report(), setting, content.catalog, 'report-filed');
    const shown = `${textOf(m.blocks)}\n${m.text}`;
    for (const s of ['SS-2026-0042', 'urgent', 'A nude or semi-nude image has been shared', 'Upton Junior School', 'Jo Pike (TA)', 'Have you seen the image?', 'No']) expect(shown).toContain(s);
    for (const s of ['It is everywhere', 'A pupil told me a photo', 'Do not view, copy']) expect(shown).not.toContain(s);
    for (const l of [label.reference, label.urgency, label.situation, label.setting, label.reporter, label.filed, label.answers]) expect(shown).toContain(`*${l}*`);
    expect(buttonsIn(m.blocks).map((b) => [b.action_id, b.value, b.text])).toEqual([
      ['ss_ack', 'SS-2026-0042', label.acknowledge],
      ['ss_view', 'SS-2026-0042', label.viewReport],
      ['ss_note', 'SS-2026-0042', content.catalog.desk.addNote],
      ['ss_action', 'SS-2026-0042', content.catalog.desk.assignAction],
      ['ss_outcome', 'SS-2026-0042', content.catalog.desk.recordOutcome],
      ['ss_correct', 'SS-2026-0042', content.catalog.desk.correct],
    ]);
  });

  test('marks an immediate report, and a reminder says so', () => {
    const m = notificationMessage(report({ urgency: 'immediate' }), setting, content.catalog, 'reminder');
    expect(m.text).toMatch(/^Reminder: immediate report SS-2026-0042 .* IMMEDIATE - a child may be at risk now/);
    expect(textOf(m.blocks)).toContain(':rotating_light:');
  });

  test('once acknowledged: who and when are shown and Acknowledge is gone', () => {
    const m = notificationMessage(report({ acknowledgedBy: 'slack:U0DSL001', acknowledgedAt: '2026-11-21T10:05:00.000Z' }), setting, content.catalog, 'report-filed');
    expect(textOf(m.blocks)).toContain('Acknowledged by <@U0DSL001> at <!date^');
    expect(buttonsIn(m.blocks).map((b) => b.action_id)).toEqual(['ss_view', 'ss_note', 'ss_action', 'ss_outcome', 'ss_correct']);
  });

  test('a reporter with no name is shown as their Slack mention; typed names are escaped', () => {
    expect(textOf(notificationMessage(report({ reporter: { id: 'U0TA0001' } }), setting, content.catalog, 'report-filed').blocks)).toContain('From <@U0TA0001>.');
    expect(textOf(notificationMessage(report({ reporter: { id: 'U0TA0001', name: '<!channel>' } }), setting, content.catalog, 'report-filed').blocks)).not.toContain('<!channel>');
  });

  test("the reporter's DM says the DSL has seen the report", () => {
    expect(reporterAckMessage(report(), setting, content.catalog).text).toBe('The DSL has seen your report SS-2026-0042. Thank you for raising it.');
  });

  test('the full-report modal escapes typed text and fits Slack’s 100 blocks', () => {
    const long = report({ account: Array.from({ length: 100 }, () => ({ prompt: 'What?', text: `<!channel> ${'x '.repeat(2000)}` })) });
    const view = reportModal(long, [], content.catalog, setting);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.blocks)).not.toContain('<!channel>');
    expect(textOf(view.blocks)).toContain('safestep reports show SS-2026-0042');
  });

  test('the full-report modal is labelled from the catalogue', () => {
    const view = reportModal(report({ dangerFlagged: true }), [], content.catalog, setting);
    const shown = textOf(view.blocks);
    for (const l of [label.reference, label.urgency, label.filed, label.setting, label.reporter, label.situation, label.category, label.acknowledged, label.deliveries, label.firstMessage, label.answers, label.account, label.advice, label.policyVersion, label.danger]) {
      expect(shown).toContain(l);
    }
    expect(view.close?.text).toBe(label.close);
    expect(view.title.text).toBe('SS-2026-0042');
  });
});
