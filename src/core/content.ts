/**
 * Everything loaded from flows/ and content/, validated, as one read-only bundle.
 */
import type { Catalog } from './catalog';
import type { DocumentDef, FlowDef, SettingProfile } from './model';

export interface ContentBundle {
  flows: ReadonlyMap<string, FlowDef>;
  settings: ReadonlyMap<string, SettingProfile>;
  /** The national-rules document, citable from every setting. */
  national: DocumentDef;
  catalog: Catalog;
}

/** The documents a setting may cite: its own policies and the national rules. */
export function citableDocuments(setting: SettingProfile, national: DocumentDef): DocumentDef[] {
  return [...setting.documents, national];
}
