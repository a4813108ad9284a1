/**
 * Walks Upton's nude-image flow in Slack as a member of staff would: a DM describing it, then
 * clicking the buttons SafeStep posted (their own action_id and value), typing the report
 * answers, and pressing Skip once (and "No, not right now" if SafeStep asks the danger question about
 * her account). Returns every post SafeStep made to her DM along the way.
 */
import type { ApiCall } from './fake-slack-api';
import { buttonsIn, textOf } from './fake-slack-api';
import { button, dmOf, STAFF, type Harness } from './harness';

export const FIRST_MESSAGE = "found a nude pic of a girl on a yr 6 lads phone, I've got the phone";
export const ACCOUNT = {
  who: 'Sam K (6B) had the phone; the photo is of a girl in 6C',
  what: 'Saw it on screen when I took the phone off him at break. A photo of a girl partly undressed.',
  ownWords: "he said 'everyone has it miss'",
  actions: 'phone switched off and locked in the office',
};

const DANGER_NO = 'danger:no';
const hasButton = (value: string) => (c: ApiCall) => buttonsIn(c.args.blocks).some((b) => b.value === value);
const says = (text: string) => (c: ApiCall) => textOf(c.args.blocks).includes(text);

export interface Walk {
  posts: Record<'first' | 'risk' | 'advice' | 'what' | 'whenWhere' | 'ownWords' | 'actions' | 'filed', ApiCall>;
  reference: string;
}

export async function walkNudeImageFlow(h: Pick<Harness, 'fake' | 'dm' | 'click'>, user = STAFF): Promise<Walk> {
  const dm = dmOf(user);
  const { fake } = h;
  const step = async (send: () => Promise<unknown>, match: (c: ApiCall) => boolean): Promise<ApiCall> => {
    const from = fake.calls.length;
    await send();
    return fake.waitForPost(dm, match, from);
  };
  const first = await step(() => h.dm(user, FIRST_MESSAGE), hasButton('device-with-me'));
  const risk = await step(() => h.click(user, { channel: dm, message: first }, button(first, { value: 'device-with-me' })), hasButton('risk-no'));
  // Long advice may take several messages: the advice post is the one with its heading.
  const beforeAdvice = fake.calls.length;
  await step(() => h.click(user, { channel: dm, message: risk }, button(risk, { value: 'risk-no' })), says('Who is involved?'));
  const advice = await fake.waitForPost(dm, (c) => (c.args.blocks as { type: string }[] | undefined)?.some((b) => b.type === 'header') ?? false, beforeAdvice);
  const what = await step(() => h.dm(user, ACCOUNT.who), says('What happened, and how did it come to your attention?'));
  // Her account may read like a risk to the learned backstop: then SafeStep asks the danger question
  // first (src/core/danger-check.ts) and she answers no, as staff with the phone locked away would.
  const whenWhereOrDanger = await step(() => h.dm(user, ACCOUNT.what), (c) => says('When and where did this happen')(c) || hasButton(DANGER_NO)(c));
  const whenWhere = hasButton(DANGER_NO)(whenWhereOrDanger)
    ? await step(() => h.click(user, { channel: dm, message: whenWhereOrDanger }, button(whenWhereOrDanger, { value: DANGER_NO })), says('When and where did this happen'))
    : whenWhereOrDanger;
  const ownWords = await step(() => h.click(user, { channel: dm, message: whenWhere }, button(whenWhere, { value: 'skip' })), says('in their own words'));
  const actions = await step(() => h.dm(user, ACCOUNT.ownWords), says('What has been done so far'));
  const filed = await step(() => h.dm(user, ACCOUNT.actions), says('Filed for the DSL'));
  const reference = /SS-\d{4}-\d+/.exec(textOf(filed.args.blocks))?.[0];
  if (!reference) throw new Error('no reference in the filed message');
  return { posts: { first, risk, advice, what, whenWhere, ownWords, actions, filed }, reference };
}
