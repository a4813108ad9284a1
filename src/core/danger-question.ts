/**
 * The danger question: "Is a child in danger right now, or about to be?", asked first when a
 * message has signs of risk but SafeStep cannot tell whether the danger is now (a `possible`
 * verdict). Reading its answer: yes, no, or unclear (anything else; treated as yes). Pure.
 */
import type { Catalog } from './catalog';
import { pickChoice, simplify } from './input';
import type { Reply } from './messages';
import type { SettingProfile } from './model';
import { render } from './template';

/** The reply id of the danger question; a button carries it back as Inbound.questionId. */
export const DANGER_QUESTION_ID = 'danger';

/** Choice ids of the danger question. */
export const DANGER_CHOICES = { yes: 'danger:yes', no: 'danger:no' } as const;

/** What the person said to the danger question; kept with the report. */
export type DangerAnswer = 'yes' | 'no' | 'unclear';

const YES = new Set(['yes', 'y', 'yeah', 'yep', 'yes she is', 'yes he is', 'yes they are', 'maybe', 'possibly', 'not sure', 'im not sure', 'unsure', 'i think so', 'dont know', 'i dont know']);
const NO = new Set(['no', 'n', 'nope', 'no not right now', 'not right now', 'not now', 'no not now', 'no theyre safe', 'no shes safe', 'no hes safe']);

/** The question reply, with its two choices. */
export function dangerQuestionReply(catalog: Catalog, setting: SettingProfile): Reply {
  const words = catalog.dangerCheck;
  return {
    type: 'question',
    id: DANGER_QUESTION_ID,
    text: render(words.question, setting),
    choices: [
      { id: DANGER_CHOICES.yes, label: render(words.yes, setting) },
      { id: DANGER_CHOICES.no, label: render(words.no, setting) },
    ],
  };
}

/**
 * Reads an answer to the danger question: a button, its number, its label or a plain yes/no
 * ("not sure" counts as yes). Anything else is `unclear`, and SafeStep treats it as yes.
 */
export function readDangerAnswer(input: { text?: string; choice?: string }, catalog: Catalog, setting: SettingProfile): DangerAnswer {
  const picked = pickChoice(input, choicesOf(catalog, setting));
  if (picked) return picked.id === DANGER_CHOICES.yes ? 'yes' : 'no';
  if (input.choice !== undefined) return 'unclear';
  const said = simplify(input.text ?? '');
  if (YES.has(said)) return 'yes';
  if (NO.has(said)) return 'no';
  return 'unclear';
}

function choicesOf(catalog: Catalog, setting: SettingProfile) {
  const reply = dangerQuestionReply(catalog, setting);
  return reply.type === 'question' ? reply.choices : [];
}
