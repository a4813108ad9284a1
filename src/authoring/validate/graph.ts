/**
 * The step graph of a flow: which steps lead where, statically or for one setting (choices
 * and branches whose condition can never hold for that setting are left out). Linear in the
 * size of the flow. Pure.
 */
import { evaluate } from '../../core/conditions';
import type { Condition, FlowDef, SettingProfile, StepDef } from '../../core/model';
import type { DataPath } from '../yaml-source';

/** One written `next`, `otherwise` or branch/choice target. */
export interface Edge {
  from: string;
  to: string;
  path: DataPath;
}

/** Every target written in the flow (not `start`), with its path. */
export function edgesOf(flow: FlowDef): Edge[] {
  const out: Edge[] = [];
  for (const [from, def] of Object.entries(flow.steps)) {
    const at = (...rest: PropertyKey[]): DataPath => ['steps', from, ...rest];
    if (def.type === 'question') def.choices.forEach((c, i) => out.push({ from, to: c.next, path: at('choices', i, 'next') }));
    else if (def.type === 'branch') {
      def.branches.forEach((b, i) => out.push({ from, to: b.next, path: at('branches', i, 'next') }));
      out.push({ from, to: def.otherwise, path: at('otherwise') });
    } else if (def.type !== 'end') out.push({ from, to: def.next, path: at('next') });
  }
  return out;
}

function mayHold(c: Condition | undefined, setting: SettingProfile | undefined): boolean {
  return !c || !setting || evaluate(c, setting, 'unknown') !== false;
}

/** Where a step can lead; with a setting, only the ways open to that setting. */
export function successors(def: StepDef, setting?: SettingProfile): string[] {
  switch (def.type) {
    case 'question':
      return def.choices.filter((c) => mayHold(c.when, setting)).map((c) => c.next);
    case 'branch': {
      const out: string[] = [];
      for (const b of def.branches) {
        const holds = setting ? evaluate(b.when, setting, 'unknown') : undefined;
        if (holds === false) continue;
        out.push(b.next);
        if (holds === true) return out;
      }
      return [...out, def.otherwise];
    }
    case 'end':
      return [];
    default:
      return [def.next];
  }
}

/** Steps reachable from `start` (existing steps only). */
export function reachableSteps(flow: FlowDef, setting?: SettingProfile): Set<string> {
  const seen = new Set<string>();
  const queue = flow.steps[flow.start] ? [flow.start] : [];
  for (const id of queue) {
    if (seen.has(id)) continue;
    seen.add(id);
    const def = flow.steps[id];
    if (def) queue.push(...successors(def, setting).filter((n) => flow.steps[n] && !seen.has(n)));
  }
  return seen;
}

/**
 * Steps from which some path reaches an `end` step. Steps with a target that does not exist
 * count as leading on (that mistake is `unknown-next`'s to report, not `dead-end`'s).
 */
export function stepsReachingEnd(flow: FlowDef, setting?: SettingProfile): Set<string> {
  const predecessors = new Map<string, string[]>();
  const seeds: string[] = [];
  for (const [id, def] of Object.entries(flow.steps)) {
    const next = successors(def, setting);
    if (def.type === 'end' || next.some((n) => !flow.steps[n])) seeds.push(id);
    for (const n of next) {
      const list = predecessors.get(n);
      if (list) list.push(id);
      else predecessors.set(n, [id]);
    }
  }
  const reached = new Set<string>();
  for (const id of seeds) {
    if (reached.has(id)) continue;
    reached.add(id);
    seeds.push(...(predecessors.get(id) ?? []).filter((p) => !reached.has(p)));
  }
  return reached;
}
