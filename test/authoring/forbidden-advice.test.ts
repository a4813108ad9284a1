/**
 * forbidden-advice: the seeded national-guard patterns (negated sentences pass, affirmative
 * ones fail) and the rule against the base fixture with one small edit.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { GuardSchema, compileGuard, forbiddenIn, isNegated } from '../../src/authoring/guard';
import { BASE, FLOW, GUARD, MESSAGES, OAK, edit, expectOne, lineOf, problemsAfter, removeCopies } from './content-fixture';

afterAll(removeCopies);

const guard = compileGuard(GuardSchema.parse(parse(readFileSync(path.join(BASE, GUARD), 'utf8'))).forbidden);
const flagged = (text: string): string[] => forbiddenIn(text, guard).map((m) => m.entry.id);

describe('the seeded guard patterns', () => {
  it.each([
    ['Forward the image to the DSL.', 'share-image'],
    ['Send it to {{dsl}} so they can see it.', 'share-it'],
    ['Share it with the DSL.', 'share-it'],
    ['Screenshot the image as evidence.', 'share-image'],
    ['Save a copy of the image.', 'share-image'],
    ['Send the DSL a copy of the photo.', 'share-image'],
    ['Take a screenshot of the image.', 'share-it'],
    ['Upload the video to the chat.', 'share-image'],
    ['Look at the image to check what it shows.', 'view-image'],
    ['Open the attached photo.', 'view-image'],
    ['Ask the child to show you the image.', 'ask-child-for-image'],
    ['Ask the pupil to send you the photo.', 'ask-child-for-image'],
    ['Tell them to delete it.', 'delete-image'],
    ['Delete the image from the phone.', 'delete-image'],
    ['Ask {{dsl}} to delete the photos.', 'delete-image'],
    ['Confront the colleague about the images.', 'confront-colleague'],
    ['Question the member of staff.', 'confront-colleague'],
    ['Question the children about what they saw.', 'question-children'],
    ['Ask the child what the image shows.', 'ask-child-about-content'],
    ['After the search, delete the files.', 'erase-after-search'],
    ['Wipe the phone before returning it.', 'erase-after-search'],
  ])('flags %j (%s)', (text, id) => {
    expect(flagged(text)).toContain(id);
  });

  it.each([
    'Do not forward the image, even to the DSL.',
    'Never look at, copy or forward the image.',
    'Don’t ask the child to show you the image.',
    "Don't delete it: it may be evidence.",
    'Avoid questioning the children about the content.',
    'Tell the DSL today, without viewing the image.',
    'No one should open the photo.',
    'Nobody may delete the files after the search.',
    'You must not confront the colleague.',
    'A child says an image of them has been shared.',
    'Share your concern about the image with {{dsl}} today.',
    'Take the phone and give it to the DSL.',
    'Ask the child what happened, and listen.',
    'Take screenshots of the bullying messages.',
    'Ask a colleague to stay with the child.',
    'Remove the child from the situation.',
    'Report it to {{dsl}} today.',
  ])('passes %j', (text) => {
    expect(flagged(text)).toEqual([]);
  });

  it('a negation counts only within its own sentence', () => {
    expect(flagged('Do not panic. Forward the image to the DSL.')).toEqual(['share-image']);
    expect(isNegated('Do not panic; forward it.', 'Do not panic; '.length)).toBe(false);
    expect(isNegated('Do not panic, forward it.', 'Do not panic, '.length)).toBe(true);
  });
});

describe('forbidden-advice', () => {
  it('an affirmative advice item fails, naming the national rule', () => {
    const { root, problems } = problemsAfter((r) =>
      edit(r, FLOW, 'text: Do not look at, copy or forward the image, even to {{dsl}}, and do not delete it.', 'text: Forward the image to {{dsl}} so they can see it.'),
    );
    const p = expectOne(problems, 'forbidden-advice', FLOW, lineOf(root, FLOW, 'Forward the image to'));
    expect(p).toMatchObject({ flow: 'image-shared', step: 'secure-phone' });
    expect(p.message).toContain('"Forward the image"');
    expect(p.message).toContain('national-rules §1');
    expect(p.fix).toContain('Do not forward the image');
    expect(problems).toHaveLength(1);
  });

  it('the same instruction negated in its sentence passes', () => {
    const { problems } = problemsAfter((r) =>
      edit(r, FLOW, 'text: Do not look at, copy or forward the image, even to {{dsl}}, and do not delete it.', 'text: Never forward the image to {{dsl}} or anyone else.'),
    );
    expect(problems).toEqual([]);
  });

  it('question texts and end texts are checked too', () => {
    const { root, problems } = problemsAfter((r) => {
      edit(r, FLOW, 'text: Where is the image now, as far as you know?', 'text: Can you open the image to see where it came from?');
      edit(r, FLOW, 'text: Thank you. {{dsl}} has your report.', 'text: Thank you. Now delete the image.');
    });
    expect(problems.map((p) => `${p.rule} ${p.line} ${p.step}`)).toEqual([
      `forbidden-advice ${lineOf(root, FLOW, 'Can you open the image')} ask-where`,
      `forbidden-advice ${lineOf(root, FLOW, 'Now delete the image')} done`,
    ]);
  });

  it("a setting's rule text shown through {{rule.KEY}} is checked where it is shown", () => {
    const { root, problems } = problemsAfter((r) =>
      edit(r, OAK, "text: pupils' phones are handed in", 'text: staff screenshot the image for the DSL; pupils\' phones are handed in'),
    );
    const p = expectOne(problems, 'forbidden-advice', FLOW, lineOf(root, FLOW, '{{rule.phones}}'));
    expect(p.message).toContain('as shown for setting oak-primary');
  });

  it('content/messages.yaml is checked', () => {
    const { root, problems } = problemsAfter((r) => edit(r, MESSAGES, 'imageryWarning: Do not open, forward, save or delete the image.', 'imageryWarning: Save the image and tell {{dsl}}.'));
    expectOne(problems, 'forbidden-advice', MESSAGES, lineOf(root, MESSAGES, 'imageryWarning'));
  });

  it('a flow may exempt itself from a named entry, with a reason', () => {
    const { problems } = problemsAfter((r) => {
      edit(r, FLOW, 'text: Do not look at, copy or forward the image, even to {{dsl}}, and do not delete it.', 'text: Share the photo on the official class page only.');
      edit(r, FLOW, 'start: ask-where', 'guardExempt:\n  - id: share-image\n    why: Ordinary class photos taken for the setting, not indecent images.\nstart: ask-where');
    });
    expect(problems).toEqual([]);
  });

  it('an exemption naming no guard entry is reported (unknown-exemption)', () => {
    const { root, problems } = problemsAfter((r) =>
      edit(r, FLOW, 'start: ask-where', 'guardExempt:\n  - id: share-images\n    why: Ordinary class photos taken for the setting, not indecent images.\nstart: ask-where'),
    );
    const p = expectOne(problems, 'unknown-exemption', FLOW, lineOf(root, FLOW, '- id: share-images'));
    expect(p.fix).toContain('share-image,');
  });
});
