/**
 * Builds the DSL report from a finished conversation. Pure. Holds only what the person typed
 * or chose and what SafeStep showed: never a file.
 */
import type { ContentBundle } from './content';
import { URGENCY_ORDER, type FlowDef, type ReportStep, type SettingProfile, type Urgency } from './model';
import type { ReportDraft } from './report';
import type { Session } from './session';

/** The higher of two urgencies. */
export function maxUrgency(a: Urgency, b: Urgency | undefined): Urgency {
  if (b === undefined) return a;
  return URGENCY_ORDER.indexOf(a) >= URGENCY_ORDER.indexOf(b) ? a : b;
}

/** The report's urgency: the step's own, raised by chosen answers and by any danger signal. */
export function reportUrgency(session: Session, flow: FlowDef, step: ReportStep): Urgency {
  let urgency = session.dangerFlagged ? 'immediate' : step.urgency;
  for (const a of session.answers) {
    const q = flow.steps[a.step];
    const choice = q?.type === 'question' ? q.choices.find((c) => c.id === a.choice) : undefined;
    urgency = maxUrgency(urgency, choice?.urgency);
  }
  return urgency;
}

/** Which documents (approved when, review due when: the DSL sees overdue reviews) and which flow version the advice came from. */
export function policyVersion(setting: SettingProfile, content: ContentBundle, flow: FlowDef): string {
  const docs = [
    ...setting.documents.map((d) => `${d.id} (approved ${d.approved}; review due ${d.reviewDue})`),
    `${content.national.id} (${content.national.approved})`,
  ];
  return `${docs.join('; ')}; flow ${flow.id} v${flow.version}`;
}

/** The report the engine asks the runner to file. */
export function buildDraft(
  session: Session,
  flow: FlowDef,
  step: ReportStep,
  setting: SettingProfile,
  content: ContentBundle,
  now: Date,
): ReportDraft {
  return {
    settingId: setting.id,
    settingName: setting.name,
    reporter: session.user,
    channel: session.channel,
    createdAt: now.toISOString(),
    flowId: flow.id,
    flowTitle: flow.title,
    category: step.category ?? flow.category,
    urgency: reportUrgency(session, flow, step),
    dangerFlagged: session.dangerFlagged,
    ...(session.dangerAnswer !== undefined ? { dangerAnswer: session.dangerAnswer } : {}),
    firstMessage: session.firstMessage ?? '',
    answers: session.answers.map((a) => ({ question: a.question, answer: a.label })),
    advice: session.advice,
    account: session.account,
    policyVersion: policyVersion(setting, content, flow),
  };
}
