/**
 * Teams authentication and start-up: with an app id, requests without a valid Bot Framework
 * token get 401 and nothing is run; without an app id the channel starts only with
 * SAFESTEP_TEAMS_LOCAL=1; incomplete credentials are refused with a clear message; with
 * MicrosoftAppTenantId set, another tenant's activities are ignored.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { SafeStepError } from '../../src/core/errors';
import { createLogger } from '../../src/log';
import { serveChannels, type Serving } from '../../src/serve';
import { makeTempDir } from '../store/fixtures';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import { startFakeOpenId, type FakeOpenId } from './fake-openid';
import { TeamsClient, person } from './teams-client';

const ROOT = path.resolve(__dirname, '../..');
const APP_ID = '11111111-2222-3333-4444-555555555555';

const quiet = { host: '127.0.0.1', log: createLogger('silent'), stderr: new Writable({ write: (_c, _e, done) => done() }) };

let temp: ReturnType<typeof makeTempDir>;
let connector: FakeConnector;

const base = () => ({ SAFESTEP_SETTING: 'rainbow-preschool', SAFESTEP_DATA_DIR: temp.dir, PORT: '0', TEAMS_DSL_USERS: 'aad-dsl' });

beforeAll(async () => {
  temp = makeTempDir();
  connector = await startFakeConnector();
});

afterAll(async () => {
  await connector?.close();
  temp?.cleanup();
});

describe('with MicrosoftAppId set', () => {
  let serving: Serving;
  let client: TeamsClient;

  beforeAll(async () => {
    serving = await serveChannels(loadConfig({ ...base(), MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' }, ROOT), quiet);
    client = new TeamsClient(`http://127.0.0.1:${serving.port}/api/messages`, connector.url);
  });
  afterAll(async () => {
    await serving?.stop();
    jest.restoreAllMocks();
  });

  test('a request without a token gets 401 and nothing runs', async () => {
    const staff = person('aad-staff', 'Jo Bloggs');
    expect(await client.post(client.message(staff, { text: 'a parent sent me a friend request on facebook' }))).toBe(401);
    expect(await client.post(client.installPersonal(staff)[0]!)).toBe(401);
    expect(connector.sent).toEqual([]);
    expect(serving.app.stores.channelRefs.list('teams')).toEqual([]);
    expect(serving.app.stores.sessions.load('teams:tenant-rainbow:aad-staff')).toBeUndefined();
  });

  test('a request with a token that is not a valid Bot Framework token gets 401', async () => {
    // botbuilder reports the refusal on console.error; keep the test output quiet.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const staff = person('aad-staff', 'Jo Bloggs');
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"iss":"https://evil.example"}').toString('base64url')}.`;
    for (const authorization of ['Bearer not-a-token', `Bearer ${forged}`, 'Basic dXNlcjpwYXNz']) {
      expect(await client.post(client.message(staff, { text: 'hello' }), { authorization })).toBe(401);
    }
    expect(connector.sent).toEqual([]);
  });
});

describe('starting the Teams channel', () => {
  test('refuses to start without an app id or the local flag, saying what to set', async () => {
    const err = await serveChannels(loadConfig(base(), ROOT), quiet).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SafeStepError);
    expect(err).toMatchObject({ code: 'config_error' });
    expect((err as Error).message).toMatch(/MicrosoftAppId.*SAFESTEP_TEAMS_LOCAL=1/s);
  });

  test('refuses an app id without its password, and a single-tenant bot without its tenant', async () => {
    await expect(serveChannels(loadConfig({ ...base(), MicrosoftAppId: APP_ID }, ROOT), quiet)).rejects.toThrow(/MicrosoftAppPassword is not set/);
    await expect(
      serveChannels(loadConfig({ ...base(), MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant' }, ROOT), quiet),
    ).rejects.toThrow(/MicrosoftAppTenantId is required/);
  });

  test('SAFESTEP_TEAMS_LOCAL=1 is ignored once an app id is set (authentication stays on)', async () => {
    const serving = await serveChannels(loadConfig({ ...base(), MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', SAFESTEP_TEAMS_LOCAL: '1' }, ROOT), quiet);
    try {
      const client = new TeamsClient(`http://127.0.0.1:${serving.port}/api/messages`, connector.url);
      expect(await client.post(client.message(person('aad-x', 'X'), { text: 'hello' }))).toBe(401);
    } finally {
      await serving.stop();
    }
  });

  test('with MicrosoftAppTenantId set, activities from another tenant are ignored', async () => {
    const serving = await serveChannels(loadConfig({ ...base(), SAFESTEP_TEAMS_LOCAL: '1', MicrosoftAppTenantId: 'tenant-rainbow' }, ROOT), quiet);
    try {
      const client = new TeamsClient(`http://127.0.0.1:${serving.port}/api/messages`, connector.url);
      const outsider = client.message(person('aad-out', 'Outsider'), { text: 'a parent sent me a friend request on facebook' });
      const foreign = { ...outsider, conversation: { id: 'a:x', conversationType: 'personal', tenantId: 'tenant-other' }, channelData: { tenant: { id: 'tenant-other' } } };
      expect(await client.post(foreign)).toBe(200);
      expect(connector.sent).toEqual([]);
      expect(await client.post(client.message(person('aad-in', 'Insider'), { text: 'hello' }))).toBe(200);
      expect(connector.sent).toHaveLength(1);
    } finally {
      await serving.stop();
    }
  });

  test('a body that is not JSON is refused with 400', async () => {
    const serving = await serveChannels(loadConfig({ ...base(), SAFESTEP_TEAMS_LOCAL: '1' }, ROOT), quiet);
    try {
      const res = await fetch(`http://127.0.0.1:${serving.port}/api/messages`, { method: 'POST', body: 'not json' });
      expect(res.status).toBe(400);
    } finally {
      await serving.stop();
    }
  });
});

describe('tokens checked against the published signing keys', () => {
  let serving: Serving;
  let client: TeamsClient;
  let keys: FakeOpenId;
  const claims = () => ({ aud: APP_ID, serviceurl: connector.url });

  beforeAll(async () => {
    keys = await startFakeOpenId();
    const config = loadConfig({ ...base(), MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' }, ROOT);
    serving = await serveChannels({ ...config, teams: { ...config.teams!, openIdMetadataUrl: keys.metadataUrl } }, quiet);
    client = new TeamsClient(`http://127.0.0.1:${serving.port}/api/messages`, connector.url);
  });
  afterAll(async () => {
    await serving?.stop();
    await keys?.close();
    jest.restoreAllMocks();
  });

  test('a token signed with the published key is accepted (the keys really are checked)', async () => {
    const typing = { ...client.message(person('aad-typing', 'Typing'), {}), type: 'typing' };
    expect(await client.post(typing, { authorization: `Bearer ${keys.token(claims())}` })).toBe(200);
    expect(keys.requests).toEqual(['/openid-configuration', '/keys']);
  });

  test('a forged signature under a published key id gets 401, not 500, and nothing runs', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const staff = person('aad-forger', 'Forger');
    const forged = keys.forge(claims());
    const sentBefore = connector.sent.length;
    expect(await client.post(client.message(staff, { text: 'a parent sent me a friend request on facebook' }), { authorization: `Bearer ${forged}` })).toBe(401);
    expect(connector.sent).toHaveLength(sentBefore);
    expect(serving.app.stores.sessions.load(`teams:tenant-rainbow:${staff.aad}`)).toBeUndefined();
  });
});

test('signing keys that cannot be fetched are our fault: 500 with a logged code, never 200', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const keys = await startFakeOpenId();
  const token = keys.token({ aud: APP_ID, serviceurl: connector.url });
  await keys.close(); // nothing listens there now
  const lines: string[] = [];
  const log = createLogger('error', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));
  const config = loadConfig({ ...base(), MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' }, ROOT);
  const serving = await serveChannels({ ...config, teams: { ...config.teams!, openIdMetadataUrl: keys.metadataUrl } }, { ...quiet, log });
  try {
    const client = new TeamsClient(`http://127.0.0.1:${serving.port}/api/messages`, connector.url);
    expect(await client.post(client.message(person('aad-k', 'K'), { text: 'hello' }), { authorization: `Bearer ${token}` })).toBe(500);
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ event: 'teams_request_failed', status: 500, code: 'signing_keys_unavailable' }),
    );
  } finally {
    await serving.stop();
    jest.restoreAllMocks();
  }
});
