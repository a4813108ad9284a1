/**
 * The question bank is validated by schema and by meaning: the real banks pass; each rule is
 * shown failing on one small edit to a valid fixture, naming file and line; and `safestep
 * validate` reports quiz problems in the same format and exits 1.
 */
import { PassThrough } from 'node:stream';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { formatProblem } from '../../src/authoring/problem';
import { validate } from '../../src/cli/commands/validate';
import { QUESTION_RANGE, MIN_AREAS } from '../../src/quiz/validate/counts';
import { MIN_SHARED_AREAS, SHARED_ONLY_MIN } from '../../src/quiz/default-bank';
import { contentRoot } from '../support/content-root';
import { sentenceCount } from '../../src/quiz/validate/texts';
import { OAK, edit, expectOne, lineOf, ofRule, read, removeCopies, write } from '../authoring/content-fixture';
import { ACORNS_BANK, OAK_BANK, QUIZ_MESSAGES, SHARED, copyQuizFixture, inspectQuizAt, quizProblemsAfter, realContent, realQuiz } from './fixture';

afterAll(removeCopies);

describe('the real question banks', () => {
  test('pass every check', () => {
    const { quiz } = inspectQuizAt(contentRoot());
    expect(quiz.problems.map(formatProblem)).toEqual([]);
    expect(quiz.present).toBe(true);
  });

  const settingIds = [...realContent().content.settings.keys()];
  test.each(settingIds)('%s: 15-25 questions over at least 4 areas (with its own bank; else the shared minimum), each cited, one right answer', (id) => {
    const q = realQuiz(id);
    const own = realContent().quiz.settings.get(id)!.version > 0;
    expect(q.questions.length).toBeGreaterThanOrEqual(own ? QUESTION_RANGE.min : SHARED_ONLY_MIN);
    expect(q.questions.length).toBeLessThanOrEqual(QUESTION_RANGE.max);
    expect(new Set(q.questions.map((x) => x.area)).size).toBeGreaterThanOrEqual(own ? MIN_AREAS : MIN_SHARED_AREAS);
    for (const question of q.questions) {
      expect(question.citations.length).toBeGreaterThan(0);
      expect(question.options.filter((o) => o.id === question.correct)).toHaveLength(1);
      expect(question.options.length).toBeGreaterThanOrEqual(3);
    }
    expect(q.passMark).toBe(80);
    expect(q.questionsPerQuiz).toBe(10);
  });

  test('every setting gets the national rules on indecent images', () => {
    for (const s of realContent().content.settings.values()) {
      const national = realQuiz(s.id).questions.filter((q) => q.citations.some((c) => c.document === 'national-rules' && c.section === '1'));
      expect(national.map((q) => q.id)).toEqual(expect.arrayContaining(['nude-image-first-steps', 'nude-image-dsl-wants-to-see']));
    }
  });

  test('every setting gets national rules §5 (AI-made images; sextortion where children are old enough to be targeted)', () => {
    for (const s of realContent().content.settings.values()) {
      const bank = realQuiz(s.id).questions;
      const fifth = bank.filter((q) => q.citations.some((c) => c.document === 'national-rules' && c.section === '5')).map((q) => q.id);
      expect(fifth).toEqual(expect.arrayContaining(s.kind === 'early-years' ? ['ai-made-image'] : ['ai-made-image', 'sextortion-first-steps']));
      for (const q of bank.filter((x) => fifth.includes(x.id))) {
        const right = q.options.find((o) => o.id === q.correct)!.text;
        expect(right).toMatch(q.id === 'ai-made-image' ? /exactly like a real/ : /not to pay or delete anything/);
        expect(right).not.toMatch(/forward|screenshot/i);
      }
    }
  });
});

