/**
 * Placeholders in flow and catalogue text, resolved from a setting profile:
 *   {{setting}} {{dsl}} {{dsl.name}} {{dsl.role}} {{deputies}} {{head}} {{head.role}}
 *   {{allegations}} {{child}} {{children}} {{rule.KEY}} {{contact.ID}} {{channels}}
 *   {{dsl.out-of-hours}} {{policy.reviews}} (see profile.ts)
 * plus, in catalogue texts only, the runtime values {{reference}} {{urgency}} {{account}} {{flow}}
 * {{reporter}} {{who}} {{when}}.
 * Pure. An unknown or unset placeholder is an error, never silently blank.
 */
import type { Person, SettingProfile } from './model';
import { reviewsText } from './profile';

const PLACEHOLDER = /\{\{\s*([a-z]+(?:\.[a-z0-9-]+)?)\s*\}\}/g;

/** Thrown when a text names a placeholder the setting cannot fill. */
export class PlaceholderError extends Error {
  readonly code = 'placeholder_error';
  constructor(readonly placeholder: string, readonly settingId: string, reason: string) {
    super(`{{${placeholder}}} has no value for setting "${settingId}": ${reason}`);
  }
}

/** The placeholders a text uses, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

function person(p: Person): string {
  return p.name ? `${p.name} (${p.role})` : p.role;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The value of one placeholder for a setting; throws PlaceholderError if it has none. */
export function resolvePlaceholder(name: string, s: SettingProfile): string {
  const [head, key] = name.split('.') as [string, string | undefined];
  switch (head) {
    case 'setting':
      return s.name;
    case 'child':
      return s.childTerm;
    case 'children':
      return s.childrenTerm;
    case 'dsl':
      if (key === 'name') {
        if (!s.people.dsl.name) throw new PlaceholderError(name, s.id, 'the DSL has no name in the profile');
        return s.people.dsl.name;
      }
      if (key === 'out-of-hours') {
        if (!s.people.outOfHours) throw new PlaceholderError(name, s.id, 'the profile gives no out-of-hours contact for the DSL');
        return s.people.outOfHours.text;
      }
      return key === 'role' ? s.people.dsl.role : person(s.people.dsl);
    case 'deputies': {
      const deputies = s.people.deputies;
      if (deputies.length === 0) return 'no deputy DSL is named in the policy';
      const roles = new Set(deputies.map((d) => d.role));
      const named = deputies.every((d) => d.name);
      // One shared role reads better once: "A, B and C (DSL)".
      return roles.size === 1 && named ? `${list(deputies.map((d) => d.name!))} (${deputies[0]!.role})` : list(deputies.map(person));
    }
    case 'policy':
      if (key === 'reviews') return reviewsText(s);
      throw new PlaceholderError(name, s.id, 'unknown placeholder');
    case 'head':
      return key === 'role' ? s.people.head.role : person(s.people.head);
    case 'allegations':
      return s.people.allegations.text;
    case 'channels':
      return s.officialChannels.length > 0
        ? list(s.officialChannels.map((c) => `${c.platform} (${c.name})`))
        : 'none named in the policy';
    case 'rule': {
      const rule = key ? s.rules[key] : undefined;
      if (!rule) throw new PlaceholderError(name, s.id, `the profile has no rule "${key}"`);
      if (rule.silent) throw new PlaceholderError(name, s.id, `the policy is silent on "${key}"`);
      return rule.text;
    }
    case 'contact': {
      const c = s.contacts.find((x) => x.id === key);
      if (!c) throw new PlaceholderError(name, s.id, `the profile has no contact "${key}"`);
      return [c.name, c.phone, c.url].filter(Boolean).join(', ');
    }
    default:
      throw new PlaceholderError(name, s.id, 'unknown placeholder');
  }
}

/** Placeholders filled at run time from `vars` (catalogue texts about a report). */
export const RUNTIME_PLACEHOLDERS: readonly string[] = ['reference', 'urgency', 'account', 'flow', 'reporter', 'who', 'when'];

/** Fills every placeholder in `text` for the setting; throws PlaceholderError on any gap. */
export function render(text: string, s: SettingProfile, vars: Readonly<Record<string, string>> = {}): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => vars[name] ?? resolvePlaceholder(name, s));
}
