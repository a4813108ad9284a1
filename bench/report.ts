/**
 * Renders the bench's results as docs/benchmarks.md, and a short summary for the terminal.
 */
import { burstSummary, renderBurst } from './burst-report';
import type { BurstResults } from './slack-burst';
import type { Evaluation } from '../src/nlu/evaluate';
import { OUT_OF_SCOPE } from '../src/nlu/evaluate';
import { renderContentScale, type ContentScaleResults } from './content-scale';
import { renderRoutingSets, summariseRoutingSets, type RoutingResults } from './routing';
import type { StartupResults } from './startup';
import type { TurnResults } from './turns';

export interface Machine {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  loadAverage: string;
}

export interface BenchResults {
  machine: Machine;
  routing: RoutingResults;
  turns: TurnResults;
  startup: StartupResults[];
  contentScale: ContentScaleResults;
  burst: BurstResults[];
  seconds: number;
}

const GOALS = { p99Ms: 5, readyMs: 1000, rssMb: 120 };

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const tick = (ok: boolean): string => (ok ? 'met' : '**not met**');

/** The verdict on each goal of issue 4. */
export function goals(r: BenchResults) {
  const chat = r.startup.find((s) => s.name === 'chat') ?? r.startup[0]!;
  return {
    ahead: r.routing.safestep.evaluation.accuracy > r.routing.nlpjs.evaluation.accuracy,
    p99: r.turns.p99 < GOALS.p99Ms,
    ready: chat.medianReadyMs < GOALS.readyMs,
    rss: chat.medianRssMb < GOALS.rssMb,
    chat,
  };
}

