/**
 * Process start to ready, and resident memory once ready, for the built CLI as a real process:
 * - `safestep route`: loads content, builds the router and danger check, routes one line from
 *   stdin; ready = its first output line;
 * - `safestep chat --json`: the whole app (content, router, SQLite in a temp dir, the runner);
 *   ready = its greeting.
 * Memory is the child's VmRSS (Linux /proc; `ps` elsewhere) read the moment it is ready, while it
 * still waits for input. Each probe runs `runs` times; local only. The child gets the Node flags
 * that `npm start` gives SafeStep (package.json; src/node-flags.ts), so it is measured as it runs.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFlags } from '../src/node-flags';

export interface StartupRun {
  readyMs: number;
  rssMb: number;
}

export interface StartupResults {
  name: string;
  command: string;
  runs: StartupRun[];
  medianReadyMs: number;
  maxReadyMs: number;
  medianRssMb: number;
  maxRssMb: number;
}

/** Spawns each probe `runs` times and measures it. */
export async function measureStartup(root: string, settingId: string, runs = 5): Promise<StartupResults[]> {
  const cli = path.join(root, 'dist/src/cli/index.js');
  const flags = startFlags(root);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-start-'));
  try {
    const env = { ...process.env, SAFESTEP_DATA_DIR: dir, SAFESTEP_LOG_LEVEL: 'silent' };
    const probes = [
      { name: 'route', args: [...flags, cli, 'route'], input: 'a mum added me on fb\n' },
      { name: 'chat', args: [...flags, cli, 'chat', '--json', '--setting', settingId], input: '' },
    ];
    const results: StartupResults[] = [];
    for (const probe of probes) {
      const measured: StartupRun[] = [];
      for (let i = 0; i < runs; i++) measured.push(await probeOnce(probe.args, probe.input, env, root));
      const ready = measured.map((r) => r.readyMs).sort((a, b) => a - b);
      const rss = measured.map((r) => r.rssMb).sort((a, b) => a - b);
      results.push({
        name: probe.name,
        command: ['node', ...flags, path.relative(root, cli), ...probe.args.slice(flags.length + 1)].join(' '),
        runs: measured,
        medianReadyMs: ready[Math.floor(ready.length / 2)]!,
        maxReadyMs: ready[ready.length - 1]!,
        medianRssMb: rss[Math.floor(rss.length / 2)]!,
        maxRssMb: rss[rss.length - 1]!,
      });
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function probeOnce(args: string[], input: string, env: NodeJS.ProcessEnv, cwd: string): Promise<StartupRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`${args.join(' ')}: not ready after 30 s`))), 30_000);
    let done = false;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!done) reject(new Error(`${args.join(' ')} exited (${code}) before it was ready: ${stderr.trim()}`));
    });
    child.stdout.once('data', () => {
      const readyMs = performance.now() - t0;
      const rssMb = residentMb(child.pid);
      done = true;
      child.stdin.end();
      child.kill();
      resolve({ readyMs, rssMb });
    });
    if (input) child.stdin.write(input);
  });
}

function residentMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    if (Number.isFinite(kb)) return kb / 1024;
  } catch {
    // not Linux: fall back to ps
  }
  try {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1024;
  } catch {
    return Number.NaN;
  }
}
