/**
 * The short labels Teams cards show on buttons, fields and headings, from the content's
 * catalogue (content/messages.yaml, `labels`), rendered for the setting, so a label may use the
 * flow placeholders ({{setting}}, {{dsl.role}} …). Nothing English is fixed in this folder.
 */
import type { Catalog } from '../../core/catalog';
import type { SettingProfile } from '../../core/model';
import { render } from '../../core/template';

/** Every label, rendered for one setting. */
export type Labels = Catalog['labels'];

/** The catalogue's labels with their placeholders filled for the setting. */
export function labelsFor(catalog: Pick<Catalog, 'labels'>, setting: SettingProfile): Labels {
  const out = {} as Record<keyof Labels, string>;
  for (const key of Object.keys(catalog.labels) as (keyof Labels)[]) out[key] = render(catalog.labels[key], setting);
  return out;
}
