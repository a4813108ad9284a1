/**
 * Normalising staff's words: lower-casing, tokens, the shipped vocabulary (chat words, year
 * groups), stop words, Porter stems, cautious spelling tolerance, and the vocabulary file's
 * line-numbered errors.
 */
import { buildLexicon, CONCEPT_PREFIX, createNormaliser, tokenise } from '../../src/nlu/normalise';
import { EMPTY_VOCABULARY, VocabularySchema } from '../../src/nlu/vocabulary';
import { parseYamlData } from '../../src/nlu/yaml-data';
import { shippedNlu } from './fixtures';

const { vocabulary } = shippedNlu();
const plain = createNormaliser(vocabulary);
const words = (text: string): string => plain.words(text).join(' ');

describe('tokenise', () => {
  test('splits on anything but letters and digits, drops apostrophes and possessive s', () => {
    expect(tokenise("found nudes on a kid's phone, don't know what to do!!")).toEqual(
      ['found', 'nudes', 'on', 'a', 'kid', 'phone', 'dont', 'know', 'what', 'to', 'do'],
    );
    expect(tokenise('')).toEqual([]);
  });
});

describe('shipped vocabulary', () => {
  test('has at least 60 word entries and some patterns', () => {
    expect(Object.keys(vocabulary.words).length).toBeGreaterThanOrEqual(60);
    expect(vocabulary.patterns.length).toBeGreaterThan(0);
  });

  test.each([
    ['a mum added me on FB', 'a parent added me on facebook'],
    ['dad followed me on insta', 'parent followed me on instagram'],
    ['sent it on ig', 'sent it on instagram'],
    ['she has my snap', 'she has my snapchat'],
    ['added me on sc', 'added me on snapchat'],
    ['he DMs me', 'he direct messages me'],
    ["a dad dm'd me", 'a parent direct messaged me'],
    ['a pic, some pics and a piccy', 'a picture some pictures and a picture'],
    ['asked for nudes', 'asked for nude images'],
    ['a vid of her', 'a video of her'],
    ['the TA and SLT', 'the teaching assistant and senior leadership'],
    ['told the DSL', 'told the designated safeguarding lead'],
    ['parent msgd me, pls help', 'parent messaged me please help'],
    ['kids r sexting rn', 'children are sexting right now'],
    ['tik tok', 'tiktok'],
  ])('%s → %s', (text, expected) => {
    expect(words(text)).toBe(expected);
  });

  test.each([
    ['a Y6 girl', 'a year 6 girl'],
    ['yr 5 boys', 'year 5 boys'],
    ['in year6', 'in year 6'],
    ['the Y6s', 'the year 6'],
    ['yr-4 class', 'year 4 class'],
    ['ks2 pupils', 'key stage 2 pupils'],
    ['an 8 yr old', 'an 8 year old'],
    ['a 10-year-old', 'a 10 year old'],
  ])('year group %s → %s', (text, expected) => {
    expect(words(text)).toBe(expected);
  });

  test('"snap a pic" is taking a photo, not Snapchat', () => {
    expect(words('can I snap a pic of the class')).toBe('can i take picture of the class');
    expect(words('she sent it on snap')).toBe('she sent it on snapchat');
  });

  test('stems drop stop words and apply Porter', () => {
    expect(plain.stems('The pictures were shared on Facebook')).toEqual(['pictur', 'share', 'on', 'facebook']);
    expect(plain.stems('found nudes on a yr6 kid’s phone')).toEqual(['found', 'nude', 'imag', 'on', 'year', '6', 'child', 'phone']);
  });

  test('an empty vocabulary only lower-cases, tokenises and stems', () => {
    expect(createNormaliser(EMPTY_VOCABULARY).stems('FB Pics')).toEqual(['fb', 'pic']);
  });
});

