/** `missing-citation`: an advice item with an empty `cite` list (every instruction must say where it comes from). */
import type { FlowSource } from '../sources';
import { flowProblem } from './context';
import type { ValidationRule } from './context';

const RULE = 'missing-citation';

function check(flow: FlowSource) {
  return Object.entries(flow.data.steps).flatMap(([step, def]) =>
    def.type !== 'advice'
      ? []
      : def.items.flatMap((item, i) =>
          item.cite.length > 0
            ? []
            : [flowProblem(flow, RULE, ['steps', step, 'items', i, 'cite'], step, `advice item ${i + 1} cites nothing.`,
                'Add at least one citation: {document: <id>, section: "<n>"} for a national rule, or {rule: <key>} for the setting\'s own rule.')],
        ),
  );
}

/** The `missing-citation` rule. */
export const missingCitation: ValidationRule = { name: RULE, check: (ctx) => ctx.flows.flatMap(check) };
