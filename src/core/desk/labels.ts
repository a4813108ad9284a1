/**
 * The one source of the labels every channel shows on buttons, fields and headings: the
 * catalogue's `labels` (content/messages.yaml) with their placeholders rendered for a setting.
 */
import type { Catalog } from '../catalog';
import type { SettingProfile } from '../model';
import { render } from '../template';

/** The catalogue's labels, rendered for `setting`. */
export function labelsFor(catalog: Pick<Catalog, 'labels'>, setting: SettingProfile): Catalog['labels'] {
  const out = {} as Record<keyof Catalog['labels'], string>;
  for (const key of Object.keys(catalog.labels) as (keyof Catalog['labels'])[]) out[key] = render(catalog.labels[key], setting);
  return out;
}
