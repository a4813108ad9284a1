/**
 * The ninth round's signals by category (content/danger/signals.yaml, "Ninth round"), written from
 * the tuning authors' danger misses, tested both ways: the author's own phrasing of the category is
 * caught (999, with that signal), and a close non-danger phrasing of the same words is not. Also the
 * `now-strong` / `live-still` words that keep a live risk through a canceller. None of these texts is
 * from a measured set.
 */
import { createDangerDetector } from '../../src/nlu/danger';
import { shippedNlu } from './fixtures';

const nlu = shippedNlu();
const detector = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });
const level = (text: string): 'certain' | 'possible' | 'none' => {
  const v = detector.detect(text);
  return v.danger ? 'certain' : v.question ? 'possible' : 'none';
};

// [signal, caught (own phrasing), close non-danger phrasing that must stay quiet]
const CASES: [string, string, string][] = [
  ['known-risk-adult-collecting', 'the stepdad from the strategy meeting is at the gate to collect her now', 'the strategy meeting about the stepdad is at 2 in the library, minutes to follow'],
  ['known-risk-adult-collecting', 'the boyfriend who hit her mum is on his way here to take the little one', 'mum has a new boyfriend and he seems lovely with the kids, he does the school run'],
  ['secret-meeting-with-adult', 'a man is picking him up by the shops after school and told him not to tell his mum', 'after school the man from the shop said thanks for the card, his mum sent it'],
  ['child-marriage-or-cutting-travel', 'she is 14 and says the wedding is arranged for her in the holidays, they fly on saturday', 'Miss Khan is flying out saturday for her wedding, cover is arranged for her classes'],
  ['child-marriage-or-cutting-travel', 'her passport has been taken by her uncle and they leave on friday', 'passports for the ski trip have been collected by the office, coach leaves friday'],
  ['group-with-bats', 'three lads with bats are waiting outside the gates shouting for our y11 boy right now', 'the rounders bats are waiting outside the PE shed for someone to put them away'],
  ['lure-offered-near-children', 'a man in a van is offering the kids sweets to get in by the gate right now', 'the ice cream van is here at the summer fair, kids have tokens for it'],
  ['unknown-adult-with-children', 'there is a woman with the nursery children in the garden now and none of us know who she is', 'none of us know who is on the new governors panel yet, do you?'],
  ['swallowed-poison', 'a y1 has just drunk some bleach from under the sink and is crying', 'reminder: bleach under the sink must be locked away, a parent asked'],
  ['allergic-reaction-words', 'nut allergy boy has hives all over now and says his throat feels tight', 'the hives project in science is going well, we have a bee keeper visiting'],
  ['scald-or-burn', 'boiling water from the urn has gone down a toddler\u2019s arm right now and it is blistering', 'the boiling water urn in the staffroom is broken again, can site fix it'],
  ['will-not-wake', 'the baby in the sleep room has not woken and she is going grey', 'the baby room is repainted grey this half term, it looks calm'],
  ['asks-how-many-pills', 'a y9 has just asked me how many paracetamol it would take to die, she has a packet on her now', 'how many paracetamol can we give on a trip under our medicines policy?'],
  ['ligature-object', 'a y6 has a skipping rope wrapped round her neck in the toilets now', 'the y6 need scarves round their necks for the play costumes on thursday'],
  ['missing-from-place', 'missing from the soft play at the trip venue, reception boy, staff searching now', 'missing from the office: the reception class register, please return it'],
  ['uncollected-unreachable', 'it is 6.15 and nobody has collected the y2 twins, both parents\u2019 phones are off', 'nobody has collected the lost property, it goes to charity on friday'],
  ['young-child-home-alone', 'mum says her 7 year old has been at home alone since yesterday while she is in hospital', 'home learning for the 7 year olds is on the portal since yesterday'],
  ['unsafe-carer-driving', 'uncle has come for the y3 girl, he smells of beer and is about to drive her home', 'uncle runs the pub and says he will drive the beer tent to the fair'],
  ['filming-children-changing', 'a man by the pool is filming the girls getting changed on his phone now', 'filming the swimming gala for the website; no pupil will be shown getting changed'],
];

describe('ninth-round signals catch their category and not its close non-danger phrasing', () => {
  test.each(CASES)('%s', (signal, caught, quiet) => {
    const v = detector.detect(caught);
    expect(v.signals).toContain(signal);
    expect(level(caught)).toBe('certain');
    // The close phrasing fires no ninth-round signal and never gets 999 (the backstop may still
    // ask about a few of them; it is retrained on the quiet examples).
    expect(detector.detect(quiet).signals).not.toContain(signal);
    expect(level(quiet)).not.toBe('certain');
  });
});

describe('ninth-round now words keep a live risk through a canceller, and not an old one', () => {
  test.each([
    ['a man said he was from the council and asked the girls to show him their bags; he is still hanging round the alley now', 'last year a man said he was from the council and asked the girls to show him their bags, police dealt with it'],
    ['the boy who we have been worried about showed me a rope, just logging it, but he has gone to the toilets on his own', 'just logging that he showed me a skipping rope in PE, nothing more'],
    ['writing this up but the man from last week is back. he has a bag of sweets and is by the reception line', 'writing up the man from last week who had a bag of sweets; police moved him on, he has not been back'],
  ])('%s', (live, old) => {
    expect(level(live)).not.toBe('none');
    expect(level(old)).toBe('none');
  });
});
