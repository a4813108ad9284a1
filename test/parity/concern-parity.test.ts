/**
 * The concern route, the profile answers, the declinable offer to log and the follow-up notice
 * are decided once in the core; the console, Slack and Teams each show every word and every
 * citation of them, and the same choices.
 */
import { renderReplies as slackReplies } from '../../src/channels/slack/render-blocks';
import { renderReplies as teamsReplies } from '../../src/channels/teams/render-cards';
import { citationLine, replyToText, type Reply } from '../../src/core/host';
import { buttonsIn, textOf } from '../slack/fake-slack-api';
import { submitsOf, textsOf } from '../teams/teams-client';
import { talk } from '../support/real-engine';

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const flat = (s: string) => s.replace(/[*_`>]/g, '').replace(/\s+/g, ' ');

/** Every piece of text a reply must show in any channel: texts, step texts, citations, choice labels. */
function mustShow(r: Reply): string[] {
  switch (r.type) {
    case 'advice':
      return [r.title, ...r.steps.flatMap((s) => [s.text, citationLine(s)])];
    case 'question':
      return [r.text];
    default:
      return 'text' in r ? [r.text] : [];
  }
}

function shown(replies: Reply[]) {
  const slack = slackReplies(replies, { typeAnswer: 'Type' });
  const teams = teamsReplies(replies, { typeAnswer: 'Type' });
  return {
    console: flat(replies.map(replyToText).join('\n')),
    slack: flat(unescape(slack.map((m) => textOf(m.blocks)).join('\n'))),
    teams: flat(teams.flatMap((m) => textsOf(m as never)).join('\n')),
    slackButtons: slack.flatMap((m) => buttonsIn(m.blocks).map((b) => b.text)),
    teamsButtons: teams.flatMap((m) => submitsOf(m as never).map((s) => s.title)),
  };
}

const turns: [string, string, (string | { choice: string })[]][] = [
  ['the profile answer (Upton: silent deputies and out of hours)', 'upton-junior', ['who is our DSL?']],
  ['the profile answer (East Stour: deputies named)', 'east-stour-primary', ['when was the policy last reviewed?']],
  ['the concern route advice (FGM disclosure)', 'headcorn-primary', [{ choice: 'safeguarding-concern' }, { choice: 'disclosure' }, { choice: 'fgm-yes' }]],
  ['the offer to log after a rule', 'rainbow-preschool', ['can Y6 bring phones if they walk home?', { choice: 'brought' }]],
  ['the follow-up notice', 'east-stour-primary', ['can Y6 bring phones if they walk home?', { choice: 'brought' }, { choice: 'log-no' }, 'what about on a trip?']],
];

describe.each(turns)('%s', (_name, setting, inputs) => {
  const replies = talk(setting, inputs).last;

  test('the console, Slack and Teams show every text and citation the core decided', () => {
    expect(replies.length).toBeGreaterThan(0);
    const out = shown(replies);
    for (const piece of replies.flatMap(mustShow).map(flat)) {
      expect(out.console).toContain(piece);
      expect(out.slack).toContain(piece);
      expect(out.teams).toContain(piece);
    }
  });

  test('the same choices in every channel', () => {
    const labels = replies.flatMap((r) => (r.type === 'question' ? r.choices.map((c) => c.label) : []));
    const out = shown(replies);
    for (const l of labels) {
      expect(out.console).toContain(flat(l));
      // Slack numbers the buttons and lists the labels beside them.
      expect(out.slack).toContain(flat(l));
      expect(out.slackButtons.length).toBe(labels.length);
      // Teams lists long labels above numbered buttons, short ones on the buttons.
      expect(out.teams.includes(flat(l)) || out.teamsButtons.includes(l)).toBe(true);
      expect(out.teamsButtons.length).toBe(labels.length);
    }
  });
});
