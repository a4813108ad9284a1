/**
 * The shape of a transcript test (test/transcripts/*.yaml): a conversation in, the replies and
 * the stored report expected out. Replies must match one for one, in order.
 */
import { z } from 'zod';

const ReplyExpectation = z.strictObject({
  type: z.enum(['text', 'question', 'advice', 'danger', 'warning', 'report', 'error']),
  id: z.string().optional(),
  includes: z.array(z.string()).optional(),
  excludes: z.array(z.string()).optional(),
  choices: z.array(z.string()).optional(),
  cites: z.array(z.string()).optional(),
  urgency: z.enum(['immediate', 'urgent', 'routine']).optional(),
});

export const TranscriptSchema = z.strictObject({
  name: z.string(),
  setting: z.string(),
  user: z.strictObject({ id: z.string(), name: z.string().optional(), role: z.string().optional() }),
  turns: z.array(
    z.strictObject({
      send: z.strictObject({
        text: z.string().optional(),
        choice: z.string().optional(),
        files: z.array(z.strictObject({ name: z.string() })).optional(),
      }),
      expect: z.array(ReplyExpectation),
    }),
  ),
  report: z
    .strictObject({
      flowId: z.string(),
      urgency: z.enum(['immediate', 'urgent', 'routine']),
      dangerFlagged: z.boolean().optional(),
      dangerAnswer: z.enum(['yes', 'no', 'unclear']).optional(),
      answers: z.array(z.string()).optional(),
      includes: z.array(z.string()).optional(),
      excludes: z.array(z.string()).optional(),
    })
    .nullable(),
});

export type Transcript = z.output<typeof TranscriptSchema>;
export type ReplyExpectation = z.output<typeof ReplyExpectation>;