describe('concepts', () => {
  const concepts = (text: string): string[] => plain.features(text).filter((f) => f.startsWith(CONCEPT_PREFIX));

  test('has groups for the situations staff describe', () => {
    expect(Object.keys(vocabulary.concepts)).toEqual(expect.arrayContaining(['nudity', 'bullying', 'hate', 'extremism', 'grooming', 'staff-member', 'parent-carer']));
  });

  test.each([
    ['a topless pic of a girl', '#nudity'],
    ['a video of him with no clothes on', '#nudity'],
    ['the kids bullied him', '#bullying'],
    ['they keep picking on her', '#bullying'],
    ['racist memes in the group chat', '#hate'],
    ['drawing swastikas', '#extremism'],
    ['the TA', '#staff-member'],
    ['a grandad at pick up', '#parent-carer'],
    ['a 9 yr old on roblox', '#young-child'],
    // issue 12: words staff use that no example had
    ['a boy in 9X sent her a d*ck pic', '#nudity'],
    ['someone airdropped a dickpic on the coach', '#nudity'],
    ['one of our ex-students messaged me', '#former-pupil'],
    ['taking tapestry obs on the nursery ipad', '#photography'],
    ['he keeps going on about red pill stuff and andrew tate', '#extremism'],
    ['she came in with a bruise on her cheek again', '#child-welfare'],
    ['a yr 4 went abroad and never came back', '#child-welfare'],
    ['the lad who keeps nicking food at lunch', '#child-welfare'],
  ])('%s → %s', (text, concept) => {
    expect(concepts(text)).toContain(concept);
  });

  test('features are the stems, then each concept once; phrases must be consecutive', () => {
    expect(plain.features('naked naked selfie')).toEqual(['nake', 'nake', 'selfi', '#nudity', '#photography']);
    expect(concepts('a top that is off')).not.toContain('#nudity');
    expect(concepts('her top off')).toContain('#nudity');
  });

  test('bare numbers are not features, but still count inside a concept phrase', () => {
    expect(plain.features('a year 4 boy')).toEqual(['year', 'boi']);
    expect(plain.features('an 8 yr old')).toEqual(['year', 'old', '#young-child']);
  });

  test('no vocabulary, no concepts', () => {
    expect(createNormaliser(EMPTY_VOCABULARY).features('topless pic')).toEqual(['topless', 'pic']);
  });
});

describe('spelling tolerance', () => {
  const lexicon = buildLexicon(plain, [
    'a parent sent me a friend request',
    'parent messaged me about photographs',
    'an explicit picture in the order book',
  ]);
  const tolerant = createNormaliser(vocabulary, { lexicon });

  test.each([
    ['freind', 'friend'],
    ['messagd', 'messaged'],
    ['explict', 'explicit'],
    ['photgraphs', 'photographs'],
    ['reqeust', 'request'],
  ])('corrects %s → %s', (typo, fixed) => {
    expect(tolerant.words(typo)).toEqual([fixed]);
  });

  test('leaves a real word one replaced letter from a known word alone ("older" is not "order")', () => {
    expect(tolerant.words('older')).toEqual(['older']);
  });

  test('never changes short words, numbers, the first letter, or words whose stem is known', () => {
    expect(tolerant.words('frend')).toEqual(['friend']);
    expect(tolerant.words('sent snt')).toEqual(['sent', 'snt']);
    expect(tolerant.words('2023')).toEqual(['2023']);
    expect(tolerant.words('griend')).toEqual(['griend']);
    expect(tolerant.words('requests')).toEqual(['requests']);
  });
});

describe('vocabulary file errors', () => {
  const parse = (text: string) => () => parseYamlData(text, 'content/nlu/vocabulary.yaml', VocabularySchema);

  test('a bad key is reported with file, line and path', () => {
    expect(parse('words:\n  fb: facebook\n  Insta!: instagram\n')).toThrow(
      /^content\/nlu\/vocabulary\.yaml:3:3: use lower-case words separated by single spaces at words\.Insta!$/,
    );
  });

  test('a bad pattern, an unknown key and broken YAML are reported with their lines', () => {
    expect(parse("patterns:\n  - match: '(y'\n    replace: x\nwords: {}\n")).toThrow(/vocabulary\.yaml:2:12: not a valid regular expression/);
    expect(parse('words: {}\nstopword: [a]\n')).toThrow(/vocabulary\.yaml:1:1: .*stopword/);
    expect(parse('words: {fb: facebook\n')).toThrow(/vocabulary\.yaml:\d+:\d+: invalid YAML/);
  });
});
