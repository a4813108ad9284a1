/**
 * Questions about the setting's own people and policy ("who is our DSL?", "out of hours?", "when
 * was the policy last reviewed?") are answered from that setting's profile with citations, and
 * silence is said out loud - never another setting's data.
 */
import { profileCitations, profileHas, reviewsText } from '../../src/core/profile';
import { adviceOf, content, realCtx, talk } from '../support/real-engine';

const settings = [...content.settings.values()];

function answerFor(settingId: string, question: string) {
  const r = talk(settingId, [question]);
  const [advice] = adviceOf(r.all);
  if (!advice) throw new Error(`no advice for "${question}" in ${settingId}: ${JSON.stringify(r.all).slice(0, 300)}`);
  return { advice, text: advice.steps.map((s) => s.text).join('\n'), session: r.session };
}

describe.each(settings.map((s) => [s.id, s] as const))('about our policy — %s', (id, s) => {
  test('who is our DSL: the profile\'s DSL, cited to the document that names them', () => {
    const { advice } = answerFor(id, 'who is our DSL?');
    const dsl = advice.steps[0]!;
    expect(dsl.text).toContain(s.people.dsl.name!);
    expect(dsl.text).toContain(s.people.dsl.role);
    expect(dsl.citations.length).toBeGreaterThan(0);
    for (const c of dsl.citations) expect(s.documents.map((d) => d.id)).toContain(c.document);
    // Never another setting's people.
    const text = advice.steps.map((x) => x.text).join('\n');
    for (const other of settings.filter((o) => o.id !== id && o.people.dsl.name !== s.people.dsl.name)) expect(text).not.toContain(other.people.dsl.name!);
  });

  test('the deputies: named and cited where the profile names them, silence said where it does not', () => {
    const { text, advice } = answerFor(id, 'who is the deputy DSL');
    if (s.people.deputies.length > 0) {
      for (const d of s.people.deputies) expect(text).toContain(d.name!);
      const item = advice.steps.find((x) => x.text.startsWith('The deputy DSLs are'))!;
      expect(item.citations.map((c) => c.document)).toEqual(profileCitations('deputies', s).map((c) => c.document));
    } else {
      expect(text).toContain(`${s.name}'s policy names no deputy DSL`);
      expect(text).toContain("children's social care");
    }
  });

  test('out of hours: the profile is silent, so SafeStep says so and gives the national rules', () => {
    expect(profileHas('out-of-hours', s)).toBe(false);
    const { advice } = answerFor(id, 'how do I contact the DSL out of hours?');
    const item = advice.steps.find((x) => x.text.includes('out-of-hours'))!;
    expect(item.text).toContain(`${s.name}'s policy gives no out-of-hours contact for the DSL`);
    expect(item.text).toContain('call 999');
    expect(item.citations.map((c) => `${c.document} §${c.section}`)).toEqual(['national-rules §4', 'national-rules §6']);
  });

  test('review dates: each document\'s own dates from the profile, cited to its front page', () => {
    const { advice } = answerFor(id, 'when was the policy last reviewed?');
    const item = advice.steps[advice.steps.length - 1]!;
    expect(item.text).toBe(reviewsText(s));
    for (const d of s.documents) {
      expect(item.text).toContain(`approved: ${d.approved}`);
      expect(item.text).toContain(`next review due: ${d.reviewDue}`);
      expect(item.text).toContain(d.lastReviewed ? `last reviewed ${d.lastReviewed}` : 'does not say when it was last reviewed');
    }
    expect(item.citations.map((c) => c.document)).toEqual(s.documents.map((d) => d.id));
    expect(item.citations.every((c) => c.section === 'preamble' && c.title === 'front page')).toBe(true);
  });

  test('nothing is filed: a question about the policy is not an incident', () => {
    const r = talk(id, ['who is our DSL?']);
    expect(r.effects).toEqual([]);
    expect(r.session.mode).toBe('idle');
  });
});

describe('about our policy — the data itself', () => {
  test('the four profiles answer with their own words', () => {
    expect(answerFor('upton-junior', 'when was the policy last reviewed?').text).toContain('last reviewed Term 1 2023');
    expect(answerFor('headcorn-primary', 'when was the policy last reviewed?').text).toContain('approved: March 2022; the policy does not say when it was last reviewed; next review due: March 2023');
    expect(answerFor('rainbow-preschool', 'who is the deputy DSL').text).toContain('The deputy DSLs are Rachel Heasman and Julie Hinks (Deputy DSL).');
    expect(answerFor('east-stour-primary', 'who is our DSL?').text).toContain('Emma Law (Designated Safeguarding Lead and Headteacher)');
  });

  test('the DSL citation quotes the policy\'s own words where a clause names them', () => {
    const { advice } = answerFor('headcorn-primary', 'who is our DSL?');
    expect(advice.steps[0]!.citations).toEqual([
      expect.objectContaining({ document: 'headcorn-primary-mobile-tech-and-social-media-2022', section: '1', quotes: [expect.stringContaining('Mr Drury (Deputy Head Teacher)')] }),
    ]);
  });

  test('a profile that gives an out-of-hours contact is quoted and cited instead of the silence', () => {
    const base = content.settings.get('rainbow-preschool')!;
    const withOoh = { ...base, people: { ...base.people, outOfHours: { text: 'ring the manager on the pre-school mobile', cite: [{ document: base.documents[0]!.id, section: 'preamble' }] } } };
    const settingsMap = new Map(content.settings);
    settingsMap.set(base.id, withOoh);
    const ctx = { ...realCtx, content: { ...content, settings: settingsMap } };
    const r = talk(base.id, ['how do i get hold of the DSL out of hours'], undefined, ctx);
    const [advice] = adviceOf(r.all);
    const text = advice!.steps.map((x) => x.text).join('\n');
    expect(text).toContain('Out of hours: ring the manager on the pre-school mobile');
    expect(text).not.toContain('gives no out-of-hours contact');
  });
});
