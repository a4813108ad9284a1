/**
 * `npm start`: the composition root. Reads the config once and starts the enabled channels.
 * With no Slack or Teams credentials it opens the terminal chat (data in ./data/).
 */
import path from 'node:path';
import { main as cli } from './cli/index';

const root = path.resolve(__dirname, '..', '..');

cli(['chat', ...process.argv.slice(2)], {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  root,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`SafeStep could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
