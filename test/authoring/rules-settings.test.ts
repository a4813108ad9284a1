/**
 * One test per rule that checks flows against every setting profile, each against the base
 * fixture with one small edit: missing-citation, unknown-citation, unknown-rule,
 * unresolved-placeholder.
 */
import { ACORNS, FLOW, GUARD, MESSAGES, OAK, edit, expectOne, lineOf, ofRule, problemsAfter, removeCopies } from './content-fixture';

afterAll(removeCopies);

const TELL_DSL_CITES = '          - rule: same-day-report\n';

describe('missing-citation', () => {
  it('an advice item with an empty cite list', () => {
    const { root, problems } = problemsAfter((r) =>
      edit(r, FLOW, "what it shows.\n        cite:\n          - document: national-rules\n            section: '1'\n", 'what it shows.\n        cite: []\n'),
    );
    const p = expectOne(problems, 'missing-citation', FLOW, lineOf(root, FLOW, 'cite: []'));
    expect(p).toMatchObject({ flow: 'image-shared', step: 'first-steps' });
    expect(problems).toHaveLength(1);
  });
});

describe('unknown-citation', () => {
  it('is not raised for a {rule} citation whose rule a shown item\'s setting is silent on (the engine states silence)', () => {
    const { problems } = problemsAfter((r) => edit(r, FLOW, TELL_DSL_CITES, `${TELL_DSL_CITES}          - rule: phones\n`));
    expect(problems).toEqual([]);
  });

  it('is not raised when the item is never shown for the silent setting', () => {
    const { problems } = problemsAfter((r) =>
      edit(r, FLOW, TELL_DSL_CITES, `${TELL_DSL_CITES}      - text: Lock the phone away.\n        when: { rule: phones, is: set }\n        cite:\n          - rule: phones\n`),
    );
    expect(problems).toEqual([]);
  });

  it('a setting document that another setting does not have', () => {
    const { root, problems } = problemsAfter((r) =>
      edit(r, FLOW, "what it shows.\n        cite:\n          - document: national-rules\n            section: '1'\n", "what it shows.\n        cite:\n          - document: oak-safeguarding-policy\n            section: '4.2'\n"),
    );
    const p = expectOne(problems, 'unknown-citation', FLOW, lineOf(root, FLOW, '- document: oak-safeguarding-policy'));
    expect(p.message).toContain(`${ACORNS} (setting little-acorns) has no document "oak-safeguarding-policy"`);
  });

  it('a national-rules section that does not exist, for every setting', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, "intro: The phone may hold evidence the police need.\n    items:\n      - text: 'Follow the phone rule of {{setting}}: {{rule.phones}}'\n        cite:\n          - rule: phones\n      - text: Do not look at, copy or forward the image, even to {{dsl}}, and do not delete it.\n        cite:\n          - document: national-rules\n            section: '1'", "intro: The phone may hold evidence the police need.\n    items:\n      - text: 'Follow the phone rule of {{setting}}: {{rule.phones}}'\n        cite:\n          - rule: phones\n      - text: Do not look at, copy or forward the image, even to {{dsl}}, and do not delete it.\n        cite:\n          - document: national-rules\n            section: '12'"));
    const p = expectOne(problems, 'unknown-citation', FLOW, lineOf(root, FLOW, '- document: national-rules', 'do not delete it.'));
    // secure-phone is reachable only where the phones rule is set: oak-primary.
    expect(p.message).toContain('has no section "12" in "national-rules"');
    expect(p.step).toBe('secure-phone');
  });

  it("a setting's own rule citing a section its documents lack", () => {
    const { root, problems } = problemsAfter((r) => edit(r, OAK, "section: '7.3'", "section: '7.4'"));
    const p = expectOne(problems, 'unknown-citation', OAK, lineOf(root, OAK, '- document: oak-safeguarding-policy', '  phones:'));
    expect(p.message).toContain('oak-safeguarding-policy §7.4');
    expect(problems).toHaveLength(1);
  });

  it('a guard pattern citing a national section that does not exist', () => {
    const { root, problems } = problemsAfter((r) => edit(r, GUARD, 'rule: national-rules §3', 'rule: national-rules §9'));
    const p = expectOne(problems, 'unknown-citation', GUARD, lineOf(root, GUARD, 'national-rules §9'));
    expect(p.fix).toContain('1, 2, 3, 4');
  });
});

