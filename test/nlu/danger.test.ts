/**
 * The danger check on the shipped model (content/danger.yaml): messages in staff's words, typos
 * included, that must get the 999 reply first (certain, with a signal that must fire), that must
 * get the danger question first (possible), and everyday, past or hypothetical messages that must
 * get neither. Plus the cancellers and the model file's validation errors. These messages are the
 * model's own tuning examples; the measured sets are test/nlu/*.yaml (see dev-set.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDangerDetector, DangerRulesSchema } from '../../src/nlu/danger';
import { loadNluContent } from '../../src/nlu/load';
import { parseYamlData } from '../../src/nlu/yaml-data';
import { ROOT, shippedNlu } from './fixtures';

const nlu = shippedNlu();
const detector = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });

/** [message, a signal that must fire]: the 999 reply first. */
const CERTAIN: [string, string][] = [
  ['she has nowhere to sleep tonight', 'unsafe-tonight'],
  ['a girl says she will be cut when she visits family tomorrow', 'fgm-forced-marriage'],
  ['a year 7 girl is going to meet a man she met on snapchat after school today', 'online-contact-meeting-now'],
  ['pupil just told me shes meeting someone from roblox tonight', 'online-contact-meeting-now'],
  ['y6 boy says hes on his way to meet an older lad he talks to on fortnite', 'online-contact-meeting-now'],
  ['one of my girls is in a car with a man she met online rn', 'meeting-an-adult-now'],
  ['a child has arranged to meet someone they\'ve been chatting to on insta', 'online-contact-meeting-now'],
  ['theres a stranger waiting outside the school gate for a pupil', 'stranger-approaching-now'],
  ['a year 4 boy has gone missing from the playground', 'missing-child'],
  ['we cant find a pupil, she\'s not in class and no one knows where she is', 'missing-child'],
  ['a child ran away from school at lunch', 'missing-child'],
  ['girl in yr 9 hasn\'t come home since last night, mum just rang', 'missing-child'],
  ['missing child - left the site without telling anyone', 'missing-child'],
  ['a boy has run off and we cant locate him', 'missing-child'],
  ['she snuck out to meet some guy from tiktok', 'online-contact-meeting'],
  ['pupil absconded from the school trip', 'missing-child'],
  ['a pupil said he wants to kill himself', 'suicide-risk'],
  ['y8 girl says shes going to kil herself if the pics get out', 'suicide-risk'],
  ['student told me she wants to end it all', 'suicide-risk'],
  ['he said he\'s going to hurt himself after the images were shared', 'suicide-risk'],
  ['my pupil keeps talking about sucide', 'suicide-risk'],
  ['boy says he doesn\'t want to be alive anymore', 'suicide-risk'],
  ['she told her friend she\'d be better off dead', 'suicide-risk'],
  ['a student took loads of pills at lunch', 'suicide-risk'],
  ['girl said shes gonna end her life tonight', 'suicide-risk'],
  ['kid posted \'kms\' on snap after the nudes leaked', 'suicide-risk'],
  ['a child is being hit by her dad in the car park right now', 'harm-disclosed'],
  ['she is being sexually abused at home and is scared to go home tonight', 'going-home-to-harm'],
  ['a drunk mum has come to collect her son', 'unfit-carer'],
  ['boy says his step dad is beating him and he\'s terrified to go home', 'going-home-to-harm'],
  ['someone is attacking a pupil outside the gates as we speak', 'threat-of-assault'],
  ['a colleague who runs the after school club has indecent images of children on his laptop', 'indecent-images-adult-with-children'],
  ['a volunteer showed me illegal images, he\'s with the year 2 class now', 'indecent-images-adult-with-children'],
  ['a year 10 has brought a knife into school', 'weapon-here'],
  ['there\'s a man with a gun near the school gate', 'weapon-here'],
  ['pupil says he\'s going to stab someone after school', 'threat-of-assault'],
  ['intruder on site!!', 'intruder'],
  ['this child is in immediate danger', 'emergency'],
  ['emergency - a pupil is in danger now', 'emergency'],
  ['i think a kid is in danger, what do i do', 'emergency'],
  ['should I call 999?', 'emergency'],
  ['she is in danger rn', 'emergency'],
  ['Emergancy with a child in reception', 'emergency'],
  ['pupil has left school to meet a man', 'missing-child'],
  ['girl in yr 6 says shes been sending pics to a man and he is picking her up after school', 'meeting-an-adult-now'],
  ['the child is with someone she met on an app right now', 'meeting-an-adult-now'],
  ['a man tried to drag a child into a van outside school', 'threat-of-assault'],
  ['a girl told me her uncle touches her and she has to go back there tonight', 'going-home-to-harm'],
  ['a pupil said someone is going to hurt him on the way home', 'harm-disclosed'],
  ['the boy says he will do it tonight, he has the tablets ready', 'suicide-risk'],
  ['she has been talking about wanting to disappear and not wake up', 'suicide-risk'],
  ['there is a man in the playground who shouldn\'t be here', 'intruder'],
  ['dad has a court order saying he is not allowed near her and he is at the gate', 'court-order-here'],
  ['a child in year 2 is unconscious in the toilets', 'unfit-carer'],
  ['pupil says a guy she met on snapchat is coming round to her house after school', 'online-contact-meeting-now'],
  ['she skipped class to go and see a lad she met through instagram', 'online-contact-meeting'],
  ['a bloke off tiktok is pickin him up at 4', 'online-contact-meeting-now'],
  ['he was picked up from the park by a man the family dont know', 'stranger-approaching-now'],
  ['he messaged his friend that he cant go on anymore', 'suicide-risk'],
  ['some year 8s say they are going to beat up one of our boys at the bus stop', 'harm-disclosed'],
  ['the PE teacher drove off with a year 5 boy and isnt answering his phone', 'missing-child'],
  ['a child has collapsed in the hall', 'emergency'],
  ['a woman none of us recognise is walking round the playground', 'stranger-approaching-now'],
  ['a man at the gate refuses to leave', 'intruder'],
  ['kids on snapchat keep messaging him to go and die', 'suicide-risk'],
  ['the other girls said she should go die', 'suicide-risk'],
  ['lad in 8 says the guy from his xbox party chat is driving up to see him this evening', 'online-contact-meeting-now'],
  ['her insta \'boyfriend\' told her to skip last lesson and he\'ll be round the back of the sports centre', 'online-contact-meeting-now'],
  ['a girl in year 10 is off to a hotel with a man she met on a dating site straight after registration', 'meeting-an-adult-now'],
  ['someone off tiktok has offered to pay for a y9\'s train ticket to come and see him tomorrow', 'online-contact-meeting-now'],
  ['an older lad is trying to get year 5s into his car by the bus stop', 'adult-approaching-children'],
  ['child says she is going home with the man who hurt her and she is shaking', 'going-home-to-harm'],
  ['boy\'s got a handprint on his face and says his dad will do it again tonight', 'going-home-to-harm'],
  ['she says her stepdad raped her and he\'s picking her up at 3.30', 'going-home-to-harm'],
  ['a 7 year old says he\'s not allowed to go home until mum\'s friend has gone and he\'s frightened', 'afraid-to-go-home'],
  ['girl says her brother strangled her last night and she has to go back there after school', 'going-home-to-harm'],
  ['we did the count after lunch and a year 4 girl isn\'t anywhere', 'missing-child'],
  ['one of the nursery children isn\'t in the garden or the building', 'missing-child'],
  ['y7 lad never made it to period 5 and his mates say he went off with some older boys', 'missing-child'],
  ['on the trip to the beach and one of ours can\'t be found', 'missing-child'],
  ['a reception child has gone out through the fire door and we can\'t see her', 'missing-child'],
  ['boy wrote \'i want to go to sleep and not wake up\' on his maths book', 'suicide-risk'],
  ['girl in year 11 sent her friend a photo of pills saying \'tonight\'', 'suicide-risk'],
  ['he\'s on the roof of the science block', 'suicide-risk'],
  ['a year 9 has cut her wrists in the toilets and there\'s a lot of blood', 'suicide-risk'],
  ['pupil says he\'s got a plan to end it after school', 'suicide-risk'],
  ['the lad being blackmailed over a video says he\'ll do something stupid if they post it', 'suicide-risk'],
  ['a pupil\'s been told by the scammer he has 30 mins to pay or it goes to his mum', 'blackmail-desperate'],
  ['year 10 boy says he\'s going to be shanked after school by a group from the estate', 'weapon-here'],
  ['a parent has just walked into reception with a knife', 'weapon-here'],
  ['y9 said there\'s a lad in the bike sheds with a blade', 'weapon-here'],
  ['our new volunteer was just flagged by police for abuse images, he\'s running the reading club now', 'indecent-images-adult-with-children'],
  ['the coach driver taking us to the match has been accused of having child abuse pics', 'indecent-images-adult-with-children'],
  ['girl says older men give her lifts and weed and she\'s meeting them again tonight', 'exploitation-now'],
  ['a 14 year old says she\'s been told to travel to london tonight to carry something', 'exploitation-now'],
  ['there\'s a dad in the car park who is clearly drunk and trying to put his kids in the car', 'unfit-carer'],
  ['a 3 year old left on her own in the flat, big sister just told us', 'exploitation-now'],
  ['my pupil just texted me \'help he\'s back\'', 'emergency'],
  ['the girl is being made to go to a wedding abroad next week and says she\'ll be married off', 'threat-of-assault'],
];

