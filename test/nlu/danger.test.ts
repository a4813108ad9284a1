/**
 * The danger detector on the shipped rules (content/danger.yaml): messages in staff's words,
 * typos included, that must raise danger (with the signal expected), and everyday messages
 * that must not. Plus the rules file's validation errors.
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

/** [message, a signal it must raise] */
const POSITIVE: [string, string][] = [
  ['a year 7 girl is going to meet a man she met on snapchat after school today', 'meeting-online-contact'],
  ['pupil just told me shes meeting someone from roblox tonight', 'meeting-online-contact'],
  ['y6 boy says hes on his way to meet an older lad he talks to on fortnite', 'meeting-online-contact'],
  ['one of my girls is in a car with a man she met online rn', 'meeting-online-contact'],
  ["a child has arranged to meet someone they've been chatting to on insta", 'meeting-online-contact'],
  ['theres a stranger waiting outside the school gate for a pupil', 'meeting-online-contact'],
  ['a year 4 boy has gone missing from the playground', 'missing-child'],
  ["we cant find a pupil, she's not in class and no one knows where she is", 'missing-child'],
  ['a child ran away from school at lunch', 'missing-child'],
  ["girl in yr 9 hasn't come home since last night, mum just rang", 'missing-child'],
  ['missing child - left the site without telling anyone', 'missing-child'],
  ['a boy has run off and we cant locate him', 'missing-child'],
  ['she snuck out to meet some guy from tiktok', 'missing-child'],
  ['pupil absconded from the school trip', 'missing-child'],
  ['a pupil said he wants to kill himself', 'suicide-self-harm'],
  ['y8 girl says shes going to kil herself if the pics get out', 'suicide-self-harm'],
  ['student told me she wants to end it all', 'suicide-self-harm'],
  ['a child has been self harming, there are cuts on her arms', 'suicide-self-harm'],
  ["he said he's going to hurt himself after the images were shared", 'suicide-self-harm'],
  ['my pupil keeps talking about sucide', 'suicide-self-harm'],
  ["boy says he doesn't want to be alive anymore", 'suicide-self-harm'],
  ["she told her friend she'd be better off dead", 'suicide-self-harm'],
  ['a student took loads of pills at lunch', 'suicide-self-harm'],
  ['girl said shes gonna end her life tonight', 'suicide-self-harm'],
  ["last year he self-harmed and now he's saying it again", 'suicide-self-harm'],
  ["kid posted 'kms' on snap after the nudes leaked", 'suicide-self-harm'],
  ['a child is being hit by her dad in the car park right now', 'child-hurt-now'],
  ['she is being sexually abused at home and is scared to go home tonight', 'child-hurt-now'],
  ['a drunk mum has come to collect her son', 'child-hurt-now'],
  ["boy says his step dad is beating him and he's terrified to go home", 'child-hurt-now'],
  ['someone is attacking a pupil outside the gates as we speak', 'child-hurt-now'],
  ['a colleague who runs the after school club has indecent images of children on his laptop', 'adult-with-indecent-images'],
  ['I saw child porn on the caretakers phone', 'adult-with-indecent-images'],
  ['the TA has nude pics of pupils on her phone', 'adult-with-indecent-images'],
  ["a volunteer showed me illegal images, he's with the year 2 class now", 'adult-with-indecent-images'],
  ['a year 10 has brought a knife into school', 'weapon-on-site'],
  ["there's a man with a gun near the school gate", 'weapon-on-site'],
  ["pupil says he's going to stab someone after school", 'weapon-on-site'],
  ['intruder on site!!', 'weapon-on-site'],
  ['this child is in immediate danger', 'immediate-danger'],
  ['emergency - a pupil is in danger now', 'immediate-danger'],
  ['i think a kid is in danger, what do i do', 'immediate-danger'],
  ['should I call 999?', 'immediate-danger'],
  ['she is in danger rn', 'immediate-danger'],
  ['Emergancy with a child in reception', 'immediate-danger'],
  ['pupil has left school to meet a man', 'missing-child'],
  ['girl in yr 6 says shes been sending pics to a man and he is picking her up after school', 'meeting-online-contact'],
  ['the child is with someone she met on an app right now', 'meeting-online-contact'],
  ['a man tried to drag a child into a van outside school', 'child-hurt-now'],
  ['a girl told me her uncle touches her and she has to go back there tonight', 'child-hurt-now'],
  ['a pupil said someone is going to hurt him on the way home', 'child-hurt-now'],
  ['the boy says he will do it tonight, he has the tablets ready', 'suicide-self-harm'],
  ['she has been talking about wanting to disappear and not wake up', 'suicide-self-harm'],
  ['my colleague has pictures of naked kids on his phone', 'adult-with-indecent-images'],
  ["there is a man in the playground who shouldn't be here", 'weapon-on-site'],
  ['dad has a court order saying he is not allowed near her and he is at the gate', 'missing-child'],
  ['a child in year 2 is unconscious in the toilets', 'immediate-danger'],
  ['pupil says a guy she met on snapchat is coming round to her house after school', 'meeting-online-contact'],
  ['she skipped class to go and see a lad she met through instagram', 'meeting-online-contact'],
  ['a bloke off tiktok is pickin him up at 4', 'meeting-online-contact'],
  ['he was picked up from the park by a man the family dont know', 'meeting-online-contact'],
  ['he messaged his friend that he cant go on anymore', 'suicide-self-harm'],
  ['some year 8s say they are going to beat up one of our boys at the bus stop', 'child-hurt-now'],
  ['the PE teacher drove off with a year 5 boy and isnt answering his phone', 'missing-child'],
  ['a child has collapsed in the hall', 'immediate-danger'],
  ['a woman none of us recognise is walking round the playground', 'weapon-on-site'],
  ['a man at the gate refuses to leave', 'weapon-on-site'],
  ['our volunteer has child abuse images on his laptop', 'adult-with-indecent-images'],
  ['kids on snapchat keep messaging him to go and die', 'suicide-self-harm'],
  ['the other girls said she should go die', 'suicide-self-harm'],
];

