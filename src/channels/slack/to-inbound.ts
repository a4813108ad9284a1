/**
 * Slack events and interactions as the core's Inbound messages. Translation only: which
 * conversation, who, the words typed (Slack's escaping undone), the choice clicked, and the names
 * and types of attached files — never a file's URL or bytes. Pure.
 */
import type { Address, FileRef, TurnInput, UserRef } from '../../core/host';
import { readSlackText } from './mrkdwn';

/** The fields of a Slack message event SafeStep reads. */
export interface SlackMessageEvent {
  type: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  team?: string;
  files?: { name?: string; title?: string; mimetype?: string }[];
}

type Conversation = Address;
type Inbound = TurnInput;

/** The core conversation for a Slack user: one per workspace and person (`slack:<team>:<user>`). */
export function slackConversation(teamId: string, user: UserRef): Conversation {
  return { channel: 'slack', workspace: teamId, conversationId: `slack:${teamId}:${user.id}`, user };
}

/**
 * True for a message a person sent to SafeStep in its DM: not from a bot (SafeStep's own posts
 * come back as events too), not an edit, deletion or other system subtype.
 */
export function isStaffDirectMessage(e: SlackMessageEvent): boolean {
  return (
    e.type === 'message' &&
    e.channel_type === 'im' &&
    typeof e.user === 'string' &&
    e.bot_id === undefined &&
    (e.subtype === undefined || e.subtype === 'file_share')
  );
}

/** The names and types of attached files (at most 50). Nothing else of a file is ever read. */
export function fileRefs(files: SlackMessageEvent['files']): FileRef[] | undefined {
  if (!files || files.length === 0) return undefined;
  return files.slice(0, 50).map((f) => ({
    name: String(f.name ?? f.title ?? 'file').slice(0, 500),
    ...(typeof f.mimetype === 'string' ? { mimeType: f.mimetype.slice(0, 200) } : {}),
  }));
}

/** What a message says: its text (Slack's markup read back) and its files, if any. */
export function messageInput(e: Pick<SlackMessageEvent, 'text' | 'files'>, botUserId?: string): Pick<Inbound, 'text' | 'files'> {
  let raw = e.text ?? '';
  if (botUserId) raw = raw.split(`<@${botUserId}>`).join(' ');
  const text = readSlackText(raw).replace(/[ \t]+/g, ' ').trim();
  const files = fileRefs(e.files);
  return { ...(text !== '' ? { text } : {}), ...(files ? { files } : {}) };
}

/** What a message said, as an Inbound for the core. */
export function messageToInbound(conv: Conversation, input: Pick<Inbound, 'text' | 'files'>): Inbound {
  const inbound: Inbound = { ...conv };
  if (input.text !== undefined) inbound.text = input.text;
  if (input.files && input.files.length > 0) inbound.files = input.files;
  return inbound;
}

/**
 * A clicked answer button as an Inbound: the button's value is the choice id; the question it
 * answers (from its block id) lets the core refuse a button from an older question.
 */
export function choiceToInbound(conv: Conversation, value: string, questionId?: string): Inbound {
  return { ...conv, choice: value, ...(questionId !== undefined ? { questionId } : {}) };
}
