#!/usr/bin/env -S node --max-semi-space-size=1 --no-regexp-tier-up
/**
 * The `safestep` command line. Each sub-command is loaded only when used, so `safestep reports`
 * never pays for the language model and `safestep validate` never opens the database.
 */
import path from 'node:path';
import type { CliIO, Command } from './io';
import { EXIT } from './io';

const COMMANDS: Record<string, { load: () => Command; summary: string }> = {
  chat: { load: () => require('./commands/chat').chat, summary: 'chat [--setting ID] [--json] [--user ID]   talk to SafeStep in the terminal' },
  route: { load: () => require('./commands/route').route, summary: 'route [--setting ID] [TEXT]               which flow a message goes to (JSON)' },
  validate: { load: () => require('./commands/validate').validate, summary: 'validate                                  check flows/ and content/' },
  nlu: { load: () => require('./commands/nlu').nlu, summary: 'nlu export | eval                         example phrases as JSON lines; score a dev set' },
  reports: { load: () => require('./commands/reports').reports, summary: 'reports list | show | audit | hold | release | export' },
  digest: { load: () => require('./commands/digest').digest, summary: 'digest [--send]                           the DSL summary; --send sends it to the DSL team now' },
  retention: { load: () => require('./commands/retention').retention, summary: 'retention run                             purge what is past its retention period' },
  keys: { load: () => require('./commands/keys').keys, summary: 'keys rotate                               re-encrypt everything under a new key' },
  quiz: { load: () => require('./commands/quiz').quiz, summary: 'quiz [--setting ID] [--json] | report      the induction quiz; the DSL\'s quiz report' },
  coverage: { load: () => require('./commands/coverage').coverage, summary: 'coverage [--write]                        the flow × setting table (content/COVERAGE.md)' },
  setting: { load: () => require('./commands/setting').setting, summary: 'setting new | review | approve | catalogue  a new setting from its policy; the DSL\'s review and approval' },
  schema: { load: () => require('./commands/schema').schema, summary: 'schema export                             write JSON Schemas for editors' },
};

/** Prints the list of commands. */
function usage(io: CliIO): void {
  io.stdout.write(`Usage: safestep <command>\n\n${Object.values(COMMANDS).map((c) => `  safestep ${c.summary}`).join('\n')}\n`);
}

/** Runs one `safestep` invocation; resolves to the exit status. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    usage(io);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`safestep: unknown command "${name}".\n`);
    usage(io);
    return EXIT.usage;
  }
  return command.load()(args, io);
}

if (require.main === module) {
  // Output piped into `head` and closed early is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const io: CliIO = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    root: path.resolve(__dirname, '..', '..', '..'),
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : 'unexpected';
      io.stderr.write(`safestep: ${err instanceof Error ? err.message : String(err)} (${code})\n`);
      process.exitCode = EXIT.failure;
    },
  );
}
