/**
 * The full report as a Slack modal, for DSLs only (the caller checks first): every field of
 * the stored report, the acknowledgement and how the DSL notifications went. Field names and
 * headings are the catalogue's labels; every text typed by staff is escaped. Pure.
 */
import type { types } from '@slack/bolt';
import type { Catalog } from '../../core/catalog';
import { deliverySummary, type Delivery } from '../../core/delivery';
import type { SettingProfile } from '../../core/model';
import type { FiledReport } from '../../core/report';
import { acknowledgedText } from './dsl-blocks';
import { labelsFor } from './labels';
import { clip, escapeText, mentionOf, slackDate } from './mrkdwn';
import { context, sections } from './render-blocks';

type KnownBlock = types.KnownBlock;

const MAX_BLOCKS = 100;
/** Shown for an empty list or a field with no value. */
const NONE = '—';

function heading(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, 150) } };
}

function listOr(items: string[]): string {
  return items.length > 0 ? items.join('\n') : NONE;
}

/** The modal showing report `r` in full, labelled from the catalogue for `setting`. */
export function reportModal(r: FiledReport, deliveries: readonly Delivery[], catalog: Catalog, setting: SettingProfile): types.ModalView {
  const e = escapeText;
  const label = labelsFor(catalog, setting);
  const fact = (name: string, value: string) => `*${e(name)}:* ${value}`;
  const who = r.reporter.name ? e(r.reporter.name) : mentionOf(r.reporter.id);
  const facts = [
    fact(label.reference, e(r.reference)),
    fact(label.urgency, `${r.urgency === 'immediate' ? `*${e(r.urgency.toUpperCase())}*` : e(r.urgency)}${r.dangerFlagged ? ` · :rotating_light: ${e(label.danger)}` : ''}`),
    fact(label.filed, slackDate(r.createdAt)),
    fact(label.setting, e(r.settingName)),
    fact(label.reporter, `${who}${r.reporter.role ? ` (${e(r.reporter.role)})` : ''} · ${e(r.channel)}`),
    fact(label.situation, e(r.flowTitle)),
    fact(label.category, e(r.category)),
    fact(label.acknowledged, acknowledgedText(r, setting, catalog) ?? NONE),
    fact(label.deliveries, e(deliverySummary(deliveries))),
  ];
  const advice = r.advice.flatMap((block) => [
    `*${e(block.title)}*`,
    ...block.steps.map((s, i) => {
      const cites = s.citations.map((c) => `${c.document} §${c.section}`).join('; ');
      return `${i + 1}. ${e(s.text)}${cites ? `\n      _${e(cites)}_` : ''}`;
    }),
  ]);
  const blocks: KnownBlock[] = [
    ...sections(facts.join('\n')),
    { type: 'divider' },
    heading(label.firstMessage),
    ...sections(e(r.firstMessage) || NONE),
    heading(label.answers),
    ...sections(listOr(r.answers.map((a) => `• ${e(a.question)}\n      → *${e(a.answer)}*`))),
    heading(label.account),
    ...sections(listOr(r.account.map((a) => `• *${e(a.prompt)}*\n${e(a.text)}`))),
    heading(label.advice),
    ...sections(listOr(advice)),
    context(`${e(label.policyVersion)}: ${e(r.policyVersion)}`),
  ];
  // Too long for one modal: the rest is in SafeStep, where the command shows it all.
  const shown =
    blocks.length <= MAX_BLOCKS ? blocks : [...blocks.slice(0, MAX_BLOCKS - 1), context(`:scissors: \`safestep reports show ${e(r.reference)}\``)];
  return {
    type: 'modal',
    callback_id: 'ss_report',
    title: { type: 'plain_text', text: clip(r.reference, 24) },
    close: { type: 'plain_text', text: clip(label.close, 24) },
    blocks: shown,
  };
}
