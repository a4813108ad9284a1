/**
 * The danger check by author (issue 11, fourth round), reading ONLY tuning material, the dev set and
 * the fresh set — never a holdout or test/nlu/real-world/. For each author of tuning messages
 * (DANGER_AUTHORS): the shipped rules alone, the shipped rules + backstop (both tuned on that author
 * where the rules were written after reading it), and leave-one-author-out for the learned backstop
 * (fitted and thresholded without the author, then measured on them). `npm run bench` appends it to
 * docs/benchmarks.md; `node dist/bench/danger-authors.js [--list]` prints it (`--list`: the tuning
 * sets' misses, false alarms and questions by text; never the fresh set's).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createDangerDetector } from '../src/nlu/danger';
import { askRulesAbout, foldSubsets, leaveOneAuthorOut, subsetKey } from '../src/nlu/danger-likeness-folds';
import { fit, readTrainingData, type Example } from '../src/nlu/danger-likeness-fit';
import { readDangerAuthors } from '../src/nlu/danger-set';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../src/nlu/dev-set';
import { evaluateDanger, type DangerEvaluation } from '../src/nlu/evaluate';
import { loadNluContent } from '../src/nlu/load';
import type { FitJob, FitResult } from './danger-fit-worker';

type Fitted = ReturnType<typeof fit>;

/** One row: a set, how it was measured, and the outcome. */
export interface AuthorRow {
  set: string;
  how: string;
  evaluation: DangerEvaluation;
}

/** How long the section took and how its fits were spread (for the report). */
export interface AuthorsTiming {
  fits: number;
  threads: number;
  /** Wall seconds: until the last worker's fit (undefined: fitted inside the folds), and the whole section. */
  fitSeconds?: number;
  seconds: number;
}

/**
 * Fits every subset on `threads` worker threads (dist/bench/danger-fit-worker.js), each given every
 * other subset in turn; resolves to the models by subsetKey (folds' o.models). The main thread is
 * free meanwhile (the shipped rows are measured while the fits run). `at`: when the last fit was done
 * (epoch milliseconds, as performance.timeOrigin + performance.now() on any thread).
 */
export function fitOnWorkers(root: string, examples: readonly Example[], subsets: readonly Example[][], threads: number): Promise<{ models: Map<string, Fitted>; at: number }> {
  const index = new Map(examples.map((e, i) => [e, i]));
  const tasks = subsets.map((xs, id) => ({ id, indexes: xs.map((e) => index.get(e)!) }));
  const models = new Map<string, Fitted>();
  let at = 0;
  const workers = Array.from({ length: threads }, (_, w) => tasks.filter((t) => t.id % threads === w));
  return Promise.all(
    workers.map(
      (mine) =>
        new Promise<void>((resolve, reject) => {
          if (mine.length === 0) return resolve();
          const job: FitJob = { root, examples: [...examples], tasks: mine };
          const worker = new Worker(path.join(__dirname, 'danger-fit-worker.js'), { workerData: job });
          let left = mine.length;
          worker.on('message', (r: FitResult) => {
            models.set(subsetKey(subsets[r.id]!), { bias: r.bias, weights: new Map(r.weights) });
            at = Math.max(at, r.at);
            if (--left === 0) void worker.terminate().then(() => resolve());
          });
          worker.once('error', reject);
          worker.once('exit', (code) => (left > 0 ? reject(new Error(`danger fit worker stopped (${code}) with ${left} fits to go`)) : undefined));
        }),
    ),
  ).then(() => ({ models, at }));
}

/**
 * Measures every row under `root`. Leave-one-author-out over the 34 authors needs 596 fits of the
 * backstop (without each author, without each pair for the threshold's out-of-author scores, and the
 * shared files alone): they run first, on `threads` worker threads (0: on the main thread, inside the
 * folds), and the folds then use them (a model only for exactly the examples it was fitted on).
 */
