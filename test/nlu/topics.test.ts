/**
 * Splitting a message into topic parts, and the severity order used when a message has two.
 */
import { createSeverity, splitTopics } from '../../src/nlu/topics';

describe('splitTopics', () => {
  test.each([
    ['can I have my phone on in class? and a parent has been posting about me on fb', ['can I have my phone on in class', 'a parent has been posting about me on fb']],
    ['quick q - can i use my phone for photos. also a y5 said a man keeps messaging her', ['quick q can i use my phone for photos', 'a y5 said a man keeps messaging her']],
    ['kids bullying a boy on snap and now someone shared a naked pic of him', ['kids bullying a boy on snap', 'someone shared a naked pic of him']],
    ['a mum added me btw the printer is broken', ['a mum added me', 'the printer is broken']],
    ['a mum added me on fb\nthe wifi in the hall keeps dropping out', ['a mum added me on fb', 'the wifi in the hall keeps dropping out']],
  ])('%s', (text, parts) => {
    expect(splitTopics(text)).toEqual(parts);
  });

  test('keeps a one-part message whole, commas and all; drops one-word scraps', () => {
    expect(splitTopics('caught a y6 on his phone in assembly, he was watching a video')).toEqual(['caught a y6 on his phone in assembly, he was watching a video']);
    expect(splitTopics('hi. a mum added me on fb')).toEqual(['hi a mum added me on fb']);
    expect(splitTopics('hi')).toEqual([]);
    expect(splitTopics('')).toEqual([]);
  });

  test('a follow-up sentence or a question mark does not start a second topic', () => {
    expect(splitTopics('took a phone off a yr 9 at break. when I went to log it there was a naked photo on the lock screen')).toHaveLength(1);
    expect(splitTopics('is it ok to check a confiscated tablet? the boy is only 8')).toHaveLength(1);
    expect(splitTopics('a dad sent me a friend request last night. what should I do?')).toEqual(['a dad sent me a friend request last night what should I do']);
    expect(splitTopics('our head wants a school instagram. so who is allowed to post on it and can parents comment')).toHaveLength(1);
    expect(splitTopics('a governor keeps ringing my mobile and then texts me at midnight')).toHaveLength(1);
  });

  test('a short opening that says who is writing ("y1 teacher.", "PE teacher.") joins the sentence after it', () => {
    expect(splitTopics('y1 teacher. a parent rang my personal mobile on a saturday night. no idea how she got my number')).toEqual([
      'y1 teacher a parent rang my personal mobile on a saturday night no idea how she got my number',
    ]);
    expect(splitTopics('ECT in maths. A kid answered his phone in class. A mum keeps emailing my gmail')).toEqual([
      'ECT in maths A kid answered his phone in class',
      'A mum keeps emailing my gmail',
    ]);
    // A short opening question is a topic of its own.
    expect(splitTopics('is my phone ok in class? a supply teacher was filming the class on his phone')).toHaveLength(2);
  });

  test('a new subject after a sentence end, or a topic word, still starts a second topic', () => {
    expect(splitTopics('a girl in yr 5 is being called names on roblox. separately the printer in the hall is broken')).toEqual([
      'a girl in yr 5 is being called names on roblox',
      'the printer in the hall is broken',
    ]);
    expect(splitTopics('can pupils wear smartwatches in exams? a supply teacher was filming the class on his phone')).toHaveLength(2);
  });

  test('"and" splits only before a new subject, not inside a list', () => {
    expect(splitTopics('knives and forks for the cooking lesson')).toHaveLength(1);
    expect(splitTopics('my phone is on silent and a dad keeps ringing it')).toEqual(['my phone is on silent', 'a dad keeps ringing it']);
  });
});

describe('createSeverity', () => {
  const severity = createSeverity([['grave', 'also-grave'], ['middling'], ['mild']]);

  test('tiers are numbered from the most serious; unlisted flows come after every tier', () => {
    expect([severity.tier('grave'), severity.tier('also-grave'), severity.tier('middling'), severity.tier('mild')]).toEqual([0, 0, 1, 2]);
    expect(severity.tier('unlisted')).toBe(3);
  });

  test('sorts most serious first, then by the order written', () => {
    expect(['mild', 'unlisted', 'also-grave', 'middling', 'grave'].sort(severity.compare)).toEqual(['grave', 'also-grave', 'middling', 'mild', 'unlisted']);
  });
});
