/**
 * `bad-follow-up-choice`: a question's `onFollowUp` must name one of its own choices, and that
 * choice must lead straight to an end step - a follow-up question may decline an offer, never
 * skip part of a flow.
 */
import type { Problem } from '../problem';
import type { FlowSource } from '../sources';
import { flowProblem } from './context';
import type { ValidationRule } from './context';

const RULE = 'bad-follow-up-choice';

function check(flow: FlowSource): Problem[] {
  const out: Problem[] = [];
  for (const [id, step] of Object.entries(flow.data.steps)) {
    if (step.type !== 'question' || step.onFollowUp === undefined) continue;
    const choice = step.choices.find((c) => c.id === step.onFollowUp);
    const path = ['steps', id, 'onFollowUp'];
    if (!choice) {
      out.push(flowProblem(flow, RULE, path, id, `onFollowUp names "${step.onFollowUp}", which is not a choice of this question.`, `Use one of: ${step.choices.map((c) => c.id).join(', ')}.`));
    } else if (flow.data.steps[choice.next]?.type !== 'end') {
      out.push(flowProblem(flow, RULE, path, id, `onFollowUp's choice "${choice.id}" leads to "${choice.next}", which is not an end step.`, 'Name the choice that declines the offer and ends the flow.'));
    }
  }
  return out;
}

/** The `bad-follow-up-choice` rule. */
export const badFollowUpChoice: ValidationRule = { name: RULE, check: (ctx) => ctx.flows.flatMap(check) };
