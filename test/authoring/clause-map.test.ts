/**
 * The clause-map rules on a copy of the base fixture with one policy text and its clause map:
 * every rule reports file and line, and fails on the fault it exists for (paraphrase, a missed
 * operative sentence, a clause neither used nor excused, a stale excuse, an unknown clause).
 * Also: the loader turns a rule's clause ids into the quotes the advice shows.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectContent } from '../../src/authoring/load';
import { missingFragment, operativeSentences } from '../../src/authoring/clauses/policy-text';
import { BASE, edit, OAK } from './content-fixture';

const POLICY = [
  '4.2 Reporting a concern',
  '',
  '- Staff must report any concern to the DSL before the end of the school day.',
  '',
  '7.3 Mobile phones and devices',
  '',
  '- Pupils\u2019 phones are handed in at the office at 8:45.',
  '- A phone involved in a concern will be locked in the office safe',
  '  until the DSL decides what happens.',
  '- Staff will be advised:',
  ' - to keep their own phone in a locker.',
  '',
  '9.1 Allegations against staff',
  '',
  '- The governors review this policy every year.',
].join('\n');

const MAP = `document: oak-safeguarding-policy
clauses:
  - { id: 4.2a, section: "4.2", text: "Staff must report any concern to the DSL before the end of the school day." }
  - { id: 7.3a, section: "7.3", text: "A phone involved in a concern will be locked in the office safe until the DSL decides what happens." }
  - { id: 7.3b, section: "7.3", text: "Staff will be advised:", excused: "Only introduces the list that follows." }
  - { id: 7.3c, section: "7.3", text: "to keep their own phone in a locker.", excused: "No flow of the fixture is about staff phones." }
  - { id: 9.1a, section: "9.1", text: "The governors review this policy every year.", excused: "About reviewing the policy, not a step." }
`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A project at <tmp>/p with ../shared/policies beside it; `change` edits the project first. */
function inspect(change: (root: string) => void = () => {}) {
  const top = mkdtempSync(path.join(os.tmpdir(), 'safestep-clauses-'));
  dirs.push(top);
  const root = path.join(top, 'p');
  cpSync(BASE, root, { recursive: true });
  mkdirSync(path.join(top, 'shared', 'policies'), { recursive: true });
  writeFileSync(path.join(top, 'shared', 'policies', 'oak-safeguarding-policy.txt'), POLICY);
  mkdirSync(path.join(root, 'content', 'clauses'));
  writeFileSync(path.join(root, 'content', 'clauses', 'oak-safeguarding-policy.yaml'), MAP);
  edit(root, OAK, "section: '7.3'\n  same-day-report", "section: '7.3'\n        clauses: [7.3a]\n  same-day-report");
  edit(root, OAK, "section: '4.2'\n", "section: '4.2'\n        clauses: [4.2a]\n");
  change(root);
  return inspectContent(root);
}

const CLAUSES = 'content/clauses/oak-safeguarding-policy.yaml';
const rules = (r: ReturnType<typeof inspect>) => r.problems.map((p) => `${p.rule} ${p.file}:${p.line ?? ''}`);

test('a complete, verbatim, used-or-excused map is valid, and rules carry the quotes', () => {
  const r = inspect();
  expect(r.problems).toEqual([]);
  const rule = r.bundle!.settings.get('oak-primary')!.rules.phones!;
  expect(rule.silent ? undefined : rule.cite[0]!.quotes).toEqual(['A phone involved in a concern will be locked in the office safe until the DSL decides what happens.']);
});

test('a paraphrase is not a quote: clause-not-verbatim names the clause line', () => {
  const r = inspect((root) => edit(root, CLAUSES, 'will be locked in the office safe', 'is locked in the safe'));
  expect(rules(r)).toContain(`clause-not-verbatim ${CLAUSES}:4`);
});

test('a clause neither used nor excused fails: unused-clause', () => {
  const r = inspect((root) => edit(root, CLAUSES, ', excused: "No flow of the fixture is about staff phones."', ''));
  expect(rules(r)).toContain(`unused-clause ${CLAUSES}:6`);
});

test('an excuse on a used clause is stale', () => {
  const r = inspect((root) => edit(root, CLAUSES, 'happens." }', 'happens.", excused: "Not needed any more, supposedly." }'));
  expect(rules(r)).toContain(`stale-excuse ${CLAUSES}:4`);
});

test('an operative sentence of the policy that no clause quotes fails: unmapped-clause', () => {
  const r = inspect((root) => edit(root, CLAUSES, '  - { id: 4.2a, section: "4.2", text: "Staff must report any concern to the DSL before the end of the school day." }\n', ''));
  expect(r.problems.find((p) => p.rule === 'unmapped-clause')?.message).toContain('line 3');
});

test('a rule naming a clause the map lacks fails: unknown-clause, in the setting file', () => {
  const r = inspect((root) => edit(root, OAK, 'clauses: [7.3a]', 'clauses: [7.3z]'));
  expect(r.problems.map((p) => `${p.rule} ${p.file}`)).toContain(`unknown-clause ${OAK}`);
});

test('list items under an operative lead are operative; quotes may skip words with " … "', () => {
  expect(operativeSentences(POLICY).map((s) => s.line)).toEqual([3, 8, 10, 11]);
  expect(operativeSentences('- Staff will be advised to\n- keep phones in a locker.\n').map((s) => s.line)).toEqual([1, 2]);
  expect(missingFragment(POLICY, 'A phone involved in a concern … until the DSL decides')).toBeUndefined();
  expect(missingFragment(POLICY, 'until the DSL decides … A phone involved')).toBe('A phone involved');
  expect(missingFragment(POLICY, "Pupils' phones are handed in")).toBeUndefined();
});

test('without any policy texts (a deployment without ../shared) the words are not checked, but use still is', () => {
  const r = inspect((root) => rmSync(path.join(root, '..', 'shared'), { recursive: true, force: true }));
  expect(r.problems).toEqual([]);
  const r2 = inspect((root) => {
    rmSync(path.join(root, '..', 'shared'), { recursive: true, force: true });
    edit(root, CLAUSES, ', excused: "No flow of the fixture is about staff phones."', '');
  });
  expect(rules(r2)).toEqual([`unused-clause ${CLAUSES}:6`]);
});
