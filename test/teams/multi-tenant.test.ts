/**
 * One SafeStep bot registration for many Microsoft 365 tenants (MicrosoftAppType=MultiTenant, no
 * MicrosoftAppTenantId), with the tenant allow-list taken from the deployment file, over the real
 * CloudAdapter on loopback with tokens signed by a local stand-in for the Bot Framework's signing
 * keys: it starts without a tenant id; a properly signed activity from each listed tenant is
 * taken up in that tenant's setting; one from a tenant the deployment does not list is ignored;
 * an unsigned one gets 401.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { serveChannels, type Serving } from '../../src/serve';
import { makeTempDir } from '../store/fixtures';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import { startFakeOpenId, type FakeOpenId } from './fake-openid';
import { TENANT, TeamsClient, person } from './teams-client';

const ROOT = path.resolve(__dirname, '../..');
const APP_ID = '99999999-8888-7777-6666-555555555555';
const OTHER_TENANT = 'tenant-headcorn';
const quiet = { host: '127.0.0.1', log: createLogger('silent'), stderr: new Writable({ write: (_c, _e, done) => done() }) };

let temp: ReturnType<typeof makeTempDir>;
let connector: FakeConnector;
let keys: FakeOpenId;
let serving: Serving;
let client: TeamsClient;

const inTenant = (activity: Record<string, unknown>, tenant: string): Record<string, unknown> => ({
  ...activity,
  conversation: { ...(activity.conversation as Record<string, unknown>), tenantId: tenant },
  channelData: { tenant: { id: tenant } },
});
const signed = () => ({ authorization: `Bearer ${keys.token({ aud: APP_ID, serviceurl: connector.url })}` });

beforeAll(async () => {
  temp = makeTempDir();
  connector = await startFakeConnector();
  keys = await startFakeOpenId();
  const file = path.join(temp.dir, 'deployment.yaml');
  fs.writeFileSync(
    file,
    `settings:
  - id: rainbow-preschool
    teams: { tenantIds: [${TENANT}], dslUsers: [aad-rainbow-dsl] }
  - id: headcorn-primary
    teams: { tenantIds: [${OTHER_TENANT}], dslUsers: [aad-headcorn-dsl] }
`,
  );
  const config = loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant', SAFESTEP_DEPLOYMENT: file, SAFESTEP_DATA_DIR: temp.dir, PORT: '0' }, ROOT);
  expect(config.teams).toMatchObject({ appType: 'MultiTenant', tenantId: undefined, local: false });
  serving = await serveChannels({ ...config, teams: { ...config.teams!, openIdMetadataUrl: keys.metadataUrl } }, quiet);
  client = new TeamsClient(`http://127.0.0.1:${serving.port}/api/messages`, connector.url);
});
afterAll(async () => {
  await serving?.stop();
  await keys?.close();
  await connector?.close();
  temp?.cleanup();
  jest.restoreAllMocks();
});

test("a signed activity from each tenant the deployment lists is taken up in that tenant's setting", async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const rainbow = person('aad-rainbow-ta', 'Rita Rainbow');
  const headcorn = person('aad-headcorn-ta', 'Hal Head');
  expect(await client.post(client.message(rainbow, { text: 'a parent sent me a friend request on facebook' }), signed())).toBe(200);
  expect(await client.post(inTenant(client.message(headcorn, { text: 'a parent sent me a friend request on facebook' }), OTHER_TENANT), signed())).toBe(200);
  expect(serving.app.stores.sessions.load(`teams:${TENANT}:${rainbow.aad}`)?.settingId).toBe('rainbow-preschool');
  expect(serving.app.stores.sessions.load(`teams:${OTHER_TENANT}:${headcorn.aad}`)?.settingId).toBe('headcorn-primary');
});

test('a signed activity from a tenant the deployment does not list is ignored; an unsigned one gets 401', async () => {
  const stranger = person('aad-stranger', 'Sam Stranger');
  const sent = connector.sent.length;
  expect(await client.post(inTenant(client.message(stranger, { text: 'a parent sent me a friend request on facebook' }), 'tenant-elsewhere'), signed())).toBe(200);
  expect(serving.app.stores.sessions.load(`teams:tenant-elsewhere:${stranger.aad}`)).toBeUndefined();
  expect(await client.post(client.message(stranger, { text: 'hello' }))).toBe(401);
  expect(serving.app.stores.sessions.load(`teams:${TENANT}:${stranger.aad}`)).toBeUndefined();
  expect(connector.sent.length).toBe(sent);
});
