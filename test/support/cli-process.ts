/**
 * Runs the real `safestep` CLI (the built dist/) as a child process: for one-shot commands, and
 * for `chat --json`, a driver that sends one line and collects replies up to the next await.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { childEnv } from './child-env';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'index.js');

function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`);
}

/** Runs a one-shot command; returns status and output. */
export function runCli(args: string[], env: Record<string, string>, input?: string) {
  requireBuild();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv(env), input, encoding: 'utf8', timeout: 20000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export type JsonReply = { type: string; [key: string]: unknown };

/** A `safestep chat --json` process, driven a line at a time. */
export class ChatProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: JsonReply[] = [];
  private waiter?: () => void;
  stderr = '';

  constructor(args: string[], env: Record<string, string>) {
    requireBuild();
    this.child = spawn(process.execPath, [CLI, 'chat', '--json', ...args], { cwd: ROOT, env: childEnv(env) });
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.pending.push(JSON.parse(line) as JsonReply);
      this.waiter?.();
    });
    this.child.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
  }

  /** Replies up to and including the next {"type":"await"} (which is not returned). */
  async untilAwait(timeoutMs = 15000): Promise<JsonReply[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.pending.findIndex((r) => r.type === 'await');
      if (i >= 0) return this.pending.splice(0, i + 1).slice(0, -1);
      if (Date.now() > deadline) {
        this.child.kill(); // a failed wait must not leave the process holding jest open
        throw new Error(`no await within ${timeoutMs} ms; got ${JSON.stringify(this.pending)}; stderr ${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 100);
      });
    }
  }

  /** Sends one raw line and returns the replies to it. */
  async sendRaw(line: string): Promise<JsonReply[]> {
    this.child.stdin.write(`${line}\n`);
    return this.untilAwait();
  }

  /** Sends one JSON object and returns the replies to it. */
  send(obj: object): Promise<JsonReply[]> {
    return this.sendRaw(JSON.stringify(obj));
  }

  /** Writes one raw line without waiting for the replies. */
  write(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Kills the process with `signal` (e.g. SIGKILL: no clean-up at all) and waits until it is gone. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    await gone;
  }

  /** Closes stdin and waits for the exit status. */
  async end(): Promise<number | null> {
    this.child.stdin.end();
    if (this.child.exitCode !== null) return this.child.exitCode;
    return new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }
}
