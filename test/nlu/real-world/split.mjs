// Splits the real-world routing set into tune.yaml (about 40 %) and holdout.yaml (about 60 %)
// by SOURCE ITEM, so one news story, forum thread or guidance page never lands in both files.
//
//   node test/nlu/real-world/split.mjs <pool.yaml>   write tune.yaml and holdout.yaml from a pool
//   node test/nlu/real-world/split.mjs --check       re-derive the split from the two files and
//                                                    fail if any source sits in the wrong file
//
// The split is seeded, not hand-picked: each source is put in the stratum of the flow most of its
// messages carry (ties: alphabetical; null counts as "null"), the sources of a stratum are ordered
// by sha256(SEED + ":" + source), and taken into tune in that order while that brings the
// stratum's tune share closer to 40 % of its messages. Everything else is holdout.
// Only the set of cases decides the split, not their order, so --check works from the union.
// A case relabelled after the split (round 7: sextortion is grooming-exploitation) keeps the label
// the split was drawn with in its note ("split as <flow>; ..."), and counts in that stratum.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const SEED = 'safestep-issue-12';
const TUNE_SHARE = 0.4;
const DIR = path.dirname(fileURLToPath(import.meta.url));
const TUNE = path.join(DIR, 'tune.yaml');
const HOLDOUT = path.join(DIR, 'holdout.yaml');

const read = (file) => parse(fs.readFileSync(file, 'utf8')).cases;
const hash = (source) => crypto.createHash('sha256').update(`${SEED}:${source}`).digest('hex');

/** The set of sources that go to tune. */
function tuneSources(cases) {
  const bySource = new Map();
  for (const c of cases) {
    if (!bySource.has(c.source)) bySource.set(c.source, []);
    bySource.get(c.source).push(c);
  }
  const strata = new Map();
  for (const [source, list] of bySource) {
    const counts = new Map();
    for (const c of list) {
      const label = /^split as ([a-z-]+)/.exec(c.note ?? '')?.[1] ?? String(c.flow);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const flow = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    if (!strata.has(flow)) strata.set(flow, []);
    strata.get(flow).push({ source, size: list.length });
  }
  const tune = new Set();
  for (const sources of strata.values()) {
    const total = sources.reduce((n, s) => n + s.size, 0);
    const target = total * TUNE_SHARE;
    let taken = 0;
    for (const s of sources.sort((a, b) => hash(a.source).localeCompare(hash(b.source)))) {
      if (Math.abs(taken + s.size - target) < Math.abs(taken - target)) {
        tune.add(s.source);
        taken += s.size;
      }
    }
  }
  return tune;
}

const HEADER = (name, share) => `# SafeStep's real-world routing set, ${name} part (${share}). Messages adapted from public pages
# (teacher and parent forums, news reports, case studies, guidance FAQs, helpline write-ups) and
# rewritten in a member of staff's own words. Built for issue 12; see README.md in this folder.
# NEVER copy anything from this folder into a flow's \`examples\`, content/nlu/* or any training data.
${name === 'tune'
    ? '# This part MAY be looked at message by message while improving the router.'
    : '# This part must NOT be looked at or tuned against: it is the honest measure. Report it, do not read it.'}
# Same case format as test/nlu/dev-set.yaml (text, flow, danger, also, note) plus:
#   source  the public page the message was adapted from
#   kind    forum | news | case-study | guidance-faq | helpline
# Split by source item with split.mjs (seeded); \`node test/nlu/real-world/split.mjs --check\` re-derives it.
cases:
`;

function line(c) {
  const parts = [`text: ${JSON.stringify(c.text)}`, `flow: ${c.flow ?? 'null'}`, `danger: ${c.danger === true}`];
  if (c.also) parts.push(`also: ${c.also}`);
  parts.push(`source: ${JSON.stringify(c.source)}`, `kind: ${c.kind}`);
  if (c.note) parts.push(`note: ${JSON.stringify(c.note)}`);
  return `  - { ${parts.join(', ')} }\n`;
}

if (process.argv[2] === '--check') {
  const tune = read(TUNE);
  const holdout = read(HOLDOUT);
  const chosen = tuneSources([...tune, ...holdout]);
  const wrong = [
    ...tune.filter((c) => !chosen.has(c.source)).map((c) => `in tune, should be holdout: ${c.source}`),
    ...holdout.filter((c) => chosen.has(c.source)).map((c) => `in holdout, should be tune: ${c.source}`),
  ];
  if (wrong.length > 0) {
    console.error([...new Set(wrong)].join('\n'));
    process.exit(1);
  }
  console.log(`split ok: ${tune.length} tune, ${holdout.length} holdout`);
} else {
  const pool = read(process.argv[2]);
  const chosen = tuneSources(pool);
  const tune = pool.filter((c) => chosen.has(c.source));
  const holdout = pool.filter((c) => !chosen.has(c.source));
  fs.writeFileSync(TUNE, HEADER('tune', 'about 40 %') + tune.map(line).join(''));
  fs.writeFileSync(HOLDOUT, HEADER('holdout', 'about 60 %') + holdout.map(line).join(''));
  console.log(`${tune.length} tune, ${holdout.length} holdout`);
}
