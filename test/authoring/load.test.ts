/** Loading: the valid base fixture, YAML syntax errors, zod shape errors, missing files. */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspectContent, loadContent } from '../../src/authoring/load';
import { ContentError } from '../../src/authoring/problem';
import { BASE, FLOW, MESSAGES, OAK, edit, expectOne, lineOf, problemsAfter, removeCopies } from './content-fixture';

afterAll(removeCopies);

describe('the valid base fixture', () => {
  it('has no problems and loads into a bundle', () => {
    const { bundle, problems, sources } = inspectContent(BASE);
    expect(problems).toEqual([]);
    expect(bundle && [...bundle.flows.keys()]).toEqual(['image-shared']);
    expect(bundle && [...bundle.settings.keys()].sort()).toEqual(['little-acorns', 'oak-primary']);
    expect(bundle?.national.id).toBe('national-rules');
    expect(sources.flows.map((f) => f.file)).toEqual([FLOW]);
  });

  it('loadContent returns the same bundle', () => {
    expect(loadContent(BASE).flows.get('image-shared')?.start).toBe('ask-where');
  });
});

describe('loadContent on broken content', () => {
  it('throws a ContentError (content_error) listing every problem', () => {
    const { root } = problemsAfter((r) => {
      edit(r, FLOW, 'start: ask-where', 'start: ask-where\nextra: 1');
      edit(r, OAK, "section: '7.3'", "section: '7.4'");
    });
    let thrown: unknown;
    try {
      loadContent(root);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ContentError);
    const error = thrown as ContentError;
    expect(error.code).toBe('content_error');
    expect(error.problems.map((p) => `${p.file} ${p.rule}`)).toEqual([`${OAK} unknown-citation`, `${FLOW} invalid-shape`]);
    expect(error.message).toContain(`${FLOW}:${lineOf(root, FLOW, 'extra: 1')} [invalid-shape]`);
  });
});

describe('YAML syntax errors', () => {
  it('name the file and line:column', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, 'when: { kind: [primary, junior] }', 'when: { kind: [primary, junior }'));
    const problem = expectOne(problems, 'yaml-syntax', FLOW, lineOf(root, FLOW, 'when: { kind: [primary, junior }'));
    expect(problem.column).toBeGreaterThan(1);
    expect(problem.message).toMatch(/^YAML syntax error: /);
    expect(problems).toHaveLength(1);
  });

  it('report a repeated key with a specific fix', () => {
    const { root, problems } = problemsAfter((r) => edit(r, OAK, 'childTerm: pupil\n', 'childTerm: pupil\nchildTerm: child\n'));
    const problem = expectOne(problems, 'yaml-syntax', OAK, lineOf(root, OAK, 'childTerm: child'));
    expect(problem.column).toBe(1);
    expect(problem.fix).toMatch(/repeated key/);
  });
});

describe('shape (zod) errors', () => {
  it('a typo in a key names file, line, flow and step', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, '    help: Answer from', '    hlep: Answer from'));
    const problem = expectOne(problems, 'invalid-shape', FLOW, lineOf(root, FLOW, 'hlep:'));
    expect(problem).toMatchObject({ flow: 'image-shared', step: 'ask-where' });
    expect(problem.message).toContain('"hlep"');
    expect(problem.fix).toContain('schemas/flow.schema.json');
    expect(problems).toHaveLength(1);
  });

  it('a mistyped condition is matched to its closest form', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, '{ answer: ask-where, in: [shared-online] }', '{ answr: ask-where, in: [shared-online] }'));
    const found = problems.filter((p) => p.rule === 'invalid-shape');
    expect(found.map((p) => p.line)).toEqual([lineOf(root, FLOW, 'answr'), lineOf(root, FLOW, 'answr')]);
    expect(found.map((p) => p.message).join(' ')).toMatch(/"answer" is missing.*"answr"|"answr".*"answer" is missing/);
  });

  it('an unquoted section number asks for quotes', () => {
    const { root, problems } = problemsAfter((r) => edit(r, OAK, "      - id: '7.3'", '      - id: 7.3'));
    const problem = expectOne(problems, 'invalid-shape', OAK, lineOf(root, OAK, 'id: 7.3'));
    expect(problem.fix).toContain('Quote the value ("7.3")');
  });

  it('an unknown step type lists the allowed types', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, '    type: end', '    type: finish'));
    const problem = expectOne(problems, 'invalid-shape', FLOW, lineOf(root, FLOW, 'type: finish'));
    expect(problem.fix).toContain('question, advice, branch, report, end');
  });
});

describe('files', () => {
  it('a missing content/messages.yaml is reported', () => {
    const { problems } = problemsAfter((r) => rmSync(path.join(r, MESSAGES)));
    expect(problems).toEqual([expect.objectContaining({ rule: 'missing-file', file: MESSAGES })]);
  });

  it('a .yml flow is reported, not silently ignored', () => {
    const { problems } = problemsAfter((r) => {
      writeFileSync(path.join(r, 'flows', 'draft.yml'), 'id: draft\n');
    });
    expect(problems).toEqual([expect.objectContaining({ rule: 'file-name-mismatch', file: 'flows/draft.yml' })]);
  });

  it('no flows at all is a problem', () => {
    const { problems } = problemsAfter((r) => renameSync(path.join(r, FLOW), path.join(r, 'flows', 'image-shared.txt')));
    expect(problems).toEqual([expect.objectContaining({ rule: 'missing-file', file: 'flows/' })]);
  });
});
