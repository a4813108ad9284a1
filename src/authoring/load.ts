/**
 * Loads flows/*.yaml, content/settings/*.yaml, content/national-rules.yaml,
 * content/messages.yaml and content/national-guard.yaml from a content root: YAML syntax,
 * zod shape, then the meaning-level validator. Reports every problem found, not the first.
 * Runs at every start, so it stays linear in the size of the content; a start (loadContent,
 * loadServedContent) skips the meaning checks when a stamp says this exact content passed them
 * under this exact code (check-stamp.ts); `safestep validate` always runs them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ContentBundle } from '../core/content';
import type { Contact, FlowDef, SettingProfile } from '../core/model';
import { codeKey, ContentDigest, hasPassStamp, writePassStamp, type StampKey } from './check-stamp';
import { withQuotes } from './clauses/quotes';
import { ClauseMapSchema } from './clauses/schema';
import type { ClauseMapDef } from './clauses/schema';
import { GuardSchema } from './guard';
import { settingFilesOf, skippedSettings, type SkippedSetting } from './isolate';
import { ContentError, sortProblems } from './problem';
import type { Problem } from './problem';
import { CatalogSchema, FlowSchema, NationalSchema, SettingSchema } from './schema';
import { loadShapedFile } from './shaped-file';
import { CONTENT_FILES } from './sources';
import type { ContentSources, SourceFile } from './sources';
import { validate } from './validate';
import { defaultCacheDir } from '../store/cache-dir';
import { yamlMemo } from './yaml-memo';

/** What `validate` and `loadContent` get from one pass over the content root. */
export interface ContentInspection {
  /** Present only when there are no problems. */
  bundle?: ContentBundle;
  problems: Problem[];
  sources: ContentSources;
  /**
   * When every problem belongs to some setting profiles (src/authoring/isolate.ts): the valid
   * content without them, which SafeStep serves. Equal to `bundle` when there are no problems.
   */
  served?: { bundle: ContentBundle; sources: ContentSources };
  /** The settings left out of `served`, each with its problems (empty when there are none). */
  skipped: SkippedSetting[];
  /** The key a pass of the meaning checks is stamped under (check-stamp.ts); absent when a file did not load. */
  stamp?: StampKey;
}

/** Reads, parses and shape-checks one file (shaped-file.ts); on failure adds its problems and returns undefined. */
type LoadFile = <S extends z.ZodType>(file: string, schema: S, schemaHint: string, name: string) => SourceFile<z.output<S>> | undefined;

/** The `.yaml` files of a directory, sorted; `.yml` files and a missing or empty directory are problems. */
function yamlFilesIn(root: string, dir: string, what: string, problems: Problem[]): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) {
    problems.push({ rule: 'missing-file', file: `${dir}/`, message: `the ${dir}/ directory is missing.`, fix: `Create ${dir}/ with one YAML file per ${what}.` });
    return [];
  }
  const names = readdirSync(abs).sort();
  for (const name of names.filter((n) => n.endsWith('.yml'))) {
    problems.push({ rule: 'file-name-mismatch', file: `${dir}/${name}`, message: `${dir}/${name} ends in .yml, so it is ignored.`, fix: `Rename it to ${dir}/${name.slice(0, -4)}.yaml.` });
  }
  const files = names.filter((n) => n.endsWith('.yaml')).map((n) => `${dir}/${n}`);
  if (files.length === 0) problems.push({ rule: 'missing-file', file: `${dir}/`, message: `there is no ${what} in ${dir}/.`, fix: `Add at least one ${what} as ${dir}/<id>.yaml.` });
  return files;
}

function firstById<T extends { id: string }>(sources: readonly SourceFile<T>[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const s of sources) if (!map.has(s.data.id)) map.set(s.data.id, s.data);
  return map;
}

/**
 * The plain text of every document the settings name: a setting's own copy
 * (content/settings/<setting>/<document>.txt, written by `safestep setting new`) first, then
 * ../shared/policies/<document>.txt.
 */
