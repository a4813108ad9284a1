/**
 * `safestep setting new`: reads every policy file (refusing any it cannot read), builds the draft
 * and only then writes it — the profile, the policy texts and the clause maps, all under
 * content/settings/. Any error before writing leaves nothing behind; an existing setting is never
 * overwritten.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadCatalogue } from './catalogue';
import { buildDraft, type Draft, type DraftSource } from './draft';
import { loadExemplars } from './exemplars';
import { settingPaths } from './paths';
import { readPolicy } from './read-policy';

/** What `setting new` was asked for. */
export interface NewSettingRequest {
  id: string;
  name: string;
  files: string[];
}

/** A file-name-safe document id: `<setting-id>-<file name without extension>`. */
export function documentIdOf(settingId: string, file: string): string {
  const base = path.basename(file, path.extname(file)).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return base.startsWith(settingId) ? base : `${settingId}-${base}`;
}

/** Reads, drafts and writes; returns the draft and the files written (content-root-relative). */
export async function writeNewSetting(root: string, req: NewSettingRequest): Promise<{ draft: Draft; written: string[] }> {
  const paths = settingPaths(root, req.id);
  if (existsSync(paths.profile)) throw new Error(`content/settings/${req.id}.yaml already exists; choose another --id, or delete the old draft first.`);
  const sources: DraftSource[] = [];
  for (const file of req.files) {
    const read = await readPolicy(file);
    sources.push({ file: path.basename(file), documentId: documentIdOf(req.id, file), text: read.text });
  }
  const ids = sources.map((s) => s.documentId);
  if (new Set(ids).size !== ids.length) throw new Error(`two policy files give the same document id (${ids.join(', ')}); rename one of them.`);
  const draft = buildDraft(req.id, req.name, sources, loadCatalogue(root), loadExemplars(root, req.id));
  const header = [
    '# yaml-language-server: $schema=../../schemas/setting.schema.json',
    `# DRAFT written by "safestep setting new" from ${req.files.map((f) => path.basename(f)).join(', ')}.`,
    '# Every rule is either the policy\'s own words (cited to its clauses) or silent, with the drafter\'s confidence.',
    '# Check the flags and the lowest-confidence rules first, then: safestep setting review ' + req.id + ', safestep setting approve ' + req.id + ' --by "Name, role".',
    '',
  ].join('\n');
  const written: string[] = [];
  const write = (abs: string, text: string) => {
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    written.push(path.relative(root, abs).split(path.sep).join('/'));
  };
  for (const s of sources) write(paths.policyText(s.documentId), s.text.endsWith('\n') ? s.text : `${s.text}\n`);
  for (const m of draft.clauseMaps) write(paths.clauseMap(m.document), `# yaml-language-server: $schema=../../../../schemas/clauses.schema.json\n# Every operative clause of ${m.document}.txt, word for word, drafted by safestep setting new.\n${stringify(m, { lineWidth: 0, aliasDuplicateObjects: false })}`);
  // `silent: false` is the default: leave it out so each filled rule reads as text, cite, confidence.
  const rules = Object.fromEntries(Object.entries(draft.profile.rules).map(([k, r]) => [k, r.silent ? r : (({ silent: _s, ...rest }) => rest)(r)]));
  write(paths.profile, header + stringify({ ...draft.profile, rules }, { lineWidth: 0, aliasDuplicateObjects: false }));
  return { draft, written };
}
