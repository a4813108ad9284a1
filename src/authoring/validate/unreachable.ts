/** `unreachable-step`: a step no path from `start` leads to (ignoring conditions). */
import type { FlowSource } from '../sources';
import { flowProblem } from './context';
import type { ValidationRule } from './context';
import { edgesOf, reachableSteps } from './graph';

const RULE = 'unreachable-step';

function check(flow: FlowSource) {
  const reached = reachableSteps(flow.data);
  const steps = flow.data.steps;
  const brokenLink = !steps[flow.data.start] || edgesOf(flow.data).some((e) => !steps[e.to]);
  const hint = brokenLink ? ' (this flow also has a next that names no step: fixing that may reconnect it)' : '';
  return Object.keys(steps)
    .filter((id) => !reached.has(id))
    .map((id) =>
      flowProblem(flow, RULE, ['steps', id], id, `no path from start ("${flow.data.start}") leads to this step${hint}.`, 'Point a next, choice or branch at it, or delete the step.'),
    );
}

/** The `unreachable-step` rule. */
export const unreachableStep: ValidationRule = { name: RULE, check: (ctx) => ctx.flows.flatMap(check) };
