/**
 * The JSON-lines chat protocol's input side: each line is one JSON object.
 *   {"user": {"id","name","role"}}             optional, first line only
 *   {"text": "..."} | {"choice": "<id>"} | {"files": [{"name": "x.jpg"}], "text"?: "..."}
 * Parsing never throws: a bad line becomes an error the session survives.
 */
import { z } from 'zod';
import type { FileRef, UserRef } from '../../core/host';

const UserLine = z.strictObject({
  user: z.strictObject({
    id: z.string().min(1).max(200),
    name: z.string().max(200).optional(),
    role: z.string().max(200).optional(),
  }),
});

const MessageLine = z
  .strictObject({
    text: z.string().optional(),
    choice: z.string().min(1).max(200).optional(),
    files: z
      .array(z.strictObject({ name: z.string().max(500), mimeType: z.string().max(200).optional() }))
      .max(50)
      .optional(),
  })
  .refine((m) => m.text !== undefined || m.choice !== undefined || m.files !== undefined, {
    message: 'a line needs "text", "choice" or "files"',
  });

/** One parsed input line. */
export type ProtocolLine =
  | { kind: 'user'; user: UserRef }
  | { kind: 'message'; text?: string; choice?: string; files?: FileRef[] }
  | { kind: 'error'; text: string };

/** Parses one line of the protocol. */
export function parseLine(line: string): ProtocolLine {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { kind: 'error', text: 'That line is not valid JSON. Send one JSON object per line, e.g. {"text": "..."}.' };
  }
  const user = UserLine.safeParse(data);
  if (user.success) return { kind: 'user', user: user.data.user };
  const message = MessageLine.safeParse(data);
  if (message.success) return { kind: 'message', ...message.data };
  return { kind: 'error', text: `That line is not a SafeStep message: ${z.prettifyError(message.error)}` };
}
