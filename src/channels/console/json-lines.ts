/**
 * `safestep chat --json`: drives a conversation over JSON lines (see protocol.ts). Writes one
 * JSON object per reply, then {"type":"await"} whenever SafeStep waits for the next line (a blank
 * line gets just {"type":"await"}).
 */
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ConsoleRunner, Reply, UserRef } from './conversation';
import { parseLine } from './protocol';
import { consoleConversation } from './conversation';

export interface JsonChatOptions {
  /** The chat's runner, or any runner with the same start/handle (e.g. the induction quiz's). */
  runner: ConsoleRunner;
  settingId: string;
  user: UserRef;
  input: Readable;
  output: Writable;
}

/** Runs the protocol until the input ends. */
export async function runJsonLines(o: JsonChatOptions): Promise<void> {
  const write = (obj: Reply | { type: 'await' }): void => {
    o.output.write(`${JSON.stringify(obj)}\n`);
  };
  let user = o.user;
  let first = true;
  const lines = readline.createInterface({ input: o.input, crlfDelay: Infinity });
  for (const reply of await o.runner.start(consoleConversation(o.settingId, user))) write(reply);
  write({ type: 'await' });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') {
      // Nothing to do, but the other side is waiting for an answer: say SafeStep still waits.
      // A blank line is not a line of the conversation, so a {"user"} line may still follow it.
      write({ type: 'await' });
      continue;
    }
    const wasFirst = first;
    first = false;
    const parsed = parseLine(line);
    if (parsed.kind === 'user') {
      if (wasFirst) {
        // Re-greet as this person, so a conversation they left mid-way is shown where it was.
        user = parsed.user;
        for (const reply of await o.runner.start(consoleConversation(o.settingId, user))) write(reply);
      } else write({ type: 'error', text: 'A {"user": …} line is only accepted as the first line.' });
    } else if (parsed.kind === 'error') {
      write({ type: 'error', text: parsed.text });
    } else {
      const { text, choice, files } = parsed;
      const replies = await o.runner.handle({ ...consoleConversation(o.settingId, user), text, choice, files });
      for (const reply of replies) write(reply);
    }
    write({ type: 'await' });
  }
}
