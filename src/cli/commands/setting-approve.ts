/** `safestep setting approve ID --by "Name, role"`: records the DSL's approval (src/onboarding/approve.ts). */
import { ApprovalError, approveSetting } from '../../onboarding/approve';
import { EXIT } from '../io';
import { usage, type SettingArgs } from './setting-args';

export async function settingApprove({ flags, positional, root, io }: SettingArgs): Promise<number> {
  const [id] = positional;
  if (!id) return usage(io, 'approve needs the setting id');
  if (typeof flags.by !== 'string') return usage(io, 'approve needs --by "Name, role" (the DSL approving)');
  try {
    const a = approveSetting(root, id, flags.by);
    io.stdout.write(`Approved ${id} by ${a.by} at ${a.at}, for:\n${a.documents.map((d) => `  ${d.file} (sha256 ${d.sha256.slice(0, 12)}…)`).join('\n')}\nSafeStep now serves ${id}. If a policy file changes, approve it again.\n`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof ApprovalError) {
      io.stderr.write(`safestep setting approve: ${err.message}\nNothing was recorded.\n`);
      return EXIT.failure;
    }
    throw err;
  }
}
