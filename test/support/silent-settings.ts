/**
 * A copy of the real content with synthetic settings added: `quiet-oak` (early years) and
 * `bare-hill` (primary) are silent on EVERY rule any profile or flow uses, name no contacts,
 * deputies or official channels (bare-hill names no DSL either), and have no quiz bank. Used to
 * prove that a new setting needs no flow edits and never hears another setting's policy.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { contentRoot } from './content-root';

/** The synthetic settings' ids. */
export const SILENT_SETTINGS = ['quiet-oak', 'bare-hill'] as const;

/** Every rule key the real profiles define and the flows name ({{rule.KEY}}, {rule: KEY}). */
export function everyRuleKey(root: string): string[] {
  const keys = new Set<string>();
  const settingsDir = path.join(root, 'content', 'settings');
  for (const f of readdirSync(settingsDir).filter((n) => n.endsWith('.yaml'))) {
    for (const k of Object.keys((parse(readFileSync(path.join(settingsDir, f), 'utf8')) as { rules?: object }).rules ?? {})) keys.add(k);
  }
  for (const f of readdirSync(path.join(root, 'flows')).filter((n) => n.endsWith('.yaml'))) {
    const text = readFileSync(path.join(root, 'flows', f), 'utf8');
    for (const m of text.matchAll(/\{\{\s*rule\.([a-z0-9-]+)\s*\}\}|rule:\s*([a-z0-9-]+)/g)) keys.add((m[1] ?? m[2])!);
  }
  return [...keys].sort();
}

function profile(id: string, name: string, kind: string, dsl: { name?: string; role: string }, rules: string[]): object {
  const doc = `${id}-policy`;
  return {
    id, name, kind,
    childTerm: kind === 'early-years' ? 'child' : 'pupil',
    childrenTerm: kind === 'early-years' ? 'children' : 'pupils',
    people: {
      // A named DSL is cited to the front page of the policy, where Kent-template policies print it.
      dsl: dsl.name ? { ...dsl, cite: [{ document: doc, section: 'preamble' }] } : dsl, deputies: [], head: { role: kind === 'early-years' ? 'manager' : 'headteacher' },
      allegations: { text: `the ${kind === 'early-years' ? 'manager' : 'headteacher'}, under the allegations procedure`, cite: [{ document: doc, section: '1' }] },
    },
    officialChannels: [],
    documents: [{ id: doc, title: `${name} safeguarding policy`, approved: 'September 2026', reviewDue: 'September 2027', reviewDueDate: '2027-09-30', precedence: 1, sections: [{ id: '1', title: 'Allegations against staff' }] }],
    rules: Object.fromEntries(rules.map((k) => [k, { silent: true }])),
  };
}

/** A temp copy of the content root (flows/, content/, and ../shared/policies linked beside it). */
export function copyContent(): { root: string; dispose: () => void } {
  const from = contentRoot();
  const base = mkdtempSync(path.join(os.tmpdir(), 'safestep-content-copy-'));
  const root = path.join(base, 'main');
  mkdirSync(root);
  cpSync(path.join(from, 'flows'), path.join(root, 'flows'), { recursive: true });
  cpSync(path.join(from, 'content'), path.join(root, 'content'), { recursive: true });
  const policies = path.resolve(from, '..', 'shared', 'policies');
  if (existsSync(policies)) {
    mkdirSync(path.join(base, 'shared'));
    symlinkSync(policies, path.join(base, 'shared', 'policies'));
  }
  return { root, dispose: () => rmSync(base, { recursive: true, force: true }) };
}

/** Makes the copy with the silent settings; returns its root. */
export function makeSilentContent(): { root: string; dispose: () => void } {
  const copy = copyContent();
  const { root } = copy;
  const rules = everyRuleKey(contentRoot());
  const write = (id: string, p: object) => writeFileSync(path.join(root, 'content', 'settings', `${id}.yaml`), stringify(p));
  write('quiet-oak', profile('quiet-oak', 'Quiet Oak Nursery', 'early-years', { name: 'Morgan Vale', role: 'Designated Safeguarding Lead' }, rules));
  write('bare-hill', profile('bare-hill', 'Bare Hill Primary', 'primary', { role: 'Designated Safeguarding Lead' }, rules));
  return copy;
}
