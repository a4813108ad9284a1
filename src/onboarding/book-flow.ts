/**
 * One flow as the review book shows it for one setting: a tree of nested lists following every
 * choice staff can make (conditions evaluated for this setting and the answers so far), with
 * each advice item beside the policy clause it quotes, and each silence stated. Pure HTML text.
 */
import { evaluate, type Answers } from '../core/conditions';
import type { ContentBundle } from '../core/content';
import type { ShownAdviceStep } from '../core/messages';
import type { FlowDef, SettingProfile } from '../core/model';
import { renderAdvice, visibleChoices } from '../core/render';
import { render } from '../core/template';

/** Escapes text for HTML. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Quotes already printed in this flow: printed once, then referred to. */
type Quoted = Set<string>;

function citationsHtml(step: ShownAdviceStep, quoted: Quoted): string {
  if (step.citations.length === 0) return '<div class="cite none">No clause of your policy: SafeStep gives this from the flow itself.</div>';
  return step.citations
    .map((c) => {
      const where = `${esc(c.documentTitle ?? c.document)} §${esc(c.section)}${c.title ? ` (${esc(c.title)})` : ''}`;
      const fresh = (c.quotes ?? []).filter((q) => !quoted.has(q));
      fresh.forEach((q) => quoted.add(q));
      const again = (c.quotes ?? []).length - fresh.length;
      const quotes = fresh.map((q) => `<blockquote>${esc(q)}</blockquote>`).join('') + (again > 0 ? ` <span class="again">(${again === 1 ? 'its words are' : `${again} clauses are`} quoted above)</span>` : '');
      return `<div class="cite">${where}${quotes}</div>`;
    })
    .join('');
}

const MAX_DEPTH = 40;

/** Subtrees already printed in this flow (their HTML → the answer they followed), so a repeat is a reference. */
type Shown = Map<string, string>;

interface Memo {
  shown: Shown;
  quoted: Quoted;
  /** Advice blocks already printed in this flow (by their rendered content). */
  advice: Set<string>;
}

function walk(flow: FlowDef, stepId: string, s: SettingProfile, answers: Map<string, string>, content: ContentBundle, depth: number, seen: Set<string>, memo: Memo): string {
  const { shown } = memo;
  const step = flow.steps[stepId];
  if (!step || depth > MAX_DEPTH) return '<li>(the path continues as above)</li>';
  const key = `${stepId}|${[...answers].map(([k, v]) => `${k}=${v}`).join(',')}`;
  if (seen.has(key)) return '<li>(as above)</li>';
  seen.add(key);
  const a: Answers = answers;
  switch (step.type) {
    case 'question': {
      const choices = visibleChoices(step, s, a);
      const options = choices.map((c) => {
        const next = step.choices.find((x) => x.id === c.id)!.next;
        const inner = walk(flow, next, s, new Map([...answers, [stepId, c.id]]), content, depth + 1, seen, memo);
        const before = shown.get(inner);
        if (before !== undefined) return `<li class="choice"><span class="answer">${esc(c.label)}</span><ul><li class="same">The same as after “${esc(before)}” above.</li></ul></li>`;
        if (inner.length > 200) shown.set(inner, c.label);
        return `<li class="choice"><span class="answer">${esc(c.label)}</span><ul>${inner}</ul></li>`;
      });
      return `<li class="question"><strong>Question:</strong> ${esc(render(step.text, s))}<ul>${options.join('')}</ul></li>`;
    }
    case 'advice': {
      const advice = renderAdvice(step, s, a, content);
      const key = JSON.stringify(advice);
      const rest = walk(flow, step.next, s, answers, content, depth + 1, seen, memo);
      if (memo.advice.has(key)) return `<li class="advice"><strong>Advice: ${esc(advice.title)}</strong> — the same advice as shown above.</li>${rest}`;
      memo.advice.add(key);
      const items = advice.steps.map((it) => `<li class="advice-item"><div class="says">${esc(it.text)}</div>${citationsHtml(it, memo.quoted)}</li>`).join('');
      return `<li class="advice"><strong>Advice: ${esc(advice.title)}</strong>${advice.intro ? `<p>${esc(advice.intro)}</p>` : ''}<ol>${items}</ol></li>${rest}`;
    }
    case 'branch': {
      const hit = step.branches.find((b) => evaluate(b.when, s, a) === true);
      return walk(flow, hit ? hit.next : step.otherwise, s, answers, content, depth + 1, seen, memo);
    }
    case 'report':
      return `<li class="report"><strong>Report to the DSL (${esc(step.urgency)}):</strong> SafeStep asks ${step.prompts.map((p) => `“${esc(render(p.text, s))}”`).join(', ')}</li>${walk(flow, step.next, s, answers, content, depth + 1, seen, memo)}`;
    case 'end':
      return `<li class="end"><strong>End:</strong> ${esc(render(step.text, s))}</li>`;
  }
}

/** The flow as an HTML section for this setting. */
export function flowHtml(flow: FlowDef, s: SettingProfile, content: ContentBundle): string {
  let body: string;
  try {
    body = `<ul class="tree">${walk(flow, flow.start, s, new Map(), content, 0, new Set(), { shown: new Map(), quoted: new Set(), advice: new Set() })}</ul>`;
  } catch (err) {
    body = `<p class="problem">This flow cannot be shown for ${esc(s.name)} yet: ${esc((err as Error).message)}. Run safestep validate.</p>`;
  }
  return `<section class="flow" id="flow-${esc(flow.id)}"><h2>${esc(flow.title)}</h2><p class="summary">${esc(flow.summary)}</p>${body}</section>`;
}
