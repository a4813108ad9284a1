/**
 * The core's rich text as Teams card text: a person by the name Teams gave SafeStep (from the
 * stored reference of a DSL, or the name in the token), else their id; times as UK staff read them.
 */
import { formatWhen, renderRich, type Rich, type RichFormat } from '../../core/host';
import type { RefBook } from './refs';

/** The Teams format; `refs` (when given) turns a Teams person's id into their display name. */
export function teamsFormat(refs?: RefBook): RichFormat {
  return {
    text: (s) => s,
    person: (p) => p.name ?? (p.channel === 'teams' ? refs?.user(p.id)?.user?.name : undefined) ?? p.id,
    time: formatWhen,
  };
}

/** Rich text as plain card text. */
export function cardText(rich: Rich, refs?: RefBook): string {
  return renderRich(rich, teamsFormat(refs));
}
