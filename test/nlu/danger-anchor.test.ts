/**
 * The two levels on the shipped model (content/danger/): the certain level needs a present anchor
 * (signals.yaml `certainNeeds`) outside every canceller's words, and the cancellers for
 * hypothetical, policy, past, news and "already safe" framing — tested both ways, so a canceller
 * never silences a real report that merely contains its words ("not sure if I'm overreacting but
 * a man is at the gate now"). The author's own phrasings; none is from a measured set.
 */
import { createDangerDetector } from '../../src/nlu/danger';
import type { DangerRules } from '../../src/nlu/danger';
import { shippedNlu } from './fixtures';

const nlu = shippedNlu();
const detector = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });
const level = (text: string): 'certain' | 'possible' | 'none' => {
  const v = detector.detect(text);
  return v.danger ? 'certain' : v.question ? 'possible' : 'none';
};

describe('a real report that merely contains "if" or a canceller word stays live', () => {
  test.each([
    'not sure if I am overreacting but a man is at the gate now asking kids which one is called Jade',
    "I don't know if this is one for you but older lads are making a y8 take a bag to the park at 4",
    'not sure if it matters but a y9 says her online boyfriend is picking her up after school today',
    'last week a man messaged her on snapchat and now he is outside the gate',
    'police are on their way but the dad with the court order is still at the gate shouting he is taking his son',
  ])('999: %s', (text) => expect(level(text)).toBe('certain'));

  test.each([
    'sorry if this is the wrong place but a woman is filming the reception class through the fence right now',
    'we did the scenario in training but this is real: a y4 is missing from the field right now',
    'what do we do if a man is at the gate? but he really is there now, asking for jade',
    'the man from the news appeal is outside the school gates now',
    'saw on the news about a man luring kids, well there is one at our gate right now offering sweets',
    // A disclosure after or during a lesson, or in a pupil's own writing, is not teaching or fiction.
    'after the pshe lesson about consent a y9 told me her uncle touches her',
    'during the english lesson a girl said her dad hits her mum and her',
    'a y8 wrote a poem about wanting to die and gave it to me just now',
    'a y5 wrote a story about her stepdad hitting her and says it really happens',
    'he is pretending to be 14 online and meeting her tonight',
    'during the fire drill a y2 ran out of the side gate and we cannot see her',
    // General statements and rules cancel, but not an urgent instruction with a live report.
    'all staff must come to the nursery now, a man is in there with a knife',
    'children who are in the hall need to stay there, there is an intruder in the building',
    'every year we worry about this but today a y6 really has run away from the trip',
    'call 999 if he comes back, he is outside now with a knife',
    "remember the girl I told you about last week? she's gone missing from home and her phone is off",
    'should we have called 999? the man is still outside the gate filming',
    "this isn't a hypothetical: a y6 just told me her dad will kill her when she gets home",
  ])('at least the question: %s', (text) => expect(level(text)).not.toBe('none'));

  // A live report first, then a question about what to do: the question does not cancel the report.
  test.each([
    "there's a man with a knife at the gate, do we lock down?",
    'girl says her dad will kill her if she goes home, can we keep her here?',
    'a stranger is filming the kids at the fence, should we bring them in?',
    'boy just told me he has pills in his bag and wants to take them, what do I do?',
    'one child short on the coach at the services, do we wait or call police?',
    'girl missing from the field, what is the procedure?',
    'is there a procedure? there is a man in the playground shouting and he has a bat',
    'are we allowed to stop a dad taking his son, he is not on the list and is walking out with him now',
  ])('a report, then a question: %s', (text) => expect(level(text)).not.toBe('none'));
});

