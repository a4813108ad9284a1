/**
 * Rich text the core hands channels: plain strings with two kinds of token a channel renders in
 * its own way (a person, a time). The core decides every word; a channel only decides how a
 * person or a time looks on its platform (a Slack mention, a Teams display name). Pure.
 */

/** A person named in a text: the channel they acted on, their id there, and a name when known. */
export interface PersonToken {
  person: { channel: string; id: string; name?: string };
}

/** A moment named in a text (ISO 8601). */
export interface TimeToken {
  time: string;
}

/** One piece of rich text. */
export type RichPart = string | PersonToken | TimeToken;

/** A text made of parts, rendered by joining them. */
export type Rich = RichPart[];

/** How a channel renders each kind of part (plain text escaping included). */
export interface RichFormat {
  text(plain: string): string;
  person(p: PersonToken['person']): string;
  time(iso: string): string;
}

/** A date and time as UK staff read it, e.g. "21 Nov 2026, 10:00 GMT". */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }).format(d);
  const zone = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName');
  return `${when} ${zone?.value ?? ''}`.trimEnd();
}

/** A day as UK staff read it, e.g. "21 Nov 2026". */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium' }).format(d);
}

/** Plain text, as the console and notification previews show it. */
export const PLAIN: RichFormat = {
  text: (s) => s,
  person: (p) => p.name ?? p.id,
  time: formatWhen,
};

/** Renders rich text with a channel's format. */
export function renderRich(rich: Rich, format: RichFormat = PLAIN): string {
  return rich.map((part) => (typeof part === 'string' ? format.text(part) : 'person' in part ? format.person(part.person) : format.time(part.time))).join('');
}

/** The mark a token's placeholder is rendered as before `richFrom` splits on it (never typed by anyone). */
export function tokenMark(name: string): string {
  return `\u0000${name}\u0000`;
}

/**
 * Splits a text rendered with `tokenMark(name)` in place of each token's placeholder into rich
 * parts: the marks become the tokens, everything else stays plain text.
 */
export function richFrom(text: string, tokens: Record<string, PersonToken | TimeToken>): Rich {
  const parts: Rich = [];
  text.split(/\u0000([a-zA-Z]+)\u0000/).forEach((piece, i) => {
    if (i % 2 === 0) {
      if (piece) parts.push(piece);
      return;
    }
    const token = tokens[piece];
    if (token) parts.push(token);
  });
  return parts;
}

/** The date in England (YYYY-MM-DD) at `d`: the day actions fall due and the digest is sent. */
export function londonDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
