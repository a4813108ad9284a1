/**
 * Runs `safestep quiz --json` from the built dist/ as a child process, a line at a time (like
 * test/support/cli-process.ts's ChatProcess for `chat --json`), and can kill it outright to
 * prove an attempt survives a crash.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import readline from 'node:readline';
import { childEnv } from '../support/child-env';
import { CLI, ROOT, type JsonReply } from '../support/cli-process';

/** A `safestep quiz --json` process. */
export class QuizProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: JsonReply[] = [];
  private readonly exited: Promise<number | null>;
  stderr = '';

  constructor(args: string[], env: Record<string, string>) {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`);
    this.child = spawn(process.execPath, [CLI, 'quiz', '--json', ...args], { cwd: ROOT, env: childEnv(env) });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => this.pending.push(JSON.parse(line) as JsonReply));
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  /** Replies up to the next {"type":"await"} (not returned). */
  async untilAwait(timeoutMs = 15000): Promise<JsonReply[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.pending.findIndex((r) => r.type === 'await');
      if (i >= 0) return this.pending.splice(0, i + 1).slice(0, -1);
      if (Date.now() > deadline) throw new Error(`no await within ${timeoutMs} ms; got ${JSON.stringify(this.pending)}; stderr ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Sends one JSON object and returns the replies to it. */
  send(obj: object): Promise<JsonReply[]> {
    this.child.stdin.write(`${JSON.stringify(obj)}\n`);
    return this.untilAwait();
  }

  /** Closes stdin and waits for the exit status. */
  end(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }

  /** Kills the process at once (SIGKILL), as a crash or power cut would. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
