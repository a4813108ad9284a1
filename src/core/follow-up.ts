/**
 * Follow-up questions: a short question straight after a flow ends ("and what if they're in year
 * 5?", "what about on a trip?") is understood in the context of that flow, unless it clearly
 * names another situation. Decided here, in the core; the cues are content (messages.yaml
 * `followUp`). Pure.
 */
import type { Catalog } from './catalog';
import { simplify } from './input';
import type { RouteResult, Router } from './ports';

/** True when `text` reads like a follow-up: short, and starting with one of the catalogue's cues. */
export function looksLikeFollowUp(text: string, catalog: Catalog): boolean {
  const said = simplify(text);
  if (said === '' || said.split(' ').length > catalog.followUp.maxWords) return false;
  return catalog.followUp.cues.some((cue) => {
    const c = simplify(cue);
    return said === c || said.startsWith(`${c} `);
  });
}

/**
 * The flow a follow-up continues, or undefined when the message is not a follow-up or is a new
 * topic. The last flow is kept when the router, on the follow-up's own words, points nowhere or
 * to the last flow; when it points to another flow (sure or only as its best guess), the last
 * flow is kept only if the first message and the follow-up together point back to it.
 * `alone` is the router's answer for `text` on its own.
 */
export function followUpFlow(
  text: string,
  alone: RouteResult,
  last: { id: string; firstMessage?: string } | undefined,
  router: Router,
  catalog: Catalog,
): string | undefined {
  if (!last || !looksLikeFollowUp(text, catalog)) return undefined;
  const guess = alone.flow ?? alone.alternatives[0]?.flow;
  if (guess === undefined || guess === last.id) return last.id;
  if (!last.firstMessage) return undefined;
  const together = router.route(`${last.firstMessage} ${text}`);
  const top = together.flow ?? together.alternatives[0]?.flow;
  return top === last.id ? last.id : undefined;
}
