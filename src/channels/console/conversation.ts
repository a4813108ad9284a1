/**
 * How the console names a conversation (one per setting and person, so the same person resumes
 * where they were after SafeStep restarts), and what it talks to: the host's start and turn, or
 * any runner with the same shape (the `safestep quiz` command's).
 */
import type { Address, Reply, TurnInput, UserRef } from '../../core/host';

export type { Reply, UserRef };

/** What the console hands each line to. */
export interface ConsoleRunner {
  start(who: Address & { settingId: string }): Promise<Reply[]>;
  handle(input: TurnInput & { settingId: string }): Promise<Reply[]>;
}

/** The address of a console user's conversation in a setting. */
export function consoleConversation(settingId: string, user: UserRef) {
  return { channel: 'console', conversationId: `console:${settingId}:${user.id}`, settingId, user };
}

/** The console user when none is given. */
export const DEFAULT_CONSOLE_USER: UserRef = { id: 'console', name: 'Console user' };
