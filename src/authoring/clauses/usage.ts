/**
 * Which operative clauses the advice uses: a clause is used when an advice item that some
 * setting having its document can be shown cites it, directly or through one of the setting's
 * rules (`cite: [{document, section, clauses: [id]}]`). Pure; reuses the validator's reachability.
 */
import type { Citation } from '../../core/model';
import type { ValidationContext } from '../validate/context';
import { citationSitesOf } from '../validate/walk';
import { resolveCitation } from '../../core/render';

/** "document\u0000clause" → the "flow/step" places that use it, sorted. */
export type ClauseUse = Map<string, string[]>;

/** The key of a clause in a ClauseUse. */
export const clauseKey = (document: string, clause: string): string => `${document}\u0000${clause}`;

/** Every clause used by some shown advice item, with where. */
export function clauseUse(ctx: ValidationContext): ClauseUse {
  const use = new Map<string, Set<string>>();
  const add = (c: Citation, where: string) => {
    for (const id of c.clauses ?? []) {
      const key = clauseKey(c.document, id);
      use.set(key, (use.get(key) ?? new Set()).add(where));
    }
  };
  for (const flow of ctx.flows) {
    for (const site of citationSitesOf(flow.data)) {
      for (const setting of ctx.settings) {
        if (!ctx.canShow(flow, setting, site.step, site.when)) continue;
        const where = `${flow.data.id}/${site.step}`;
        for (const c of resolveCitation(site.cite, setting.data)) add(c, where);
      }
    }
  }
  return new Map([...use].map(([k, v]) => [k, [...v].sort()]));
}
