/**
 * The DSL team's daily summary as a Teams card, rendered from the core's DigestView (the same
 * view Slack renders). Immediate reports are marked with bold text, never colour alone.
 */
import type { Activity } from 'botbuilder';
import type { DigestView } from '../../core/host';
import { adaptiveCard, cardMessage, textBlock, type CardElement } from './cards';

/** The summary card. */
export function digestCard(d: DigestView): Partial<Activity> {
  const body: CardElement[] = [textBlock(d.title, { weight: 'Bolder', size: 'Medium' })];
  for (const s of d.sections) {
    body.push(textBlock(`${s.heading} (${s.lines.length})`, { weight: 'Bolder', spacing: 'Medium' }));
    if (s.lines.length === 0) body.push(textBlock(s.empty, { isSubtle: true, spacing: 'Small' }));
    for (const l of s.lines) body.push(textBlock(l.urgent ? `🚨 ${l.text}` : `• ${l.text}`, { spacing: 'Small', ...(l.urgent ? { weight: 'Bolder' } : {}) }));
  }
  const counts = d.sections.map((s) => `${s.heading}: ${s.lines.length}`).join(' · ');
  return cardMessage(adaptiveCard(body, `${d.title} - ${counts}`), d.title);
}
