/**
 * Slack and Teams render the same decisions: one report's DSL notice (new and as a reminder) and
 * its full view, built once by the core, show the same facts, banners, answers and buttons in
 * both channels. A fact the core adds appears in both, or this test fails.
 */
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import { noticeMessage } from '../../src/channels/slack/dsl-blocks';
import { reportModal } from '../../src/channels/slack/report-modal';
import { fullReportCards, noticeCard } from '../../src/channels/teams/dsl-cards';
import { reportNotice } from '../../src/core/desk/notice';
import { reportView } from '../../src/core/desk/report-view';
import { formatWhen, type Rich } from '../../src/core/host';
import type { FiledReport } from '../../src/core/report';
import { makeDraft } from '../store/fixtures';
import { buttonsIn, textOf } from '../slack/fake-slack-api';
import { cardOf, submitsOf } from '../teams/teams-client';
import { auditModal, caseModal, exportModal } from '../../src/channels/slack/case-modal';
import { auditCards, caseCard, exportCards } from '../../src/channels/teams/case-cards';
import { auditView } from '../../src/core/desk/audit-view';
import { caseForm } from '../../src/core/desk/forms';
import type { CaseEntry } from '../../src/core/case/model';
import { digestMessage } from '../../src/channels/slack/digest-blocks';
import { digestCard } from '../../src/channels/teams/digest-card';
import { digestView } from '../../src/core/desk/digest';

const content = loadContent(path.resolve(__dirname, '..', '..'));
const setting = content.settings.get('upton-junior')!;

const report: FiledReport = {
  ...makeDraft({
    channel: 'slack',
    settingId: setting.id,
    settingName: setting.name,
    urgency: 'immediate',
    dangerFlagged: true,
    reporter: { id: 'U0TA0001', name: 'Jo <Pike> & Co', role: 'TA' },
    answers: [{ question: 'Has it been shared?', answer: "Yes & it's <everywhere>" }],
  }),
  reference: 'SS-2026-0042',
  acknowledgedAt: '2026-11-21T10:00:00.000Z',
  acknowledgedBy: 'slack:U0DSL001',
};

