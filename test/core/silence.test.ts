/**
 * Generic silence (src/core/silence.ts): which advice items a setting silent on a rule keeps,
 * and when the step must state silence.
 */
import type { AdviceItem, SettingProfile } from '../../src/core/model';
import { applySilence, isSilent, silencedItem } from '../../src/core/silence';

const setting = (rules: SettingProfile['rules']): SettingProfile => ({
  id: 's', name: 'S School', kind: 'primary', childTerm: 'pupil', childrenTerm: 'pupils',
  people: { dsl: { role: 'DSL' }, deputies: [], head: { role: 'head' }, allegations: { text: 'the head', cite: [{ document: 'd', section: '1' }] } },
  contacts: [], officialChannels: [], documents: [], rules,
});
const SET = { silent: false as const, text: 'Lockers.', value: 'locker', cite: [{ document: 'd', section: '2' }] };
const NATIONAL = { document: 'national-rules', section: '1' };
const noAnswers = new Map<string, string>();

const quoting: AdviceItem = { text: 'Phones: {{rule.phones}}', cite: [{ rule: 'phones' }] };
const mixed: AdviceItem = { text: 'Keep the device safe.', cite: [{ rule: 'phones' }, NATIONAL] };
const national: AdviceItem = { text: 'Never copy the image.', cite: [NATIONAL] };
const guarded: AdviceItem = { text: 'Lockers only.', when: { rule: 'phones', equals: 'locker' }, cite: [NATIONAL] };

test('a rule missing or marked silent is silent', () => {
  expect(isSilent('phones', setting({}))).toBe(true);
  expect(isSilent('phones', setting({ phones: { silent: true } }))).toBe(true);
  expect(isSilent('phones', setting({ phones: SET }))).toBe(false);
});

test('an item quoting a silent rule, or resting only on one, is left out; one that also cites national rules keeps those', () => {
  const quiet = setting({ phones: { silent: true } });
  expect(silencedItem(quoting, quiet)).toBe(true);
  expect(silencedItem(mixed, quiet)).toBe(false);
  const out = applySilence([quoting, mixed, national], quiet, noAnswers);
  expect(out.items.map((i) => [i.text, i.cite])).toEqual([['Keep the device safe.', [NATIONAL]], ['Never copy the image.', [NATIONAL]]]);
  expect(out.statesSilence).toBe(true);
});

test('a step whose item is hidden only because its rule is silent (even an equals test) states silence', () => {
  const out = applySilence([guarded, national], setting({ phones: { silent: true } }), noAnswers);
  expect(out.items.map((i) => i.text)).toEqual(['Never copy the image.']);
  expect(out.statesSilence).toBe(true);
});

test('nothing changes where the rule is set, or a step uses no rule', () => {
  const set = setting({ phones: SET });
  expect(applySilence([quoting, mixed, guarded], set, noAnswers)).toEqual({ items: [quoting, mixed, guarded], statesSilence: false });
  expect(applySilence([national], setting({}), noAnswers)).toEqual({ items: [national], statesSilence: false });
});
