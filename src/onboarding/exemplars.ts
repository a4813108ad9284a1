/**
 * What each rule looks like in the policies SafeStep already holds: the verbatim clause texts
 * each established setting's rule cites (from its clause maps). These are the Kent template's
 * own sentences as schools adapted them; the drafter compares a new policy's clauses with them.
 * Only policy words are used, never a setting's rule text, so nothing of another setting's
 * wording can reach a draft. Reads YAML directly (no full validation): fast enough for the bench.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** rule key → verbatim clause texts cited for it by established settings. */
export type Exemplars = Map<string, string[]>;

interface ProfileLike {
  id?: string;
  status?: string;
  rules?: Record<string, { silent?: boolean; cite?: { document: string; clauses?: string[] }[] }>;
}

function clauseTexts(root: string): Map<string, Map<string, string>> {
  const byDoc = new Map<string, Map<string, string>>();
  const dirs = [path.join(root, 'content', 'clauses')];
  const settingsDir = path.join(root, 'content', 'settings');
  if (existsSync(settingsDir)) for (const e of readdirSync(settingsDir, { withFileTypes: true })) if (e.isDirectory()) dirs.push(path.join(settingsDir, e.name, 'clauses'));
  for (const dir of dirs.filter((d) => existsSync(d))) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      const map = parse(readFileSync(path.join(dir, f), 'utf8')) as { document?: string; clauses?: { id: string; text: string }[] };
      if (map?.document && map.clauses) byDoc.set(map.document, new Map(map.clauses.map((c) => [c.id, c.text])));
    }
  }
  return byDoc;
}

/** Exemplars from every established (not draft) setting under `root`, except `excludeId`. */
export function loadExemplars(root: string, excludeId?: string): Exemplars {
  const clauses = clauseTexts(root);
  const out: Exemplars = new Map();
  const dir = path.join(root, 'content', 'settings');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const p = parse(readFileSync(path.join(dir, f), 'utf8')) as ProfileLike;
    if (!p?.rules || p.id === excludeId || p.status === 'draft') continue;
    for (const [key, rule] of Object.entries(p.rules)) {
      if (rule.silent) continue;
      for (const c of rule.cite ?? []) {
        for (const id of c.clauses ?? []) {
          const text = clauses.get(c.document)?.get(id);
          if (text) out.set(key, [...(out.get(key) ?? []), text]);
        }
      }
    }
  }
  return out;
}
