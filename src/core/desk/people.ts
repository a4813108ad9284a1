/**
 * How a report names people and moments, as rich-text tokens: the reporter (by name and role when
 * known, else their id on the channel they used) and whoever acknowledged it. Pure.
 */
import type { FiledReport } from '../report';
import type { PersonToken, Rich } from '../host/rich';

/** "channel:id" as stored in acknowledgedBy → a person token. */
export function personFromStored(stored: string, name?: string): PersonToken {
  const at = stored.indexOf(':');
  const person = at > 0 ? { channel: stored.slice(0, at), id: stored.slice(at + 1) } : { channel: '', id: stored };
  return { person: name ? { ...person, name } : person };
}

/** The reporter, with their role in brackets when they gave one. */
export function reporterRich(r: FiledReport): Rich {
  const token: PersonToken = { person: { channel: r.channel, id: r.reporter.id, ...(r.reporter.name ? { name: r.reporter.name } : {}) } };
  return r.reporter.role ? [token, ` (${r.reporter.role})`] : [token];
}

/** The reporter as plain text (name, else id), for previews and plain fallbacks. */
export function reporterPlain(r: FiledReport): string {
  const who = r.reporter.name ?? r.reporter.id;
  return r.reporter.role ? `${who} (${r.reporter.role})` : who;
}

/** The urgency as shown: IMMEDIATE in capitals so it stands out. */
export function urgencyLabel(r: Pick<FiledReport, 'urgency'>): string {
  return r.urgency === 'immediate' ? r.urgency.toUpperCase() : r.urgency;
}
