/** Enumerates the texts of content/messages.yaml with their paths (for placeholder and guard checks). */
import type { Catalog } from '../../core/catalog';
import type { DataPath } from '../yaml-source';

/** One catalogue text, e.g. path ['greeting'] or ['commands', 'restart', 0]. */
export interface CatalogText {
  path: DataPath;
  text: string;
}

/** Every string in the catalogue, in declaration order. */
export function catalogTexts(catalog: Catalog): CatalogText[] {
  const out: CatalogText[] = [];
  for (const [key, value] of Object.entries(catalog)) {
    if (typeof value === 'string') out.push({ path: [key], text: value });
    else if (key === 'commands') {
      for (const [name, words] of Object.entries(catalog.commands)) words.forEach((text, i) => out.push({ path: [key, name, i], text }));
    }
  }
  return out;
}
