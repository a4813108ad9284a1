/**
 * `dead-end`: a step from which no path reaches an `end` step (a cycle with no way out), either
 * in the flow as written or for a setting whose profile closes every way on (e.g. a question
 * whose every choice has a `when` that is false for that setting).
 */
import type { Problem } from '../problem';
import type { FlowSource } from '../sources';
import { flowProblem, nameSetting } from './context';
import type { ValidationContext, ValidationRule } from './context';
import { stepsReachingEnd } from './graph';

const RULE = 'dead-end';
const FIX = 'Give the step (or the cycle it is in) a way on that leads to an end step.';

function check(ctx: ValidationContext, flow: FlowSource): Problem[] {
  const out: Problem[] = [];
  const leadsOn = stepsReachingEnd(flow.data);
  const reported = new Set<string>();
  for (const id of Object.keys(flow.data.steps)) {
    if (leadsOn.has(id)) continue;
    reported.add(id);
    out.push(flowProblem(flow, RULE, ['steps', id], id, 'no path from this step reaches an end step, so the conversation would never finish.', FIX));
  }
  const stuck = new Map<string, string[]>();
  for (const setting of ctx.settings) {
    const reachesEnd = stepsReachingEnd(flow.data, setting.data);
    for (const id of ctx.reachable(flow, setting)) {
      if (!reachesEnd.has(id) && !reported.has(id)) stuck.set(id, [...(stuck.get(id) ?? []), nameSetting(setting)]);
    }
  }
  for (const [id, settings] of stuck) {
    out.push(flowProblem(flow, RULE, ['steps', id], id, `for ${settings.join(', ')} no path from this step reaches an end step (the conditions of its choices or branches close every way on).`,
      'Add a choice or branch without a condition (or one that holds for those settings) that leads on to an end step.'));
  }
  return out;
}

/** The `dead-end` rule. */
export const deadEnd: ValidationRule = { name: RULE, check: (ctx) => ctx.flows.flatMap((f) => check(ctx, f)) };
