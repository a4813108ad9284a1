/**
 * `npm start`: the composition root. Reads the config once; with Slack or Teams credentials it
 * serves those channels on PORT, otherwise it opens the terminal chat (data in ./data/).
 */
import path from 'node:path';
import { main as cli } from './cli/index';
import { loadConfig } from './config';
import { serveChannels } from './serve';

const root = path.resolve(__dirname, '..', '..');

async function run(): Promise<number> {
  const config = loadConfig(process.env, root);
  if (!config.slack && !config.teams) {
    return cli(['chat', ...process.argv.slice(2)], { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, root, env: process.env });
  }
  const serving = await serveChannels(config);
  const names = serving.channels.map((c) => c.name).join(' and ');
  process.stdout.write(`SafeStep is serving ${names} for ${config.deployment.settings.map((s) => s.id).join(', ')} on port ${serving.port}.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await serving.stop();
  return 0;
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`SafeStep could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
