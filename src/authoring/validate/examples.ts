/**
 * `too-few-examples`: a flow with fewer than 15 distinct example phrases (the router learns from
 * them). `danger-only-examples`: a `dangerOnly` flow with example phrases (the router would
 * start it from them, which a danger-only flow must not be).
 */
import type { FlowSource } from '../sources';
import { normaliseExample } from './duplicates';
import { flowProblem } from './context';
import type { ValidationRule } from './context';

const RULE = 'too-few-examples';

/** The fewest distinct example phrases a flow may have. */
export const MIN_EXAMPLES = 15;

function check(flow: FlowSource) {
  if (flow.data.dangerOnly) {
    if (flow.data.examples.length === 0) return [];
    return [
      flowProblem(flow, 'danger-only-examples', ['examples'], undefined, 'the flow is `dangerOnly` (reached only after a danger reply) but has example phrases, so the router would start it.',
        'Remove the examples, or remove `dangerOnly: true` and give it at least 15 examples.'),
    ];
  }
  const distinct = new Set(flow.data.examples.map(normaliseExample)).size;
  if (distinct >= MIN_EXAMPLES) return [];
  return [
    flowProblem(flow, RULE, ['examples'], undefined, `the flow has ${distinct} distinct example phrase${distinct === 1 ? '' : 's'}; the router needs at least ${MIN_EXAMPLES}.`,
      `Add ${MIN_EXAMPLES - distinct} more ways staff might describe this situation in their own words.`),
  ];
}

/** The `too-few-examples` rule. */
export const tooFewExamples: ValidationRule = { name: RULE, check: (ctx) => ctx.flows.flatMap(check) };
