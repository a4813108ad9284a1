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
  // phase 2 (authors Y, Z and AA read after their phase-1 check)
  ['image-threat-deadline', 'a y10 has been sent her own nude photo back with you have until 6 or everyone sees it', 'assembly on nude image sharing today, what to do if someone asks you for a photo'],
  ['revenge-waiting', 'a y9 says he will get him back for the fight and is waiting for him outside the chippy after school', 'the y9 says he wants to get his grades back up after the mocks and will stay after school'],
  ['sent-away-trafficked', 'a 14 year old says he is being sent to a town up north later by the older lads, he has never been there', 'the y8 choir is being sent to the regional finals next term, letters home on friday'],
  ['intoxicated-child-at-risk', 'pupils are watching a live video of a girl passed out at a house party right now', 'the first aid course covers what to do if someone has passed out, certificates on friday'],
  ['overdose-signs', 'found a y11 in the changing rooms barely awake, an empty blister pack next to her', 'a y11 was barely awake in period 1 after revising late, she perked up by break'],
  ['hit-by-vehicle', 'a y3 has been knocked down by a car outside the gates and is lying in the road now', 'the road safety talk covers children being knocked down by cars near schools'],
  ['railway-danger', 'some of our y8s are playing on the train tracks behind the field right now', 'the y8 railway trip to the museum is booked for next month, model trains galore'],
  ['lost-away-from-school', 'no word from the bronze group since their 1pm check in and they should have been back by 4, it is getting dark', 'the bronze group sent a photo from the checkpoint at 1, all smiling, back at school by 4'],
  ['cse-flagged-getting-in-car', 'the girl we have flagged for CSE is getting into a car with two older men by the shops now', 'CSE training for all staff on the inset day, includes spotting who is being picked up'],
  ['marriage-abroad-signs', 'a y11 girl asked me how to keep a spoon in her pocket at the airport, they fly tomorrow', 'the y11 trip to Spain: pack a spoon for the picnic and keep your passport in your pocket'],
  ['goodbye-post', 'a y10 boy has posted goodbye forever on his story and nobody can reach him', 'the y10 drama group posted their goodbye to the leavers on the school story'],
  ['count-one-short', 'at the farm park I have counted 27, meant to be 28, and we have looked everywhere', 'the spelling test: she got 27, meant to be 28, but one word was smudged'],
  ['epipen-needed', 'epipen needed in the dinner hall now, reception boy, peanut', 'epipen training renewal needed for all lunchtime staff by the end of term'],
  ['child-grabbed', 'a man has just grabbed a reception boy by the fence and is pulling him', 'a reception boy grabbed the last carrot stick at snack, we talked about sharing'],
  ['seizure-no-meds', 'y4 boy is having a fit on the coach and it is not stopping, his buccal is at school', 'care plan update: his fit last term stopped on its own, buccal kept in the office'],
  ['false-official', 'a man on the field now, saying he is a police officer, wants to search the girls\u2019 bags; he has no badge and is still with them', 'a police officer visited the y6 class today to talk about online safety, they loved it'],
  ['stranger-filming-children', 'a man in a grey van is filming the kids at the rugby club through the fence right now', 'our rugby club photographer is filming the kids at training for the end of season video'],
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
