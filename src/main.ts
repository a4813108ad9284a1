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
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  // A second signal while finishing means "now": leave at once (anything unsent is sent by the next start).
  const now = () => {
    process.stderr.write('SafeStep stopped at once, without waiting.\n');
    process.exit(1);
  };
  process.once('SIGINT', now);
  process.once('SIGTERM', now);
  process.stdout.write(`SafeStep is stopping (${signal}): finishing what is under way, for at most ${config.shutdownGraceMs / 1000} s.\n`);
  const finished = await serving.stop();
  process.stdout.write(finished ? 'SafeStep stopped.\n' : 'SafeStep stopped before everything under way had finished; what is left is sent at the next start.\n');
  return 0;
}

run().then(
  (code) => {
    process.exitCode = code;
    // Leave even if an SDK keeps a socket open; the timer itself never holds the process.
    setTimeout(() => process.exit(code), 1000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`SafeStep could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
