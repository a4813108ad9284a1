/**
 * Sextortion (national rules §5): "someone threatens to share a nude or semi-nude image … unless the
 * child pays money or sends more … the risk of self-harm is high, so ask whether the child is safe
 * right now." The rules alone (no likeness backstop, so the test is about the cues) must ask the
 * question for a threat to share the child's picture unless they pay, however it is worded, and
 * must not for a threat about other pictures. Own phrasings, written from the national rule.
 */
import { createDangerDetector } from '../../src/nlu/danger';
import { shippedNlu } from './fixtures';

const nlu = shippedNlu();
const { likeness: _backstop, ...rules } = nlu.danger;
const detector = createDangerDetector(rules, { vocabulary: nlu.vocabulary });

describe('a threat to share a picture of the child unless they pay gets at least the question', () => {
  test.each([
    'a parent says someone online is threatening to share a picture of her son unless he pays',
    'dear DSL, a parent has emailed to say her son is being sent money demands by someone threatening to share a picture of him',
    'someone is threatening to post a video of her unless she sends more',
    'y10 lad says a girl he met on insta is threatening to send his pics to his followers unless he pays £200',
  ])('%s', (message) => {
    const v = detector.detect(message);
    expect(v.danger || v.question === true).toBe(true);
    expect(v.signals).toEqual(expect.arrayContaining([expect.stringMatching(/^blackmail/)]));
  });
});

describe('a threat about pictures that are not of the child is not sextortion', () => {
  test.each([
    'a parent is threatening to post photos of the nativity on facebook unless we refund the tickets',
    'the photographer is demanding payment before she will send the class photos',
  ])('%s', (message) => {
    expect(detector.detect(message).signals.filter((s) => s.startsWith('blackmail'))).toEqual([]);
  });
});

// Seventh round: a known false question. A school asking consent to share its photos of an event is not
// a threat to share a picture of a child (the `unless` of the blackmail cue); own phrasings.
describe('a consent notice about school photos is not sextortion, and with the backstop gets neither 999 nor the question', () => {
  const shipped = createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });
  test.each([
    "we'll share the photos of sports day unless parents opt out",
    'the PTA will post the videos of the nativity on the website if no parents object',
    'reminder: class photos go on the newsletter unless you have told us you do not consent',
  ])('%s', (message) => {
    expect(detector.detect(message).signals.filter((s) => s.startsWith('blackmail'))).toEqual([]);
    expect(shipped.detect(message)).toMatchObject({ danger: false, question: false });
  });

  test('the same threat made to a child still asks: "share his photos unless he pays"', () => {
    const v = detector.detect('a man says he will share his photos unless he pays £100 by tonight');
    expect(v.danger || v.question === true).toBe(true);
  });
});

