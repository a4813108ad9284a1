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
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { codeKey } from '../authoring/check-stamp';
import type { YamlMemo } from '../authoring/yaml-memo';
import { SafeStepError } from '../core/errors';
import { parseYamlData } from './yaml-data';

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

/**
 * The staff messages of a content root as a start sees them: `key` names the file's exact bytes
 * (sha256) and the code that reads them (this module, the YAML reader, zod's and yaml's versions:
 * check-stamp.ts codeKey), and `messages()` reads, parses and checks the file only when asked.
 * The router keys its model cache on `key` (router.ts), so a warm start never parses the file
 * (1.8 MB of YAML, ~20 MB allocated: docs/startup-notes.md, tenth round); an edited file has
 * another key, so the first start after the edit parses it, and a broken file fails there with
 * file and line. The parse is kept out of the YAML memo, whose file every start reads whole.
 */
export interface StaffMessagesFile {
  readonly key: string;
  /** The messages, as staffMessagesOf gives them; throws content_error naming file and line. */
  messages(): StaffMessage[];
}

/** A YAML memo that keeps and gives nothing (yaml-data.ts parses the text with positions). */
const NO_MEMO: YamlMemo = { get: () => undefined, set: () => undefined, retain: () => false, setData: () => undefined, save: () => undefined };

/** Parses and checks the staff messages `text` (the contents of `file`), never through the YAML memo. */
export function parseStaffMessages(text: string, file: string): StaffMessage[] {
  return staffMessagesOf(parseYamlData(text, file, StaffMessagesSchema, { memo: NO_MEMO }));
}

/** `file` under `root` (which must exist) as a StaffMessagesFile: read now only to hash its bytes. */
export function staffMessagesFile(root: string, file: string): StaffMessagesFile {
  const full = path.join(root, file);
  const read = (): Buffer => {
    try {
      return fs.readFileSync(full);
    } catch (cause) {
      throw new SafeStepError('content_error', `${file}: cannot read file`, { cause });
    }
  };
  const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const bytes = digest(read());
  const key = createHash('sha256').update(`staff-messages\0${codeKey(__filename)}\0${bytes}`).digest('hex');
  return {
    key,
    messages() {
      const now = read();
      // The key named the bytes read at the start: a model trained on other bytes must not be stored under it.
      if (digest(now) !== bytes) throw new SafeStepError('content_error', `${file}: changed while SafeStep was starting; start it again`);
      return parseStaffMessages(now.toString('utf8'), file);
    },
  };
}
