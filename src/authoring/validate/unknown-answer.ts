/** `unknown-answer`: a condition {answer: Q, in: [...]} names a step that is not a question of this flow, or a choice Q lacks. */
import type { Problem } from '../problem';
import type { FlowSource } from '../sources';
import { flowProblem } from './context';
import type { ValidationRule } from './context';
import { conditionLeaves, conditionSitesOf } from './walk';

const RULE = 'unknown-answer';

function check(flow: FlowSource): Problem[] {
  const out: Problem[] = [];
  const questions = Object.entries(flow.data.steps).flatMap(([id, def]) => (def.type === 'question' ? [id] : []));
  for (const site of conditionSitesOf(flow.data)) {
    for (const { condition, path } of conditionLeaves(site.condition, site.path)) {
      if (!('answer' in condition)) continue;
      const target = flow.data.steps[condition.answer];
      if (target?.type !== 'question') {
        out.push(flowProblem(flow, RULE, [...path, 'answer'], site.step, `the condition reads the answer to "${condition.answer}", which is not a question of this flow.`,
          `Name one of this flow's questions: ${questions.join(', ') || '(none)'}.`));
        continue;
      }
      const ids = target.choices.map((c) => c.id);
      condition.in.forEach((choice, i) => {
        if (ids.includes(choice)) return;
        out.push(flowProblem(flow, RULE, [...path, 'in', i], site.step, `question "${condition.answer}" has no choice "${choice}".`, `Use one of its choices: ${ids.join(', ')}.`));
      });
    }
  }
  return out;
}

/** The `unknown-answer` rule. */
export const unknownAnswer: ValidationRule = { name: RULE, check: (ctx) => ctx.flows.flatMap(check) };
