/**
 * `unknown-citation`: a cited clause that does not exist for some setting that can show the
 * item: a {document, section} not among the setting's documents or the national rules. A
 * {rule: KEY} whose rule a setting's policy is silent on is never a problem: the engine leaves
 * that citation (or the item) out and states silence (src/core/silence.ts). Also checks the
 * clauses that the setting profiles and content/national-guard.yaml cite themselves.
 * (A {rule: KEY} the profile lacks altogether is `unknown-rule`'s to report.)
 */
import type { Citation } from '../../core/model';
import type { Problem } from '../problem';
import type { FlowSource, SettingSource } from '../sources';
import type { DataPath } from '../yaml-source';
import { flowProblem, nameSetting } from './context';
import type { ValidationContext, ValidationRule } from './context';
import { citationSitesOf } from './walk';

const RULE = 'unknown-citation';

/** Why `cite` is not a clause `setting` can cite, or undefined if it is. */
function clauseGap(ctx: ValidationContext, setting: SettingSource, cite: Citation): string | undefined {
  const sections = ctx.citable(setting).get(cite.document);
  if (!sections) return `has no document "${cite.document}" (it has: ${[...ctx.citable(setting).keys()].join(', ')})`;
  if (!sections.has(cite.section)) return `has no section "${cite.section}" in "${cite.document}" (sections: ${[...sections].join(', ')})`;
  return undefined;
}

function flowCitations(ctx: ValidationContext, flow: FlowSource): Problem[] {
  const out: Problem[] = [];
  for (const site of citationSitesOf(flow.data)) {
    const gaps: string[] = [];
    for (const setting of ctx.settings) {
      if (!ctx.canShow(flow, setting, site.step, site.when)) continue;
      if ('rule' in site.cite) continue;
      const gap = clauseGap(ctx, setting, site.cite);
      if (gap) gaps.push(`${nameSetting(setting)} ${gap}`);
    }
    if (gaps.length === 0) continue;
    const fix = 'Cite the national rules or {rule: <key>}; a flow may name a setting\'s own document only if every setting that can see the item has it.';
    out.push(flowProblem(flow, RULE, site.path, site.step, `advice item ${site.item + 1} cites a clause that does not exist: ${gaps.join('; ')}.`, fix));
  }
  return out;
}

function settingCitations(ctx: ValidationContext, setting: SettingSource): Problem[] {
  const sites: { path: DataPath; cite: Citation }[] = setting.data.people.allegations.cite.map((cite, i) => ({ path: ['people', 'allegations', 'cite', i], cite }));
  for (const [key, rule] of Object.entries(setting.data.rules)) {
    if (!rule.silent) rule.cite.forEach((cite, i) => sites.push({ path: ['rules', key, 'cite', i], cite }));
  }
  return sites.flatMap(({ path, cite }) => {
    const gap = clauseGap(ctx, setting, cite);
    if (!gap) return [];
    return [{ rule: RULE, file: setting.file, line: setting.yaml.lineOf(path), message: `cites ${cite.document} §${cite.section}, but the setting ${gap}.`, fix: 'Cite a section listed under documents (or the national rules), or add the missing document or section.' }];
  });
}

function guardCitations(ctx: ValidationContext): Problem[] {
  const guard = ctx.sources.guard;
  if (!guard) return [];
  const national = ctx.bundle.national;
  return guard.data.forbidden.flatMap((entry, i) => {
    const [document, section] = entry.rule.split(' §');
    if (document === national.id && national.sections.some((s) => s.id === section)) return [];
    return [{ rule: RULE, file: guard.file, line: guard.yaml.lineOf(['forbidden', i, 'rule']),
      message: `pattern "${entry.id}" cites "${entry.rule}", which is not a section of the national rules document "${national.id}".`,
      fix: `Write it as "${national.id} §<section>" with one of: ${national.sections.map((s) => s.id).join(', ')}.` }];
  });
}

/** The `unknown-citation` rule. */
export const unknownCitation: ValidationRule = {
  name: RULE,
  check: (ctx) => [
    ...ctx.flows.flatMap((f) => flowCitations(ctx, f)),
    ...ctx.settings.flatMap((s) => settingCitations(ctx, s)),
    ...guardCitations(ctx),
  ],
};
