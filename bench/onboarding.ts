/**
 * Issue 14: how long `safestep setting new` takes to draft a setting from a template-sized policy
 * (in-process, median of 5, and once as a real CLI process on a temp copy), and how well the
 * drafter agrees with the four hand-made profiles when each is drafted from its own policy
 * with its own profile left out of the exemplars (leave-one-out): filled-or-silent agreement,
 * and how often a rule filled by both cites the same clause. Printed, not written to a file.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { normalise } from '../src/authoring/clauses/policy-text';
import { loadCatalogue } from '../src/onboarding/catalogue';
import { buildDraft, type DraftSource } from '../src/onboarding/draft';
import { loadExemplars } from '../src/onboarding/exemplars';

interface Profile {
  id: string;
  documents: { id: string }[];
  rules: Record<string, { silent?: boolean; cite?: { document: string; clauses?: string[] }[] }>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function clauseTexts(root: string, doc: string): Map<string, string> {
  const file = path.join(root, 'content', 'clauses', `${doc}.yaml`);
  if (!fs.existsSync(file)) return new Map();
  const map = parse(fs.readFileSync(file, 'utf8')) as { clauses: { id: string; text: string }[] };
  return new Map(map.clauses.map((c) => [c.id, normalise(c.text)]));
}

/** Runs the onboarding bench and prints its lines. */
export function runOnboardingBench(root: string, say: (line: string) => void): void {
  const catalogue = loadCatalogue(root);
  const policies = path.join(root, '..', 'shared', 'policies');
  const template = path.join(policies, 'east-stour-primary-mobile-smart-tech-and-social-media-2023.txt');
  const text = fs.readFileSync(template, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    buildDraft('bench-primary', 'Bench Primary School', [{ file: 'template.txt', documentId: 'bench-primary-template', text }], catalogue, loadExemplars(root, 'east-stour-primary'));
    times.push((performance.now() - t0) / 1000);
  }
  say(`onboarding: draft of a template-sized policy (${(text.length / 1024).toFixed(0)} KB, East Stour's) in-process: median ${median(times).toFixed(2)} s, max ${Math.max(...times).toFixed(2)} s (goal: seconds, not minutes)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-onboard-bench-'));
  try {
    for (const d of ['flows', 'content']) fs.cpSync(path.join(root, d), path.join(tmp, 'repo', d), { recursive: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [path.join(root, 'dist', 'src', 'cli', 'index.js'), 'setting', 'new', '--id', 'bench-primary', '--name', 'Bench Primary School', '--policy', template], { env: { ...process.env, SAFESTEP_CONTENT_DIR: path.join(tmp, 'repo') }, encoding: 'utf8' });
    say(`onboarding: safestep setting new as a real process: ${((performance.now() - t0) / 1000).toFixed(2)} s (exit ${r.status})`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  for (const f of fs.readdirSync(path.join(root, 'content', 'settings')).filter((n) => n.endsWith('.yaml')).sort()) {
    const p = parse(fs.readFileSync(path.join(root, 'content', 'settings', f), 'utf8')) as Profile;
    const sources: DraftSource[] = p.documents.filter((d) => fs.existsSync(path.join(policies, `${d.id}.txt`))).map((d) => ({ file: `${d.id}.txt`, documentId: d.id, text: fs.readFileSync(path.join(policies, `${d.id}.txt`), 'utf8') }));
    if (sources.length === 0) continue;
    let draft;
    try {
      draft = buildDraft(p.id, p.id, sources, catalogue, loadExemplars(root, p.id));
    } catch (err) {
      say(`onboarding: ${p.id}: ${(err as Error).message}`);
      continue;
    }
    let agree = 0;
    let both = 0;
    let sameClause = 0;
    const texts = new Map(p.documents.map((d) => [d.id, clauseTexts(root, d.id)]));
    for (const m of draft.matches) {
      const truth = p.rules[m.key];
      const truthFilled = truth !== undefined && !truth.silent;
      if (truthFilled === m.clauses.length > 0) agree++;
      if (truthFilled && m.clauses.length > 0) {
        both++;
        const real = (truth.cite ?? []).flatMap((c) => (c.clauses ?? []).map((id) => texts.get(c.document)?.get(id) ?? ''));
        if (m.clauses.some((c) => real.some((r) => r.length > 0 && (r.includes(normalise(c.text)) || normalise(c.text).includes(r))))) sameClause++;
      }
    }
    say(`onboarding: leave-one-out ${p.id}: filled/silent agrees with the hand-made profile on ${agree}/${draft.matches.length} rules; of ${both} filled by both, ${sameClause} cite a clause the hand-made rule cites`);
  }
}

if (require.main === module) runOnboardingBench(path.resolve(__dirname, '..', '..'), (l) => process.stdout.write(`${l}\n`));
