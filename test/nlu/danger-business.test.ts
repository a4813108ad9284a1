/**
 * The seventh round's second-half cancellers (content/danger/cancellers.yaml: `staff-business`,
 * `workplace-idiom`, and the additions to `handled-today`, `told-today-about-the-past`,
 * `not-the-risk` and `scenario-today`), tested both ways: ordinary business, staffroom idioms,
 * handled-today updates and training frames get no danger reply, and a live report that merely
 * contains their words keeps its level. The author's own phrasings; none is from a measured set.
 */
import { createDangerDetector } from '../../src/nlu/danger';
import { shippedNlu } from './fixtures';

const nlu = shippedNlu();
const detector = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });
const level = (text: string): 'certain' | 'possible' | 'none' => {
  const v = detector.detect(text);
  return v.danger ? 'certain' : v.question ? 'possible' : 'none';
};
const cancelledBy = (text: string): string[] => createDangerDetector({ ...nlu.danger, likeness: undefined }, { vocabulary: nlu.vocabulary }).detect(text).cancelledBy ?? [];

describe('ordinary business, staffroom idioms and handled-today updates get no danger reply', () => {
  test.each([
    ['staff-business', 'do I get paid for the twilight training or is it in my directed time?'],
    ['staff-business', 'two of year 10 are missing from the afternoon register, they are on the geography field trip, can it be corrected'],
    ['staff-business', 'emergency governors meeting tonight at 6 about the budget'],
    ['staff-business', 'the caretaker is testing the fire alarms at 9 tomorrow, they will go off for a minute'],
    ['staff-business', 'the minibus is running 15 minutes late from the swimming pool, children will be back by 3.30'],
    ['staff-business', 'is the breakfast club register on the ipad now or still on paper?'],
    ['staff-business', 'the warden is handing out parking tickets on the zig zags again at pick up, can we put it in the newsletter?'],
    ['staff-business', 'FGM awareness training is on the inset agenda today after lunch'],
    ['workplace-idiom', 'the head is going to kill us when she sees the attendance figures'],
    ['workplace-idiom', 'our netball team got thrashed 12-2 but they were brilliant'],
    ['workplace-idiom', 'the photocopier has died for the fifth time today, someone please shoot it'],
    ['handled-today', 'this morning a y2 fell off the climbing frame, ice pack and a bump note, he was fine all day, logged'],
    ['handled-today', 'the boy who brought a lighter in has done his exclusion and his reintegration meeting is at 10'],
    ['told-today-about-the-past', 'we are sending her chronology to the new school today, she moved in the summer after last years concerns'],
    // Eighth round (own phrasings of the categories in danger-real.md, "Eighth round").
    ['workplace-idiom', 'the office is going to kill me when they see I double booked the hall for the disco'],
    ['workplace-idiom', 'the y6 are going to die when they see how long the spelling test is'],
    ['workplace-idiom', 'the christmas fair plans are dead in the water since the hall roof leaked'],
    ['not-the-risk', 'no present risk that I could see, he was just very tired in maths and says he is fine'],
    ['not-the-risk', 'the man by the junior toilets is our electrician, he has been signed in and is wearing a visitor lanyard'],
    ['handled', 'the y3 who wandered off at the museum was found straight away by the gift shop and is fine'],
    ['handled', 'update: she has a bed at her gran\'s tonight, social worker has confirmed'],
    ['policy-question', 'does our lockdown procedure say anything about a parent with a knife at the gate, for the review?'],
    ['not-the-risk', 'the suitcase he packed was for his grandparents at half term, mum confirmed, not running away'],
    ['scenario-today', 'twilight cpd tonight: a child tells you at 3pm her stepdad hits her and is collecting her. who do you call first?'],
  ])('%s: %s', (by, text) => {
    expect(level(text)).toBe('none');
    if (cancelledBy(text).length > 0) expect(cancelledBy(text)).toContain(by);
  });
});

describe('a live report that contains those words keeps its level', () => {
  test.each([
    'the minibus is running late and the man who followed the children from the park is still at the gate',
    'emergency staff meeting cancelled: a y3 is missing from the field and we cannot find her',
    'logged this morning, but he is still with his mum\'s boyfriend at the flat right now and she is scared',
    'the head is going to kill me but a man has just walked into the infant toilets and will not leave',
    'reintegration meeting was today but he has a knife in his bag right now and is threatening a y8',
    'the register on the tablet says 30 but I can only count 29 and one is still not back from the toilets right now',
    'a man says he is a plumber and is in the infant toilets, nobody booked him and the children are going in and out',
    'no present risk from dad, but mum has just rung to say her boyfriend is outside the gate now and he is not allowed near the kids',
    'the boy who was found straight away last week has gone missing again now from the field and we cannot see him',
    'dad has turned up at 3 to collect her and he is not allowed to, he is shouting at the door right now',
    'parking warden outside, and the man in the silver car by the car park permits sign is still filming the children right now',
  ])('still asks or calls 999: %s', (text) => expect(level(text)).not.toBe('none'));
});

// Eighth round: a message that says in so many words that a child is in danger now is never demoted
// as business by the backstop (signals.yaml neverDemotedBy), however many business messages say "danger".
describe('an explicit statement of danger now keeps the 999 reply', () => {
  test.each([
    'i think a kid is in danger, what do i do',
    'one of my pupils is in danger right now and I do not know who to ring',
  ])('999: %s', (text) => expect(level(text)).toBe('certain'));
  test('but "in danger of" falling behind is not danger', () => expect(level('a pupil is in danger of failing maths this term, what do i do')).toBe('none'));
});

