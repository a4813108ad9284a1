/**
 * The DSL's approval of a setting: who, when, and the content hash of each policy document as it
 * stands. Refused while the content has problems in this setting's files (validate first). Writes
 * content/settings/<id>/approval.yaml and sets the profile's `status: approved`; a later change to
 * a policy file makes the hashes differ, and the setting is not served until approved again.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { inspectContent } from '../authoring/load';
import { approvalFile, policyFileOf, sha256Of, type Approval } from '../deployment/approval';
import { settingPaths } from './paths';

/** Why an approval was refused. */
export class ApprovalError extends Error {}

/** Records the approval; returns it. `now` is injectable for tests. */
export function approveSetting(root: string, id: string, by: string, now: Date = new Date()): Approval {
  if (!/\S+.*,\s*\S+/.test(by)) throw new ApprovalError(`--by needs the approver's name and role, e.g. --by "Gwen Adeyemi, DSL".`);
  // Problems elsewhere (not this setting's) do not block the DSL's sign-off of their own policy.
  const { problems, sources } = inspectContent(root);
  const source = sources.settings.find((s) => s.data.id === id);
  if (!source) throw new ApprovalError(`there is no setting "${id}" in content/settings/ (or its profile does not load: run safestep validate).`);
  if (source.data.status === undefined) throw new ApprovalError(`${id} is established content with no status; approval is for settings drafted with safestep setting new.`);
  const mine = problems.filter((p) => p.file === source.file || p.message.includes(source.file) || p.file.startsWith(`content/settings/${id}/`) || source.data.documents.some((d) => p.file.includes(d.id)));
  if (mine.length > 0) {
    throw new ApprovalError(`${id} has ${mine.length} problem(s) to fix first, e.g. ${mine[0]!.file}${mine[0]!.line ? `:${mine[0]!.line}` : ''}: ${mine[0]!.message} Run safestep validate for all of them.`);
  }
  return recordApproval(root, id, source.data.documents, by, now);
}

/** Writes the approval record for these documents as they stand now, and marks the profile approved. No checks: see approveSetting. */
export function recordApproval(root: string, id: string, docs: readonly { id: string }[], by: string, now: Date): Approval {
  const documents = docs.map((d) => {
    const file = policyFileOf(root, id, d.id);
    if (!file) throw new ApprovalError(`the policy text of ${d.id} is missing (content/settings/${id}/${d.id}.txt).`);
    return { id: d.id, file: path.relative(root, file).split(path.sep).join('/'), sha256: sha256Of(file) };
  });
  const approval: Approval = { setting: id, by, at: now.toISOString(), documents };
  mkdirSync(path.dirname(approvalFile(root, id)), { recursive: true });
  writeFileSync(approvalFile(root, id), `# The DSL's approval of ${id}: who, when, and the policy versions (sha256 of each file) approved.\n# A changed policy file no longer matches: the setting is not served until approved again.\n${stringify(approval, { lineWidth: 0 })}`);
  const profile = settingPaths(root, id).profile;
  const text = readFileSync(profile, 'utf8');
  writeFileSync(profile, /^status: \w+$/m.test(text) ? text.replace(/^status: \w+$/m, 'status: approved') : text);
  return approval;
}