describe('quiz validation rules, one broken fixture each', () => {
  test('the fixture itself is valid', () => {
    const { quiz } = inspectQuizAt(copyQuizFixture());
    expect(quiz.problems).toEqual([]);
    expect([...quiz.quiz!.settings.keys()].sort()).toEqual(['little-acorns', 'oak-primary']);
  });

  test('a question without a citation fails the schema', () => {
    const { root, problems } = quizProblemsAfter((r) => edit(r, SHARED, '    cite: [{ document: national-rules, section: "1" }]\n  - { id: n2', '  - { id: n2'));
    const p = expectOne(problems, 'invalid-shape', SHARED, lineOf(root, SHARED, 'id: n1'));
    expect(p.message).toContain('"cite" is missing');
  });

  test('a citation of a section that does not exist', () => {
    const { root, problems } = quizProblemsAfter((r) => edit(r, SHARED, 'explanation: "Never ask a child for the image.", cite: [{ document: national-rules, section: "1" }]', 'explanation: "Never ask a child for the image.", cite: [{ document: national-rules, section: "9" }]'));
    const p = expectOne(problems, 'quiz-citation', SHARED, lineOf(root, SHARED, 'id: n3'));
    expect(p.message).toContain('national-rules §9');
  });

  test('a shared question quoting or citing a rule a setting is silent on is left out there, with no problem', () => {
    const { problems } = quizProblemsAfter((r) => edit(r, SHARED, '    when: { rule: phones, is: set }\n', ''));
    expect(problems).toEqual([]);
  });

  test('a {rule} citation in a setting\'s own question where that setting is silent on it', () => {
    const { root, problems } = quizProblemsAfter((r) => edit(r, ACORNS_BANK, 'cite: [{ document: acorns-safeguarding, section: "3" }]', 'cite: [{ rule: phones }]'));
    const p = expectOne(problems, 'quiz-citation', ACORNS_BANK, lineOf(root, ACORNS_BANK, 'cite: [{ rule: phones }]'));
    expect(p.message).toContain('little-acorns, the policy is silent on rule "phones"');
  });

  test('two right answers, and none', () => {
    const two = quizProblemsAfter((r) => edit(r, SHARED, '{ id: b, text: "Keep a copy as evidence." }', '{ id: b, text: "Keep a copy as evidence.", correct: true }'));
    expect(expectOne(two.problems, 'quiz-correct-answer', SHARED, lineOf(two.root, SHARED, 'options:')).message).toContain('more than one option is right for little-acorns, oak-primary (options a, b)');
    const none = quizProblemsAfter((r) => edit(r, OAK_BANK, '"Before the end of the school day.", correct: true', '"Before the end of the school day."'));
    expect(expectOne(none.problems, 'quiz-correct-answer', OAK_BANK, lineOf(none.root, OAK_BANK, 'options:')).message).toContain('no option is right for oak-primary');
  });

  test('a duplicate question id names both files', () => {
    const { root, problems } = quizProblemsAfter((r) => edit(r, ACORNS_BANK, 'id: acorns-report', 'id: n11'));
    const p = expectOne(problems, 'quiz-duplicate-id', ACORNS_BANK, lineOf(root, ACORNS_BANK, 'id: n11'));
    expect(p.message).toContain(`in ${SHARED} (at ${SHARED}:${lineOf(root, SHARED, 'id: n11')})`);
    expect(p.fix).toContain(ACORNS_BANK);
  });

  test('two options with one id, and too few options', () => {
    const dup = quizProblemsAfter((r) => edit(r, SHARED, '{ id: b, text: "You." }', '{ id: a, text: "You." }'));
    expect(expectOne(dup.problems, 'quiz-duplicate-id', SHARED, lineOf(dup.root, SHARED, 'id: n2')).message).toContain('option id "a" is used twice');
    const few = quizProblemsAfter((r) => edit(r, SHARED, ', { id: c, text: "The class." }', ''));
    expect(expectOne(few.problems, 'invalid-shape', SHARED, lineOf(few.root, SHARED, 'id: n2')).message).toContain('options');
  });

  test('a placeholder that cannot be filled, and an unknown rule', () => {
    const gap = quizProblemsAfter((r) => edit(r, ACORNS_BANK, 'text: "What do you do with a concern at Little Acorns?"', 'text: "Who decides? {{rule.phones}}"'));
    expect(expectOne(gap.problems, 'quiz-placeholder', ACORNS_BANK, lineOf(gap.root, ACORNS_BANK, 'Who decides? {{rule.phones}}')).message).toContain('little-acorns: the policy is silent on "phones"');
    const typo = quizProblemsAfter((r) => edit(r, SHARED, 'when: { rule: phones, is: set }', 'when: { rule: phonez, is: set }'));
    expect(expectOne(typo.problems, 'quiz-unknown-rule', SHARED, lineOf(typo.root, SHARED, 'when: { rule: phonez')).message).toContain('"phonez"');
  });

  test('a rule the quiz uses that one profile lacks (others define it) is that profile\'s to fix', () => {
    const { root, problems } = quizProblemsAfter((r) => {
      edit(r, OAK, '\nrules:\n', '\nrules:\n  lockers:\n    silent: true\n');
      edit(r, SHARED, 'explanation: "The DSL decides.", cite: [{ document: national-rules, section: "1" }]', 'explanation: "The DSL decides.", cite: [{ document: national-rules, section: "1" }, { rule: lockers }]');
    });
    const p = expectOne(problems, 'quiz-unknown-rule', 'content/settings/little-acorns.yaml', lineOf(root, 'content/settings/little-acorns.yaml', 'rules:'));
    expect(p.fix).toContain('Add rules.lockers to content/settings/little-acorns.yaml');
  });

  test('an explanation of three sentences, and one too long', () => {
    const three = quizProblemsAfter((r) => edit(r, SHARED, 'explanation: "The DSL decides."', 'explanation: "The DSL decides. Not you. Not the class."'));
    expect(expectOne(three.problems, 'quiz-explanation', SHARED, lineOf(three.root, SHARED, 'id: n2')).message).toContain('3 sentences');
    const long = quizProblemsAfter((r) => edit(r, SHARED, 'explanation: "The DSL decides."', `explanation: "The DSL decides${', always'.repeat(60)}."`));
    expect(expectOne(long.problems, 'quiz-explanation', SHARED, lineOf(long.root, SHARED, 'id: n2')).message).toContain('the limit is 400');
    expect(sentenceCount('Tell the DSL, e.g. Mr Drury. Then wait.')).toBe(2);
  });

  test('a right answer or explanation that tells staff to do what the national rules forbid', () => {
    const { root, problems } = quizProblemsAfter((r) => edit(r, SHARED, 'explanation: "It may be evidence."', 'explanation: "Delete the image once the DSL has seen it."'));
    const p = expectOne(problems, 'quiz-forbidden-advice', SHARED, lineOf(root, SHARED, 'id: n4'));
    expect(p.message).toContain('"Delete the image"');
  });

  test('too few questions, too few areas, and a draw that cannot cover the areas', () => {
    const few = quizProblemsAfter((r) => edit(r, SHARED, '  - { id: n13,', '  - { id: n13, when: { kind: [primary] },'));
    expect(expectOne(few.problems, 'quiz-question-count', ACORNS_BANK, lineOf(few.root, ACORNS_BANK, 'questions:')).message).toContain('14 questions apply');
    const areas = quizProblemsAfter((r) => write(r, SHARED, read(r, SHARED).replace(/area: (devices|danger)/g, 'area: images')));
    expect(ofRule(areas.problems, 'quiz-areas').map((p) => p.message)).toEqual([expect.stringContaining('2 policy area(s)'), expect.stringContaining('2 policy area(s)')]);
    const small = quizProblemsAfter((r) => edit(r, ACORNS_BANK, 'questionsPerQuiz: 4', 'questionsPerQuiz: 3'));
    expect(expectOne(small.problems, 'quiz-questions-per-quiz', ACORNS_BANK, lineOf(small.root, ACORNS_BANK, 'questionsPerQuiz')).message).toContain('fewer than the 4 policy areas');
  });

  test('a setting without a bank gets the shared questions, or is told to add its own when too few apply', () => {
    const enough = quizProblemsAfter((r) => rmSync(path.join(r, ACORNS_BANK)));
    expect(enough.problems).toEqual([]);
    const tooFew = quizProblemsAfter((r) => {
      rmSync(path.join(r, ACORNS_BANK));
      write(r, SHARED, read(r, SHARED).replace(/\{ id: n(\d+), area:/g, (m, n: string) => (Number(n) > SHARED_ONLY_MIN - 1 ? `{ id: n${n}, when: { kind: [primary] }, area:` : m)));
    });
    expect(tooFew.problems.map((x) => `${x.file} ${x.rule}`)).toEqual(['content/settings/little-acorns.yaml quiz-question-count']);
    const p = tooFew.problems[0]!;
    expect(p.message).toContain(`no quiz bank of its own, and only ${SHARED_ONLY_MIN - 1} shared question(s)`);
    expect(p.fix).toContain(ACORNS_BANK);
  });

  test('a bank with the wrong name, and a quiz message placeholder', () => {
    const named = quizProblemsAfter((r) => edit(r, OAK_BANK, 'setting: oak-primary', 'setting: little-acorns'));
    expect(ofRule(named.problems, 'quiz-file-name')[0]).toMatchObject({ file: OAK_BANK, line: 1 });
    const message = quizProblemsAfter((r) => edit(r, QUIZ_MESSAGES, 'resume: "Welcome back', 'resume: "{{scores}} Welcome back'));
    expect(expectOne(message.problems, 'quiz-placeholder', QUIZ_MESSAGES, lineOf(message.root, QUIZ_MESSAGES, 'resume:')).message).toContain('{{scores}}');
  });
});

describe('safestep validate and the quiz', () => {
  function run(root: string) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = { stdout: '', stderr: '' };
    stdout.on('data', (c: Buffer) => (out.stdout += c.toString()));
    stderr.on('data', (c: Buffer) => (out.stderr += c.toString()));
    return { io: { stdin: new PassThrough(), stdout, stderr, root, env: { SAFESTEP_TODAY: '2026-01-01' } }, out };
  }

  test('a valid bank adds a second summary line', async () => {
    const r = run(copyQuizFixture());
    expect(await validate([], r.io)).toBe(0);
    expect(r.out.stdout).toBe('validate: 1 flows, 2 settings OK\nvalidate: notice: no DSL sign-off is recorded for 2 settings (established content, served): little-acorns, oak-primary\nvalidate: quiz banks for 2 settings OK\n');
  });

  test('quiz problems are printed as file:line [rule] … Fix: …, and fail the run', async () => {
    const root = copyQuizFixture();
    edit(root, SHARED, '{ id: b, text: "You." }', '{ id: b, text: "You.", correct: true }');
    const r = run(root);
    expect(await validate([], r.io)).toBe(1);
    expect(r.out.stdout).toBe('validate: 1 problem\n');
    expect(r.out.stderr).toBe(`${SHARED}:${lineOf(root, SHARED, 'id: n2')} [quiz-correct-answer] question "n2": more than one option is right for little-acorns, oak-primary (options a, b). Fix: Keep exactly one right option per setting: make the "correctWhen" conditions exclusive, or remove a "correct: true".\n`);
  });
});