describe('hypothetical, policy, past, news and already-safe framing cancels', () => {
  test.each([
    'what do we do if a man is at the gate asking for a child by name?',
    'should we call 999 if a child is missing for 10 minutes?',
    'if a child told me she was meeting someone from snapchat after school, would I ring 999?',
    'for the staff handbook: if a parent turns up drunk at pick up, who takes the child?',
    'in our inset today the scenario was a stranger filming the reception class through the fence',
    'last year a kid goes missing on the trip and we find him in the gift shop',
    'yesterday a y8 tells me she wants to die, the dsl rang camhs and mum collected her',
    'there is a tv documentary about county lines tonight, good for pshe',
    'police already here and have the man, children are all inside',
    'the knife in the field was an old rusty one, no child involved, the site team have removed it',
    'planning a pshe lesson about grooming for y9',
    'Children who go missing from care are at higher risk of exploitation, so we flag every absence to the virtual school.',
    'Most sextortion victims are boys aged 14-17 and the scammers usually demand money within an hour.',
    'Staff must call 999 if a child is in immediate danger, then tell the DSL.',
    'Our DSL said that if a child ever mentions suicide we must not leave them alone.',
    "we practised the missing child drill this morning, took 8 minutes to find the 'missing' pupil",
    'my y2s were playing kidnappers at lunch, just chasing and hiding',
    'in the book we are reading the main character wants to die after her mum leaves',
  ])('neither: %s', (text) => expect(level(text)).toBe('none'));

  test('"yesterday" after "since" is not the past: the absence goes on', () => {
    expect(level("a y3 says there's no food at home and mum hasn't been back since yesterday")).not.toBe('none');
  });
});

describe('the present anchor (certainNeeds)', () => {
  test('a certain risk with no present anchor is asked about, and says why', () => {
    const v = detector.detect('the man she met on snapchat picked her up from school');
    expect(v).toMatchObject({ danger: false, question: true });
    expect(v.signals).toContain('online-contact-meeting');
  });

  test('the same risk with an anchor is certain', () => {
    expect(level('the man she met on snapchat is picking her up from school today')).toBe('certain');
  });

  test('an anchor inside a canceller\'s words does not count ("what do we do if a man is at the gate")', () => {
    const v = detector.detect('what would we do if a man is at the gate asking for a child by name');
    expect(v).toMatchObject({ danger: false, question: false });
  });

  test('without certainNeeds every certain signal stays certain; with it, an anchorless one is lowered and explained', () => {
    const rules: DangerRules = {
      cues: { present: { description: 'now', patterns: ['\\bnow\\b'], unless: [] } },
      signals: [{ id: 'knife', description: 'a knife', level: 'certain', all: [], any: [], patterns: ['\\bknife\\b'], unless: [] }],
      cancellers: [],
    };
    expect(createDangerDetector(rules).detect('he has a knife')).toMatchObject({ danger: true });
    const anchored = createDangerDetector({ ...rules, certainNeeds: 'present' });
    expect(anchored.detect('he has a knife')).toMatchObject({ danger: false, question: true, signals: ['knife'], cancelledBy: ['no-present-anchor'] });
    expect(anchored.detect('he has a knife now')).toMatchObject({ danger: true, cancelledBy: [] });
  });
});

describe('keptByLead: a live report before a canceller\'s words stops it lowering', () => {
  const rules: DangerRules = {
    cues: { report: { description: 'a report', patterns: ['\\bthere is\\b'], unless: [] } },
    signals: [{ id: 'knife', description: 'a knife', level: 'certain', all: [], any: [], patterns: ['\\bknife\\b'], unless: [] }],
    cancellers: [{ id: 'question', description: 'a question', lowers: 2, patterns: ['\\bdo we\\b[^?]*\\?'] }],
  };
  test('without it the question cancels; with it, only a question that comes first does', () => {
    expect(createDangerDetector(rules).detect('there is a man with a knife, do we lock down?')).toMatchObject({ danger: false, question: false });
    const led = createDangerDetector({ ...rules, cancellers: [{ ...rules.cancellers[0]!, keptByLead: 'report' }] });
    expect(led.detect('there is a man with a knife, do we lock down?')).toMatchObject({ danger: true, cancelledBy: [] });
    expect(led.detect('do we lock down if there is a man with a knife?')).toMatchObject({ danger: false, question: false, cancelledBy: ['question'] });
  });
});