export async function measureDangerAuthors(root: string, threads = Math.min(2, os.availableParallelism())): Promise<{ rows: AuthorRow[]; timing: AuthorsTiming }> {
  const started = performance.now();
  const nlu = loadNluContent(root);
  const shipped = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });
  const rules = createDangerDetector({ ...nlu.danger, likeness: undefined }, { vocabulary: nlu.vocabulary });
  const dev = readDevSet(path.join(root, DEV_SET_FILE), DEV_SET_FILE).map((c) => ({ text: c.text, danger: c.danger === true }));
  const fresh = readDevSet(path.join(root, FRESH_SET_FILE), FRESH_SET_FILE).map((c) => ({ text: c.text, danger: c.danger === true }));
  const { examples } = readTrainingData(root, rules);
  const shared = { trainOnAuthors: false } as const;
  const subsets = [...foldSubsets(examples), ...foldSubsets(examples, shared)];
  const fitting = threads > 0 ? fitOnWorkers(root, examples, subsets, threads) : undefined;
  // While the workers fit: the rows that need no fold, and the rules' verdicts the folds will ask for.
  askRulesAbout([...examples.map((e) => e.text), ...dev.map((c) => c.text)], nlu.danger, nlu.vocabulary);
  const authors = readDangerAuthors(root);
  const own = new Map(authors.map((a) => [a.id, [evaluateDanger(rules, a.cases), evaluateDanger(shipped, a.cases)] as const]));
  const devRow = evaluateDanger(shipped, dev);
  const freshRow = evaluateDanger(shipped, fresh);
  const done = fitting ? await fitting : undefined;
  const fitSeconds = done ? (done.at - performance.timeOrigin - started) / 1000 : undefined;
  // One worker's model against the same fit on this thread (about a second): the folds must see fit()'s own numbers.
  if (done) {
    const check = subsets[0]!;
    const here = fit(check, nlu.vocabulary);
    const there = done.models.get(subsetKey(check));
    if (!there || there.bias !== here.bias || JSON.stringify([...there.weights]) !== JSON.stringify([...here.weights])) throw new Error('a worker thread fitted another model than fit() here');
  }
  const o = done ? { models: done.models } : {};
  const loao = leaveOneAuthorOut(examples, dev, nlu.danger, nlu.vocabulary, o);
  const loaoShared = leaveOneAuthorOut(examples, dev, nlu.danger, nlu.vocabulary, { ...o, ...shared });
  const rows: AuthorRow[] = [];
  for (const a of authors) {
    const [alone, backstop] = own.get(a.id)!;
    rows.push({ set: a.id, how: 'rules alone (shipped)', evaluation: alone });
    rows.push({ set: a.id, how: 'rules + backstop (shipped)', evaluation: backstop });
    const fold = loao.find((f) => f.author === a.id);
    if (fold) rows.push({ set: a.id, how: `rules + backstop trained without ${a.id} (threshold ${fold.threshold}, demote below ${fold.demoteBelow}, override at ${fold.overrideAt ?? 'none'})`, evaluation: fold.evaluation });
    const sharedFold = loaoShared.find((f) => f.author === a.id);
    if (sharedFold) rows.push({ set: a.id, how: `rules + backstop on shared files only, threshold without ${a.id} (${sharedFold.threshold})`, evaluation: sharedFold.evaluation });
  }
  rows.push({ set: 'dev', how: 'rules + backstop (shipped)', evaluation: devRow });
  rows.push({ set: 'fresh', how: 'rules + backstop (shipped)', evaluation: freshRow });
  return { rows, timing: { fits: subsets.length, threads, ...(fitSeconds !== undefined ? { fitSeconds } : {}), seconds: (performance.now() - started) / 1000 } };
}

const pct = (a: number, b: number) => `${a}/${b} (${b === 0 ? '0.0' : ((a / b) * 100).toFixed(1)}%)`;

/** "506 s for the section; 436 fits on 2 worker threads, the last done at 409 s". */
export function describeTiming(t: AuthorsTiming): string {
  const where = t.fitSeconds === undefined ? 'on the main thread, inside the folds' : `on ${t.threads} worker threads, the last done at ${t.fitSeconds.toFixed(0)} s`;
  return `${t.seconds.toFixed(0)} s for the section; ${t.fits} fits ${where}`;
}

/** The markdown section. */
export function renderDangerAuthors(rows: readonly AuthorRow[], timing?: AuthorsTiming): string {
  const out = ['', '## Danger check by author (tuning material only, no holdout)', ''];
  out.push('Leave-one-author-out rows fit the likeness backstop and choose its threshold, demotion and override without that author (the override by the folds\' own budget: the shipped one is chosen on the calibration parts, which no fold sees); the rules were written after reading every tuning author, so their rows are tuning figures.', '');
  if (timing) out.push(`Time: ${describeTiming(timing)}.`, '');
  out.push('| Set | How | recall (999 or question) | 999 on other | question on other |', '|---|---|---|---|---|');
  for (const r of rows) {
    const e = r.evaluation;
    out.push(`| ${r.set} | ${r.how} | ${pct(e.caught, e.positives)} | ${pct(e.falseAlarms, e.negatives)} | ${pct(e.questions, e.negatives)} |`);
  }
  return `${out.join('\n')}\n`;
}

/** The hook for bench/index.ts. */
export async function runDangerAuthorsBench(root: string, say: (line: string) => void): Promise<void> {
  const { rows, timing } = await measureDangerAuthors(root);
  fs.appendFileSync(path.join(root, 'docs/benchmarks.md'), renderDangerAuthors(rows, timing));
  say(rows.map((r) => `Danger by author, ${r.set}, ${r.how}: recall ${pct(r.evaluation.caught, r.evaluation.positives)}, 999 on ${pct(r.evaluation.falseAlarms, r.evaluation.negatives)}, question on ${pct(r.evaluation.questions, r.evaluation.negatives)}`).join('\n'));
  say(`Danger by author: ${describeTiming(timing)}`);
}

/* c8 ignore start */
if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  // --threads N: fit on N worker threads (0: on the main thread, as before the tenth round).
  const at = process.argv.indexOf('--threads');
  const threads = at > 0 ? Number(process.argv[at + 1]) : undefined;
  void measureDangerAuthors(root, threads).then(({ rows, timing }) => {
    process.stdout.write(renderDangerAuthors(rows, timing));
    if (process.argv.includes('--list')) {
      for (const r of rows.filter((x) => x.set !== 'fresh' && x.how === 'rules + backstop (shipped)')) {
        const e = r.evaluation;
        for (const [title, items] of [['missed', e.missed], ['999 on non-danger', e.alarms], ['question on non-danger', e.asked]] as const) {
          for (const t of items) process.stdout.write(`${r.set} ${title}: ${t}\n`);
        }
      }
    }
  });
}
/* c8 ignore stop */
