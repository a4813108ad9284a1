/**
 * Reads a labelled dev set (test/nlu/dev-set.yaml): messages as staff write them, each with the
 * flow it should go to (null: out of scope), whether it signals immediate danger, and for a
 * message with two topics the second one. Used by the floors test and `npm run bench`.
 * Reads one file; errors name the file, line and field.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { SafeStepError } from '../core/errors';
import type { LabelledMessage } from './evaluate';
import { parseYamlData } from './yaml-data';

const flowId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a flow id');

/** Shape of a dev-set file. */
export const DevSetSchema = z.strictObject({
  cases: z
    .array(
      z.strictObject({
        text: z.string().min(1),
        flow: flowId.nullable(),
        danger: z.boolean(),
        also: flowId.optional(),
        note: z.string().optional(),
        /** Real-world sets only: the public page a message was adapted from, and its kind. */
        source: z.string().optional(),
        kind: z.enum(['forum', 'news', 'case-study', 'guidance-faq', 'helpline']).optional(),
      }),
    )
    .min(1),
});

/** One labelled message of a dev set. */
export type DevCase = z.output<typeof DevSetSchema>['cases'][number] & LabelledMessage;

/** The dev set's file, relative to the project root. */
export const DEV_SET_FILE = 'test/nlu/dev-set.yaml';

/** A smaller set written after the router was tuned on the dev set, never tuned against. */
export const FRESH_SET_FILE = 'test/nlu/fresh-set.yaml';

/** Reads and validates a dev set; throws content_error naming file and line. */
export function readDevSet(file: string, label = file): DevCase[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new SafeStepError('content_error', `${label}: cannot read file`, { cause });
  }
  return parseYamlData(text, label, DevSetSchema).cases;
}
