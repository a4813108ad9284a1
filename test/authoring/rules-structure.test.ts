/**
 * One test per structural rule, each against the base fixture with one small edit:
 * file-name-mismatch, duplicate-id, unknown-next, unreachable-step, dead-end,
 * too-few-examples, unknown-answer, pointless-question.
 */
import { copyFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { ACORNS, FLOW, OAK, edit, expectOne, lineOf, ofRule, problemsAfter, read, removeCopies, write } from './content-fixture';

afterAll(removeCopies);

const copyFile = (root: string, from: string, to: string): void => copyFileSync(path.join(root, from), path.join(root, to));

describe('file-name-mismatch', () => {
  it('a flow whose id is not its file name', () => {
    const { root, problems } = problemsAfter((r) => renameSync(path.join(r, FLOW), path.join(r, 'flows/image-share.yaml')));
    const p = expectOne(problems, 'file-name-mismatch', 'flows/image-share.yaml', lineOf(root, 'flows/image-share.yaml', 'id: image-shared'));
    expect(p.fix).toContain('flows/image-shared.yaml');
    expect(problems).toHaveLength(1);
  });

  it('a setting whose id is not its file name', () => {
    const { root, problems } = problemsAfter((r) => edit(r, OAK, 'id: oak-primary', 'id: oak-lane-primary'));
    expectOne(problems, 'file-name-mismatch', OAK, lineOf(root, OAK, 'id: oak-lane-primary'));
    expect(problems).toHaveLength(1);
  });
});

describe('duplicate-id', () => {
  it('two flows with one id name both files', () => {
    const { problems } = problemsAfter((r) => copyFile(r, FLOW, 'flows/image-shared-copy.yaml'));
    const flowDuplicates = ofRule(problems, 'duplicate-id').filter((p) => p.message.includes('both define flow'));
    expect(flowDuplicates).toHaveLength(1);
    expect(flowDuplicates[0]).toMatchObject({ file: FLOW, line: 2 });
    expect(flowDuplicates[0]?.message).toContain('flows/image-shared-copy.yaml');
  });

  it('two settings with one id name both files', () => {
    const { problems } = problemsAfter((r) => copyFile(r, OAK, 'content/settings/oak-copy.yaml'));
    const found = ofRule(problems, 'duplicate-id');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: OAK, line: 2 });
    expect(found[0]?.message).toContain('content/settings/oak-copy.yaml');
  });

  it('a choice id used twice in one question', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, '      - id: not-sure', '      - id: shared-online'));
    expectOne(problems, 'duplicate-id', FLOW, lineOf(root, FLOW, '- id: shared-online', 'label: Shared online'));
    expect(problems).toHaveLength(1);
  });

  it('a prompt id used twice in one report', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, '      - id: when-where', '      - id: what'));
    expectOne(problems, 'duplicate-id', FLOW, lineOf(root, FLOW, '- id: what', 'text: What exactly'));
    expect(problems).toHaveLength(1);
  });

  it('an example phrase used in two flows names both files', () => {
    const copy = 'flows/image-shared-again.yaml';
    const { root, problems } = problemsAfter((r) => {
      write(r, copy, read(r, FLOW).replace('id: image-shared', 'id: image-shared-again').replace('someone has shared a naked picture', 'Someone has shared a naked picture'));
    });
    const examples = ofRule(problems, 'duplicate-id');
    expect(examples).toHaveLength(16);
    // The copy sorts first (`-` before `.`), so the problems sit in the original and name the copy.
    expect(examples[0]).toMatchObject({ file: FLOW, line: lineOf(root, FLOW, '- a pupil told me a nude photo'), flow: 'image-shared' });
    expect(examples[1]?.message).toContain(`${copy}:${lineOf(root, copy, 'Someone has shared a naked picture')}`);
    expect(examples[1]?.fix).toContain(copy);
  });

  it('a setting document whose section is listed twice', () => {
    const { root, problems } = problemsAfter((r) => edit(r, ACORNS, "      - id: '8'", "      - id: '6'"));
    expectOne(problems, 'duplicate-id', ACORNS, lineOf(root, ACORNS, "- id: '6'", 'title: Allegations against staff'));
  });
});