/** docs/benchmarks.md */
export function renderMarkdown(r: BenchResults): string {
  const { routing: rt, turns, machine: m } = r;
  const s = rt.safestep.evaluation;
  const n = rt.nlpjs.evaluation;
  const g = goals(r);
  const withFlow = rt.cases.filter((c) => c.flow !== null).length;
  const out: string[] = [];
  out.push('# SafeStep benchmarks', '');
  out.push(`Written by \`npm run bench\` (bench/*.ts) on ${m.date}, in ${r.seconds.toFixed(0)} s. Machine: Node ${m.node}, ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb.toFixed(1)} GB RAM, ${m.platform}; load average at start ${m.loadAverage}. Timings depend on the machine and on whatever else it is running; accuracy does not.`, '');
  out.push('## Summary against the goals of issue 4', '');
  out.push('| | SafeStep | goal | |', '|---|---|---|---|');
  out.push(`| Routing, right first time (top-1), dev set | ${pct(s.accuracy)} (NLP.js: ${pct(n.accuracy)}) | ahead of NLP.js; floor 90% in \`npm test\` | ${tick(g.ahead && s.accuracy >= 0.9)} |`);
  out.push(`| Immediate-danger recall, dev set | ${rt.danger.caught}/${rt.danger.positives} (${pct(rt.danger.recall)}) | 100% | ${tick(rt.danger.recall === 1)} |`);
  out.push(`| Out-of-scope precision, dev set | ${pct(s.outOfScope.precision)} | ≥ 90% | ${tick(s.outOfScope.precision >= 0.9)} |`);
  out.push(`| One full turn (route + engine + SQLite), p99 of ${turns.turns.toLocaleString('en-GB')} | ${ms(turns.p99)} ms (p50 ${ms(turns.p50)} ms) | < ${GOALS.p99Ms} ms | ${tick(g.p99)} |`);
  out.push(`| Process start to ready (\`chat\`, median of ${g.chat.runs.length}) | ${ms(g.chat.medianReadyMs)} ms | < 1 s | ${tick(g.ready)} |`);
  out.push(`| Resident memory once ready (\`chat\`) | ${g.chat.medianRssMb.toFixed(0)} MB | < ${GOALS.rssMb} MB | ${tick(g.rss)} |`, '');

  out.push('## Routing accuracy', '');
  out.push(`The dev set (\`test/nlu/dev-set.yaml\`) has ${rt.cases.length} messages written the way staff type — typos, abbreviations, indirect wording, questions and statements, 1 to ${Math.max(...rt.cases.map((c) => c.text.split(/\s+/).length))} words: ${withFlow} belong to one of the ${rt.flows.length} flows (at least 10 each), ${rt.cases.length - withFlow} to none (school life outside online safety, and emergencies no flow covers), ${rt.danger.positives} signal immediate danger and ${s.twoTopics.cases} raise two topics (labelled with the more serious). None is a training phrase or a light edit of one (\`test/nlu/dev-set.test.ts\` checks). Every router below was trained on the same ${rt.trainingPhrases} example phrases of the flows (plus each flow's title and summary) and the same ${rt.outOfScopePhrases} out-of-scope examples, and scored by the same code (\`src/nlu/evaluate.ts\`).`, '');
  out.push('- **top-1**: the first answer is right — the flow started, or the first one offered, is the labelled flow; for an out-of-scope message, SafeStep says "not covered" and offers nothing.');
  out.push('- **top-3**: the right answer is among what is shown — the flow is among the (at most three) flows offered; for an out-of-scope message, no flow was started.');
  out.push('- **started (wrong)**: messages sent straight into a flow without a menu, and how many of those went to the wrong flow — the costly mistake.');
  out.push('- **out of scope P / R**: of the messages answered "not covered", the share that are; of the out-of-scope messages, the share answered so.', '');
  out.push('| Router | top-1 | top-3 | started (wrong) | menus | out of scope P / R | two topics | build ms | ms per message |', '|---|---|---|---|---|---|---|---|---|');
  for (const row of rt.rows) {
    const e = row.evaluation;
    out.push(`| **${row.name}** — ${row.note} | ${pct(e.accuracy)} | ${pct(e.top3)} | ${e.started} (${e.wrongFlow + e.outOfScopeRouted}) | ${e.menus} | ${pct(e.outOfScope.precision)} / ${pct(e.outOfScope.recall)} | ${e.twoTopics.correct}/${e.twoTopics.cases} | ${ms(row.trainMs)} | ${ms(row.msPerMessage)} |`);
  }
  const f = rt.fresh;
  out.push('', `**A fresh set.** The dev set steered the work on the router (its misses were read while improving vocabulary and method, though none was ever pasted into training), so its figures flatter a little. \`test/nlu/fresh-set.yaml\` has ${f.cases.length} further messages (every flow, out of scope, danger, two topics) written after the tuning and never tuned against. When first measured, SafeStep v2 scored top-1 84.5%, top-3 94.4%, 0 wrong starts of 43, out-of-scope precision 88%, danger 3/4 (the miss, "people … keep telling her to go die", led to a new danger rule). Today:`, '');
  out.push('| Router | top-1 | top-3 | started (wrong) | out of scope P / R | danger |', '|---|---|---|---|---|---|');
  out.push(`| SafeStep router v2 | ${pct(f.safestep.accuracy)} | ${pct(f.safestep.top3)} | ${f.safestep.started} (${f.safestep.wrongFlow + f.safestep.outOfScopeRouted}) | ${pct(f.safestep.outOfScope.precision)} / ${pct(f.safestep.outOfScope.recall)} | ${f.danger.caught}/${f.danger.positives} |`);
  out.push(`| NLP.js 4 | ${pct(f.nlpjs.accuracy)} | ${pct(f.nlpjs.top3)} | ${f.nlpjs.started} (${f.nlpjs.wrongFlow + f.nlpjs.outOfScopeRouted}) | ${pct(f.nlpjs.outOfScope.precision)} / ${pct(f.nlpjs.outOfScope.recall)} | — |`);
  out.push('', ...renderRoutingSets(rt.sets)); // issue 12: every set, SafeStep beside NLP.js
  out.push('', '### Per flow (top-1)', '');
  out.push('| Flow | messages | SafeStep | NLP.js | SafeStep\'s misses went to |', '|---|---|---|---|---|');
  for (const [flow, row] of Object.entries(s.perFlow).sort(([a], [b]) => sortKey(a).localeCompare(sortKey(b)))) {
    const other = n.perFlow[flow];
    const misses = Object.entries(row.confusedWith).sort((a, b) => b[1] - a[1]).map(([f, c]) => `${f} ${c}`).join(', ');
    out.push(`| ${flow} | ${row.cases} | ${row.correct} | ${other?.correct ?? 0} | ${misses || '—'} |`);
  }
  out.push('', '### Immediate danger (SafeStep\'s danger check, content/danger/; both levels on every set: "Danger first" below)', '');
  out.push(`Recall (999 or the danger question) ${rt.danger.caught}/${rt.danger.positives} (${pct(rt.danger.recall)}). False alarms (999) on the other messages: ${rt.danger.falseAlarms}/${rt.danger.negatives} (${pct(rt.danger.falseAlarmRate)}) — recall matters more: a false alarm costs a "call 999 if…" line; most of these are about an adult holding indecent images of children, which the rules flag on purpose.`, '');
  if (rt.danger.missed.length > 0) out.push('Missed:', '', ...rt.danger.missed.map((t) => `- ${t}`), '');
  out.push('<details><summary>False alarms</summary>', '', ...rt.danger.alarms.map((t) => `- ${t}`), '', '</details>', '');
  out.push(...failures('SafeStep router v2', s));

  out.push('## Speed and memory', '');
  out.push(`**One full turn** — the real app (\`buildApp\`: content, router, danger check, ConversationRunner, SQLite file in a temporary directory), ${turns.turns.toLocaleString('en-GB')} scripted turns after ${turns.warmup} warm-up turns, over ${turns.conversations.toLocaleString('en-GB')} conversations that open with a dev-set message and answer every question with its first choice (${turns.reportsFiled.toLocaleString('en-GB')} reports filed; database ${(turns.databaseBytes / 1e6).toFixed(1)} MB at the end):`, '');
  out.push('| p50 | p90 | p99 | max | mean | total |', '|---|---|---|---|---|---|');
  out.push(`| ${ms(turns.p50)} ms | ${ms(turns.p90)} ms | ${ms(turns.p99)} ms | ${ms(turns.max)} ms | ${ms(turns.mean)} ms | ${turns.totalSeconds.toFixed(1)} s |`, '');
  out.push('**Start to ready** — the built CLI spawned as a real process; ready is its first line of output (`route`: its answer to one message; `chat --json`: the greeting, after content, router, danger check and database are up). Memory is the process\'s resident set at that moment.', '');
  out.push('| Probe | command | ready, median | ready, max | RSS, median | RSS, max |', '|---|---|---|---|---|---|');
  for (const p of r.startup) out.push(`| ${p.name} | \`${p.command}\` | ${ms(p.medianReadyMs)} ms | ${ms(p.maxReadyMs)} ms | ${p.medianRssMb.toFixed(0)} MB | ${p.maxRssMb.toFixed(0)} MB |`);
  out.push('');
  out.push(...renderContentScale(r.contentScale));
  out.push(...renderBurst(r.burst));

  out.push('## History: router v1 → v2 on this dev set', '');
  out.push('Measured while working on issue 4, on the same dev set (written before any change; one label was later corrected to agree with the product\'s transcripts: social media on a lunch break belongs to staff-phone-use).', '');
  out.push('| | v1 (commit cb71e63: nearest examples by TF-IDF cosine) | v2 (now) |', '|---|---|---|');
  out.push(`| top-1 | 70.2% | ${pct(s.accuracy)} |`);
  out.push(`| top-3 | 84.0% | ${pct(s.top3)} |`);
  out.push(`| started straight away (wrong) | 166 (19) | ${s.started} (${s.wrongFlow + s.outOfScopeRouted}) |`);
  out.push(`| out-of-scope precision / recall | 88.2% / 53.6% | ${pct(s.outOfScope.precision)} / ${pct(s.outOfScope.recall)} |`);
  out.push(`| danger recall | 25/34 | ${rt.danger.caught}/${rt.danger.positives} |`);
  out.push(`| danger false alarms | 11/348 | ${rt.danger.falseAlarms}/${rt.danger.negatives} |`, '');
  out.push('What changed, in the order it helped: concept groups in the vocabulary (`content/nlu/vocabulary.yaml`: nudity, bullying, hate, extremism, staff, parents, whose phone… so a word no example used still counts); more example phrases per flow (18 → 37-57, each for a sub-situation a flow\'s own questions name, checked against the dev set for closeness); more out-of-scope examples; a logistic regression beside nearest examples; softer IDF; a threshold of 0.7 (fewer wrong starts, more menus); splitting several topics; danger rules for the phrasings the dev set showed missing. See `src/nlu/router.ts` for the design and `content/nlu/router.yaml` for the settings.', '');
  return out.join('\n');
}

