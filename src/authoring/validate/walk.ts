/**
 * Enumerates the parts of a flow the rules look at — texts, conditions, citations — each
 * with the step it belongs to and its data path (for the line number). Pure.
 */
import type { AdviceCitationRef, Condition, FlowDef } from '../../core/model';
import type { DataPath } from '../yaml-source';

/** What a text is, for messages ("advice item 2") and for which rules read it. */
export type TextRole = 'question' | 'help' | 'choice' | 'title' | 'intro' | 'item' | 'prompt' | 'report-intro' | 'end';

/** A text shown to staff; `when` is the condition that must hold for it to appear, if any. */
export interface FlowText {
  step: string;
  path: DataPath;
  role: TextRole;
  /** 0-based position among its siblings (choices, items, prompts). */
  index?: number;
  text: string;
  when?: Condition;
}

/** A place where a condition is written (choice, advice item, branch). */
export interface ConditionSite {
  step: string;
  path: DataPath;
  condition: Condition;
}

/** One citation of one advice item. */
export interface CitationSite {
  step: string;
  path: DataPath;
  item: number;
  cite: AdviceCitationRef;
  when?: Condition;
}

/** "advice item 2", "choice 1", "question text" … */
export function describeText(t: Pick<FlowText, 'role' | 'index'>): string {
  const n = t.index === undefined ? '' : ` ${t.index + 1}`;
  const names: Record<TextRole, string> = {
    question: 'question text', help: 'question help', choice: `choice${n} label`, title: 'advice title',
    intro: 'advice intro', item: `advice item${n}`, prompt: `prompt${n}`, 'report-intro': 'report intro', end: 'end text',
  };
  return names[t.role];
}

/** Every text of every step, in file order. */
export function textsOf(flow: FlowDef): FlowText[] {
  const out: FlowText[] = [];
  for (const [step, def] of Object.entries(flow.steps)) {
    const at = (...rest: PropertyKey[]): DataPath => ['steps', step, ...rest];
    switch (def.type) {
      case 'question':
        out.push({ step, path: at('text'), role: 'question', text: def.text });
        if (def.help) out.push({ step, path: at('help'), role: 'help', text: def.help });
        def.choices.forEach((c, i) => out.push({ step, path: at('choices', i, 'label'), role: 'choice', index: i, text: c.label, when: c.when }));
        break;
      case 'advice':
        out.push({ step, path: at('title'), role: 'title', text: def.title });
        if (def.intro) out.push({ step, path: at('intro'), role: 'intro', text: def.intro });
        def.items.forEach((it, i) => out.push({ step, path: at('items', i, 'text'), role: 'item', index: i, text: it.text, when: it.when }));
        break;
      case 'report':
        if (def.intro) out.push({ step, path: at('intro'), role: 'report-intro', text: def.intro });
        def.prompts.forEach((p, i) => out.push({ step, path: at('prompts', i, 'text'), role: 'prompt', index: i, text: p.text }));
        break;
      case 'end':
        out.push({ step, path: at('text'), role: 'end', text: def.text });
        break;
      case 'branch':
        break;
    }
  }
  return out;
}

/** Every condition as written (not its parts), in file order. */
export function conditionSitesOf(flow: FlowDef): ConditionSite[] {
  const out: ConditionSite[] = [];
  for (const [step, def] of Object.entries(flow.steps)) {
    if (def.type === 'question') {
      def.choices.forEach((c, i) => c.when && out.push({ step, path: ['steps', step, 'choices', i, 'when'], condition: c.when }));
    } else if (def.type === 'advice') {
      def.items.forEach((it, i) => it.when && out.push({ step, path: ['steps', step, 'items', i, 'when'], condition: it.when }));
    } else if (def.type === 'branch') {
      def.branches.forEach((b, i) => out.push({ step, path: ['steps', step, 'branches', i, 'when'], condition: b.when }));
    }
  }
  return out;
}

/** The innermost parts of a condition (answer, rule, kind tests), each with its own path. */
export function conditionLeaves(c: Condition, path: DataPath): { condition: Condition; path: DataPath }[] {
  if ('all' in c) return c.all.flatMap((x, i) => conditionLeaves(x, [...path, 'all', i]));
  if ('any' in c) return c.any.flatMap((x, i) => conditionLeaves(x, [...path, 'any', i]));
  if ('not' in c) return conditionLeaves(c.not, [...path, 'not']);
  return [{ condition: c, path }];
}

/** Every citation of every advice item, in file order. */
export function citationSitesOf(flow: FlowDef): CitationSite[] {
  const out: CitationSite[] = [];
  for (const [step, def] of Object.entries(flow.steps)) {
    if (def.type !== 'advice') continue;
    def.items.forEach((it, item) =>
      it.cite.forEach((cite, i) => out.push({ step, path: ['steps', step, 'items', item, 'cite', i], item, cite, when: it.when })),
    );
  }
  return out;
}