const POSSIBLE: [string, string][] = [
  ['a girl says a man is waiting outside her house', 'someone-waiting-outside-home'],
  ['a pupil says she is frightened of her stepdad', 'afraid-of-someone'],
  ['he isnt in class and his phone is off', 'maybe-missing'],
  ['a y9 boy says someone is blackmailing him over a photo', 'blackmail'],
  ['kids are saying the new neighbour is a paedo', 'paedophile'],
  ['a year 8 boy seems to be involved with a dealer', 'exploitation'],
  ['an adult keeps sending her gifts', 'gifts-from-adult'],
  ['she is really frightened today and wont say why', 'risk-now'],
  ['a child has been self harming, there are cuts on her arms', 'self-harm'],
  ['last year he self-harmed and now he\'s saying it again', 'self-harm'],
  ['I saw child porn on the caretakers phone', 'indecent-images-adult'],
  ['the TA has nude pics of pupils on her phone', 'indecent-images-adult'],
  ['my colleague has pictures of naked kids on his phone', 'indecent-images-adult'],
  ['our volunteer has child abuse images on his laptop', 'indecent-images-adult'],
  ['mum says her daughter\'s snapchat friend, an adult, is parked outside their flat', 'online-contact-meeting'],
  ['a man is hanging about by the juniors\' gate asking kids their names', 'adult-approaching-children'],
  ['woman in a red car is calling children over to the fence on the infant playground', 'adult-approaching-children'],
  ['some bloke on the field with a camera pointing at the reception class', 'adult-approaching-children'],
  ['a man told the office mum had asked him to fetch a year 1 girl and mum says she didn\'t', 'stranger-approaching'],
  ['threat on snapchat that someone will shoot up the school this afternoon', 'weapon-mentioned'],
  ['child hasn\'t eaten for days and says nobody is at home', 'neglect'],
];