function failures(name: string, e: Evaluation): string[] {
  const lines = e.failures.map((f) => `- ${f.expected ?? OUT_OF_SCOPE} → ${f.got ?? OUT_OF_SCOPE}${f.offered.length > 1 ? ` (offered: ${f.offered.join(', ')})` : ''}: ${f.text}`);
  return [`<details><summary>${name}: the ${e.failures.length} messages not right first time</summary>`, '', ...lines, '', '</details>', ''];
}

function sortKey(flow: string): string {
  return flow === OUT_OF_SCOPE ? '~' : flow;
}

/** The lines printed at the end of `npm run bench`. */
export function renderSummary(r: BenchResults): string {
  const g = goals(r);
  const row = (x: { name: string; evaluation: Evaluation }) =>
    `  ${x.name.padEnd(40)} top-1 ${pct(x.evaluation.accuracy).padStart(6)}  top-3 ${pct(x.evaluation.top3).padStart(6)}  out-of-scope precision ${pct(x.evaluation.outOfScope.precision).padStart(6)}`;
  return [
    `Routing on ${r.routing.cases.length} dev-set messages:`,
    ...r.routing.rows.map(row),
    `  danger recall ${r.routing.danger.caught}/${r.routing.danger.positives}, false alarms ${r.routing.danger.falseAlarms}/${r.routing.danger.negatives}`,
    `Fresh set (${r.routing.fresh.cases.length} messages written after tuning): SafeStep top-1 ${pct(r.routing.fresh.safestep.accuracy)}, NLP.js top-1 ${pct(r.routing.fresh.nlpjs.accuracy)}; danger ${r.routing.fresh.danger.caught}/${r.routing.fresh.danger.positives}`,
    ...summariseRoutingSets(r.routing.sets),
    `Turn latency over ${r.turns.turns} turns: p50 ${ms(r.turns.p50)} ms, p99 ${ms(r.turns.p99)} ms (goal < ${GOALS.p99Ms} ms: ${g.p99 ? 'met' : 'NOT met'})`,
    ...r.startup.map((p) => `Start to ready (${p.name}): median ${ms(p.medianReadyMs)} ms, RSS ${p.medianRssMb.toFixed(0)} MB`),
    `Content at scale (${r.contentScale.flows} flows × ${r.contentScale.settings} settings): load and validate median ${ms(r.contentScale.medianMs)} ms, ${r.contentScale.problems} problems`,
    ...burstSummary(r.burst),
    `Goals: SafeStep ahead of NLP.js ${g.ahead ? 'met' : 'NOT met'}; start < 1 s ${g.ready ? 'met' : 'NOT met'}; memory < ${GOALS.rssMb} MB ${g.rss ? 'met' : 'NOT met'}`,
    'Written: docs/benchmarks.md',
  ].join('\n');
}
