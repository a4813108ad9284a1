/** `unknown-next`: `start`, a `next`, an `otherwise` or a branch/choice target names no step of the flow. */
import type { Problem } from '../problem';
import type { FlowSource } from '../sources';
import { flowProblem } from './context';
import type { ValidationRule } from './context';
import { edgesOf } from './graph';

const RULE = 'unknown-next';

function stepList(flow: FlowSource): string {
  return Object.keys(flow.data.steps).join(', ');
}

function check(flow: FlowSource): Problem[] {
  const steps = flow.data.steps;
  const out: Problem[] = [];
  if (!steps[flow.data.start]) {
    out.push(flowProblem(flow, RULE, ['start'], undefined, `start names "${flow.data.start}", which is not a step of this flow.`, `Set start to one of: ${stepList(flow)}.`));
  }
  for (const edge of edgesOf(flow.data)) {
    if (steps[edge.to]) continue;
    const key = String(edge.path[edge.path.length - 1]);
    out.push(flowProblem(flow, RULE, edge.path, edge.from, `${key} points at "${edge.to}", which is not a step of this flow.`, `Point it at one of: ${stepList(flow)}, or add a step "${edge.to}".`));
  }
  return out;
}

/** The `unknown-next` rule. */
export const unknownNext: ValidationRule = { name: RULE, check: (ctx) => ctx.flows.flatMap(check) };
