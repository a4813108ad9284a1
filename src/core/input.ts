/**
 * Reading what the person typed: global commands ("start again", "back", "help",
 * "I need the DSL now", "menu") and picking a choice by id, number or label. Pure.
 */
import type { Catalog } from './catalog';
import type { ReplyChoice } from './messages';

export type GlobalCommand = 'restart' | 'back' | 'help' | 'dslNow' | 'menu';

/** Lower-cases and strips punctuation and extra spaces, for comparing short commands. */
export function simplify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The global command a message is, if it is exactly one of the catalogue's phrasings. */
export function commandOf(text: string, catalog: Catalog): GlobalCommand | undefined {
  const said = simplify(text);
  const order: GlobalCommand[] = ['dslNow', 'restart', 'back', 'help', 'menu'];
  return order.find((cmd) => catalog.commands[cmd].some((phrase) => simplify(phrase) === said));
}

/** The choice a message picks: its id, its 1-based number, or its label (case-insensitive). */
export function pickChoice(
  input: { text?: string; choice?: string },
  choices: readonly ReplyChoice[],
): ReplyChoice | undefined {
  if (input.choice !== undefined) return choices.find((c) => c.id === input.choice);
  const said = simplify(input.text ?? '');
  if (said === '') return undefined;
  if (/^\d+$/.test(said)) return choices[Number(said) - 1];
  return choices.find((c) => simplify(c.label) === said || c.id === said);
}