const NEGATIVE: string[] = [
  "what's on the lunch menu today",
  "I'm planning a stranger danger lesson for year 1",
  'can I keep my phone on me for a family emergency',
  'where are the emergency contact details for a pupil',
  'we have a fire drill at 2pm',
  'a mum added me on fb',
  "found nudes on a yr6 kid's phone",
  'a child fell off the climbing frame and hurt his arm',
  'a pupil is missing her PE kit again',
  "he's been missing lessons on Fridays",
  'the glue sticks have gone missing',
  'the kids were killing it at sports day',
  'this photocopier is killing me',
  'we need knives and forks for the cooking lesson',
  'can I use a butter knife in DT',
  'at the end it was a great assembly',
  'is she in danger of failing her SATs',
  "we're doing a knife crime assembly next week",
  'can I take photos of the children on my phone',
  'when is the emergency first aid training',
  "a dad dm'd me on insta",
  'the children are cutting out shapes in art',
  "my phone's on silent in class, is that ok",
  'we are doing a photo shoot for the prospectus',
  'I am meeting the parents after school about his reading',
  'she hurt her knee at break',
  'a pupil was kept in at lunch for being rude',
  'what do I do in an emergency?',
  "I'd kill for a coffee",
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
];

describe('danger detector (content/danger.yaml)', () => {
  test.each(POSITIVE)('raises danger: %s', (text, signal) => {
    const result = detector.detect(text);
    expect(result.danger).toBe(true);
    expect(result.signals).toContain(signal);
  });

  test.each(NEGATIVE)('stays quiet: %s', (text) => {
    expect(detector.detect(text)).toEqual({ danger: false, signals: [] });
  });

  test('has enough cases on both sides', () => {
    expect(POSITIVE.length).toBeGreaterThanOrEqual(30);
    expect(NEGATIVE.length).toBeGreaterThanOrEqual(20);
    const covered = new Set(POSITIVE.map(([, s]) => s));
    expect([...covered].sort()).toEqual(nlu.danger.signals.map((s) => s.id).sort());
  });

  test('an `unless` blanks only its own match: family emergency plus a child in danger still fires', () => {
    expect(detector.detect('family emergency, and a pupil is in danger').signals).toEqual(['immediate-danger']);
  });

  test('reports every signal that fires, in file order', () => {
    const { signals } = detector.detect('EMERGENCY a pupil has gone missing and said she wants to kill herself');
    expect(signals).toEqual(['missing-child', 'suicide-self-harm', 'immediate-danger']);
  });

  test('works without a vocabulary (typed form only)', () => {
    const plain = createDangerDetector(nlu.danger);
    expect(plain.detect('a pupil said he wants to kill himself').danger).toBe(true);
    expect(plain.detect('lunch menu').danger).toBe(false);
  });
});

describe('danger rules validation', () => {
  const parse = (text: string) => () => parseYamlData(text, 'content/danger.yaml', DangerRulesSchema);

  test('a bad regular expression is reported with file and line', () => {
    const yaml = 'signals:\n  - id: a\n    description: d\n    patterns:\n      - "(unclosed"\n';
    expect(parse(yaml)).toThrow(/^content\/danger\.yaml:5:9: not a valid regular expression at signals\.0\.patterns\.0$/);
  });

  test('a duplicate id, an unknown key and a YAML syntax error are reported with their lines', () => {
    const dup = 'signals:\n  - id: a\n    description: d\n    patterns: [x]\n  - id: a\n    description: d\n    patterns: [y]\n';
    expect(parse(dup)).toThrow(/danger\.yaml:5:9: duplicate signal id "a"/);
    const typo = 'signals:\n  - id: a\n    description: d\n    pattern: [x]\n';
    expect(parse(typo)).toThrow(/danger\.yaml:2:5: .*at signals\.0/);
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