/** What a rich text must show in any channel: its plain parts, named people, and times. */
function pieces(rich: Rich): { texts: string[]; times: string[] } {
  const texts: string[] = [];
  const times: string[] = [];
  for (const p of rich) {
    if (typeof p === 'string') texts.push(...p.split(/\s{2,}|\n/).map((t) => t.trim()).filter((t) => t.length > 1));
    else if ('person' in p) texts.push(p.person.name ?? p.person.id);
    else times.push(p.time);
  }
  return { texts, times };
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const slackShows = (text: string, shown: string) => unescape(shown).includes(text);
const slackShowsTime = (iso: string, shown: string) => shown.includes(`<!date^${Math.floor(Date.parse(iso) / 1000)}^`);
const teamsShows = (text: string, card: unknown) => JSON.stringify(card).includes(JSON.stringify(text).slice(1, -1));
const teamsShowsTime = (iso: string, card: unknown) => teamsShows(formatWhen(iso), card);

/** Checks that both renderings show every piece; returns how many pieces were checked. */
function expectBoth(all: Rich[], slack: string, teams: unknown[]): number {
  let checked = 0;
  for (const rich of all) {
    const { texts, times } = pieces(rich);
    for (const t of texts) {
      expect({ piece: t, inSlack: slackShows(t, slack) }).toEqual({ piece: t, inSlack: true });
      expect({ piece: t, inTeams: teams.some((c) => teamsShows(t, c)) }).toEqual({ piece: t, inTeams: true });
      checked++;
    }
    for (const iso of times) {
      expect({ time: iso, inSlack: slackShowsTime(iso, slack) }).toEqual({ time: iso, inSlack: true });
      expect({ time: iso, inTeams: teams.some((c) => teamsShowsTime(iso, c)) }).toEqual({ time: iso, inTeams: true });
      checked++;
    }
  }
  return checked;
}

const slackButtons = (blocks: unknown) => buttonsIn(blocks).map((b) => [b.action_id === 'ss_ack' ? 'acknowledge' : b.action_id.replace(/^ss_/, ''), b.value, b.text]);
const teamsButtons = (cards: Record<string, unknown>[]) => cards.flatMap((c) => submitsOf(c)).map((s) => [s.data.ss === 'ack' ? 'acknowledge' : s.data.ss, s.data.ref, s.title]);
const CASE = ['note', 'action', 'outcome', 'correct'];

describe.each(['report-filed', 'reminder'] as const)('the DSL notice (%s)', (purpose) => {
  for (const acknowledged of [false, true]) {
    test(`shows the same facts, banners, answers and buttons in Slack and Teams${acknowledged ? ' once acknowledged' : ''}`, () => {
      const r = acknowledged ? report : { ...report, acknowledgedAt: undefined, acknowledgedBy: undefined };
      const notice = reportNotice(r, setting, content.catalog, purpose);
      const slack = noticeMessage(notice);
      const teams = noticeCard(notice) as Record<string, unknown>;
      const all: Rich[] = [
        ...notice.banners.map((b) => [b.text]),
        notice.headline,
        ...notice.facts.flatMap((f) => [[f.label], f.value]),
        [notice.answers.heading],
        ...notice.answers.items.flatMap((a) => [[a.question], [a.answer]]),
        ...(notice.acknowledged ? [notice.acknowledged] : []),
      ];
      expect(expectBoth(all, textOf(slack.blocks), [cardOf(teams)])).toBeGreaterThan(20);
      expect(slackButtons(slack.blocks)).toEqual(teamsButtons([teams]));
      expect(slackButtons(slack.blocks).map((b) => b[0])).toEqual(acknowledged ? ['view', ...CASE] : ['acknowledge', 'view', ...CASE]);
      // The danger signal and IMMEDIATE are in both, and in both lock-screen previews.
      expect(notice.facts.some((f) => f.label === content.catalog.labels.danger)).toBe(true);
      expect(unescape(slack.text)).toBe(notice.preview);
      expect(teams.summary).toBe(notice.preview);
      expect(notice.preview).toContain('IMMEDIATE');
    });
  }
});

test('the full report shows the same facts and sections in Slack and Teams', () => {
  const view = reportView(report, [], setting, content.catalog);
  const slack = reportModal(view);
  const teams = fullReportCards(view).map((c) => cardOf(c as Record<string, unknown>));
  const all: Rich[] = [
    [view.title.split(': ')[1]!],
    [view.danger!],
    ...view.facts.flatMap((f) => [[f.label], f.value]),
    ...view.sections.flatMap((s) => [[s.heading], ...s.items.flatMap((i) => [...(i.label ? [[i.label]] : []), [i.text.slice(0, 200)]])]),
  ];
  expect(expectBoth(all, textOf(slack.blocks), teams)).toBeGreaterThan(30);
});

describe('the DSL desk', () => {
  const entries: CaseEntry[] = [
    { id: 1, reference: report.reference, kind: 'acknowledged', by: 'slack:U0DSL001', at: '2026-11-21T10:00:00.000Z' },
    { id: 2, reference: report.reference, kind: 'note', by: 'slack:U0DSL001', byName: 'Camilla Claxton', at: '2026-11-21T11:00:00.000Z', text: 'Spoke to <mum> & dad' },
    { id: 3, reference: report.reference, kind: 'action', by: 'teams:aad-dsl', byName: 'Sandra Burgess', at: '2026-11-21T12:00:00.000Z', text: 'Ring the LADO', assignee: 'Mr Head', due: '2026-11-25' },
    { id: 4, reference: report.reference, kind: 'correction', by: 'slack:U0DSL001', byName: 'Camilla Claxton', at: '2026-11-21T13:00:00.000Z', text: 'It was Tuesday', corrects: 'entry:2' },
    { id: 5, reference: report.reference, kind: 'outcome', by: 'slack:U0DSL001', byName: 'Camilla Claxton', at: '2026-11-21T14:00:00.000Z', outcome: 'Early help', text: 'Family agreed' },
  ];

  test('the full report shows the same history and the same buttons in Slack and Teams', () => {
    const view = reportView(report, [], setting, content.catalog, undefined, entries);
    const slack = reportModal(view);
    const teams = fullReportCards(view).map((c) => c as Record<string, unknown>);
    const all: Rich[] = [[view.history.heading], ...view.history.entries.flatMap((h) => [[h.kind], [{ person: h.who }], [{ time: h.at }], ...h.facts.flatMap((f) => [[f.label], f.value]), ...(h.text ? [[h.text]] : [])])];
    expect(expectBoth(all, textOf(slack.blocks), teams.map(cardOf))).toBeGreaterThan(25);
    expect(slackButtons(slack.blocks)).toEqual(teamsButtons(teams));
    // Closed: no more actions or outcomes, but notes, corrections, the audit and the export remain.
    expect(slackButtons(slack.blocks).map((b) => b[0])).toEqual(['note', 'correct', 'audit', 'export']);
  });

  test.each(['note', 'action', 'outcome', 'correct'] as const)('the %s form has the same fields in Slack and Teams', (kind) => {
    const form = caseForm(kind, report.reference, setting, content.catalog.desk, entries);
    const modal = caseModal(form);
    const card = (caseCard(form).attachments![0]!.content as { body: Record<string, unknown>[] }).body.filter((e) => String(e.type).startsWith('Input.'));
    const slackFields = (modal.blocks as unknown as { block_id: string; type: string; optional?: boolean; label?: { text: string } }[]).filter((b) => b.type === 'input');
    expect(slackFields.map((b) => [b.block_id, b.label?.text, !b.optional])).toEqual(card.map((i) => [i.id, i.label, i.isRequired]));
    expect(slackFields.map((b) => b.block_id)).toEqual(form.fields.map((f) => f.id));
    if (kind === 'outcome') expect(form.fields[0]!.options!.map((o) => o.value)).toEqual(content.catalog.desk.defaultOutcomes);
  });

  test('the audit trail and the CPOMS export show the same in Slack and Teams', () => {
    const audit = auditView(report.reference, [{ id: 1, at: '2026-11-21T10:00:00.000Z', who: 'slack:U0DSL001', where: 'slack', what: 'view', reference: report.reference, result: 'ok' }], setting, content.catalog.desk);
    const slackAudit = textOf(auditModal(audit, 'Close').blocks);
    const teamsAudit = auditCards(audit).map((c) => cardOf(c as Record<string, unknown>));
    expect(expectBoth([[audit.title], ['view'], ['ok'], [{ time: '2026-11-21T10:00:00.000Z' }]], slackAudit, teamsAudit)).toBe(4);
    const exported = { reference: report.reference, title: 'For CPOMS', text: 'Line one\n\nThe child said "it\'s <fine>"' };
    const slackExport = unescape(textOf(exportModal(exported, 'Close').blocks));
    const teamsExport = JSON.stringify(exportCards(exported));
    for (const piece of ['Line one', 'The child said']) {
      expect(slackExport).toContain(piece);
      expect(teamsExport).toContain(piece);
    }
  });
});

test('the daily summary shows the same sections and reports in Slack and Teams', () => {
  const digest = digestView([report, { ...report, reference: 'SS-2026-0043', urgency: 'routine' }], () => [], new Date('2026-11-21T12:00:00Z'), '2026-11-21', setting, content.catalog.desk);
  const slack = unescape(textOf(digestMessage(digest).blocks));
  const teams = JSON.stringify(digestCard(digest));
  const pieces = [digest.title, ...digest.sections.flatMap((s) => [s.heading, ...(s.lines.length ? s.lines.map((l) => l.text) : [s.empty])])];
  for (const p of pieces) {
    expect({ p, inSlack: slack.includes(p) }).toEqual({ p, inSlack: true });
    expect({ p, inTeams: teams.includes(JSON.stringify(p).slice(1, -1)) }).toEqual({ p, inTeams: true });
  }
  expect(pieces.length).toBeGreaterThan(6);
});
