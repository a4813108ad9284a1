/** `safestep setting new --id ID --name NAME --policy FILE…`: writes a draft setting (see src/onboarding/write-draft.ts). */
import { DraftError } from '../../onboarding/draft';
import { PolicyReadError } from '../../onboarding/read-policy';
import { writeNewSetting } from '../../onboarding/write-draft';
import { EXIT } from '../io';
import { usage, type SettingArgs } from './setting-args';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export async function settingNew({ flags, policies, root, io }: SettingArgs): Promise<number> {
  const id = flags.id;
  const name = flags.name;
  if (typeof id !== 'string' || !ID.test(id)) return usage(io, '--id is required: lower-case words joined by hyphens, e.g. --id oakfield-primary');
  if (typeof name !== 'string') return usage(io, '--name is required, e.g. --name "Oakfield Primary School"');
  if (policies.length === 0) return usage(io, 'give at least one --policy FILE (.txt, .md, .docx or a PDF with text)');
  try {
    const { draft, written } = await writeNewSetting(root, { id, name, files: policies });
    const filled = draft.matches.filter((m) => m.clauses.length > 0);
    const low = filled.filter((m) => m.confidence < 0.6).map((m) => m.key);
    io.stdout.write(`Drafted ${name} (${id}): ${filled.length} rules filled from the policy, ${draft.matches.length - filled.length} silent.\n`);
    io.stdout.write(`Wrote:\n${written.map((w) => `  ${w}`).join('\n')}\n`);
    if (low.length > 0) io.stdout.write(`Check first (lowest confidence): ${low.join(', ')}\n`);
    io.stdout.write(`${draft.flags.length} thing(s) for the DSL to check:\n${draft.flags.map((f) => `  - ${f}`).join('\n')}\n`);
    io.stdout.write(`Next: npm run validate, then safestep setting review ${id}, then safestep setting approve ${id} --by "Name, role".\n`);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof PolicyReadError || err instanceof DraftError) {
      io.stderr.write(`safestep setting new: ${err.message}\nNothing was written.\n`);
      return EXIT.failure;
    }
    if (err instanceof Error && /already exists|same document id/.test(err.message)) {
      io.stderr.write(`safestep setting new: ${err.message}\nNothing was written.\n`);
      return EXIT.failure;
    }
    throw err;
  }
}
