/**
 * How the console names a conversation: one per setting and person, so the same person
 * resumes where they were after SafeStep restarts.
 */
import type { UserRef } from '../../core/messages';

/** The conversation fields of an Inbound for a console user. */
export function consoleConversation(settingId: string, user: UserRef) {
  return { channel: 'console', conversationId: `console:${settingId}:${user.id}`, settingId, user };
}

/** The console user when none is given. */
export const DEFAULT_CONSOLE_USER: UserRef = { id: 'console', name: 'Console user' };
