/**
 * Whether a setting may be served to staff. A profile with no `status` is established content
 * (served; no DSL sign-off is on record). A `draft` is never served. An approved setting is served
 * only while every policy document still has the content hash recorded when the DSL approved it
 * (content/settings/<id>/approval.yaml): a changed policy needs a new approval.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

/** The DSL's approval, as stored beside the profile. */
export const ApprovalSchema = z.strictObject({
  setting: z.string().min(1),
  by: z.string().min(3),
  at: z.string().min(10),
  documents: z.array(z.strictObject({ id: z.string().min(1), file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).min(1),
});
export type Approval = z.output<typeof ApprovalSchema>;

/** The little of a profile this needs. */
export interface ProfileForServing {
  id: string;
  name: string;
  status?: 'draft' | 'approved';
  documents: readonly { id: string }[];
}

/** content/settings/<id>/approval.yaml */
export function approvalFile(root: string, id: string): string {
  return path.join(root, 'content', 'settings', id, 'approval.yaml');
}

/** The policy text file of a document: the setting's own folder first, then ../shared/policies. */
export function policyFileOf(root: string, settingId: string, documentId: string): string | undefined {
  const own = path.join(root, 'content', 'settings', settingId, `${documentId}.txt`);
  if (existsSync(own)) return own;
  const shared = path.join(root, '..', 'shared', 'policies', `${documentId}.txt`);
  return existsSync(shared) ? shared : undefined;
}

/** sha256 of a file's bytes. */
export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The stored approval, or undefined; throws naming the file when it is malformed. */
export function readApproval(root: string, id: string): Approval | undefined {
  const file = approvalFile(root, id);
  if (!existsSync(file)) return undefined;
  const parsed = ApprovalSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`content/settings/${id}/approval.yaml: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Why the setting may not be served to staff, or undefined when it may. */
export function refusalOf(root: string, p: ProfileForServing): string | undefined {
  if (p.status === undefined) return undefined;
  const how = `The DSL reviews it (safestep setting review ${p.id}) and approves it (safestep setting approve ${p.id} --by "Name, role").`;
  if (p.status === 'draft') return `${p.name} (${p.id}) is a draft, not approved yet, so it is not served to staff. ${how}`;
  let approval: Approval | undefined;
  try {
    approval = readApproval(root, p.id);
  } catch (err) {
    return `${p.name} (${p.id}): ${(err as Error).message}. ${how}`;
  }
  if (!approval) return `${p.name} (${p.id}) says approved but has no approval record (content/settings/${p.id}/approval.yaml), so it is not served. ${how}`;
  for (const d of p.documents) {
    const file = policyFileOf(root, p.id, d.id);
    const recorded = approval.documents.find((a) => a.id === d.id);
    if (!file || !recorded || sha256Of(file) !== recorded.sha256) {
      return `${p.name} (${p.id}): the policy ${d.id} has changed since ${approval.by} approved it on ${approval.at.slice(0, 10)}, so it needs a new approval before it is served. ${how}`;
    }
  }
  return undefined;
}

/** setting id → why it may not be served, for every profile that may not. */
export function servingRefusals(root: string, profiles: Iterable<ProfileForServing>): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of profiles) {
    const why = refusalOf(root, p);
    if (why) out.set(p.id, why);
  }
  return out;
}

/** `validate`'s notices: established settings with no DSL sign-off on record, drafts, stale approvals. */
export function signOffNotices(root: string, profiles: Iterable<ProfileForServing>): string[] {
  const all = [...profiles];
  const unsigned = all.filter((p) => p.status === undefined).map((p) => p.id);
  const out = unsigned.length > 0 ? [`validate: notice: no DSL sign-off is recorded for ${unsigned.length} setting${unsigned.length === 1 ? '' : 's'} (established content, served): ${unsigned.join(', ')}`] : [];
  for (const p of all.filter((x) => x.status !== undefined)) {
    const why = refusalOf(root, p);
    out.push(why ? `validate: notice: ${p.status === 'draft' ? 'DRAFT ' : ''}${why}` : `validate: ${p.id} approved (${readApproval(root, p.id)?.by ?? '?'}), served`);
  }
  return out;
}