function readPolicyTexts(root: string, settings: readonly SourceFile<SettingProfile>[], digest: ContentDigest): Map<string, string> {
  const texts = new Map<string, string>();
  for (const s of settings) {
    for (const doc of s.data.documents) {
      const own = path.join(root, CONTENT_FILES.settingsDir, s.data.id, `${doc.id}.txt`);
      const file = existsSync(own) ? own : path.join(root, CONTENT_FILES.policiesDir, `${doc.id}.txt`);
      if (!texts.has(doc.id) && existsSync(file)) {
        const text = readFileSync(file, 'utf8');
        texts.set(doc.id, text);
        digest.add(`${doc.id}\0${path.relative(root, file)}`, text);
      }
    }
  }
  return texts;
}

/** content/clauses/*.yaml plus each setting's own content/settings/<id>/clauses/*.yaml; undefined when neither exists. */
function loadClauseMaps(root: string, problems: Problem[], loadFile: LoadFile): SourceFile<ClauseMapDef>[] | undefined {
  const settingsDir = path.join(root, CONTENT_FILES.settingsDir);
  const own = existsSync(settingsDir)
    ? readdirSync(settingsDir, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(path.join(settingsDir, e.name, 'clauses'))).map((e) => `${CONTENT_FILES.settingsDir}/${e.name}/clauses`).sort()
    : [];
  const shared = existsSync(path.join(root, CONTENT_FILES.clausesDir)) ? [CONTENT_FILES.clausesDir] : [];
  if (shared.length === 0 && own.length === 0) return undefined;
  return [...shared, ...own]
    .flatMap((dir) => yamlFilesIn(root, dir, 'clause map', problems))
    .map((f) => loadFile(f, ClauseMapSchema, 'src/authoring/clauses/schema.ts', 'clause-map'))
    .filter((s): s is SourceFile<ClauseMapDef> => s !== undefined);
}

/** The profile's own contacts, then each national contact whose id the profile does not use. */
function withNationalContacts(own: Contact[], national: readonly Contact[]): Contact[] {
  const ids = new Set(own.map((c) => c.id));
  return [...own, ...national.filter((c) => !ids.has(c.id))];
}

/**
 * How to inspect: `useStamp` lets a pass stamp of this exact content and code stand for the
 * meaning checks, and memoised shaped data for the shape checks (shaped-file.ts).
 */
export interface InspectOptions {
  useStamp?: boolean;
}

/**
 * Reads and checks everything under `root`; never throws for content mistakes. Without
 * `useStamp` (as `safestep validate` calls it) every check runs; a pass is stamped either way.
 */
export function inspectContent(root: string, options: InspectOptions = {}): ContentInspection {
  const problems: Problem[] = [];
  const digest = new ContentDigest();
  const code = codeKey(__filename);
  const loadFile: LoadFile = (file, schema, schemaHint, name) =>
    loadShapedFile(root, file, { schema, schemaHint, seen: (text) => digest.add(file, text), ...(options.useStamp ? { memo: { name, code } } : {}) }, problems);
  const flows = yamlFilesIn(root, CONTENT_FILES.flowsDir, 'flow', problems)
    .map((f) => loadFile(f, FlowSchema, 'schemas/flow.schema.json', 'flow'))
    .filter((s): s is SourceFile<FlowDef> => s !== undefined);
  const settings = yamlFilesIn(root, CONTENT_FILES.settingsDir, 'setting profile', problems)
    .map((f) => loadFile(f, SettingSchema, 'schemas/setting.schema.json', 'setting'))
    .filter((s): s is SourceFile<SettingProfile> => s !== undefined);
  const sources: ContentSources = {
    root,
    flows,
    settings,
    national: loadFile(CONTENT_FILES.national, NationalSchema, 'the national-rules shape ({document: {id, title, approved, reviewDue, precedence, sections}})', 'national'),
    messages: loadFile(CONTENT_FILES.messages, CatalogSchema, 'src/core/catalog.ts', 'catalog'),
    guard: loadFile(CONTENT_FILES.guard, GuardSchema, 'src/authoring/guard.ts', 'guard'),
    clauseMaps: loadClauseMaps(root, problems, loadFile),
    policyTexts: readPolicyTexts(root, settings, digest),
  };
  yamlMemo().save(); // every file is read: keep what was parsed for the next start
  if (!sources.national || !sources.messages || !sources.guard) return { problems: sortProblems(problems), sources, skipped: [] };
  for (const s of settings) s.data.contacts = withNationalContacts(s.data.contacts, sources.national.data.contacts);
  const bundle: { -readonly [K in keyof ContentBundle]: ContentBundle[K] } = {
    flows: firstById(flows),
    settings: firstById(settings),
    national: sources.national.data.document,
    catalog: sources.messages.data,
  };
  // Only content that loaded without a problem can be stamped, or stand on a stamp.
  const stamp: StampKey | undefined = problems.length === 0 ? { kind: 'content', content: digest.digest(), code } : undefined;
  if (!(stamp && options.useStamp && hasPassStamp(defaultCacheDir(), stamp))) {
    problems.push(...validate(bundle, sources));
    if (stamp && problems.length === 0) writePassStamp(defaultCacheDir(), stamp);
  }
  if (problems.length === 0) {
    if (sources.clauseMaps) bundle.settings = withQuotes(bundle.settings, sources.clauseMaps);
    return { bundle, problems, sources, served: { bundle, sources }, skipped: [], ...(stamp ? { stamp } : {}) };
  }
  const sorted = sortProblems(problems);
  return { problems: sorted, sources, ...isolated(bundle, sources, sorted), ...(stamp ? { stamp } : {}) };
}

