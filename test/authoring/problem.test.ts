/** formatProblem and ContentError. */
import { ContentError, formatProblem } from '../../src/authoring/problem';
import type { Problem } from '../../src/authoring/problem';
import { SafeStepError } from '../../src/core/errors';

const problem: Problem = {
  rule: 'unknown-next',
  file: 'flows/x.yaml',
  line: 12,
  flow: 'x',
  step: 'y',
  message: 'next points at "z", which is not a step of this flow.',
  fix: 'Point it at one of: y, done.',
};

describe('formatProblem', () => {
  it('prints file:line [rule] flow, step: message Fix: fix', () => {
    expect(formatProblem(problem)).toBe(
      'flows/x.yaml:12 [unknown-next] flow x, step y: next points at "z", which is not a step of this flow. Fix: Point it at one of: y, done.',
    );
  });

  it('adds the column when known and leaves out what is missing', () => {
    expect(formatProblem({ rule: 'yaml-syntax', file: 'a.yaml', line: 3, column: 7, message: 'Bad.', fix: 'Fix it.' })).toBe('a.yaml:3:7 [yaml-syntax] Bad. Fix: Fix it.');
    expect(formatProblem({ rule: 'missing-file', file: 'flows/', message: 'No flows.', fix: 'Add one.' })).toBe('flows/ [missing-file] No flows. Fix: Add one.');
  });
});

describe('ContentError', () => {
  it('is a content_error SafeStepError carrying every problem', () => {
    const error = new ContentError([problem, { ...problem, line: 20 }]);
    expect(error).toBeInstanceOf(SafeStepError);
    expect(error.code).toBe('content_error');
    expect(error.problems).toHaveLength(2);
    expect(error.message).toContain('2 problems');
    expect(error.message).toContain('flows/x.yaml:20 [unknown-next]');
  });
});
