/**
 * Who-does-what cues (content/nlu/who-what.yaml, src/nlu/who-what.ts): whose thing it is and
 * what is done to it become features, on hand-checkable sentences; only the pairings asked for are
 * made; the shipped file loads; a bad file is reported with its line; pairings count at `weight`.
 */
import { porterStem } from '../../src/nlu/natural';
import { createNormaliser } from '../../src/nlu/normalise';
import { createTfIdfIndex } from '../../src/nlu/tfidf';
import { EMPTY_VOCABULARY } from '../../src/nlu/vocabulary';
import { compileWhoWhat, isPairingFeature, WhoWhatSchema, type WhoWhat } from '../../src/nlu/who-what';
import { parseYamlData } from '../../src/nlu/yaml-data';
import { shippedNlu } from './fixtures';

const cues: WhoWhat = WhoWhatSchema.parse({
  pairings: ['own', 'act', 'by', 'to'],
  weight: 0.3,
  window: 4,
  who: { self: ['i', 'my'], staff: ['colleague', 'teaching assistant'], pupil: ['pupil', 'girl', 'year'] },
  pronouns: ['her', 'his'],
  objects: { phone: ['phone'], image: ['photo', 'picture'] },
  acts: { search: ['went through', 'search'], share: ['posted', 'sent'] },
});
const normaliser = (c: WhoWhat) => createNormaliser(EMPTY_VOCABULARY, { whoWhat: c });
const pairings = (text: string, c: WhoWhat = cues) => normaliser(c).features(text).filter(isPairingFeature).sort();

test('whose thing: a person named just before it, "my" for me, a pronoun for the last person named', () => {
  expect(pairings("a pupil's phone")).toEqual(['#own:pupil×phone']);
  expect(pairings('can I keep my phone on')).toEqual(['#own:self×phone']);
  expect(pairings('a girl in year 9 was upset, her phone was buzzing')).toContain('#own:pupil×phone');
});

test('what is done to what, by whom and to whom; a longer term wins ("teaching assistant" is staff, not two words)', () => {
  expect(pairings('I went through his phone')).toEqual(expect.arrayContaining(['#act:search×phone', '#by:self×search']));
  expect(pairings('a teaching assistant posted a photo')).toEqual(expect.arrayContaining(['#by:staff×share', '#act:share×image']));
  expect(pairings('a colleague sent a pupil a picture')).toEqual(expect.arrayContaining(['#to:share×pupil']));
});

test('only the pairings asked for are made, and none when the words are far apart', () => {
  const ownOnly = { ...cues, pairings: ['own' as const] };
  expect(pairings('I went through his phone', ownOnly).every((f) => f.startsWith('#own:'))).toBe(true);
  expect(pairings('a pupil said that yesterday after lunch somebody found the phone')).not.toContain('#own:pupil×phone');
});

test('the shipped cues load and make owner and act pairings', () => {
  const shipped = shippedNlu().whoWhat;
  expect(shipped).toBeDefined();
  const match = compileWhoWhat(shipped!, porterStem);
  expect(match("my phone".split(' ').map(porterStem))).toContain('#own:self×phone');
});

describe('who-what.yaml validation', () => {
  const parse = (text: string) => () => parseYamlData(text, 'content/nlu/who-what.yaml', WhoWhatSchema);
  const head = 'pairings: [own]\nweight: 0.3\nobjects: { phone: [phone] }\nacts: { share: [sent] }\n';

  test('a term under two people is reported with its line', () => {
    expect(parse(`${head}who:\n  pupil: [boy]\n  staff: [boy]\n`)).toThrow(/who-what\.yaml:7:\d+: "boy" is already a who term of "pupil" at who\.staff\.0/);
  });

  test('an unknown pairing kind is reported with its line', () => {
    expect(parse('pairings: [own, whose]\nweight: 0.3\nwho: {}\nobjects: {}\nacts: {}\n')).toThrow(/who-what\.yaml:1:\d+: .*at pairings\.1/);
  });
});

test('a term weight scales that term in the TF-IDF index (pairings count less than words)', () => {
  const docs = [['phone', '#own:pupil×phone'], ['nude'], ['lunch']];
  const plain = createTfIdfIndex(docs).document(0);
  const weighted = createTfIdfIndex(docs, { weight: (t) => (isPairingFeature(t) ? 0.3 : 1) }).document(0);
  expect(plain.get('#own:pupil×phone')).toBeCloseTo(plain.get('phone')!, 12);
  expect(weighted.get('#own:pupil×phone')! / weighted.get('phone')!).toBeCloseTo(0.3, 12);
});
