/** yaml-source: data paths back to lines; syntax errors to line:column. */
import { parseYaml } from '../../src/authoring/yaml-source';
import type { YamlSource } from '../../src/authoring/yaml-source';

const TEXT = [
  'id: demo', //                          1
  'steps:', //                            2
  '  ask-where:', //                      3
  '    type: question', //                4
  '    choices:', //                      5
  '      - id: here', //                  6
  '        next: done', //                7
  '      - id: there', //                 8
  '        label: There', //              9
  '        next: done', //               10
  '        when: { kind: [primary] }', // 11
  '  done: &end', //                     12
  '    type: end', //                    13
  '  again: *end', //                    14
  '',
].join('\n');

function source(text: string): YamlSource {
  const parsed = parseYaml(text, 'flows/demo.yaml');
  if (!parsed.source) throw new Error('expected valid YAML');
  return parsed.source;
}

describe('lineOf', () => {
  const s = source(TEXT);

  it('maps a path to the line of its key or item', () => {
    expect(s.lineOf(['id'])).toBe(1);
    expect(s.lineOf(['steps', 'ask-where'])).toBe(3);
    expect(s.lineOf(['steps', 'ask-where', 'choices', 1])).toBe(8);
    expect(s.lineOf(['steps', 'ask-where', 'choices', 1, 'next'])).toBe(10);
    expect(s.lineOf(['steps', 'ask-where', 'choices', 1, 'when', 'kind', 0])).toBe(11);
  });

  it('falls back to the nearest existing ancestor', () => {
    expect(s.lineOf(['steps', 'ask-where', 'choices', 1, 'urgency'])).toBe(8);
    expect(s.lineOf(['steps', 'ask-where', 'choices', 7, 'next'])).toBe(5);
    expect(s.lineOf(['steps', 'missing', 'text'])).toBe(2);
    expect(s.lineOf([])).toBe(1);
  });

  it('follows aliases', () => {
    expect(s.lineOf(['steps', 'again', 'type'])).toBe(13);
  });

  it('keeps the parsed data', () => {
    expect(s.data).toMatchObject({ id: 'demo', steps: { again: { type: 'end' } } });
  });

  it('copes with an empty document', () => {
    expect(source('').lineOf(['id'])).toBe(1);
  });
});

describe('syntax errors', () => {
  it('become one yaml-syntax problem with file and line:column', () => {
    const parsed = parseYaml('id: demo\ntitle: Where: here\n', 'flows/demo.yaml');
    expect(parsed.source).toBeUndefined();
    expect(parsed.problems).toEqual([
      expect.objectContaining({ rule: 'yaml-syntax', file: 'flows/demo.yaml', line: 2, column: 8 }),
    ]);
    expect(parsed.problems[0]?.message).toMatch(/^YAML syntax error: .+\.$/);
  });

  it('a tab used for indentation is named', () => {
    const parsed = parseYaml('id: demo\nsteps:\n\ta: 1\n', 'flows/demo.yaml');
    expect(parsed.problems[0]).toMatchObject({ rule: 'yaml-syntax', line: 3, column: 1 });
  });
});
