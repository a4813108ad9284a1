/**
 * The drafter's reading of a policy, against the four hand-made profiles: splitting the real
 * policies reproduces the section ids their authors cite, and the key details give the people
 * and dates they name; placeholders are found, never taken as values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { keyDetails, lastDayOf } from '../../src/onboarding/people';
import { hasPlaceholder, placeholdersIn } from '../../src/onboarding/placeholders';
import { initialsOf, splitSections } from '../../src/onboarding/sections';
import { OAKFIELD_TXT, ROOT } from './files';

const policies = path.join(ROOT, '..', 'shared', 'policies');
const profile = (id: string) => parse(fs.readFileSync(path.join(ROOT, 'content', 'settings', `${id}.yaml`), 'utf8')) as { documents: { id: string; sections: { id: string }[] }[] };
const text = (doc: string) => fs.readFileSync(path.join(policies, `${doc}.txt`), 'utf8');

test.each(['east-stour-primary', 'headcorn-primary'])("splitting %s's policy gives the section ids its profile cites", (id) => {
  const doc = profile(id).documents[0]!;
  expect(splitSections(text(doc.id)).map((s) => s.id)).toEqual(doc.sections.map((s) => s.id));
});

test('a file holding two policies numbers each from 1 and prefixes them by title', () => {
  expect(initialsOf('Mobile and Smart Technology Policy')).toBe('MST');
  expect(initialsOf('Social Media Policy')).toBe('SM');
  const ids = splitSections(fs.readFileSync(OAKFIELD_TXT, 'utf8')).map((s) => s.id);
  expect(ids).toEqual(['MST 1', 'MST 2', 'MST 3', 'MST 4', 'MST 5', 'MST 6', 'MST 7', 'SM 1', 'SM 2', 'SM 3', 'SM 4', 'SM 5', 'SM 6']);
});

test('key details: the DSL, deputies and dates the policy names; the head is the DSL where the DSL is the headteacher', () => {
  const es = keyDetails(text('east-stour-primary-mobile-smart-tech-and-social-media-2023'));
  expect(es.dsl).toEqual({ name: 'Emma Law', role: 'Headteacher' });
  expect(es.head).toEqual({ name: 'Emma Law', role: 'Headteacher' });
  expect(es).toMatchObject({ reviewDue: 'October 2024', reviewDueDate: '2024-10-31', approved: 'October 2023' });
  expect(es.flags).toEqual([
    'Approval date: line 39 still has the template placeholder "Month, Year"; fill it in the policy (not used).',
    expect.stringMatching(/^Deputy DSLs: the policy names none/),
  ]);
  const rainbow = keyDetails(text('rainbow-preschool-mobile-tech-and-social-media'));
  expect(rainbow.dsl?.name).toBe('Sandra Burgess');
  expect(rainbow.deputies.map((d) => d.name)).toEqual(['Rachel Heasman', 'Julie Hinks']);
  expect(rainbow.flags.join('\n')).toMatch(/Next review date: not found/);
  expect(lastDayOf('February 2028')).toBe('2028-02-29');
});

test('template placeholders are found with their line, and a placeholder is never a value', () => {
  const hits = placeholdersIn(fs.readFileSync(OAKFIELD_TXT, 'utf8'));
  expect(hits.map((h) => h.found)).toEqual(['[Name]', '[Month, Year]', 'insert name of filtering provider', 'Setting Name']);
  expect(hasPlaceholder('Designated Safeguarding Lead: xxx')).toBe(true);
  expect(hasPlaceholder('Staff keep phones in the lockers.')).toBe(false);
  const d = keyDetails('Designated Safeguarding Lead: [Name]\nDate of next review: [Month, Year]\n');
  expect(d.dsl).toBeUndefined();
  expect(d.reviewDue).toBeUndefined();
  expect(d.flags.join('\n')).toMatch(/DSL: line 1 still has the template placeholder "\[Name\]"/);
});