describe('unknown-rule', () => {
  it('a condition on a rule a profile does not define names each setting file', () => {
    const { root, problems } = problemsAfter((r) =>
      edit(r, FLOW, '        when: { answer: ask-where, in: [shared-online] }', '        when: { all: [{ answer: ask-where, in: [shared-online] }, { rule: report-remove, is: set }] }'),
    );
    const found = ofRule(problems, 'unknown-rule');
    expect(found.map((p) => `${p.file}:${p.line}`).sort()).toEqual([`${ACORNS}:${lineOf(root, ACORNS, 'rules:')}`, `${OAK}:${lineOf(root, OAK, 'rules:')}`]);
    expect(found[0]?.message).toContain(`${FLOW}:${lineOf(root, FLOW, 'rule: report-remove')}`);
    expect(found[0]?.fix).toContain('rules.report-remove');
    expect(found[0]?.fix).toContain('silent: true');
    expect(problems).toHaveLength(2);
  });

  it('a {{rule.KEY}} placeholder in messages that one profile lacks', () => {
    const { root, problems } = problemsAfter((r) => {
      edit(r, OAK, '  same-day-report:\n', '  first-aid:\n    silent: true\n  same-day-report:\n');
      edit(r, MESSAGES, 'filesOnly: I can\'t look at files.', 'filesOnly: "{{rule.first-aid}} I can\'t look at files.');
      edit(r, MESSAGES, 'has happened.\noutOfScope', 'has happened."\noutOfScope');
    });
    const p = expectOne(problems, 'unknown-rule', ACORNS, lineOf(root, ACORNS, 'rules:'));
    expect(p.message).toContain(`${MESSAGES}:${lineOf(root, MESSAGES, 'filesOnly')}`);
    // A rule's text in the catalogue is a mistake whatever the settings say (it cannot be silenced).
    expect(ofRule(problems, 'rule-outside-advice')).toEqual([expect.objectContaining({ file: MESSAGES })]);
    expect(ofRule(problems, 'unresolved-placeholder')).toEqual([]);
  });
});

describe('unresolved-placeholder', () => {
  it('{{dsl.name}} where a setting names no DSL', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, 'text: Thank you. {{dsl}} has your report.', 'text: Thank you. {{dsl.name}} has your report.'));
    const p = expectOne(problems, 'unresolved-placeholder', FLOW, lineOf(root, FLOW, '{{dsl.name}}'));
    expect(p).toMatchObject({ step: 'done' });
    expect(p.message).toContain(`end text uses {{dsl.name}}, which cannot be filled for ${ACORNS}`);
    expect(problems).toHaveLength(1);
  });

  it('{{rule.KEY}} outside an advice item is a flow mistake, whatever the settings say', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, '    intro: Stay calm, listen,', '    intro: Phones - {{rule.phones}} Stay calm, listen,'));
    const p = expectOne(problems, 'rule-outside-advice', FLOW, lineOf(root, FLOW, 'intro: Phones - {{rule.phones}}'));
    expect(p.message).toContain('advice intro uses {{rule.phones}}');
    expect(p.message).not.toContain(ACORNS);
    expect(ofRule(problems, 'unresolved-placeholder')).toEqual([]);
  });

  it('is not raised for {{rule.KEY}} in an unguarded advice item where a setting is silent (the engine states silence)', () => {
    const { problems } = problemsAfter((r) => edit(r, FLOW, TELL_DSL_CITES, `${TELL_DSL_CITES}      - text: "Phones: {{rule.phones}}"\n        cite:\n          - rule: phones\n`));
    expect(problems).toEqual([]);
  });

  it('a contact placeholder in messages that one setting lacks', () => {
    const { root, problems } = problemsAfter((r) => edit(r, MESSAGES, 'call 999 now, then tell {{dsl}}.', 'call {{contact.police}} now, then tell {{dsl}}.'));
    const p = expectOne(problems, 'unresolved-placeholder', MESSAGES, lineOf(root, MESSAGES, 'danger:'));
    expect(p.message).toContain('message "danger"');
    expect(p.message).toContain(ACORNS);
  });

  it('a malformed or unknown placeholder', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, 'help the {{child}} use Report Remove', 'help the {{Child}} use Report Remove with {{dls}}'));
    const found = ofRule(problems, 'unresolved-placeholder');
    expect(found.map((p) => p.line)).toEqual([lineOf(root, FLOW, '{{dls}}'), lineOf(root, FLOW, '{{dls}}')]);
    expect(found.map((p) => p.message).join('\n')).toMatch(/malformed placeholder "\{\{Child\}\}"[\s\S]*\{\{dls\}\}, which is not a placeholder/);
  });
});
