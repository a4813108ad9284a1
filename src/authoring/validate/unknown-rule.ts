/**
 * `unknown-rule`: a flow (condition, `{{rule.KEY}}` placeholder or {rule: KEY} citation) or
 * content/messages.yaml names a rule some setting profile does not define at all. Every
 * profile must define every rule used: with text and cite, or `silent: true`.
 * Reported in the setting file, once per (setting, rule, flow), naming where it is used.
 */
import { placeholdersIn } from '../../core/template';
import type { Problem } from '../problem';
import type { FlowSource, SettingSource, SourceFile } from '../sources';
import type { DataPath } from '../yaml-source';
import { catalogTexts } from './catalog-texts';
import type { ValidationContext, ValidationRule } from './context';
import { citationSitesOf, conditionLeaves, conditionSitesOf, textsOf } from './walk';

const RULE = 'unknown-rule';

/** Where a rule key is first used in one file. */
export interface RuleUse {
  key: string;
  step?: string;
  path: DataPath;
}

function rulesInText(text: string): string[] {
  return placeholdersIn(text).filter((p) => p.startsWith('rule.')).map((p) => p.slice('rule.'.length));
}

/** The first use of each rule key in a flow, in file order of kind: conditions, texts, citations. */
export function ruleUsesIn(flow: FlowSource): RuleUse[] {
  const uses = new Map<string, RuleUse>();
  const add = (key: string, step: string, path: DataPath): void => {
    if (!uses.has(key)) uses.set(key, { key, step, path });
  };
  for (const site of conditionSitesOf(flow.data)) {
    for (const leaf of conditionLeaves(site.condition, site.path)) if ('rule' in leaf.condition) add(leaf.condition.rule, site.step, [...leaf.path, 'rule']);
  }
  for (const t of textsOf(flow.data)) for (const key of rulesInText(t.text)) add(key, t.step, t.path);
  for (const c of citationSitesOf(flow.data)) if ('rule' in c.cite) add(c.cite.rule, c.step, [...c.path, 'rule']);
  return [...uses.values()];
}

function missing(setting: SettingSource, user: SourceFile<unknown>, uses: RuleUse[], flowId?: string): Problem[] {
  return uses
    .filter((u) => !Object.hasOwn(setting.data.rules, u.key))
    .map((u) => ({
      rule: RULE,
      file: setting.file,
      line: setting.yaml.lineOf(['rules']),
      ...(flowId ? { flow: flowId } : {}),
      ...(u.step ? { step: u.step } : {}),
      message: `rule "${u.key}" is used at ${user.file}:${user.yaml.lineOf(u.path)}, but ${setting.file} (setting ${setting.data.id}) does not define it.`,
      fix: `Add rules.${u.key} to ${setting.file}: the policy's text and cite, or "silent: true" (with a note) if the policy says nothing about it.`,
    }));
}

function check(ctx: ValidationContext): Problem[] {
  const out: Problem[] = [];
  const flowUses = ctx.flows.map((flow) => ({ flow, uses: ruleUsesIn(flow) }));
  const messages = ctx.sources.messages;
  const messageUses = new Map<string, RuleUse>();
  for (const t of messages ? catalogTexts(messages.data) : []) {
    for (const key of rulesInText(t.text)) if (!messageUses.has(key)) messageUses.set(key, { key, path: t.path });
  }
  for (const setting of ctx.settings) {
    for (const { flow, uses } of flowUses) out.push(...missing(setting, flow, uses, flow.data.id));
    if (messages) out.push(...missing(setting, messages, [...messageUses.values()]));
  }
  return out;
}

/** The `unknown-rule` rule. */
export const unknownRule: ValidationRule = { name: RULE, check };
