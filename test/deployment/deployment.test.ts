/**
 * The deployment file (SAFESTEP_DEPLOYMENT): read and checked with clear errors naming the file,
 * line, setting and key; today's single-setting variables still work without it; and who is in
 * which setting is decided by where they are.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { checkDeployment } from '../../src/deployment/check';
import { dslTeamOf, settingAt, workspacesOf } from '../../src/deployment/model';

const ROOT = path.resolve(__dirname, '..', '..');
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-deploy-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const TRUST = `settings:
  - id: upton-junior            # a profile in content/settings/
    slack: { teamIds: [T0001], dslUsers: [U0001], dslChannel: C0001, quizChannel: C0002 }
    teams: { tenantIds: ["7f0c7a1e-0000-4000-8000-000000000001"], dslUsers: ["aad-upton-dsl"], dslChannel: "19:dsl@thread.tacv2" }
  - id: headcorn-primary
    slack: { teamIds: [T0002], dslUsers: [U0009] }
`;

function configWith(text: string, env: Record<string, string> = {}) {
  fs.writeFileSync(path.join(dir, 'deployment.yaml'), text);
  return loadConfig({ SAFESTEP_DEPLOYMENT: 'deployment.yaml', SAFESTEP_DATA_DIR: dir, ...env }, ROOT, dir);
}

const problem = (text: string): string => {
  try {
    configWith(text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('no error');
};

test('the issue’s shape loads, and each person is in the setting of their workspace', () => {
  const { deployment: d } = configWith(TRUST);
  expect(d.settings.map((s) => s.id)).toEqual(['upton-junior', 'headcorn-primary']);
  expect(settingAt(d, { channel: 'slack', workspace: 'T0001', user: 'U1234' })).toBe('upton-junior');
  expect(settingAt(d, { channel: 'slack', workspace: 'T0002' })).toBe('headcorn-primary');
  expect(settingAt(d, { channel: 'slack', workspace: 'T9999' })).toBeUndefined();
  expect(settingAt(d, { channel: 'teams', workspace: '7f0c7a1e-0000-4000-8000-000000000001' })).toBe('upton-junior');
  expect(settingAt(d, { channel: 'teams', workspace: 'another-tenant' })).toBeUndefined();
  expect(dslTeamOf(d, 'headcorn-primary', 'slack')).toEqual({ dslUsers: ['U0009'] });
  expect(dslTeamOf(d, 'headcorn-primary', 'teams')).toBeUndefined();
  expect(workspacesOf(d, 'teams')).toEqual(['7f0c7a1e-0000-4000-8000-000000000001']);
  checkDeployment(d, ['upton-junior', 'headcorn-primary']);
});

test('a trust sharing one workspace: each setting lists its people, and someone in neither is in none', () => {
  const { deployment: d } = configWith(`settings:
  - id: upton-junior
    slack: { teamIds: [T0001], userIds: [U0A, U0B], dslUsers: [U0B] }
  - id: headcorn-primary
    slack: { teamIds: [T0001], userIds: [U0C], dslUsers: [U0C] }
`);
  expect(settingAt(d, { channel: 'slack', workspace: 'T0001', user: 'U0A' })).toBe('upton-junior');
  expect(settingAt(d, { channel: 'slack', workspace: 'T0001', user: 'U0C' })).toBe('headcorn-primary');
  expect(settingAt(d, { channel: 'slack', workspace: 'T0001', user: 'U0Z' })).toBeUndefined();
});

test.each([
  ['a typo in a key', TRUST.replace('dslUsers: [U0009]', 'dslUser: [U0009]'), /deployment\.yaml:6 setting headcorn-primary, key slack: .*dslUser/],
  ['a name where a member id belongs', TRUST.replace('[U0009]', '[Camilla Claxton]'), /deployment\.yaml:6 setting headcorn-primary, key slack\.dslUsers\.0: a Slack member id looks like U0123ABC/],
  ['a setting listed twice', TRUST.replace('id: headcorn-primary', 'id: upton-junior'), /deployment\.yaml:5 lists setting upton-junior twice/],
  ['a shared workspace without people', TRUST.replace('teamIds: [T0002]', 'teamIds: [T0001]'), /setting upton-junior, key slack\.userIds: T0001 is shared by 2 settings/],
  ['no settings', 'settings: []\n', /key settings: /],
  ['broken YAML', 'settings:\n  - id: [\n', /deployment\.yaml:\d+ is not valid YAML/],
])('%s is a clear error naming the file, line, setting and key', (_name, text, expected) => {
  expect(problem(text)).toMatch(expected);
});

test('a missing file, and a setting with no profile, are clear errors', () => {
  expect(() => loadConfig({ SAFESTEP_DEPLOYMENT: 'nowhere.yaml' }, ROOT, dir)).toThrow(/nowhere\.yaml is missing or cannot be read/);
  const { deployment } = configWith(TRUST.replace('id: headcorn-primary', 'id: oak-primary'));
  expect(() => checkDeployment(deployment, ['upton-junior', 'headcorn-primary'])).toThrow(/deployment\.yaml: setting oak-primary, key id: there is no profile content\/settings\/oak-primary\.yaml/);
});

test('without the file, today’s single-setting variables keep working', () => {
  const { deployment: d } = loadConfig({ SAFESTEP_SETTING: 'upton-junior', SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's', SLACK_DSL_USERS: 'U0DSL', SLACK_DSL_CHANNEL: 'C0DSL' }, ROOT, dir);
  expect(settingAt(d, { channel: 'slack', workspace: 'T-any' })).toBe('upton-junior');
  expect(dslTeamOf(d, 'upton-junior', 'slack')).toEqual({ dslUsers: ['U0DSL'], dslChannel: 'C0DSL' });
  expect(settingAt(d, { channel: 'teams', workspace: 't' })).toBeUndefined();
});