const QUIET: string[] = [
  'what\'s on the lunch menu today',
  'I\'m planning a stranger danger lesson for year 1',
  'can I keep my phone on me for a family emergency',
  'where are the emergency contact details for a pupil',
  'we have a fire drill at 2pm',
  'a mum added me on fb',
  'found nudes on a yr6 kid\'s phone',
  'a child fell off the climbing frame and hurt his arm',
  'a pupil is missing her PE kit again',
  'he\'s been missing lessons on Fridays',
  'the glue sticks have gone missing',
  'the kids were killing it at sports day',
  'this photocopier is killing me',
  'we need knives and forks for the cooking lesson',
  'can I use a butter knife in DT',
  'at the end it was a great assembly',
  'is she in danger of failing her SATs',
  'we\'re doing a knife crime assembly next week',
  'can I take photos of the children on my phone',
  'when is the emergency first aid training',
  'a dad dm\'d me on insta',
  'the children are cutting out shapes in art',
  'my phone\'s on silent in class, is that ok',
  'we are doing a photo shoot for the prospectus',
  'I am meeting the parents after school about his reading',
  'she hurt her knee at break',
  'a pupil was kept in at lunch for being rude',
  'what do I do in an emergency?',
  'I\'d kill for a coffee',
  'a parent sent me a friend request',
  'can I take a child home in my car after the match',
  'the tablets are charged and ready for the lesson',
  'mum is picking her up early today for the dentist',
  'the coach is picking them up at 3',
  'a grazed knee in the playground, it was bleeding a bit',
  'I accidentally saw csam online last night, do I report it',
  'a website popped up with pictures of children being hurt',
  'my sister is coming round to my house tonight',
  'the children were picked up by the coach at 3',
  'is it ok to meet the parents to see how she is getting on',
  'a man delivered the new climbing frame today',
  'can strangers see my tiktok if i make it private',
  'we\'re meeting the new parents after school today',
  'the knife crime workshop is on friday',
  'the year 6 leavers play has a stabbing scene, is that ok',
  'a pupil lost her tooth at lunch, there was blood',
  'the football coach is taking the under 11s to the tournament today',
  'the school photographer is taking class photos this morning',
  'can i give a child paracetamol from the first aid box',
  'i\'m dying to go home today',
  'our reading volunteer starts today, has his dbs come back',
  'mum\'s new partner is collecting him today, she rang to let us know',
  'the minibus driver is off sick today',
  'a parent asked if her son can walk home alone tonight',
  'a child was upset today because her hamster died',
  'the trip to the farm is today, we counted everyone on',
  'a man from the council is measuring the playground today',
  'can I take the year 5s to the park this afternoon',
  'a dad is waiting at the gate for the school to open',
  'year 9 lesson on grooming today, any videos',
];


