/**
 * The rule catalogue (content/rules.yaml) against the code and content: it lists exactly the rule
 * keys flows, quiz questions and messages use, every established profile's rules are in it, and
 * docs/rules.md is what the generator writes (apart from the per-setting columns, which change
 * when a school adds its setting: that must not need a file outside content/settings/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ruleStates } from '../../src/cli/commands/setting-catalogue';
import { loadCatalogue, ruleKeysInText, ruleKeysInUse } from '../../src/onboarding/catalogue';
import { rulesDocument } from '../../src/onboarding/rules-doc';

const ROOT = path.resolve(__dirname, '..', '..');
const catalogue = loadCatalogue(ROOT);
const uses = ruleKeysInUse(ROOT);
const used = new Set([...uses.values()].flatMap((s) => [...s]));

test('reads rule keys from conditions, citations and placeholders', () => {
  expect([...ruleKeysInText('when: { rule: staff-phone-mode, is: set }\ntext: "{{rule.visitor-challenge}}"\ncite: [{rule: general-route}]')].sort()).toEqual(['general-route', 'staff-phone-mode', 'visitor-challenge']);
});

test('every rule key a flow, quiz question or message uses is in the catalogue', () => {
  expect([...used].filter((k) => !(k in catalogue)).sort()).toEqual([]);
});

test('every catalogue key is used by some flow, quiz question or message', () => {
  expect(Object.keys(catalogue).filter((k) => !used.has(k)).sort()).toEqual([]);
});

test("every established profile's rules are catalogue keys", () => {
  const dir = path.join(ROOT, 'content', 'settings');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    const p = parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { rules: Record<string, unknown> };
    expect({ f, unknown: Object.keys(p.rules).filter((k) => !(k in catalogue)) }).toEqual({ f, unknown: [] });
  }
});

test('docs/rules.md is up to date (run: safestep setting catalogue --write)', () => {
  const firstColumns = (md: string) => md.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split(' | ').slice(0, 5).join(' | '));
  const expected = rulesDocument({ catalogue, uses, settings: ruleStates(ROOT) });
  const actual = fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8');
  expect(firstColumns(actual)).toEqual(firstColumns(expected));
  expect(firstColumns(actual)).toHaveLength(Object.keys(catalogue).length);
});
