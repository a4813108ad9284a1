/**
 * Teams activities as the core's inbound messages. Who: the sender's AAD object id (Teams' id
 * when there is none); where: one conversation per tenant and person, so a flow begun with an
 * @mention carries on in the personal chat; what: the text without the mention, or the choice a
 * card button submitted, and the attachments by name and type only. A file's bytes are never
 * fetched: contentUrl and downloadUrl are not read.
 */
import type { Activity, Attachment } from 'botbuilder';
import type { FileRef, Place, TurnInput as Inbound, UserRef } from '../../core/host';
import { CHOICE_ACTION } from './render-cards';

export const TEAMS_CHANNEL = 'teams';

/** The tenant an activity comes from ('none' when Teams did not say). */
export function tenantOf(activity: Partial<Activity>): string {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromData = typeof data?.tenant?.id === 'string' ? data.tenant.id : undefined;
  return activity.conversation?.tenantId ?? fromData ?? 'none';
}

/** The person as the core sees them: id = AAD object id when Teams gives one. */
export function userOf(activity: Partial<Activity>): UserRef {
  const from = activity.from;
  const id = from?.aadObjectId || from?.id || 'unknown';
  return from?.name ? { id, name: from.name } : { id };
}

/** Where the sender is, for the host's setting look-up: Teams, their tenant, their AAD id. */
export function placeOf(activity: Partial<Activity>): Place {
  return { channel: TEAMS_CHANNEL, workspace: tenantOf(activity), userId: userOf(activity).id };
}

/** True for a one-to-one chat with SafeStep (Teams' "personal" scope). */
export function isPersonal(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === undefined || type === 'personal';
}

/** The conversation fields of an Inbound for this person (the same in every Teams scope). */
export function teamsConversation(activity: Partial<Activity>) {
  const user = userOf(activity);
  return { channel: TEAMS_CHANNEL, workspace: tenantOf(activity), conversationId: `teams:${tenantOf(activity)}:${user.id}`, user };
}

/** A choice button's submit data ({ ss: 'choice', q, choice }), if the value is one. */
export function choiceOf(value: unknown): { questionId: string; choice: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.ss !== CHOICE_ACTION || !isShortString(v.choice) || !isShortString(v.q)) return undefined;
  return { questionId: v.q, choice: v.choice };
}

function isShortString(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= 200;
}

/** The message text with SafeStep's @mention removed and any other mention reduced to its name. */
export function messageText(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  for (const e of activity.entities ?? []) {
    const mention = e as { type?: unknown; text?: unknown; mentioned?: { id?: unknown } };
    if (mention.type === 'mention' && botId && mention.mentioned?.id === botId && typeof mention.text === 'string' && mention.text) {
      text = text.split(mention.text).join(' ');
    }
  }
  return decodeEntities(text.replace(/<at[^>]*>(.*?)<\/at>/gi, '$1')).trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const EMBEDDED_MEDIA = /<(img|video|audio|iframe|object|embed)\b/i;

/**
 * Attachments as file references. Teams sends the formatted copy of every message as a
 * text/html attachment: that is not a file, unless it embeds a picture or video. Anything else
 * attached counts as a file. Names are passed on for the count only; the core never stores them.
 */
export function filesOf(attachments: readonly Attachment[] | undefined): FileRef[] {
  const files: FileRef[] = [];
  for (const a of attachments ?? []) {
    const type = typeof a.contentType === 'string' ? a.contentType : '';
    if (type === 'text/html') {
      if (typeof a.content === 'string' && EMBEDDED_MEDIA.test(a.content)) files.push({ name: 'embedded image', mimeType: 'image/*' });
      continue;
    }
    files.push({ name: typeof a.name === 'string' && a.name ? a.name : 'attachment', ...(type ? { mimeType: type } : {}) });
  }
  return files;
}

/** A Teams message activity as one Inbound for the core. */
export function toInbound(activity: Partial<Activity>): Inbound {
  const inbound: Inbound = { ...teamsConversation(activity) };
  const text = messageText(activity);
  if (text !== '') inbound.text = text;
  const picked = choiceOf(activity.value);
  if (picked) {
    inbound.choice = picked.choice;
    inbound.questionId = picked.questionId;
  }
  const files = filesOf(activity.attachments);
  if (files.length > 0) inbound.files = files;
  return inbound;
}
