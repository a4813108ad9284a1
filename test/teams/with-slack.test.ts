/**
 * Slack and Teams in one process, on one port: a report filed from Teams reaches the DSLs on
 * both platforms through the one DSL notifier, and Slack's route keeps working beside Teams'.
 * Uses the Slack suite's harness (fake Slack Web API) with the Teams variables added.
 */
import { startHarness, DSL_CHANNEL as SLACK_DSL_CHANNEL, type Harness } from '../slack/harness';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import { TeamsClient, person, personalChat, submitsOf, walkToReport } from './teams-client';

let harness: Harness;
let connector: FakeConnector;
let client: TeamsClient;
let warning = '';

beforeAll(async () => {
  connector = await startFakeConnector();
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    warning += String(chunk);
    return true;
  });
  try {
    harness = await startHarness({ SAFESTEP_TEAMS_LOCAL: '1', TEAMS_DSL_USERS: 'aad-dsl' });
  } finally {
    write.mockRestore();
  }
  client = new TeamsClient(`http://127.0.0.1:${harness.port}/api/messages`, connector.url);
});

afterAll(async () => {
  await harness?.close();
  await connector?.close();
});

test('one process serves both; a report filed in Teams reaches the DSLs in Slack and in Teams', async () => {
  expect(harness.serving.channels.map((c) => c.name)).toEqual(['slack', 'teams']);
  expect(warning).toContain('Teams authentication is OFF');

  const dsl = person('aad-dsl', 'Teams DSL');
  for (const a of client.installPersonal(dsl)) expect(await client.post(a)).toBe(200);
  await walkToReport(client, connector, person('aad-staff', 'Jo Bloggs'), 'a parent sent me a friend request on facebook', 'Mrs Example asked to be friends');
  await harness.serving.app.notifier.drain();

  const report = harness.serving.app.stores.reports.list()[0]!;
  expect(report.channel).toBe('teams');
  const slackPost = harness.fake.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === SLACK_DSL_CHANNEL);
  expect(JSON.stringify(slackPost?.args)).toContain(report.reference);
  expect(submitsOf(connector.to(personalChat(dsl)).at(-1)!.activity).map((s) => s.data.ref)).toContain(report.reference);
  const byChannel = harness.serving.app.stores.deliveries.forReport(report.reference).map((d) => `${d.channel}:${d.status}`);
  expect(byChannel).toEqual(expect.arrayContaining(['slack:sent', 'teams:sent']));

  // Slack's own route still answers beside Teams' (an unsigned request is refused, not 404).
  const res = await fetch(`http://127.0.0.1:${harness.port}/slack/events`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(401);
});
