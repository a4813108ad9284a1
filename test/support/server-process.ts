/**
 * SafeStep serving its chat channels as a real process (`node dist/src/main.js`), for crash tests
 * and the burst benchmark: started with the given environment, ready once it prints its port.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { childEnv } from './child-env';

/** A running SafeStep server process. */
export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  /** Everything it has written to stdout and stderr so far. */
  output(): string;
  /** Kills it with `signal` (SIGKILL: no clean-up at all) and waits until it is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `dist/src/main.js` under `root` with `env` (plus PATH); resolves once it is serving. */
export async function startServerProcess(root: string, env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], { cwd: root, env: childEnv(env) });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`SafeStep did not start: ${out}`)), timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`SafeStep exited (${code}): ${out}`)));
  });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await gone;
  };
  return { child, port, output: () => out, kill };
}
