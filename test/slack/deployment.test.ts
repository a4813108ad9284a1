/**
 * Two settings of one trust sharing one Slack workspace, over real Bolt on loopback: each person
 * is in the setting the deployment file lists them in; a report goes to its own setting's DSLs
 * only; another setting's DSL cannot see or act on it; someone in no setting is told SafeStep is
 * not set up for them, and nothing is started.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buttonsIn, textOf, type ApiCall } from './fake-slack-api';
import { button, DEPUTY, deliveriesTried, DSL, DSL_CHANNEL, dmOf, OTHER, STAFF, TEAM, startHarness, type Harness } from './harness';
import { walkNudeImageFlow, type Walk } from './walk';

const HEADCORN_DSL = 'U0HDSL001';
const HEADCORN_CHANNEL = 'C0HEADDSL';
const STRANGER = 'U0STRANGE';

let h: Harness;
let walk: Walk;
let deployDir: string;

beforeAll(async () => {
  deployDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-trust-'));
  const file = path.join(deployDir, 'deployment.yaml');
  fs.writeFileSync(
    file,
    `settings:
  - id: upton-junior
    slack: { teamIds: [${TEAM}], userIds: [${STAFF}, ${DSL}, ${DEPUTY}], dslUsers: [${DSL}, ${DEPUTY}], dslChannel: ${DSL_CHANNEL} }
  - id: headcorn-primary
    slack: { teamIds: [${TEAM}], userIds: [${OTHER}, ${HEADCORN_DSL}], dslUsers: [${HEADCORN_DSL}], dslChannel: ${HEADCORN_CHANNEL} }
`,
  );
  h = await startHarness({ SAFESTEP_DEPLOYMENT: file });
  h.fake.users.set(HEADCORN_DSL, { real_name: 'Hana Head', title: 'DSL' });
  h.fake.users.set(STRANGER, { real_name: 'Sam Stranger', title: 'Visitor' });
  walk = await walkNudeImageFlow(h, STAFF);
});
afterAll(async () => {
  await h.close();
  fs.rmSync(deployDir, { recursive: true, force: true });
});

test("a report goes to its own setting's DSL channel and DSLs, never another setting's", async () => {
  await deliveriesTried(h, walk.reference);
  const deliveries = h.serving.app.stores.deliveries.forReport(walk.reference);
  expect(deliveries.map((d) => d.target).sort()).toEqual([`place:${DSL_CHANNEL}`, DSL, DEPUTY].sort());
  expect(h.serving.app.stores.reports.get(walk.reference)?.settingId).toBe('upton-junior');
  for (const elsewhere of [HEADCORN_CHANNEL, dmOf(HEADCORN_DSL)]) expect(h.fake.of('chat.postMessage', elsewhere)).toEqual([]);
});

test("another setting's DSL pressing View or Acknowledge on it is told there is no such report, and nothing changes", async () => {
  const post = await h.fake.waitForPost(DSL_CHANNEL, (c: ApiCall) => textOf(c.args.blocks).includes(walk.reference));
  const from = h.fake.calls.length;
  for (const action of ['ss_view', 'ss_ack']) await h.click(HEADCORN_DSL, { channel: DSL_CHANNEL, message: post }, button(post, { action_id: action }));
  const notes = await h.fake.waitFor((calls) => {
    const e = calls.filter((c) => c.method === 'chat.postEphemeral');
    return e.length === 2 ? e : undefined;
  }, 'two notes', from);
  for (const n of notes) expect(String(n.args.text)).toBe(`There is no report ${walk.reference} in SafeStep.`);
  expect(h.fake.calls.slice(from).some((c) => c.method === 'views.open')).toBe(false);
  expect(h.serving.app.stores.reports.get(walk.reference)?.acknowledgedAt).toBeUndefined();
});

test("each person talks to their own setting's SafeStep", async () => {
  const from = h.fake.calls.length;
  await h.dm(OTHER, 'hello');
  const reply = await h.fake.waitForPost(dmOf(OTHER), () => true, from);
  expect(textOf(reply.args.blocks)).toContain('Headcorn');
  expect(textOf(reply.args.blocks)).not.toContain('Upton');
});

test('someone in no setting of the deployment is told SafeStep is not set up for them, and nothing starts', async () => {
  const from = h.fake.calls.length;
  await h.dm(STRANGER, 'found a nude pic on a pupils phone');
  const reply = await h.fake.waitForPost(dmOf(STRANGER), () => true, from);
  expect(textOf(reply.args.blocks)).toContain('SafeStep is not set up for your school in this workspace');
  expect(buttonsIn(reply.args.blocks)).toEqual([]);
  expect(h.serving.app.stores.sessions.load(`slack:${TEAM}:${STRANGER}`)).toBeUndefined();
});
