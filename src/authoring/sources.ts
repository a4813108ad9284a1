/**
 * Where each piece of loaded content came from: its file (relative to the content root) and
 * the YAML positions, so validator problems can name file and line. Produced by load.ts.
 */
import type { Catalog } from '../core/catalog';
import type { Contact, DocumentDef, FlowDef, SettingProfile } from '../core/model';
import type { ClauseMapDef } from './clauses/schema';
import type { GuardEntry } from './guard';
import type { YamlSource } from './yaml-source';

/** One YAML file that parsed and passed its schema. */
export interface SourceFile<T> {
  /** Relative to the content root, with forward slashes, e.g. `flows/x.yaml`. */
  file: string;
  yaml: YamlSource;
  data: T;
}

/** A loaded flow file. */
export type FlowSource = SourceFile<FlowDef>;
/** A loaded setting profile file. */
export type SettingSource = SourceFile<SettingProfile>;

/** Every content file that loaded, in file-name order (duplicates included, so they can be reported). */
export interface ContentSources {
  root: string;
  flows: FlowSource[];
  settings: SettingSource[];
  national?: SourceFile<{ document: DocumentDef; contacts: Contact[] }>;
  messages?: SourceFile<Catalog>;
  guard?: SourceFile<{ forbidden: GuardEntry[] }>;
  /** content/clauses/*.yaml, when that directory exists (absent in small test fixtures). */
  clauseMaps?: SourceFile<ClauseMapDef>[];
  /** Document id → the policy's plain text (../shared/policies/<id>.txt), for every document found. */
  policyTexts: ReadonlyMap<string, string>;
}

/** The content-root-relative paths of the fixed files. */
export const CONTENT_FILES = {
  flowsDir: 'flows',
  settingsDir: 'content/settings',
  national: 'content/national-rules.yaml',
  messages: 'content/messages.yaml',
  guard: 'content/national-guard.yaml',
  clausesDir: 'content/clauses',
  /** Relative to the content root: the shared policy texts (../shared/policies/<document>.txt). */
  policiesDir: '../shared/policies',
} as const;
