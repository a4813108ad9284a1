/**
 * Which of a flow's account prompts a filed answer was given to: the report keeps each prompt as
 * the reporter saw it (rendered for the setting), so it is matched against the flow's report
 * steps rendered the same way. Unknown (a flow since changed) stays unknown. Pure.
 */
import type { ContentBundle } from '../core/content';
import type { FiledReport } from '../core/report';
import { render } from '../core/template';

/** A lookup from a filed prompt text to its prompt id in the report's flow. */
export function promptIdOf(content: ContentBundle, report: FiledReport): (prompt: string) => string | undefined {
  const flow = content.flows.get(report.flowId);
  const setting = content.settings.get(report.settingId);
  const ids = new Map<string, string>();
  if (flow && setting) {
    for (const step of Object.values(flow.steps)) {
      if (step.type !== 'report') continue;
      for (const p of step.prompts) {
        try {
          ids.set(render(p.text, setting), p.id);
        } catch {
          // A prompt the setting cannot render was never shown; nothing to match.
        }
      }
    }
  }
  return (prompt) => ids.get(prompt);
}
