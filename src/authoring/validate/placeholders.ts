/**
 * `unresolved-placeholder`: a text has a `{{…}}` placeholder that core/template.ts cannot fill
 * for some setting where the text can be shown (e.g. `{{dsl.name}}` where the profile names no
 * DSL), or a placeholder that is not written in the supported form.
 * Flow texts are checked against the settings that can reach them; content/messages.yaml
 * against every setting. (A rule a profile lacks altogether is `unknown-rule`'s to report.)
 * Silence never makes a problem for a setting: `{{rule.KEY}}` may appear only in advice items
 * (which the engine leaves out where the rule is silent, src/core/silence.ts), and anywhere
 * else is a mistake in the flow whatever the settings say (`rule-outside-advice`).
 */
import { PlaceholderError, RUNTIME_PLACEHOLDERS, placeholdersIn, resolvePlaceholder } from '../../core/template';
import type { Problem } from '../problem';
import type { SettingSource, SourceFile } from '../sources';
import type { DataPath } from '../yaml-source';
import { catalogTexts } from './catalog-texts';
import { nameSetting } from './context';
import type { ValidationContext, ValidationRule } from './context';
import { describeText, textsOf } from './walk';

const RULE = 'unresolved-placeholder';
const OUTSIDE = 'rule-outside-advice';
const ANY_BRACES = /\{\{([^{}]*)\}\}/g;
const WELL_FORMED = /^\s*[a-z]+(?:\.[a-z0-9-]+)?\s*$/;
const KNOWN = '{{setting}} {{dsl}} {{dsl.name}} {{dsl.role}} {{deputies}} {{head}} {{head.role}} {{allegations}} {{child}} {{children}} {{rule.KEY}} {{contact.ID}} {{channels}}';

/**
 * Why placeholder `name` cannot be filled for `setting`, or undefined if it can (or if it is one
 * of the `runtime` values, or a rule the profile lacks: unknown-rule reports those).
 */
export function placeholderGap(name: string, setting: SettingSource, runtime: readonly string[] = []): string | undefined {
  if (runtime.includes(name)) return undefined;
  if (name.startsWith('rule.') && !Object.hasOwn(setting.data.rules, name.slice('rule.'.length))) return undefined;
  try {
    resolvePlaceholder(name, setting.data);
    return undefined;
  } catch (err) {
    if (err instanceof PlaceholderError) return err.message.replace(/^.*?: /, '');
    throw err;
  }
}

interface Located {
  source: SourceFile<unknown>;
  path: DataPath;
  flow?: string;
  step?: string;
  what: string;
}

function problem(at: Located, message: string, fix: string): Problem {
  return { rule: RULE, file: at.source.file, line: at.source.yaml.lineOf(at.path), ...(at.flow ? { flow: at.flow } : {}), ...(at.step ? { step: at.step } : {}), message, fix };
}

/** Checks one text against the settings that can show it; `silenceOk`: silent rules are handled. */
function checkText(text: string, settings: readonly SettingSource[], at: Located, runtime: readonly string[] = [], silenceOk = false): Problem[] {
  const out: Problem[] = [];
  for (const m of text.matchAll(ANY_BRACES)) {
    if (!WELL_FORMED.test(m[1] ?? '')) out.push(problem(at, `${at.what} has a malformed placeholder "${m[0]}".`, `Write placeholders in lower case as one of: ${KNOWN}.`));
  }
  for (const name of new Set(placeholdersIn(text))) {
    if (runtime.includes(name)) continue;
    if (name.startsWith('rule.')) {
      if (!silenceOk) out.push({ ...problem(at, `${at.what} uses {{${name}}}, but a rule's text may be used only in an advice item (where SafeStep states silence for a setting whose policy is silent on it).`, `Use {{rule.…}} only in a flow's advice items, and take it out of ${at.what}.`), rule: OUTSIDE });
      continue;
    }
    const gaps = settings.flatMap((s) => {
      const why = placeholderGap(name, s);
      return why ? [{ setting: s, why }] : [];
    });
    if (gaps.length === 0) continue;
    if (gaps.every((g) => g.why === 'unknown placeholder')) {
      out.push(problem(at, `${at.what} uses {{${name}}}, which is not a placeholder.`, `Use one of: ${KNOWN}.`));
      continue;
    }
    const list = gaps.map((g) => `${nameSetting(g.setting)}: ${g.why}`).join('; ');
    const fix = 'Add the missing detail to those profiles, or use a placeholder every setting can fill.';
    out.push(problem(at, `${at.what} uses {{${name}}}, which cannot be filled for ${list}.`, fix));
  }
  return out;
}

function check(ctx: ValidationContext): Problem[] {
  const out: Problem[] = [];
  for (const flow of ctx.flows) {
    for (const t of textsOf(flow.data)) {
      if (!t.text.includes('{{')) continue;
      const settings = ctx.settings.filter((s) => ctx.canShow(flow, s, t.step, t.when));
      out.push(...checkText(t.text, settings, { source: flow, path: t.path, flow: flow.data.id, step: t.step, what: describeText(t) }, [], t.role === 'item'));
    }
  }
  const messages = ctx.sources.messages;
  for (const t of messages ? catalogTexts(messages.data) : []) {
    if (messages && t.text.includes('{{')) out.push(...checkText(t.text, ctx.settings, { source: messages, path: t.path, what: `message "${t.path.join('.')}"` }, RUNTIME_PLACEHOLDERS));
  }
  return out;
}

/** The `unresolved-placeholder` rule. */
export const unresolvedPlaceholder: ValidationRule = { name: RULE, check };