/** The content without the settings the problems belong to, if that content has no problem. */
function isolated(bundle: ContentBundle, sources: ContentSources, problems: Problem[]): Pick<ContentInspection, 'served' | 'skipped'> {
  const skipped = skippedSettings(problems, sources.settings);
  const unowned = problems.some((p) => settingFilesOf(p, sources.settings).length === 0);
  if (skipped.length === 0 || unowned) return { skipped };
  const served = withoutSettings(bundle, sources, new Set(skipped.map((s) => s.file)));
  return served ? { served, skipped } : { skipped };
}

/**
 * The content with the setting files `out` left out (and the clause maps only they use),
 * re-validated; undefined when no setting is left or the rest still has a problem.
 */
export function withoutSettings(bundle: ContentBundle, sources: ContentSources, out: ReadonlySet<string>): { bundle: ContentBundle; sources: ContentSources } | undefined {
  const keep = sources.settings.filter((s) => !out.has(s.file));
  if (keep.length === 0) return undefined;
  const keptDocs = new Set(keep.flatMap((s) => s.data.documents.map((d) => d.id)));
  const skippedDocs = new Set(sources.settings.filter((s) => out.has(s.file)).flatMap((s) => s.data.documents.map((d) => d.id)));
  const clauseMaps = sources.clauseMaps?.filter((m) => {
    const doc = path.basename(m.file, '.yaml');
    return keptDocs.has(doc) || !skippedDocs.has(doc);
  });
  const servedSources: ContentSources = { ...sources, settings: keep, ...(clauseMaps ? { clauseMaps } : {}) };
  const settings = firstById(keep);
  const servedBundle: ContentBundle = { ...bundle, settings };
  if (validate(servedBundle, servedSources).length > 0) return undefined;
  // Quotes are filled once: a bundle that already has them keeps them.
  const quoted = clauseMaps && !hasQuotes(bundle) ? withQuotes(settings, clauseMaps) : new Map([...settings.keys()].map((id) => [id, bundle.settings.get(id) ?? settings.get(id)!]));
  return { bundle: { ...servedBundle, settings: quoted }, sources: servedSources };
}

function hasQuotes(bundle: ContentBundle): boolean {
  return [...bundle.settings.values()].some((s) => Object.values(s.rules).some((r) => !r.silent && r.cite.some((c) => c.quotes !== undefined)));
}

/** The validated content bundle; throws ContentError listing every problem if there are any. */
export function loadContent(root: string): ContentBundle {
  const { bundle, problems } = inspectContent(root, { useStamp: true });
  if (!bundle) throw new ContentError(problems);
  return bundle;
}

/**
 * What a running SafeStep serves: every valid setting, with the broken or unfinished ones left
 * out and listed in `skipped` (with their problems, to report). Throws ContentError when a
 * problem belongs to no one setting, or no setting is left.
 */
export function loadServedContent(root: string): { inspection: ContentInspection; bundle: ContentBundle; sources: ContentSources; skipped: SkippedSetting[] } {
  const inspection = inspectContent(root, { useStamp: true });
  if (!inspection.served) throw new ContentError(inspection.problems);
  return { inspection, ...inspection.served, skipped: inspection.skipped };
}
