/** `too-few-examples`: a flow with fewer than 15 distinct example phrases (the router learns from them). */
import type { FlowSource } from '../sources';
import { normaliseExample } from './duplicates';
import { flowProblem } from './context';
import type { ValidationRule } from './context';

const RULE = 'too-few-examples';

/** The fewest distinct example phrases a flow may have. */
export const MIN_EXAMPLES = 15;

function check(flow: FlowSource) {
  const distinct = new Set(flow.data.examples.map(normaliseExample)).size;
  if (distinct >= MIN_EXAMPLES) return [];
  return [
    flowProblem(flow, RULE, ['examples'], undefined, `the flow has ${distinct} distinct example phrase${distinct === 1 ? '' : 's'}; the router needs at least ${MIN_EXAMPLES}.`,
      `Add ${MIN_EXAMPLES - distinct} more ways staff might describe this situation in their own words.`),
  ];
}

/** The `too-few-examples` rule. */
export const tooFewExamples: ValidationRule = { name: RULE, check: (ctx) => ctx.flows.flatMap(check) };
