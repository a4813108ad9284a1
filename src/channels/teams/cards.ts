/**
 * A small Adaptive Card 1.5 kit: the JSON elements SafeStep's Teams cards are made of, and the
 * message activity that carries one card with its plain-text fallback. Builds data only; sends
 * nothing.
 */
import type { Activity } from 'botbuilder';

export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** One card element (TextBlock, Container, ActionSet, FactSet …) as plain JSON. */
export type CardElement = Record<string, unknown>;

/** The JSON an Action.Submit sends back as the message activity's `value`. */
export type SubmitData = Record<string, string>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  fallbackText: string;
  msteams: { width: 'Full' };
}

/**
 * Teams limits a message by its whole payload encoded as UTF-16: two bytes a UTF-16 code unit,
 * so an ASCII letter counts 2 and an emoji 4. Its documented limit has been 28 KB and 40 KB;
 * SafeStep keeps every message under 28 KB measured this way.
 */
export const TEAMS_MESSAGE_LIMIT = 28 * 1024;

/** The size Teams counts for a message or card element: its JSON in UTF-16 bytes. */
export function teamsSize(value: unknown): number {
  return JSON.stringify(value).length * 2;
}

/** `text` cut to at most `max` UTF-16 code units, never between the two halves of an emoji. */
export function sliceText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** A wrapped TextBlock; `extra` sets weight, size, color, isSubtle, spacing. */
export function textBlock(text: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** A Container, optionally styled ('attention', 'warning', 'good', 'emphasis'). */
export function container(items: CardElement[], style?: 'attention' | 'warning' | 'good' | 'emphasis'): CardElement {
  return style ? { type: 'Container', style, items } : { type: 'Container', items };
}

/** A FactSet of title/value pairs. */
export function factSet(facts: [string, string][]): CardElement {
  return { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) };
}

/**
 * A row of Action.Submit buttons. One button per set gives a vertical list (Teams never wraps
 * titles). `tooltip` is what screen readers say for the button (Adaptive Cards 1.5).
 */
export function buttons(actions: { title: string; data: SubmitData; style?: 'positive' | 'destructive'; tooltip?: string }[]): CardElement {
  return {
    type: 'ActionSet',
    actions: actions.map((a) => ({ type: 'Action.Submit', title: a.title, data: a.data, ...(a.style ? { style: a.style } : {}), ...(a.tooltip ? { tooltip: a.tooltip } : {}) })),
  };
}

/** An Adaptive Card 1.5 with its plain-text fallback (shown by clients that cannot render it). */
export function adaptiveCard(body: CardElement[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    fallbackText,
    msteams: { width: 'Full' },
  };
}

/**
 * Splits card elements into runs whose size as Teams counts it (teamsSize: UTF-16 bytes) stays
 * under `limit` (one element over it alone is cut, ending with `cutNote`).
 */
export function splitElements(elements: readonly CardElement[], limit: number, cutNote = ''): CardElement[][] {
  const parts: CardElement[][] = [[]];
  let size = 0;
  for (const raw of elements) {
    const e = fit(raw, limit, cutNote);
    const bytes = teamsSize(e);
    if (size + bytes > limit && parts[parts.length - 1]!.length > 0) {
      parts.push([]);
      size = 0;
    }
    parts[parts.length - 1]!.push(e);
    size += bytes;
  }
  return parts;
}

/** One TextBlock longer than a whole card (a pasted essay) is shortened, marked with an ellipsis and the note. */
function fit(e: CardElement, limit: number, cutNote: string): CardElement {
  if (typeof e.text !== 'string' || teamsSize(e) < limit) return e;
  return { ...e, text: `${sliceText(e.text, Math.floor(limit / 8))} …${cutNote ? ` ${cutNote}` : ''}` };
}

/** The plain text of card elements (their TextBlocks), for a card's fallback. */
export function plainTextOf(elements: readonly CardElement[], max = 1500): string {
  const lines = (e: CardElement): string[] => [
    ...(typeof e.text === 'string' && e.text ? [e.text] : []),
    ...(Array.isArray(e.items) ? (e.items as CardElement[]).flatMap(lines) : []),
  ];
  const text = elements.flatMap(lines).join('\n');
  return text.length > max ? `${sliceText(text, max)} …` : text;
}

/**
 * A message activity carrying one card. `summary` is the Bot Framework's "text to display if the
 * channel cannot render cards" (also used in notifications); it defaults to the card's fallback.
 */
export function cardMessage(card: AdaptiveCard, summary: string = card.fallbackText): Partial<Activity> {
  return {
    type: 'message',
    summary,
    attachments: [{ contentType: ADAPTIVE_CARD_TYPE, content: card }],
  };
}
