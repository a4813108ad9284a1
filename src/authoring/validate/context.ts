/**
 * What every validation rule receives: the bundle, the source files, and per-setting facts
 * computed once (citable clauses, which steps a setting can reach), so rules stay linear.
 */
import { citableDocuments } from '../../core/content';
import type { ContentBundle } from '../../core/content';
import type { Condition } from '../../core/model';
import { evaluate } from '../../core/conditions';
import { compileGuard } from '../guard';
import type { CompiledGuardEntry } from '../guard';
import type { Problem } from '../problem';
import type { ContentSources, FlowSource, SettingSource } from '../sources';
import type { DataPath } from '../yaml-source';
import { reachableSteps } from './graph';

/** Shared, lazily computed facts for one validation run. */
export interface ValidationContext {
  bundle: ContentBundle;
  sources: ContentSources;
  flows: readonly FlowSource[];
  settings: readonly SettingSource[];
  guard: readonly CompiledGuardEntry[];
  /** Document id → its section ids, for the setting's own documents and the national rules. */
  citable(setting: SettingSource): ReadonlyMap<string, ReadonlySet<string>>;
  /** Steps of `flow` that `setting` can reach from start. */
  reachable(flow: FlowSource, setting: SettingSource): ReadonlySet<string>;
  /** Whether a text or item in `step` guarded by `when` can be shown for `setting`. */
  canShow(flow: FlowSource, setting: SettingSource, step: string, when?: Condition): boolean;
}

/** A meaning-level check with a stable name. Must not throw and must not do I/O. */
export interface ValidationRule {
  name: string;
  check(ctx: ValidationContext): Problem[];
}

/** Builds the context; per-setting facts are computed on first use and cached. */
export function createContext(bundle: ContentBundle, sources: ContentSources): ValidationContext {
  const citableCache = new Map<SettingSource, Map<string, Set<string>>>();
  const reachCache = new Map<FlowSource, Map<SettingSource, Set<string>>>();
  const ctx: ValidationContext = {
    bundle,
    sources,
    flows: sources.flows,
    settings: sources.settings,
    guard: compileGuard(sources.guard?.data.forbidden ?? []),
    citable(setting) {
      let docs = citableCache.get(setting);
      if (!docs) {
        docs = new Map();
        for (const d of citableDocuments(setting.data, bundle.national)) {
          if (!docs.has(d.id)) docs.set(d.id, new Set(d.sections.map((s) => s.id)));
        }
        citableCache.set(setting, docs);
      }
      return docs;
    },
    reachable(flow, setting) {
      let perSetting = reachCache.get(flow);
      if (!perSetting) reachCache.set(flow, (perSetting = new Map()));
      let steps = perSetting.get(setting);
      if (!steps) perSetting.set(setting, (steps = reachableSteps(flow.data, setting.data)));
      return steps;
    },
    canShow(flow, setting, step, when) {
      return ctx.reachable(flow, setting).has(step) && (!when || evaluate(when, setting.data, 'unknown') !== false);
    },
  };
  return ctx;
}

/** A problem located in a flow file. */
export function flowProblem(
  flow: FlowSource,
  rule: string,
  path: DataPath,
  step: string | undefined,
  message: string,
  fix: string,
): Problem {
  return { rule, file: flow.file, line: flow.yaml.lineOf(path), flow: flow.data.id, ...(step ? { step } : {}), message, fix };
}

/** `content/settings/x.yaml (setting x)` — how messages name a setting. */
export function nameSetting(setting: SettingSource): string {
  return `${setting.file} (setting ${setting.data.id})`;
}
