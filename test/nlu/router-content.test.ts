/**
 * The shipped NLU content fits the shipped flows: router.yaml's severity tiers name every flow
 * exactly once, every vocabulary concept entry can actually fire, out-of-scope examples are not
 * also flow examples, and router.yaml's errors name file and line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import { RouterConfigSchema } from '../../src/nlu/load';
import { createNormaliser } from '../../src/nlu/normalise';
import { parseYamlData } from '../../src/nlu/yaml-data';
import { ROOT, shippedNlu } from './fixtures';

const nlu = shippedNlu();
const content = loadContent(ROOT);

test('severity tiers name every shipped flow exactly once', () => {
  const listed = nlu.router.severity.flat();
  expect([...listed].sort()).toEqual([...content.flows.keys()].sort());
  expect(new Set(listed).size).toBe(listed.length);
});

test('incidents that can hurt a child sit in the first tier, guidance in the last', () => {
  const [first = [], ...rest] = nlu.router.severity;
  const last = rest[rest.length - 1] ?? [];
  expect(first).toEqual(expect.arrayContaining(['iioc-adult-device', 'grooming-exploitation', 'nude-image-pupil']));
  for (const id of last) expect(content.flows.get(id)?.kind).toBe('guidance');
});

test('every concept entry fires its own concept (none is rewritten away by the words map first)', () => {
  const normaliser = createNormaliser(nlu.vocabulary);
  const dead = Object.entries(nlu.vocabulary.concepts).flatMap(([name, terms]) =>
    terms.filter((t) => !normaliser.features(t).includes(`#${name}`)).map((t) => `${name}: "${t}" → "${normaliser.words(t).join(' ')}"`),
  );
  expect(dead).toEqual([]);
});

test('no out-of-scope example is also a flow example', () => {
  const key = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const examples = new Set([...content.flows.values()].flatMap((f) => f.examples.map(key)));
  expect(nlu.outOfScope.filter((t) => examples.has(key(t)))).toEqual([]);
});

test("src/ imports only natural's submodules, never 'natural' itself (it prints, reads .env, costs ~160 MB)", () => {
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  const code = (f: string) => fs.readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const offenders = files(path.join(ROOT, 'src')).filter((f) => /(from\s+|require\()\s*['"]natural['"]/.test(code(f)));
  expect(offenders).toEqual([]);
});

describe('router.yaml validation', () => {
  const parse = (text: string) => () => parseYamlData(text, 'content/nlu/router.yaml', RouterConfigSchema);

  test('a flow in two tiers is reported with its line', () => {
    expect(parse('threshold: 0.7\nseverity:\n  - [a, b]\n  - [b]\n')).toThrow(/router\.yaml:4:\d+: flow "b" is in more than one place at severity\.1\.0/);
  });

  test('an unknown model setting and a bad flow id are reported with their lines', () => {
    expect(parse('threshold: 0.7\nmodel: { epoch: 3 }\n')).toThrow(/router\.yaml:2:\d+: .*at model/);
    expect(parse('threshold: 0.7\nseverity:\n  - [Not An Id]\n')).toThrow(/router\.yaml:3:\d+: a flow id/);
  });
});
