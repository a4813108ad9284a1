/**
 * A message sent while the quiz waits for an answer may be about something else: someone who
 * left the quiz half-done and now types about an incident, or about a child in danger. Such a
 * message belongs to the safeguarding conversation (which gives the 999 reply or asks the danger
 * question, then the incident), not to "please pick one of the options". Pure.
 */
import { commandOf, pickChoice, simplify } from '../core/input';
import { turn, type QuizContext, type QuizInput } from './engine';
import type { QuizState } from './state';
import { promptChoices } from './turn';

/** Fewest words for a message that is neither an option nor a quiz command to count as a new situation. */
export const SITUATION_WORDS = 4;

/**
 * True when the message is not a button, not a quiz command, does not pick or nearly repeat an
 * option, and either signals danger (certain or possible) or is long enough to describe a
 * situation (SITUATION_WORDS words or more).
 */
export function isAboutSomethingElse(state: QuizState, input: QuizInput, ctx: QuizContext): boolean {
  const text = (input.text ?? '').trim();
  if (input.choice !== undefined || text === '' || state.phase === 'done') return false;
  const t = turn(state, ctx);
  const said = simplify(text);
  const { stop, help } = t.words.commands;
  if ([...stop, ...help].some((c) => simplify(c) === said) || commandOf(text, t.chat) !== undefined) return false;
  const choices = promptChoices(t);
  if (pickChoice({ text }, choices) || choices.some((c) => nearlySame(said, simplify(c.label)))) return false;
  const verdict = ctx.danger?.detect(text);
  if (verdict?.danger || verdict?.question) return true;
  return said.split(' ').length >= SITUATION_WORDS;
}

/** Most of the message's words appear in the option's label: an answer typed loosely. */
function nearlySame(said: string, label: string): boolean {
  const words = said.split(' ').filter((w) => w.length > 2);
  if (words.length === 0) return false;
  const inLabel = new Set(label.split(' '));
  return words.filter((w) => inLabel.has(w)).length * 2 >= words.length;
}
