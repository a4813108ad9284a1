/**
 * Isolation, with real processes: a content root with one broken profile (a schema error) and one
 * unfinished one (no rules yet). `safestep validate` exits non-zero naming both, with file, line
 * and fix; SafeStep (`node dist/src/main.js`, Slack over HTTP on loopback against a fake Web API)
 * still starts, reports both on stderr, serves Upton's staff as usual, and tells the people the
 * deployment places in the broken setting that SafeStep is not set up for them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeSlackApi, buttonsIn, textOf } from '../slack/fake-slack-api';
import { DSL, DSL_CHANNEL, OTHER, SECRET, STAFF, TEAM, dmOf, slackClient } from '../slack/harness';
import { ROOT, runCli } from '../support/cli-process';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { copyContent } from '../support/silent-settings';

const BROKEN = 'content/settings/broken-hill.yaml';
const UNFINISHED = 'content/settings/half-done.yaml';
const BROKEN_PERSON = 'U0BROKEN1';

let copy: ReturnType<typeof copyContent>;
let dataDir: string;
let fake: FakeSlackApi;
let server: ServerProcess | undefined;

beforeAll(async () => {
  copy = copyContent();
  // A schema error: "kind" is not one of the kinds, and most keys are still missing.
  fs.writeFileSync(path.join(copy.root, BROKEN), 'id: broken-hill\nname: Broken Hill Primary\nkind: secondary\nchildTerm: pupil\n');
  // Unfinished: everything but its rules (the upton profile, renamed, with rules: {}).
  const upton = fs.readFileSync(path.join(copy.root, 'content/settings/upton-junior.yaml'), 'utf8');
  fs.writeFileSync(path.join(copy.root, UNFINISHED), `${upton.slice(0, upton.indexOf('\nrules:')).replace('id: upton-junior', 'id: half-done').replace(/^name: .*$/m, 'name: Half Done Junior')}\nrules: {}\n`);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-isolation-'));
  const deployment = path.join(dataDir, 'deployment.yaml');
  fs.writeFileSync(deployment, `settings:
  - id: upton-junior
    slack: { teamIds: [${TEAM}], userIds: [${STAFF}, ${DSL}], dslUsers: [${DSL}], dslChannel: ${DSL_CHANNEL} }
  - id: broken-hill
    slack: { teamIds: [${TEAM}], userIds: [${BROKEN_PERSON}], dslUsers: [${OTHER}] }
`);
  fake = new FakeSlackApi();
  await fake.start();
  fake.users.set(STAFF, { real_name: 'Jo Pike', title: 'TA' });
  server = await startServerProcess(ROOT, {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    SAFESTEP_DEPLOYMENT: deployment,
    SAFESTEP_CONTENT_DIR: copy.root,
    SAFESTEP_DATA_DIR: dataDir,
    SAFESTEP_LOG_LEVEL: 'silent',
    PORT: '0',
  });
}, 60_000);

afterAll(async () => {
  await server?.kill('SIGTERM');
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  copy.dispose();
});

test('validate exits non-zero and names both profiles, with file, line and what to fix', () => {
  const r = runCli(['validate'], { SAFESTEP_CONTENT_DIR: copy.root, SAFESTEP_TODAY: '2026-12-01' });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`${BROKEN}:3 \\[invalid-shape\\] .*kind.* Fix: `));
  expect(r.stderr).toMatch(new RegExp(`${UNFINISHED}:\\d+ \\[unknown-rule\\] .* Fix: Add rules\\.`));
  expect(r.stderr).toContain(`${BROKEN} (setting broken-hill) is not served until it is fixed`);
  expect(r.stderr).toContain(`${UNFINISHED} (setting half-done) is not served until it is fixed`);
  expect(r.stderr).not.toMatch(/upton-junior\.yaml.*not served/);
});

test('SafeStep starts anyway and says on stderr which settings it is not serving, and why', () => {
  const out = server!.output();
  expect(out).toContain('SafeStep is serving slack for upton-junior, broken-hill');
  expect(out).toContain(`${BROKEN}:3 [invalid-shape]`);
  expect(out).toContain(`${BROKEN} (setting broken-hill) is not served until it is fixed`);
  expect(out).toContain(`${UNFINISHED} (setting half-done) is not served until it is fixed`);
});

test("Upton's staff are served as usual", async () => {
  const client = slackClient(`http://127.0.0.1:${server!.port}/slack/events`, fake.url);
  const from = fake.calls.length;
  await client.dm(STAFF, 'hello');
  const reply = await fake.waitForPost(dmOf(STAFF), () => true, from);
  expect(textOf(reply.args.blocks)).toContain('Upton Junior School');
});

test('someone the deployment places in the broken setting is told SafeStep is not set up for them, and nothing starts', async () => {
  const client = slackClient(`http://127.0.0.1:${server!.port}/slack/events`, fake.url);
  const from = fake.calls.length;
  await client.dm(BROKEN_PERSON, 'found a nude pic on a pupils phone');
  const reply = await fake.waitForPost(dmOf(BROKEN_PERSON), () => true, from);
  expect(textOf(reply.args.blocks)).toContain('SafeStep is not set up for your school in this workspace');
  expect(buttonsIn(reply.args.blocks)).toEqual([]);
});

test('the terminal chat refuses the broken setting by name, and serves another', () => {
  const env = { SAFESTEP_CONTENT_DIR: copy.root, SAFESTEP_DATA_DIR: dataDir, SAFESTEP_LOG_LEVEL: 'silent' };
  const broken = runCli(['chat', '--json', '--setting', 'broken-hill'], env, '');
  expect(broken.status).toBe(2);
  expect(broken.stderr).toContain(`setting "broken-hill" is not available: ${BROKEN} has problems`);
  const upton = runCli(['chat', '--json', '--setting', 'upton-junior'], env, '{"text":"hello"}\n');
  expect(upton.status).toBe(0);
  expect(upton.stdout).toContain('Upton Junior School');
});
