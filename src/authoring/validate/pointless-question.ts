/**
 * `pointless-question`: every choice of a question goes to the same step with the same urgency,
 * and no condition reads its answer, so the answer changes nothing and it should not be asked.
 */
import type { Problem } from '../problem';
import type { FlowSource } from '../sources';
import { flowProblem } from './context';
import type { ValidationRule } from './context';
import { conditionLeaves, conditionSitesOf } from './walk';

const RULE = 'pointless-question';

function check(flow: FlowSource): Problem[] {
  const read = new Set<string>();
  for (const site of conditionSitesOf(flow.data)) {
    for (const { condition } of conditionLeaves(site.condition, site.path)) if ('answer' in condition) read.add(condition.answer);
  }
  return Object.entries(flow.data.steps).flatMap(([id, def]) => {
    if (def.type !== 'question' || read.has(id)) return [];
    const [first, ...rest] = def.choices;
    if (!first || !rest.every((c) => c.next === first.next && c.urgency === first.urgency)) return [];
    return [flowProblem(flow, RULE, ['steps', id], id, `every choice leads to "${first.next}" with the same urgency and no condition reads the answer, so asking changes nothing.`,
      'Make the choices lead to different steps or set different urgencies, use the answer in a condition, or remove the question.')];
  });
}

/** The `pointless-question` rule. */
export const pointlessQuestion: ValidationRule = { name: RULE, check: (ctx) => ctx.flows.flatMap(check) };