describe('unknown-next', () => {
  it('an otherwise naming a step that does not exist', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, 'otherwise: first-steps', 'otherwise: first-step'));
    const p = expectOne(problems, 'unknown-next', FLOW, lineOf(root, FLOW, 'otherwise: first-step'));
    expect(p).toMatchObject({ flow: 'image-shared', step: 'check-phones' });
    expect(p.fix).toContain('first-steps');
    expect(problems).toHaveLength(1);
  });

  it('a start naming a step that does not exist', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, 'start: ask-where', 'start: ask-were'));
    expectOne(problems, 'unknown-next', FLOW, lineOf(root, FLOW, 'start: ask-were'));
  });
});

describe('unreachable-step', () => {
  it('a step nothing leads to', () => {
    const { root, problems } = problemsAfter((r) => write(r, FLOW, `${read(r, FLOW)}  orphan:\n    type: end\n    text: Nobody gets here.\n`));
    expect(expectOne(problems, 'unreachable-step', FLOW, lineOf(root, FLOW, '  orphan:')).step).toBe('orphan');
    expect(problems).toHaveLength(1);
  });
});

describe('dead-end', () => {
  it('a cycle with no way out to an end step', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, '    next: done', '    next: first-steps'));
    const found = ofRule(problems, 'dead-end');
    expect(found.map((p) => p.step).sort()).toEqual(['ask-where', 'check-phones', 'first-steps', 'record', 'secure-phone']);
    expect(found.find((p) => p.step === 'record')?.line).toBe(lineOf(root, FLOW, '  record:'));
    expect(found.every((p) => p.fix.includes('end step'))).toBe(true);
  });

  it('a question with no choice a setting can see', () => {
    const { root, problems } = problemsAfter((r) => {
      edit(r, FLOW, '        label: Shared online or in a group chat\n', '        label: Shared online or in a group chat\n        when: { kind: [primary] }\n');
      edit(r, FLOW, "        label: I don't know\n", "        label: I don't know\n        when: { kind: [primary] }\n");
    });
    const p = expectOne(problems, 'dead-end', FLOW, lineOf(root, FLOW, '  ask-where:'));
    expect(p.message).toContain(ACORNS);
    expect(p.message).not.toContain(OAK);
  });
});

describe('too-few-examples', () => {
  it('fewer than 15 distinct example phrases', () => {
    const { root, problems } = problemsAfter((r) => {
      edit(r, FLOW, '  - sexting between two pupils\n', '');
      edit(r, FLOW, '  - semi-nude image shared on whatsapp\n', '');
    });
    const p = expectOne(problems, 'too-few-examples', FLOW, lineOf(root, FLOW, 'examples:'));
    expect(p.message).toContain('14 distinct');
    expect(problems).toHaveLength(1);
  });
});

describe('unknown-answer', () => {
  it('a choice id the question lacks', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, 'in: [shared-online]', 'in: [online]'));
    const p = expectOne(problems, 'unknown-answer', FLOW, lineOf(root, FLOW, 'in: [online]'));
    expect(p.fix).toContain('on-a-phone-here, shared-online, not-sure');
    expect(problems).toHaveLength(1);
  });

  it('a step that is not a question', () => {
    const { root, problems } = problemsAfter((r) => edit(r, FLOW, '{ answer: ask-where, in: [on-a-phone-here] }', '{ answer: first-steps, in: [on-a-phone-here] }'));
    expectOne(problems, 'unknown-answer', FLOW, lineOf(root, FLOW, 'answer: first-steps'));
  });
});

describe('pointless-question', () => {
  it('a question whose every choice leads to the same step, unread', () => {
    const { root, problems } = problemsAfter((r) => {
      edit(r, FLOW, 'start: ask-where', 'start: who-told');
      edit(r, FLOW, '\nsteps:\n', '\nsteps:\n  who-told:\n    type: question\n    text: Who told you?\n    choices:\n      - id: child\n        label: The {{child}}\n        next: ask-where\n      - id: adult\n        label: An adult\n        next: ask-where\n');
    });
    const p = expectOne(problems, 'pointless-question', FLOW, lineOf(root, FLOW, '  who-told:'));
    expect(p.step).toBe('who-told');
    expect(problems).toHaveLength(1);
  });

  it('is not raised when the urgency differs or a condition reads the answer', () => {
    const { problems } = problemsAfter((r) => {
      edit(r, FLOW, '        next: check-phones\n        urgency: urgent\n        when:', '        next: check-phones\n        when:');
    });
    expect(problems).toEqual([]);
  });
});
