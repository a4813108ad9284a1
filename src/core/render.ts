/**
 * Turns flow steps into channel-neutral replies for one setting: fills placeholders, drops
 * items and choices whose conditions fail, and resolves citations to titled clauses. Pure.
 */
import { evaluate, type Answers } from './conditions';
import type { ContentBundle } from './content';
import type { Reply, ReplyChoice, ShownAdviceStep } from './messages';
import type { AdviceStep, Citation, CitationRef, QuestionStep, SettingProfile } from './model';
import { applySilence } from './silence';
import { render } from './template';

/** The choices of a question that apply to this setting and these answers. */
export function visibleChoices(q: QuestionStep, s: SettingProfile, answers: Answers): ReplyChoice[] {
  return q.choices
    .filter((c) => c.when === undefined || evaluate(c.when, s, answers) === true)
    .map((c) => ({ id: c.id, label: render(c.label, s) }));
}

/** A flow question as a reply. */
export function questionReply(stepId: string, q: QuestionStep, s: SettingProfile, answers: Answers): Reply {
  const text = q.help ? `${render(q.text, s)}\n${render(q.help, s)}` : render(q.text, s);
  return { type: 'question', id: stepId, text, choices: visibleChoices(q, s, answers) };
}

/** The clauses a citation stands for in this setting ({rule} expands to the rule's own clauses). */
export function resolveCitation(ref: CitationRef, s: SettingProfile): Citation[] {
  if ('rule' in ref) {
    const rule = s.rules[ref.rule];
    return rule && !rule.silent ? rule.cite : [];
  }
  return [ref];
}

function titled(c: Citation, s: SettingProfile, content: ContentBundle): ShownAdviceStep['citations'][number] {
  const doc = [...s.documents, content.national].find((d) => d.id === c.document);
  const section = doc?.sections.find((x) => x.id === c.section);
  return { ...c, title: section?.title, documentTitle: doc?.title };
}

/**
 * An advice step as shown to this setting's staff, with every kept item's citations. Where the
 * setting's policy is silent on a rule the step uses, the step begins with the shared silence
 * statement and keeps only the national-rule steps (src/core/silence.ts).
 */
export function renderAdvice(
  a: AdviceStep,
  s: SettingProfile,
  answers: Answers,
  content: ContentBundle,
): { title: string; intro?: string; steps: ShownAdviceStep[] } {
  const { items, statesSilence } = applySilence(a.items, s, answers);
  const steps: ShownAdviceStep[] = items.map((item) => ({
    text: render(item.text, s),
    citations: item.cite.flatMap((ref) => resolveCitation(ref, s)).map((c) => titled(c, s, content)),
  }));
  if (statesSilence) {
    const silence = content.catalog.silence;
    steps.unshift({ text: render(steps.length > 0 ? silence.notCovered : silence.askDsl, s), citations: [] });
  }
  return { title: render(a.title, s), intro: a.intro ? render(a.intro, s) : undefined, steps };
}
