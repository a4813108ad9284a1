/**
 * The terminal chat: numbered choices, plain text. `npm start` opens it when no Slack or Teams
 * credentials are set. It asks which setting (unless given), then hands every line to the runner.
 */
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ConsoleRunner, UserRef } from './conversation';
import { replyToText } from '../../core/host';
import { consoleConversation } from './conversation';

export interface InteractiveOptions {
  /** The chat's runner, or any runner with the same start/handle (e.g. the induction quiz's). */
  runner: ConsoleRunner;
  settings: { id: string; name: string }[];
  settingId?: string;
  user: UserRef;
  input: Readable;
  output: Writable;
}

/** Runs the terminal chat until the input ends (Ctrl-D) or the person types "quit". */
export async function runInteractive(o: InteractiveOptions): Promise<void> {
  const rl = readline.createInterface({ input: o.input, output: o.output, terminal: 'isTTY' in o.input && o.input.isTTY === true, crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  const say = (text: string): void => {
    o.output.write(`${text}\n`);
  };
  const ask = async (prompt: string): Promise<string | undefined> => {
    o.output.write(prompt);
    const next = await lines.next();
    return next.done ? undefined : next.value;
  };

  let settingId = o.settingId;
  while (!settingId) {
    say('Which setting are you in?');
    o.settings.forEach((s, i) => say(`  ${i + 1}. ${s.name}`));
    const answer = await ask('> ');
    if (answer === undefined) return rl.close();
    const n = Number(answer.trim());
    settingId = o.settings[n - 1]?.id ?? o.settings.find((s) => s.id === answer.trim())?.id;
    if (!settingId) say('Please type the number of your setting.');
  }

  const conv = consoleConversation(settingId, o.user);
  say('');
  for (const reply of await o.runner.start(conv)) say(`${replyToText(reply)}\n`);
  say('(Type "help" for help, "quit" to leave. Data is kept in SafeStep\'s data folder.)');
  for (;;) {
    const line = await ask('> ');
    if (line === undefined || ['quit', 'exit'].includes(line.trim().toLowerCase())) break;
    const replies = await o.runner.handle({ ...conv, text: line });
    say('');
    for (const reply of replies) say(`${replyToText(reply)}\n`);
  }
  rl.close();
}
