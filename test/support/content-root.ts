/**
 * The content root the generic suites walk: the repository, or SAFESTEP_CONTENT_ROOT (e.g. a copy
 * with a fifth setting added), so every suite that walks settings walks whatever settings exist.
 * Policy texts are read from <root>/../shared/policies, as in the repository.
 */
import path from 'node:path';

/** Absolute path of the content root under test. */
export function contentRoot(): string {
  const fromEnv = process.env.SAFESTEP_CONTENT_ROOT;
  return fromEnv ? path.resolve(fromEnv) : path.resolve(__dirname, '..', '..');
}
