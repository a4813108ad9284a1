/**
 * Drafts are validated but never served: the serving check (checkDeployment with the refusals of
 * deployment/approval.ts, which serve.ts applies to SAFESTEP_SETTING and the deployment file)
 * refuses a draft with "not approved yet"; an approval records who, when and each policy's hash;
 * a changed policy file needs a new approval; established settings (no status) are served, with no
 * sign-off invented for them.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { checkDeployment } from '../../src/deployment/check';
import { readApproval, refusalOf, servingRefusals, signOffNotices } from '../../src/deployment/approval';
import { singleSettingDeployment } from '../../src/deployment/load';
import { recordApproval } from '../../src/onboarding/approve';
import { writeNewSetting } from '../../src/onboarding/write-draft';
import { copyProject, OAKFIELD_TXT, ROOT } from './files';

let dir: string;
let repo: string;
const ID = 'oakfield-primary';

interface Profile {
  id: string;
  name: string;
  status?: 'draft' | 'approved';
  documents: { id: string }[];
}
const profiles = (): Profile[] =>
  fs.readdirSync(path.join(repo, 'content', 'settings')).filter((f) => f.endsWith('.yaml')).map((f) => parse(fs.readFileSync(path.join(repo, 'content', 'settings', f), 'utf8')) as Profile);
const oakfield = () => profiles().find((p) => p.id === ID)!;
const deployment = (id: string) => singleSettingDeployment({ settingId: id });
const serve = (id: string) => checkDeployment(deployment(id), profiles().map((p) => p.id), servingRefusals(repo, profiles()));

beforeAll(async () => {
  ({ dir, repo } = copyProject());
  await writeNewSetting(repo, { id: ID, name: 'Oakfield Primary School', files: [OAKFIELD_TXT] });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a draft is refused by the serving path with "not approved yet"; the established settings are served', () => {
  expect(oakfield().status).toBe('draft');
  expect(() => serve(ID)).toThrow(/setting oakfield-primary is not approved yet: Oakfield Primary School \(oakfield-primary\) is a draft/);
  expect(() => serve('upton-junior')).not.toThrow();
  expect(refusalOf(repo, profiles().find((p) => p.id === 'upton-junior')!)).toBeUndefined();
  expect(fs.existsSync(path.join(repo, 'content', 'settings', 'upton-junior', 'approval.yaml'))).toBe(false);
});

test('the real server process refuses to serve the draft (SAFESTEP_SETTING), saying it is not approved yet', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'src', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', SAFESTEP_CONTENT_DIR: repo, SAFESTEP_DATA_DIR: path.join(dir, 'data'), SAFESTEP_SETTING: ID, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'test-secret', PORT: '0', SAFESTEP_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 20000,
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/SafeStep could not start: SAFESTEP_SETTING: setting oakfield-primary is not approved yet: .*is a draft/);
});

test('validate notices: no sign-off recorded for the established four; the draft says DRAFT', () => {
  const notices = signOffNotices(repo, profiles());
  expect(notices[0]).toMatch(/no DSL sign-off is recorded for 4 settings \(established content, served\): .*upton-junior/);
  expect(notices.join('\n')).toMatch(/notice: DRAFT Oakfield Primary School \(oakfield-primary\) is a draft, not approved yet/);
});

test('an approval records who, when and each policy hash; the setting is then served; a changed policy needs a new approval', () => {
  const a = recordApproval(repo, ID, oakfield().documents, 'Gwen Adeyemi, DSL', new Date('2026-12-06T21:00:00Z'));
  expect(readApproval(repo, ID)).toEqual(a);
  expect(a.documents).toEqual([{ id: 'oakfield-primary-policy', file: 'content/settings/oakfield-primary/oakfield-primary-policy.txt', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  expect(oakfield().status).toBe('approved');
  expect(() => serve(ID)).not.toThrow();
  const policy = path.join(repo, 'content', 'settings', ID, 'oakfield-primary-policy.txt');
  fs.appendFileSync(policy, '\n- Staff may use their phones anywhere.\n');
  expect(() => serve(ID)).toThrow(/the policy oakfield-primary-policy has changed since Gwen Adeyemi, DSL approved it on 2026-12-06, so it needs a new approval/);
  recordApproval(repo, ID, oakfield().documents, 'Gwen Adeyemi, DSL', new Date('2026-12-07T09:00:00Z'));
  expect(() => serve(ID)).not.toThrow();
});
