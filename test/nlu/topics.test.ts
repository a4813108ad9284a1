/**
 * Splitting a message into topic parts, and the severity order used when a message has two.
 */
import { createSeverity, splitTopics } from '../../src/nlu/topics';

describe('splitTopics', () => {
  test.each([
    ['can I have my phone on in class? and a parent has been posting about me on fb', ['can I have my phone on in class', 'a parent has been posting about me on fb']],
    ['quick q - can i use my phone for photos. also a y5 said a man keeps messaging her', ['quick q', 'can i use my phone for photos', 'a y5 said a man keeps messaging her']],
    ['kids bullying a boy on snap and now someone shared a naked pic of him', ['kids bullying a boy on snap', 'someone shared a naked pic of him']],
    ['a mum added me btw the printer is broken', ['a mum added me', 'the printer is broken']],
    ['first line\nsecond line here', ['first line', 'second line here']],
  ])('%s', (text, parts) => {
    expect(splitTopics(text)).toEqual(parts);
  });

  test('keeps a one-part message whole, commas and all; drops one-word scraps', () => {
    expect(splitTopics('caught a y6 on his phone in assembly, he was watching a video')).toEqual(['caught a y6 on his phone in assembly, he was watching a video']);
    expect(splitTopics('hi. a mum added me on fb')).toEqual(['a mum added me on fb']);
    expect(splitTopics('')).toEqual([]);
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
