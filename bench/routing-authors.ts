/**
 * Leave-one-author-out (issue 12, round 4): how well the router does on a stranger's words when it
 * trains on real staff messages (content/nlu/staff-messages.yaml) by the other authors. For each
 * author X of the tuning parts (tune.yaml: 1, tune-2.yaml: C, tune-3.yaml: D, tune-4.yaml: E,
 * tune-5.yaml: F, tune-6.yaml: G, tune-7.yaml: H; round 7's retired holdouts tune-8.yaml: I,
 * tune-9.yaml: J, tune-10.yaml: K; round 7's new authors tune-11.yaml: L, tune-12.yaml: M,
 * tune-13.yaml: N, tune-14.yaml: O; round 8's new authors tune-15.yaml: P, tune-16.yaml: Q and retired
 * holdouts 5 and 6, tune-17.yaml: R, tune-18.yaml: S, and the later tune-19.yaml: T, tune-20.yaml: U), the router is trained
 * on the flows' examples and every staff message except X's, and measured on X's part; beside it,
 * the router trained on the examples alone (no staff message), and the dev and fresh sets with
 * every staff message trained on. It never reads a holdout.
 * `npm run build --silent && tsc -p tsconfig.bench.json && node dist/bench/routing-authors.js`
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../src/authoring/load';
import { DEV_SET_FILE, FRESH_SET_FILE, readDevSet } from '../src/nlu/dev-set';
import { evaluateRouter, type LabelledMessage } from '../src/nlu/evaluate';
import { createNlu, loadNluContent, type NluContent } from '../src/nlu/load';
import type { NluRouter } from '../src/nlu/router';

/** The tuning parts and their authors (test/nlu/real-world/to-training.mjs). */
const PARTS = [
  { author: '1', file: 'test/nlu/real-world/tune.yaml' },
  { author: 'C', file: 'test/nlu/real-world/tune-2.yaml' },
  { author: 'D', file: 'test/nlu/real-world/tune-3.yaml' },
  { author: 'E', file: 'test/nlu/real-world/tune-4.yaml' },
  { author: 'F', file: 'test/nlu/real-world/tune-5.yaml' },
  { author: 'G', file: 'test/nlu/real-world/tune-6.yaml' },
  { author: 'H', file: 'test/nlu/real-world/tune-7.yaml' },
  { author: 'I', file: 'test/nlu/real-world/tune-8.yaml' },
  { author: 'J', file: 'test/nlu/real-world/tune-9.yaml' },
  { author: 'K', file: 'test/nlu/real-world/tune-10.yaml' },
  { author: 'L', file: 'test/nlu/real-world/tune-11.yaml' },
  { author: 'M', file: 'test/nlu/real-world/tune-12.yaml' },
  { author: 'N', file: 'test/nlu/real-world/tune-13.yaml' },
  { author: 'O', file: 'test/nlu/real-world/tune-14.yaml' },
  { author: 'P', file: 'test/nlu/real-world/tune-15.yaml' },
  { author: 'Q', file: 'test/nlu/real-world/tune-16.yaml' },
  { author: 'R', file: 'test/nlu/real-world/tune-17.yaml' },
  { author: 'S', file: 'test/nlu/real-world/tune-18.yaml' },
  { author: 'T', file: 'test/nlu/real-world/tune-19.yaml' },
  { author: 'U', file: 'test/nlu/real-world/tune-20.yaml' },
] as const;

const SAFEGUARDING_CONCERN = 'safeguarding-concern';

/** One line of figures: top-1 / top-3 / wrong starts / out-of-scope P, R / worries reaching the DSL route. */
export function describe(router: NluRouter, cases: readonly LabelledMessage[]): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const e = evaluateRouter(router, cases);
  const worries = cases.filter((c) => c.flow === SAFEGUARDING_CONCERN);
  const reached = worries.filter((c) => {
    const r = router.route(c.text);
    return r.flow === SAFEGUARDING_CONCERN || r.alternatives.some((a) => a.flow === SAFEGUARDING_CONCERN);
  }).length;
  return `${String(e.cases).padStart(4)}: ${pct(e.accuracy)} / ${pct(e.top3)} / ${e.wrongFlow + e.outOfScopeRouted} / ${pct(e.outOfScope.precision)}, ${pct(e.outOfScope.recall)} / ${reached}/${worries.length}`;
}

/** Prints leave-one-author-out, then dev and fresh trained on every staff message. */
export function runRoutingAuthors(root: string, say: (line: string) => void): void {
  const flows = [...loadContent(root).flows.values()];
  const nlu = loadNluContent(root);
  const build = (content: NluContent) => createNlu(flows, content, { cache: null }).router;
  const examplesOnly = build({ ...nlu, staffMessages: [] });
  say('routing by author (no holdout): top-1 / top-3 / wrong starts / out-of-scope P, R / worries reaching safeguarding-concern');
  for (const part of PARTS) {
    if (!fs.existsSync(path.join(root, part.file))) continue;
    const cases = readDevSet(path.join(root, part.file), part.file);
    const others = nlu.staffMessages.filter((m) => m.author !== part.author);
    say(`  author ${part.author} (${path.basename(part.file)}), examples only      ${describe(examplesOnly, cases)}`);
    say(`  author ${part.author}, + other authors' ${String(others.length).padStart(3)} messages ${describe(build({ ...nlu, staffMessages: others }), cases)}`);
  }
  const all = build(nlu);
  for (const [name, file] of [['dev', DEV_SET_FILE], ['fresh', FRESH_SET_FILE]] as const) {
    const cases = readDevSet(path.join(root, file), file);
    say(`  ${name.padEnd(5)} examples only ${describe(examplesOnly, cases)}; + all ${nlu.staffMessages.length} staff messages ${describe(all, cases)}`);
  }
}

if (require.main === module) runRoutingAuthors(path.resolve(__dirname, '..', '..'), (line) => process.stdout.write(`${line}\n`));
