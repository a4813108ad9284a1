/**
 * `npm run bench`: routing accuracy of SafeStep's router and NLP.js on the dev set, the latency
 * of 10,000 full turns, process start to ready and memory, Slack acknowledgement under a burst; writes docs/benchmarks.md and prints
 * a summary. A measurement, not a test: it always exits 0 unless something breaks, and says
 * which goals were not met. Bounded: about a minute on two cores; local only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureContentScale } from './content-scale';
import { runDangerBench } from './danger';
import { runDangerAuthorsBench } from './danger-authors';
import { runOnboardingBench } from './onboarding';
import { renderMarkdown, renderSummary, type BenchResults } from './report';
import { measureSlackBurst } from './slack-burst';
import { describeMultiServer, measureMultiServer } from './multi-server';
import { measureRouting } from './routing';
import { runRoutingCv } from './routing-cv';
import { runRoutingAuthors } from './routing-authors';
import { measureStartup } from './startup';
import { measureTurns } from './turns';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const started = performance.now();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const machine = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: os.totalmem() / 2 ** 30,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(', '),
  };
  say('bench: routing accuracy (SafeStep and NLP.js on the dev set)…');
  const routing = await measureRouting(ROOT);
  say('bench: 10,000 full turns on the real app and SQLite…');
  const turns = await measureTurns(ROOT, routing.cases.map((c) => c.text));
  say('bench: start to ready and memory…');
  const settingId = fs.readdirSync(path.join(ROOT, 'content/settings')).map((f) => f.replace(/\.yaml$/, '')).sort()[0] ?? '';
  const startup = await measureStartup(ROOT, settingId);
  say('bench: content at scale (30 flows × 12 settings)…');
  const contentScale = measureContentScale(ROOT);
  const burst = [];
  for (const n of [200, 1000]) {
    say(`bench: a burst of ${n} staff opening SafeStep in Slack at once…`);
    burst.push(await measureSlackBurst(ROOT, n));
  }
  say('bench: 3 servers on one PostgreSQL, then 1 on SQLite, 1,000 conversations each…');
  for (const [db, n] of [['postgres', 3], ['sqlite', 1]] as const) say((r => (r ? describeMultiServer(r) : `${db}: skipped (no PostgreSQL)`))(await measureMultiServer(ROOT, db, n, 1000)));
  const results: BenchResults = { machine, routing, turns, startup, contentScale, burst, seconds: (performance.now() - started) / 1000 };
  fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'docs/benchmarks.md'), `${renderMarkdown(results)}\n`);
  say(renderSummary(results));
  runDangerBench(ROOT, say); // issue 11: the danger check's two levels on every set (its own section)
  await runDangerAuthorsBench(ROOT, say); // issue 11, fourth round: by author, leave-one-author-out for the backstop (no holdout)
  runOnboardingBench(ROOT, say); // issue 14: time to draft a new setting, and agreement with the hand-made profiles
  runRoutingCv(ROOT, say); // issue 12: the router's tuning view (cross-validation, dev, fresh, tune; no holdout)
  runRoutingAuthors(ROOT, say); // issue 12 round 4: leave-one-author-out over the tuning parts (no holdout)
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
