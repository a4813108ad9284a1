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
import path from 'node:path';
import { createDangerDetector } from '../src/nlu/danger';
import { leaveOneAuthorOut } from '../src/nlu/danger-likeness-folds';
import { readTrainingData } from '../src/nlu/danger-likeness-fit';
import { readDangerAuthors } from '../src/nlu/danger-set';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../src/nlu/dev-set';
import { evaluateDanger, type DangerEvaluation } from '../src/nlu/evaluate';
import { loadNluContent } from '../src/nlu/load';

/** One row: a set, how it was measured, and the outcome. */
export interface AuthorRow {
  set: string;
  how: string;
  evaluation: DangerEvaluation;
}

/** Measures every row under `root` (21 authors: 231 fits of the backstop, each kept for reuse by fit(); see danger-real.md for the time). */
export function measureDangerAuthors(root: string): AuthorRow[] {
  const nlu = loadNluContent(root);
  const shipped = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });
  const rules = createDangerDetector({ ...nlu.danger, likeness: undefined }, { vocabulary: nlu.vocabulary });
  const dev = readDevSet(path.join(root, DEV_SET_FILE), DEV_SET_FILE).map((c) => ({ text: c.text, danger: c.danger === true }));
  const fresh = readDevSet(path.join(root, FRESH_SET_FILE), FRESH_SET_FILE).map((c) => ({ text: c.text, danger: c.danger === true }));
  const rows: AuthorRow[] = [];
  const { examples } = readTrainingData(root, rules);
  const loao = leaveOneAuthorOut(examples, dev, nlu.danger, nlu.vocabulary);
  const loaoShared = leaveOneAuthorOut(examples, dev, nlu.danger, nlu.vocabulary, { trainOnAuthors: false });
  for (const a of readDangerAuthors(root)) {
    rows.push({ set: a.id, how: 'rules alone (shipped)', evaluation: evaluateDanger(rules, a.cases) });
    rows.push({ set: a.id, how: 'rules + backstop (shipped)', evaluation: evaluateDanger(shipped, a.cases) });
    const fold = loao.find((f) => f.author === a.id);
    if (fold) rows.push({ set: a.id, how: `rules + backstop trained without ${a.id} (threshold ${fold.threshold}, demote below ${fold.demoteBelow})`, evaluation: fold.evaluation });
    const shared = loaoShared.find((f) => f.author === a.id);
    if (shared) rows.push({ set: a.id, how: `rules + backstop on shared files only, threshold without ${a.id} (${shared.threshold})`, evaluation: shared.evaluation });
  }
  rows.push({ set: 'dev', how: 'rules + backstop (shipped)', evaluation: evaluateDanger(shipped, dev) });
  rows.push({ set: 'fresh', how: 'rules + backstop (shipped)', evaluation: evaluateDanger(shipped, fresh) });
  return rows;
}

const pct = (a: number, b: number) => `${a}/${b} (${b === 0 ? '0.0' : ((a / b) * 100).toFixed(1)}%)`;

/** The markdown section. */
export function renderDangerAuthors(rows: readonly AuthorRow[]): string {
  const out = ['', '## Danger check by author (tuning material only, no holdout)', ''];
  out.push('Leave-one-author-out rows fit the likeness backstop and choose its threshold without that author; the rules were written after reading every tuning author, so their rows are tuning figures.', '');
  out.push('| Set | How | recall (999 or question) | 999 on other | question on other |', '|---|---|---|---|---|');
  for (const r of rows) {
    const e = r.evaluation;
    out.push(`| ${r.set} | ${r.how} | ${pct(e.caught, e.positives)} | ${pct(e.falseAlarms, e.negatives)} | ${pct(e.questions, e.negatives)} |`);
  }
  return `${out.join('\n')}\n`;
}

/** The hook for bench/index.ts. */
export function runDangerAuthorsBench(root: string, say: (line: string) => void): void {
  const rows = measureDangerAuthors(root);
  fs.appendFileSync(path.join(root, 'docs/benchmarks.md'), renderDangerAuthors(rows));
  say(rows.map((r) => `Danger by author, ${r.set}, ${r.how}: recall ${pct(r.evaluation.caught, r.evaluation.positives)}, 999 on ${pct(r.evaluation.falseAlarms, r.evaluation.negatives)}, question on ${pct(r.evaluation.questions, r.evaluation.negatives)}`).join('\n'));
}

/* c8 ignore start */
if (require.main === module) {
  const root = path.resolve(__dirname, '..', '..');
  const rows = measureDangerAuthors(root);
  process.stdout.write(renderDangerAuthors(rows));
  if (process.argv.includes('--list')) {
    for (const r of rows.filter((x) => x.set !== 'fresh' && x.how === 'rules + backstop (shipped)')) {
      const e = r.evaluation;
      for (const [title, items] of [['missed', e.missed], ['999 on non-danger', e.alarms], ['question on non-danger', e.asked]] as const) {
        for (const t of items) process.stdout.write(`${r.set} ${title}: ${t}\n`);
      }
    }
  }
}
/* c8 ignore stop */