// Ninth round: the rules' own false alarms by category (content/danger/cancellers.yaml `routine-business`
// and additions to `not-the-risk`, `workplace-idiom`, `resolved`, `not-now`; a `suicide-risk` guard for a
// leavers' goodbye). The author's own phrasings; each category is also tested live below.
describe('routine business, handled updates and denials told with present words get no danger reply', () => {
  test.each([
    ['routine-business', 'we are running the lockdown drill at 10 today, the scenario is an intruder by the bike shed'],
    ['routine-business', 'can I have two volunteers for the missing child practice on friday afternoon please'],
    ['routine-business', 'the PCSO is in this afternoon to talk to year 5 about knife crime and staying safe'],
    ['routine-business', 'ruby\'s afternoon dose of her inhaler meds is in the medical room, can someone give it while I am out today'],
    ['routine-business', 'he has a blister on his heel from the new football boots, plaster on and back in the game'],
    ['routine-business', 'the sports day consent forms are still missing for 6 children, please chase them today'],
    ['routine-business', 'a boy slipped on the wet floor by the hall and grazed his knee, plaster on, back in class'],
    ['routine-business', 'the y2 had a nosebleed at lunch, ice pack, a graze on his knee too, accident slip sent home'],
    ['routine-business', 'the leavers hoodies are gone missing from the office again, has anyone moved the box?'],
    ['routine-business', 'we are one short for the ratios on the zoo trip tomorrow, can anyone cover?'],
    ['routine-business', 'ignore my last message, she was in the library the whole time, panic over'],
    ['routine-business', 'the boy who ran off at the farm was back with us in two minutes, fine, spoken to mum'],
    ['routine-business', 'the girl who said she took tablets last week is coming back on a reduced timetable from tuesday'],
    ['routine-business', 'the knife delivery for the food tech room came today, where do they get locked away?'],
    ['not-the-risk', 'the dad at pick up was not drunk, he has a neurological condition, he told the office'],
    ['not-the-risk', 'nobody got into a car with anyone, the y6 was getting a lift from her aunt, checked with mum'],
    ['not-the-risk', 'the knife on the yard was just a plastic knife from a lunchbox, binned'],
    ['not-the-risk', 'it is a known scam email about a hacked webcam, no images exist, the boy has deleted it'],
    ['not-the-risk', 'no sign of self harm when the nurse checked, the scratches were from the hamster'],
    ['resolved', 'no-one\'s missing, the register was wrong, I counted them twice'],
    ['workplace-idiom', 'the laminator is on its last legs, it\'s going to die before the open evening'],
    ['workplace-idiom', 'this spreadsheet is strangling me, 30 tabs'],
    ['workplace-idiom', 'I\'m stabbing in the dark with this bid form'],
    ['not-now', 'y9 has an online friend she says is 17, no plans to meet, mum has the passwords, keeping an eye'],
  ])('%s: %s', (by, text) => {
    expect(level(text)).toBe('none');
    if (cancelledBy(text).length > 0) expect(cancelledBy(text)).toContain(by);
  });
  test('a fear denied fires no signal (afraid-to-go-home `unless`)', () => {
    const rules = createDangerDetector({ ...nlu.danger, likeness: undefined }, { vocabulary: nlu.vocabulary });
    expect(rules.detect('she does not seem frightened of going home at all, chatty and happy at pick up').signals).toEqual([]);
    expect(rules.detect('she seems frightened of going home, dad is collecting at 3').signals).toContain('afraid-to-go-home');
  });
  test('a photographer nobody booked who was sent away is not filming anyone (tenth round, both ways with the live report below)', () =>
    expect(level('the photographer says he is booked for the nativity, nobody booked him so the office sent him away and he left, he is not filming anyone')).toBe('none'));
  test("a leavers' goodbye is not a goodbye note", () => expect(level('monitoring flagged a goodbye post from a year 13 moving to university in september')).toBe('none'));
});

describe('a live report that contains those words keeps its level', () => {
  test.each([
    'a y2 has run out the gate during the fire drill and we still cannot find him',
    'the lockdown drill was meant to be at 10 but a man with a knife is at the gate right now, this is real',
    'consent forms aside, a y4 is missing from the field right now and her friend says she went with a man',
    'ruby has had her afternoon dose but she is now blue round the lips and not breathing properly',
    'the boy who ran off yesterday was back with us in two minutes, but today he has gone again and we cannot find him',
    'a man says he is a photographer and says he is booked, nobody booked him and he is filming the infants',
    'the dad at pick up was not drunk yesterday, but today he is slurring and trying to put the baby in his car right now',
    'nerf gun confiscated this morning, but a y10 has a real knife in the toilets now and is threatening a y7',
    'she was not hurting herself yesterday, but right now she has locked herself in the loo with a blade',
    'a bloke claims mum sent him to fetch her early for a dentist appointment, he is not on her list and is getting cross',
    'smoke is pouring out of the DT room and one class has not come out',
    'a y2 fell off the climbing frame and cut his lip, it will not stop bleeding and he is very pale',
    'she had no plans to meet him, but the man from snapchat is outside the school now waiting for her',
    'he says he is not scared of going home, but he is shaking and says his stepdad will batter him tonight',
    'the music teacher is running a session with a y5 now and the laptop I fixed for him has pictures of children undressed',
  ])('still asks or calls 999: %s', (text) => expect(level(text)).not.toBe('none'));
});
