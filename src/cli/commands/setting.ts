/**
 * `safestep setting new | review | approve | catalogue`: bringing a new setting in from its own
 * policy files, the DSL's review book, the DSL's approval, and the rule catalogue (docs/rules.md).
 * The work is in src/onboarding/; this file parses arguments and prints.
 */
import { loadConfig } from '../../config';
import { parseArgs, UsageError } from '../args';
import { EXIT, type Command } from '../io';
import { usage, USAGE, type SettingArgs } from './setting-args';
import { settingApprove } from './setting-approve';
import { settingCatalogue } from './setting-catalogue';
import { settingNew } from './setting-new';
import { settingReview } from './setting-review';

const SUBS: Record<string, (a: SettingArgs) => Promise<number>> = { new: settingNew, review: settingReview, approve: settingApprove, catalogue: settingCatalogue };

export const setting: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const run = sub ? SUBS[sub] : undefined;
  if (!run) {
    io.stderr.write(`${sub ? `safestep setting: unknown sub-command "${sub}".\n` : ''}${USAGE}`);
    return EXIT.usage;
  }
  const policies: string[] = [];
  const others: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--policy') {
      const v = rest[++i];
      if (v === undefined) return usage(io, '--policy needs a file');
      policies.push(v);
    } else if (a.startsWith('--policy=')) policies.push(a.slice('--policy='.length));
    else others.push(a);
  }
  let parsed;
  try {
    parsed = parseArgs(others, { values: ['id', 'name', 'by'], booleans: ['write'] });
  } catch (err) {
    return usage(io, (err as UsageError).message);
  }
  const { contentRoot } = loadConfig(io.env, io.root);
  return run({ flags: parsed.flags, positional: parsed.positional, policies, root: contentRoot, io });
};
