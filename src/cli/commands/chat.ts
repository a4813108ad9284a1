/**
 * `safestep chat [--setting ID] [--json] [--user ID] [--name NAME] [--role ROLE]`: the terminal
 * chat, or with --json the JSON-lines protocol used by tests and tools.
 */
import { buildApp, requireSetting } from '../../app';
import { reportSkipped } from '../../authoring/isolate';
import { runInteractive } from '../../channels/console/interactive';
import { runJsonLines } from '../../channels/console/json-lines';
import { DEFAULT_CONSOLE_USER } from '../../channels/console/conversation';
import { loadConfig } from '../../config';
import { SafeStepError } from '../../core/errors';
import { parseArgs, UsageError } from '../args';
import { EXIT, type Command } from '../io';

/** The console talks to the same host as every chat channel. */
function hostRunner(app: ReturnType<typeof buildApp>) {
  return { start: (who: Parameters<typeof app.host.start>[0]) => app.host.start(who), handle: (input: Parameters<typeof app.host.turn>[0]) => app.host.turn(input) };
}

const USAGE = 'Usage: safestep chat [--setting ID] [--json] [--user ID] [--name NAME] [--role ROLE]\n';

export const chat: Command = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs(args, { values: ['setting', 'user', 'name', 'role'], booleans: ['json'] });
  } catch (err) {
    io.stderr.write(`safestep chat: ${(err as UsageError).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const { flags } = parsed;
  const config = loadConfig(io.env, io.root);
  const app = buildApp(config);
  reportSkipped(app.skipped, io.stderr);
  try {
    const wanted = typeof flags.setting === 'string' ? flags.setting : config.settingId;
    const broken = app.skipped.find((s) => s.id === wanted);
    if (broken) {
      io.stderr.write(`safestep chat: setting "${broken.id}" is not available: ${broken.file} has problems (listed above). Fix them (npm run validate), or choose one of: ${[...app.content.settings.keys()].join(', ')}.\n`);
      return EXIT.usage;
    }
    const settingId = wanted === undefined ? undefined : requireSetting(app.content, wanted);
    const draft = settingId ? app.content.settings.get(settingId) : undefined;
    if (draft?.status === 'draft') io.stderr.write(`DRAFT: ${draft.name} is a draft, not approved yet and not served to staff; this chat is for the DSL to try it.\n`);
    const user = {
      ...DEFAULT_CONSOLE_USER,
      ...(typeof flags.user === 'string' ? { id: flags.user } : {}),
      ...(typeof flags.name === 'string' ? { name: flags.name } : {}),
      ...(typeof flags.role === 'string' ? { role: flags.role } : {}),
    };
    if (flags.json) {
      if (!settingId) {
        io.stderr.write(`safestep chat --json needs --setting (one of: ${[...app.content.settings.keys()].join(', ')}).\n`);
        return EXIT.usage;
      }
      await runJsonLines({ runner: hostRunner(app), settingId, user, input: io.stdin, output: io.stdout });
      return EXIT.ok;
    }
    if (app.storeError) {
      io.stdout.write('WARNING: SafeStep cannot save reports right now. You can still get advice, but tell the DSL in person.\n');
    }
    const settings = [...app.content.settings.values()].map((s) => ({ id: s.id, name: s.name }));
    await runInteractive({ runner: hostRunner(app), settings, settingId, user, input: io.stdin, output: io.stdout });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof SafeStepError && err.code === 'unknown_setting') {
      io.stderr.write(`safestep chat: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  } finally {
    app.close();
  }
};
