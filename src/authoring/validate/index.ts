/**
 * The meaning-level validator: runs every rule over loaded content and returns all problems
 * (never throws, performs no I/O). Each rule has a stable name; see the module of each rule.
 */
import type { ContentBundle } from '../../core/content';
import type { Problem } from '../problem';
import type { ContentSources } from '../sources';
import { clauseMap } from './clause-map';
import { createContext } from './context';
import type { ValidationRule } from './context';
import { deadEnd } from './dead-end';
import { duplicateId } from './duplicates';
import { tooFewExamples } from './examples';
import { fileNameMismatch } from './file-names';
import { forbiddenAdvice } from './forbidden-advice';
import { missingCitation } from './missing-citation';
import { unresolvedPlaceholder } from './placeholders';
import { pointlessQuestion } from './pointless-question';
import { unknownAnswer } from './unknown-answer';
import { unknownCitation } from './unknown-citation';
import { unknownNext } from './unknown-next';
import { badFollowUpChoice } from './follow-up-choice';
import { unknownRule } from './unknown-rule';
import { unreachableStep } from './unreachable';

/** Every rule, in the order their problems are most useful to read. */
export const RULES: readonly ValidationRule[] = [
  fileNameMismatch,
  duplicateId,
  unknownNext,
  unreachableStep,
  deadEnd,
  missingCitation,
  unknownCitation,
  unknownRule,
  unresolvedPlaceholder,
  tooFewExamples,
  unknownAnswer,
  badFollowUpChoice,
  pointlessQuestion,
  forbiddenAdvice,
  clauseMap,
];

/** All meaning-level problems of the content; `sources` supplies files and lines. */
export function validate(bundle: ContentBundle, sources: ContentSources): Problem[] {
  const ctx = createContext(bundle, sources);
  return RULES.flatMap((rule) => rule.check(ctx));
}
