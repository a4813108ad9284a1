/**
 * Questions whose answer differs between settings take it from each setting's profile: a
 * Headcorn teacher and an Upton teacher get their own right answer, explanation and clause; a
 * setting whose policy is silent is not asked another setting's rule.
 */
import { hasSettings, realQuiz } from './fixture';

/** These are the four settings' own policies: skipped, not failed, where any of them is absent. */
const NAMED = ['headcorn-primary', 'upton-junior', 'east-stour-primary', 'rainbow-preschool'];
const describeNamed = hasSettings(...NAMED) ? describe : describe.skip;

const question = (settingId: string, id: string) => realQuiz(settingId).questions.find((q) => q.id === id);
const rightText = (settingId: string, id: string) => {
  const q = question(settingId, id)!;
  return q.options.find((o) => o.id === q.correct)!.text;
};

describeNamed('per-setting answers', () => {
  test('social media at lunch in the staff room: yes at Headcorn, no at Upton, East Stour and Rainbow', () => {
    const headcorn = question('headcorn-primary', 'social-media-at-lunch')!;
    const upton = question('upton-junior', 'social-media-at-lunch')!;
    expect(headcorn.correct).toBe('a');
    expect(upton.correct).toBe('b');
    expect(question('east-stour-primary', 'social-media-at-lunch')!.correct).toBe('b');
    expect(question('rainbow-preschool', 'social-media-at-lunch')!.correct).toBe('b');
    expect(headcorn.explanation).toContain('staff may use social media during lunch breaks in the staff room');
    expect(upton.explanation).toContain('includes lunch and breaks on site');
    expect(headcorn.citations).toEqual([expect.objectContaining({ document: 'headcorn-primary-mobile-tech-and-social-media-2022', section: '4' })]);
    expect(upton.citations).toEqual([expect.objectContaining({ document: 'upton-junior-mobile-smart-tech-and-social-media-2022', section: 'SM 4', title: 'Staff use of social media' })]);
  });

  test('where staff phones are kept comes from each policy, and Headcorn (silent) is not asked', () => {
    expect(question('headcorn-primary', 'where-is-your-phone')).toBeUndefined();
    expect(question('headcorn-primary', 'urgent-call-while-working')).toBeUndefined();
    expect(question('headcorn-primary', 'photos-on-own-phone')).toBeUndefined();
    expect(rightText('upton-junior', 'where-is-your-phone')).toContain('a bag, a private drawer or a staffroom locker');
    expect(rightText('east-stour-primary', 'where-is-your-phone')).toContain('the staff room lockers or the locked cupboards in classrooms');
    expect(rightText('rainbow-preschool', 'where-is-your-phone')).toContain('your locker in the locked store cupboard, or the office');
  });

  test('who takes a concern about a colleague, and whose permission a phone call needs', () => {
    expect(rightText('upton-junior', 'concern-about-colleague')).toContain('the Head of School or the Executive Headteacher');
    expect(rightText('rainbow-preschool', 'concern-about-colleague')).toContain('To the manager');
    expect(rightText('east-stour-primary', 'concern-about-colleague')).toContain('the chair of governors');
    expect(rightText('upton-junior', 'urgent-call-while-working')).toBe('Ask the Head of School for written permission before you need it.');
    expect(rightText('rainbow-preschool', 'urgent-call-while-working')).toBe('Ask the manager for written permission before you need it.');
  });

  test('official channels are each setting\'s own', () => {
    expect(rightText('headcorn-primary', 'official-channels')).toContain('Twitter');
    expect(rightText('upton-junior', 'official-channels')).toBe('Facebook (Upton Junior School)');
    expect(rightText('rainbow-preschool', 'official-channels')).toContain('Instagram');
  });

  test('early years are not asked the schools-only searching questions; each setting has its own questions', () => {
    const rainbow = realQuiz('rainbow-preschool').questions.map((q) => q.id);
    expect(rainbow).not.toContain('erase-after-search');
    expect(rainbow).toContain('rainbow-concern-about-manager');
    expect(realQuiz('upton-junior').questions.map((q) => q.id)).not.toContain('rainbow-concern-about-manager');
    expect(realQuiz('upton-junior').questions.map((q) => q.id)).toContain('erase-after-search');
  });
});
