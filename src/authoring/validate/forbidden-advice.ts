/**
 * `forbidden-advice`: a text tells staff to do something a national rule forbids (patterns in
 * content/national-guard.yaml). Checked: advice titles, intros and items, question texts and
 * help, report intros and end texts of flows, and content/messages.yaml — as rendered for each
 * setting that can show them, so a setting's rule text shown through `{{rule.KEY}}` is checked
 * where it appears. Choice labels and prompts describe what happened, so they are not checked.
 * A match negated earlier in its own sentence is allowed, and a flow may exempt itself from
 * named entries (`guardExempt`, with a reason). `unknown-exemption`: an exemption naming no entry.
 */
import { PlaceholderError, render } from '../../core/template';
import { forbiddenIn } from '../guard';
import type { ForbiddenMatch } from '../guard';
import type { Problem } from '../problem';
import type { SettingSource, SourceFile } from '../sources';
import type { DataPath } from '../yaml-source';
import { catalogTexts } from './catalog-texts';
import { flowProblem } from './context';
import type { ValidationContext, ValidationRule } from './context';
import { describeText, textsOf } from './walk';
import type { TextRole } from './walk';

const RULE = 'forbidden-advice';
const CHECKED: ReadonlySet<TextRole> = new Set<TextRole>(['question', 'help', 'title', 'intro', 'item', 'report-intro', 'end']);

interface Target {
  source: SourceFile<unknown>;
  /** Guard entry ids that do not apply here (the flow's guardExempt). */
  exempt: ReadonlySet<string>;
  path: DataPath;
  text: string;
  what: string;
  settings: readonly SettingSource[];
  flow?: string;
  step?: string;
}

function targets(ctx: ValidationContext): Target[] {
  const out: Target[] = [];
  for (const flow of ctx.flows) {
    const exempt = new Set((flow.data.guardExempt ?? []).map((e) => e.id));
    for (const t of textsOf(flow.data)) {
      if (!CHECKED.has(t.role)) continue;
      const settings = ctx.settings.filter((s) => ctx.canShow(flow, s, t.step, t.when));
      out.push({ source: flow, exempt, path: t.path, text: t.text, what: describeText(t), settings, flow: flow.data.id, step: t.step });
    }
  }
  const messages = ctx.sources.messages;
  for (const t of messages ? catalogTexts(messages.data) : []) {
    if (messages) out.push({ source: messages, exempt: new Set(), path: t.path, text: t.text, what: `message "${t.path.join('.')}"`, settings: ctx.settings });
  }
  return out;
}

function renderFor(text: string, setting: SettingSource): string | undefined {
  try {
    return render(text, setting.data);
  } catch (err) {
    if (err instanceof PlaceholderError) return undefined; // unresolved-placeholder reports it
    throw err;
  }
}

/**
 * Affirmative matches in the text as written, then any further ones that appear once each
 * setting's placeholders are filled in (with the settings that would see them).
 */
function matchesIn(t: Target, ctx: ValidationContext): { match: ForbiddenMatch; settings: string[] }[] {
  const key = (m: ForbiddenMatch): string => `${m.entry.id}\u0000${m.words.toLowerCase()}`;
  const raw = forbiddenIn(t.text, ctx.guard).filter((m) => !t.exempt.has(m.entry.id));
  const found = new Map<string, { match: ForbiddenMatch; settings: string[] }>(raw.map((match) => [key(match), { match, settings: [] }]));
  if (!t.text.includes('{{')) return [...found.values()];
  for (const s of t.settings) {
    const shown = renderFor(t.text, s);
    for (const match of shown === undefined ? [] : forbiddenIn(shown, ctx.guard)) {
      if (t.exempt.has(match.entry.id)) continue;
      const entry = found.get(key(match)) ?? { match, settings: [] };
      if (!raw.includes(entry.match)) entry.settings.push(s.data.id);
      found.set(key(match), entry);
    }
  }
  return [...found.values()];
}

function unknownExemptions(ctx: ValidationContext): Problem[] {
  const known = new Set(ctx.guard.map((g) => g.entry.id));
  return ctx.flows.flatMap((flow) =>
    (flow.data.guardExempt ?? []).flatMap((e, i) =>
      known.has(e.id)
        ? []
        : [flowProblem(flow, 'unknown-exemption', ['guardExempt', i, 'id'], undefined, `guardExempt names "${e.id}", which is not an entry of content/national-guard.yaml.`,
            `Use one of: ${[...known].join(', ')}; or remove the exemption.`)],
    ),
  );
}

function forbiddenMatches(ctx: ValidationContext): Problem[] {
  return targets(ctx).flatMap((t) =>
    matchesIn(t, ctx).map(({ match, settings }) => ({
      rule: RULE,
      file: t.source.file,
      line: t.source.yaml.lineOf(t.path),
      ...(t.flow ? { flow: t.flow } : {}),
      ...(t.step ? { step: t.step } : {}),
      message: `${t.what} says "${match.words}"${settings.length > 0 ? ` as shown for setting ${settings.join(', ')}` : ''}, which ${match.entry.rule} forbids (${match.entry.id}): ${match.entry.why}`,
      fix: `Rephrase so staff are not told to do this, or negate it in the same sentence (e.g. "Do not ${match.words.toLowerCase()}")${settings.length > 0 ? "; if the words come from a setting's rule text, reword that rule or stop showing it here" : ''}.`,
    })),
  );
}

/** The `forbidden-advice` rule (and `unknown-exemption`). */
export const forbiddenAdvice: ValidationRule = {
  name: RULE,
  check: (ctx) => (ctx.guard.length === 0 ? [] : [...unknownExemptions(ctx), ...forbiddenMatches(ctx)]),
};
