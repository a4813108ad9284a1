/**
 * The citations a profile gives for its own people (who the DSL and deputies are, where the
 * policy names them) are checked like every other citation, with file and line; a document's
 * front page ("preamble") is citable; a flow's {profile: FIELD} citation and condition load.
 */
import { FLOW, OAK, edit, expectOne, lineOf, problemsAfter, removeCopies } from './content-fixture';

afterAll(removeCopies);

const DSL = '    name: Sam Patel\n    role: Designated Safeguarding Lead\n';

describe('profile citations of people', () => {
  it('a DSL cited to a section its document does not have is an unknown-citation, at that line', () => {
    const { root, problems } = problemsAfter((r) =>
      edit(r, OAK, DSL, `${DSL}    cite:\n      - document: oak-safeguarding-policy\n        section: '99.9'\n`),
    );
    const p = expectOne(problems, 'unknown-citation', OAK, lineOf(root, OAK, "section: '99.9'") - 1);
    expect(p.message).toContain('99.9');
    expect(problems).toHaveLength(1);
  });

  it('the front page and a listed section are fine', () => {
    const { problems } = problemsAfter((r) =>
      edit(r, OAK, DSL, `${DSL}    cite:\n      - document: oak-safeguarding-policy\n        section: preamble\n      - document: oak-safeguarding-policy\n        section: '4.2'\n`),
    );
    expect(problems).toEqual([]);
  });

  it('a misspelt profile field in a flow is a schema error naming the file', () => {
    const { problems } = problemsAfter((r) => edit(r, FLOW, '          - rule: same-day-report\n', '          - rule: same-day-report\n          - profile: dls\n'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.file).toBe(FLOW);
  });
});

describe('a {profile} citation in a flow', () => {
  it('for a profile that gives no citation for that fact is an unknown-citation naming the setting', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, '          - rule: same-day-report\n', '          - rule: same-day-report\n          - profile: dsl\n'));
    const p = expectOne(problems, 'unknown-citation', FLOW, lineOf(root, FLOW, '- profile: dsl'));
    expect(p.message).toContain('gives no citation for its dsl');
    expect(p.fix).toContain('give the dsl a `cite:`');
  });
});
