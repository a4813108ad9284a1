/**
 * Rule questions are not incidents: "can Y6 bring phones if they walk home?" gets the rule and an
 * offer to log something that can be declined; "which child?" can be answered "not a specific
 * child"; and a short follow-up straight after is understood in the context of that flow.
 */
import { followUpFlow, looksLikeFollowUp } from '../../src/core/follow-up';
import type { RouteResult, Router } from '../../src/core/ports';
import { adviceOf, content, realCtx, talk } from '../support/real-engine';

const RULE_QUESTION = 'can Y6 bring phones if they walk home?';
const texts = (replies: { type: string }[]) => replies.map((r) => ('text' in r ? String(r.text) : '')).join('\n');

describe.each(['east-stour-primary', 'headcorn-primary', 'upton-junior', 'rainbow-preschool'])('a rule question in %s', (setting) => {
  test('gets the rule, then an offer to log that can be declined: nothing is filed', () => {
    const asked = talk(setting, [RULE_QUESTION, { choice: 'brought' }]);
    expect(adviceOf(asked.all)).toHaveLength(1);
    const offer = asked.last.at(-1);
    expect(offer).toMatchObject({ type: 'question', id: 'offer-log', choices: [{ id: 'log-yes' }, { id: 'log-no' }] });
    expect(asked.session.mode).toBe('in-flow');

    const declined = talk(setting, [{ choice: 'log-no' }], asked.session);
    expect(declined.effects).toEqual([]);
    expect(declined.session.mode).toBe('idle');
    expect(texts(declined.last)).toContain('nothing has been logged');
  });

  test('accepting the offer never forces "which child?": it can be skipped or answered "not a specific child"', () => {
    const r = talk(setting, [RULE_QUESTION, { choice: 'brought' }, { choice: 'log-yes' }]);
    const who = r.last.at(-1);
    expect(who).toMatchObject({ type: 'question', id: 'log.who', choices: [{ id: 'skip' }], freeText: true });
    const filed = talk(setting, ['not a specific child', 'A parent asked whether her Y6 son can bring his phone; I told her the rule.', { choice: 'skip' }, { choice: 'skip' }], r.session);
    expect(filed.effects).toHaveLength(1);
    const draft = filed.effects[0]!.draft;
    expect(draft).toMatchObject({ flowId: 'pupil-phone-rules', urgency: 'routine' });
    expect(draft.account[0]).toMatchObject({ text: 'not a specific child' });

    const skipped = talk(setting, [RULE_QUESTION, { choice: 'brought' }, { choice: 'log-yes' }, { choice: 'skip' }]);
    expect(skipped.last.at(-1)).toMatchObject({ type: 'question', id: 'log.what' });
  });

  test('a harmful-content phone still goes straight to the report, with "which child?" required', () => {
    const r = talk(setting, [RULE_QUESTION, { choice: 'harmful' }, { choice: 'other' }, { choice: 'risk-no' }]);
    expect(r.last.at(-1)).toMatchObject({ type: 'question', id: 'record.who', choices: [] });
  });
});

