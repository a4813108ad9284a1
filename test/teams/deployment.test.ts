/**
 * Two settings in two Microsoft 365 tenants, served by one SafeStep over the real CloudAdapter on
 * loopback: each person is in their own tenant's setting; a DSL of one setting is told there is no
 * such report when pressing View on another's; a tenant the deployment does not list gets nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { serveChannels, type Serving } from '../../src/serve';
import { makeDraft, makeTempDir } from '../store/fixtures';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import { TENANT, TeamsClient, person, personalChat, textsOf } from './teams-client';

const ROOT = path.resolve(__dirname, '../..');
const OTHER_TENANT = 'tenant-headcorn';
const rainbowDsl = person('aad-rainbow-dsl', 'Sandra Burgess');
const headcornDsl = person('aad-headcorn-dsl', 'Hana Head');
const headcornStaff = person('aad-headcorn-ta', 'Hal Teaching');
const stranger = person('aad-stranger', 'Sam Stranger');

let temp: ReturnType<typeof makeTempDir>;
let connector: FakeConnector;
let serving: Serving;
let client: TeamsClient;

/** An activity as Teams sends it from another tenant. */
const inTenant = (activity: Record<string, unknown>, tenant: string): Record<string, unknown> => ({
  ...activity,
  conversation: { ...(activity.conversation as Record<string, unknown>), tenantId: tenant },
  channelData: { tenant: { id: tenant } },
});

beforeAll(async () => {
  temp = makeTempDir();
  connector = await startFakeConnector();
  const file = path.join(temp.dir, 'deployment.yaml');
  fs.writeFileSync(
    file,
    `settings:
  - id: rainbow-preschool
    teams: { tenantIds: [${TENANT}], dslUsers: [${rainbowDsl.aad}] }
  - id: headcorn-primary
    teams: { tenantIds: [${OTHER_TENANT}], dslUsers: [${headcornDsl.aad}] }
`,
  );
  const env = { SAFESTEP_TEAMS_LOCAL: '1', SAFESTEP_DEPLOYMENT: file, SAFESTEP_DATA_DIR: temp.dir, PORT: '0' };
  serving = await serveChannels(loadConfig(env, ROOT), { host: '127.0.0.1', log: createLogger('silent'), stderr: { write: () => true } });
  client = new TeamsClient(`http://127.0.0.1:${serving.port}/api/messages`, connector.url);
});
afterAll(async () => {
  await serving?.stop();
  await connector?.close();
  temp?.cleanup();
});

test("each person talks to their own tenant's setting", async () => {
  expect(await client.post(inTenant(client.message(headcornStaff, { text: 'hello' }), OTHER_TENANT))).toBe(200);
  const texts = textsOf(connector.to(personalChat(headcornStaff)).at(-1)!.activity).join('\n');
  expect(texts).toContain('Headcorn');
  expect(texts).not.toContain('Rainbow');
});

test("a DSL of one setting pressing View on another setting's report is told there is no such report", async () => {
  const report = serving.app.stores.reports.file(makeDraft({ channel: 'teams', settingId: 'rainbow-preschool', settingName: 'Rainbow Pre-School' }));
  const view = { ss: 'view', ref: report.reference };
  await client.post(inTenant(client.message(headcornDsl, { value: view }), OTHER_TENANT));
  expect(textsOf(connector.to(personalChat(headcornDsl)).at(-1)!.activity)).toEqual([`There is no report ${report.reference} in SafeStep.`]);
  await client.post(client.message(rainbowDsl, { value: view }));
  expect(textsOf(connector.to(personalChat(rainbowDsl)).at(-1)!.activity).join('\n')).toContain(report.firstMessage);
});

test('a tenant the deployment does not list gets nothing at all', async () => {
  const before = connector.sent.length;
  expect(await client.post(inTenant(client.message(stranger, { text: 'found a nude pic on a phone' }), 'tenant-elsewhere'))).toBe(200);
  expect(connector.sent.length).toBe(before);
  expect(serving.app.stores.sessions.load(`teams:tenant-elsewhere:${stranger.aad}`)).toBeUndefined();
});