describe('danger check (content/danger.yaml)', () => {
  test.each(CERTAIN)('999 first: %s', (text, signal) => {
    const v = detector.detect(text);
    expect(v).toMatchObject({ danger: true, question: false });
    expect(v.signals).toContain(signal);
  });

  test.each(POSSIBLE)('asks the danger question first: %s', (text, signal) => {
    const v = detector.detect(text);
    expect(v).toMatchObject({ danger: false, question: true });
    expect(v.signals).toContain(signal);
  });

  test.each(QUIET)('stays quiet: %s', (text) => {
    expect(detector.detect(text)).toMatchObject({ danger: false, question: false, signals: [] });
  });

  test('every signal in the model is exercised by a case above', () => {
    const fired = new Set([...CERTAIN, ...POSSIBLE].flatMap(([text]) => detector.detect(text).signals));
    expect(nlu.danger.signals.map((s) => s.id).filter((id) => !fired.has(id))).toEqual([]);
    expect(CERTAIN.length).toBeGreaterThanOrEqual(40);
    expect(QUIET.length).toBeGreaterThanOrEqual(40);
  });

  test('the past cancels a risk unless the message also says now', () => {
    expect(detector.detect('last year a girl in year 8 self harmed, she has had support')).toMatchObject({ danger: false, question: false, cancelledBy: ['past'] });
    const live = detector.detect('last year a man from snapchat groomed her and he is outside the gate right now');
    expect(live.danger || live.question).toBe(true);
  });

  test('a hypothetical or a policy question cancels, or at most asks when it also says now', () => {
    expect(detector.detect('what if a pupil told me she was meeting a man she met online?')).toMatchObject({ danger: false, question: false });
    expect(detector.detect('what is our procedure for a stranger at the gate')).toMatchObject({ danger: false, question: false });
    expect(detector.detect('what if a child told me he was meeting a man from snapchat tonight')).toMatchObject({ danger: false, question: true, cancelledBy: ['hypothetical'] });
  });

  test('a joke lowers certain to the question, never to nothing', () => {
    expect(detector.detect('kid posted kms lol')).toMatchObject({ danger: false, question: true, cancelledBy: ['joke'] });
  });

  test('names the flow the fired signals point to, the more certain first', () => {
    expect(detector.detect('a year 7 is meeting a man she met on snapchat after school today').flow).toBe('grooming-exploitation');
    expect(detector.detect('a year 2 boy is missing from the playground').flow).toBe('safeguarding-concern');
    expect(detector.detect('lunch menu').flow).toBeUndefined();
  });

  test('an `unless` blanks only its own match: family emergency plus a child in danger still fires', () => {
    expect(detector.detect('family emergency, and a pupil is in danger').signals).toEqual(['emergency']);
  });

  test('reports every signal that fires, in file order', () => {
    const { signals } = detector.detect('EMERGENCY a pupil has gone missing and said she wants to kill herself');
    expect(signals).toEqual(['missing-child', 'suicide-risk', 'emergency']);
  });

  test('works without a vocabulary (typed form only)', () => {
    const plain = createDangerDetector(nlu.danger);
    expect(plain.detect('a pupil said he wants to kill himself').danger).toBe(true);
    expect(plain.detect('lunch menu').danger).toBe(false);
  });
});