describe('a follow-up straight after a flow', () => {
  const ended = () => talk('east-stour-primary', [RULE_QUESTION, { choice: 'brought' }, { choice: 'log-no' }]).session;

  test('is taken in the context of the flow just finished, and says so', () => {
    const r = talk('east-stour-primary', ["and what if they're in year 5?"], ended());
    expect(texts(r.last)).toContain('Taking that as a follow-up to "A child has or is using their own phone"');
    expect(r.session).toMatchObject({ mode: 'in-flow', flowId: 'pupil-phone-rules', stepId: 'what-happening' });
    expect(r.session.firstMessage).toBe(`${RULE_QUESTION} and what if they're in year 5?`);
  });

  test('"what about on a trip?" too, which on its own the router cannot place', () => {
    expect(realCtx.router.route('what about on a trip?').flow).toBeNull();
    const r = talk('east-stour-primary', ['what about on a trip?'], ended());
    expect(r.session).toMatchObject({ mode: 'in-flow', flowId: 'pupil-phone-rules' });
  });

  test('is not forced when it clearly names a new situation', () => {
    const r = talk('east-stour-primary', ['what about a parent who sent me a friend request on facebook'], ended());
    expect(texts(r.last)).not.toContain('follow-up');
    expect(r.session.flowId).toBe('parent-contact-personal');
  });

  test('lasts one message only: after another message the same words are routed on their own', () => {
    const afterHelp = talk('east-stour-primary', ['help'], ended()).session;
    expect(afterHelp.lastFlow).toBeUndefined();
    const r = talk('east-stour-primary', ['what about on a trip?'], afterHelp);
    expect(texts(r.last)).not.toContain('follow-up');
    expect(r.session.flowId).toBeUndefined();
  });

  test('typed at the offer to log, it declines the offer and is answered in the flow\'s context', () => {
    const atOffer = talk('east-stour-primary', [RULE_QUESTION, { choice: 'brought' }]).session;
    expect(atOffer.stepId).toBe('offer-log');
    const r = talk('east-stour-primary', ['what about on a trip?'], atOffer);
    expect(r.effects).toEqual([]);
    expect(texts(r.last)).toContain('nothing has been logged');
    expect(texts(r.last)).toContain('Taking that as a follow-up');
    expect(r.session).toMatchObject({ mode: 'in-flow', flowId: 'pupil-phone-rules', stepId: 'what-happening' });
  });

  test('at the offer, words that are neither a choice nor a follow-up still get "pick one of the options"', () => {
    const atOffer = talk('east-stour-primary', [RULE_QUESTION, { choice: 'brought' }]).session;
    const r = talk('east-stour-primary', ['purple'], atOffer);
    expect(texts(r.last)).toContain('Please pick one of the options');
    expect(r.session.stepId).toBe('offer-log');
  });

  test('in a guidance flow too: the staff phone offer declines on a follow-up', () => {
    const atOffer = talk('headcorn-primary', ['can I use my phone at break?', { choice: 'breaks' }]).session;
    expect(atOffer.stepId).toBe('offer-log');
    const r = talk('headcorn-primary', ['and what about in the staff room?'], atOffer);
    expect(r.effects).toEqual([]);
    expect(r.session.flowId).toBe('staff-phone-use');
  });

  test('a question without onFollowUp (the middle of an incident) is never declined by a follow-up', () => {
    const mid = talk('east-stour-primary', [RULE_QUESTION, { choice: 'harmful' }]).session;
    expect(mid.stepId).toBe('content-kind');
    const r = talk('east-stour-primary', ['what about on a trip?'], mid);
    expect(texts(r.last)).toContain('Please pick one of the options');
    expect(r.session.stepId).toBe('content-kind');
  });

  test('a message that is not follow-up shaped is routed as usual', () => {
    const r = talk('east-stour-primary', ['who is our DSL?'], ended());
    expect(texts(r.last)).not.toContain('follow-up');
    expect(adviceOf(r.all)[0]?.title).toContain('the DSL, the deputies');
  });
});

describe('followUpFlow decides with the router', () => {
  const last = { id: 'pupil-phone-rules', firstMessage: 'can pupils bring phones' };
  const result = (flow: string | null, alt: string[] = []): RouteResult => ({ flow, confidence: flow ? 0.9 : 0.2, alternatives: alt.map((f) => ({ flow: f, confidence: 0.3 })) });
  const router = (together: RouteResult): Router => ({ route: () => together });
  const { catalog } = content;

  test('follow-up cues, short messages only', () => {
    expect(looksLikeFollowUp("And what if they're in Year 5?", catalog)).toBe(true);
    expect(looksLikeFollowUp('What about on a trip?', catalog)).toBe(true);
    expect(looksLikeFollowUp('a year 5 has a phone', catalog)).toBe(false);
    expect(looksLikeFollowUp('and then after that the boy in year 5 who had the phone went to the office and told the head what happened', catalog)).toBe(false);
  });

  test('no flow of its own, or the same flow: the last flow', () => {
    expect(followUpFlow('what about year 5', result(null), last, router(result(null)), catalog)).toBe('pupil-phone-rules');
    expect(followUpFlow('what about year 5', result('pupil-phone-rules'), last, router(result(null)), catalog)).toBe('pupil-phone-rules');
  });

  test('another flow on its own words: the last flow only if the words together point back to it', () => {
    expect(followUpFlow('what about trips', result('contacting-parents'), last, router(result(null, ['pupil-phone-rules'])), catalog)).toBe('pupil-phone-rules');
    expect(followUpFlow('what about trips', result('contacting-parents'), last, router(result('contacting-parents')), catalog)).toBeUndefined();
  });

  test('no sure flow of its own but a best guess elsewhere: the last flow only if the words together point back', () => {
    expect(followUpFlow('is that the same for staff', result(null, ['staff-phone-use']), last, router(result(null, ['pupil-phone-rules'])), catalog)).toBe('pupil-phone-rules');
    expect(followUpFlow('is that the same for staff', result(null, ['staff-phone-use']), last, router(result(null, ['staff-phone-use'])), catalog)).toBeUndefined();
  });

  test('nothing just ended, or not a follow-up: undefined', () => {
    expect(followUpFlow('what about year 5', result(null), undefined, router(result(null)), catalog)).toBeUndefined();
    expect(followUpFlow('year 5 boy has a phone', result(null), last, router(result(null)), catalog)).toBeUndefined();
  });
});
