/**
 * A DSL reading advice in Slack or in Teams sees, under each step, the policy's own words it
 * rests on (issue 13), the same in both: every quote, with its section, once.
 */
import { renderReplies as slackReplies } from '../../src/channels/slack/render-blocks';
import { renderReplies as teamsReplies } from '../../src/channels/teams/render-cards';
import { quoteLines, type Reply } from '../../src/core/host';
import { textOf } from '../slack/fake-slack-api';
import { textsOf } from '../teams/teams-client';

const advice: Reply = {
  type: 'advice',
  title: 'What to do now',
  steps: [
    {
      text: 'Keep the device switched off and locked away; do not look at it again.',
      citations: [
        { document: 'upton-2022', section: 'MST 6.1', title: 'Searching', quotes: ['Devices will be securely stored in the school office & handed to the DSL.'] },
        { document: 'upton-2018', section: '11.4', quotes: ['Devices will be securely stored in the school office & handed to the DSL.', 'Staff will not view <any> image.'] },
      ],
    },
    { text: 'Tell the DSL today.', citations: [{ document: 'national-rules', section: '4' }] },
  ],
};

test('every quote of every step is shown in Slack and in Teams, once each', () => {
  const quotes = advice.steps.flatMap((s) => quoteLines(s));
  expect(quotes).toEqual(['"Devices will be securely stored in the school office & handed to the DSL." (§MST 6.1)', '"Staff will not view <any> image." (§11.4)']);
  const slack = slackReplies([advice], { typeAnswer: 'Type' }).map((m) => textOf(m.blocks)).join('\n').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const teams = teamsReplies([advice], { typeAnswer: 'Type' } as never).flatMap((m) => textsOf(m as Record<string, unknown>)).join('\n');
  for (const q of quotes) {
    expect(slack.split(q)).toHaveLength(2);
    expect(teams.split(q)).toHaveLength(2);
  }
});
