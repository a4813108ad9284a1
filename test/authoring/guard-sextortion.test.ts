/**
 * The national-guard patterns added for national rules §5 (sextortion), on the real
 * content/national-guard.yaml: affirmative advice to pay, to delete the messages or account, or
 * to contact the offender is flagged; the same words negated pass.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { GuardSchema, compileGuard, forbiddenIn } from '../../src/authoring/guard';

const file = path.resolve(__dirname, '..', '..', 'content', 'national-guard.yaml');
const guard = compileGuard(GuardSchema.parse(parse(readFileSync(file, 'utf8'))).forbidden);
const flagged = (text: string): string[] => forbiddenIn(text, guard).map((m) => m.entry.id);

test.each([
  ['Pay them what they ask so the picture is not shared.', 'pay-extortion'],
  ['Tell the child to pay the money.', 'pay-extortion'],
  ['Send them the money and block the account.', 'pay-extortion'],
  ['Delete the messages and the account.', 'delete-evidence-messages'],
  ['Ask the child to deactivate their account.', 'delete-evidence-messages'],
  ['Message the blackmailer to ask them to stop.', 'contact-offender'],
  ['Reply to the person making the threats.', 'contact-offender'],
])('flags %j (%s)', (text, id) => {
  expect(flagged(text)).toContain(id);
});

test.each([
  'Do not pay, and do not send anything more.',
  'Stop replying, but do not delete the messages or the account - they are evidence.',
  'Never contact the person making the threats.',
  'Someone is threatening the child unless they pay or send more.',
])('passes %j', (text) => {
  expect(flagged(text).filter((id) => ['pay-extortion', 'delete-evidence-messages', 'contact-offender'].includes(id))).toEqual([]);
});
