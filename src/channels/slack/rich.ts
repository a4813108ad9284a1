/**
 * The core's rich text as Slack mrkdwn: plain parts escaped, a person by the name SafeStep knows, else
 * (a Slack id) as a mention Slack shows as their name, and times as Slack dates in the reader's own zone.
 */
import { renderRich, type Rich, type RichFormat } from '../../core/host';
import { escapeText, mentionOf, slackDate } from './mrkdwn';

export const SLACK_FORMAT: RichFormat = {
  text: escapeText,
  person: (p) => (p.name ? escapeText(p.name) : p.channel === 'slack' && /^[UW][A-Z0-9]+$/.test(p.id) ? mentionOf(p.id) : escapeText(p.id)),
  time: slackDate,
};

/** Rich text as mrkdwn. */
export function mrkdwn(rich: Rich): string {
  return renderRich(rich, SLACK_FORMAT);
}
