/**
 * Real staff messages the router also trains on (content/nlu/staff-messages.yaml, issue 12 round
 * 4): long, narrative messages in several authors' words, beside the flows' short example phrases,
 * so the model sees how different people really describe each situation. Keyed by flow id
 * (`out-of-scope` for everyday questions no flow covers); each message keeps who wrote it
 * (`author`), which tuning part it came from (`from`, e.g. "tune-2.yaml#14") and the public page it
 * was adapted from (`source`). The file is generated from the real-world tuning parts by
 * test/nlu/real-world/to-training.mjs, never written by hand, and never from a holdout (a test
 * checks that no holdout message is a copy or light edit of one). Validated at load (file and
 * line); a flow key that is not a flow is reported by `safestep validate`.
 */
import { z } from 'zod';

/** The key for messages that belong to no flow. */
export const OUT_OF_SCOPE_KEY = 'out-of-scope';

const key = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a flow id (lower-case words joined by hyphens) or out-of-scope');

/** One message as written in the file. */
const MessageSchema = z.strictObject({
  text: z.string().trim().min(3),
  author: z.string().regex(/^[A-Za-z0-9]+$/, 'a short author code, e.g. 1, C or D'),
  from: z.string().regex(/^[a-z0-9-]+\.yaml#[0-9]+$/, 'the tuning part and case number, e.g. tune-2.yaml#14'),
  source: z.string().min(1),
});

/** content/nlu/staff-messages.yaml */
export const StaffMessagesSchema = z.strictObject({ messages: z.record(key, z.array(MessageSchema).min(1)) });

/** One training message with its flow (null: out of scope). */
export interface StaffMessage {
  text: string;
  flow: string | null;
  author: string;
  from: string;
  source: string;
}

/** The file's messages, flattened, in file order. */
export function staffMessagesOf(file: z.output<typeof StaffMessagesSchema>): StaffMessage[] {
  return Object.entries(file.messages).flatMap(([flow, list]) => list.map((m) => ({ ...m, flow: flow === OUT_OF_SCOPE_KEY ? null : flow })));
}