describe('danger model validation', () => {
  const parse = (text: string) => () => parseYamlData(text, 'content/danger.yaml', DangerRulesSchema);
  const signal = (extra: string) => `signals:\n  - id: a\n    description: d\n    level: certain\n${extra}`;

  test('a bad regular expression is reported with file and line', () => {
    expect(parse(signal('    patterns:\n      - "(unclosed"\n'))).toThrow(/^content\/danger\.yaml:6:9: not a valid regular expression at signals\.0\.patterns\.0$/);
  });

  test('an unknown cue, a signal with nothing to match and a bad level are reported with their lines', () => {
    expect(parse(signal('    all: [nowhere]\n'))).toThrow(/danger\.yaml:5:11: unknown cue "nowhere": define it under cues at signals\.0\.all\.0/);
    expect(parse(signal(''))).toThrow(/danger\.yaml:2:5: a signal needs `patterns`, `all` or `any`/);
    expect(parse('signals:\n  - id: a\n    description: d\n    level: maybe\n    patterns: [x]\n')).toThrow(/danger\.yaml:4:12: .*at signals\.0\.level/);
  });

  test('a canceller must give keptBy and lowersWhenKept together, and keptBy must be a cue', () => {
    const base = signal('    patterns: [x]\n');
    expect(parse(`${base}cancellers:\n  - id: c\n    description: d\n    patterns: [y]\n    lowers: 2\n    keptBy: now\n`)).toThrow(/danger\.yaml:\d+:\d+: unknown cue "now"/);
    const cues = 'cues:\n  now:\n    description: d\n    patterns: [z]\n';
    expect(parse(`${cues}${base}cancellers:\n  - id: c\n    description: d\n    patterns: [y]\n    lowers: 2\n    keptBy: now\n`)).toThrow(/give `keptBy` and `lowersWhenKept` together/);
  });

  test('a duplicate id, an unknown key and a YAML syntax error are reported with their lines', () => {
    const dup = 'signals:\n  - id: a\n    description: d\n    level: certain\n    patterns: [x]\n  - id: a\n    description: d\n    level: certain\n    patterns: [y]\n';
    expect(parse(dup)).toThrow(/danger\.yaml:6:9: duplicate signal id "a"/);
    expect(parse(signal('    pattern: [x]\n'))).toThrow(/danger\.yaml:2:5: .*at signals\.0/);
    expect(parse('signals:\n  - id: [a\n')).toThrow(/danger\.yaml:\d+:\d+: invalid YAML/);
  });

  test('loadNluContent names the broken file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-danger-'));
    try {
      fs.cpSync(path.join(ROOT, 'content/nlu'), path.join(dir, 'content/nlu'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'content/danger.yaml'), 'signals: []\n');
      expect(() => loadNluContent(dir)).toThrow(/^content\/danger\.yaml:1:10: .*at signals$/);
      fs.rmSync(path.join(dir, 'content/danger.yaml'));
      expect(() => loadNluContent(dir)).toThrow('content/danger.yaml: cannot read file');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
