/**
 * One thing wrong with the authored content, as the validator and loader report it: which
 * rule, where (file, line, flow, step), what is wrong and how to fix it.
 */
import { SafeStepError } from '../core/errors';

/** A content problem. `file` is relative to the content root, with forward slashes. */
export interface Problem {
  /** Stable rule name, e.g. `unknown-next`. */
  rule: string;
  file: string;
  /** 1-based line of the offending node (or its nearest existing ancestor). */
  line?: number;
  /** 1-based column, given for YAML syntax errors. */
  column?: number;
  flow?: string;
  step?: string;
  message: string;
  fix: string;
}

/** `flows/x.yaml:12 [unknown-next] flow x, step y: … Fix: …` */
export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  const scope = [p.flow && `flow ${p.flow}`, p.step && `step ${p.step}`].filter(Boolean).join(', ');
  return `${where} [${p.rule}] ${scope ? `${scope}: ` : ''}${p.message} Fix: ${p.fix}`;
}

/** Orders problems by file, then line, so output is stable and easy to scan. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule),
  );
}

/** The content could not be loaded; `problems` lists everything found, not just the first. */
export class ContentError extends SafeStepError {
  constructor(readonly problems: Problem[]) {
    super(
      'content_error',
      `The content has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`,
    );
    this.name = 'ContentError';
  }
}
