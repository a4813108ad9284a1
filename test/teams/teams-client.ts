/**
 * Plays Microsoft Teams in the tests: builds the activities Teams posts to /api/messages
 * (personal chat messages, card submits, installs, channel @mentions) for test people, posts
 * them over real HTTP, and reads the cards SafeStep sent (their text and Action.Submit data).
 */
import { randomUUID } from 'node:crypto';
import type { FakeConnector } from './fake-connector';

export const TENANT = 'tenant-rainbow';
export const BOT = { id: '28:safestep-bot', name: 'SafeStep' };

/** A test person: Teams id, AAD object id and display name. */
export interface Person {
  teamsId: string;
  aad: string;
  name: string;
}

export const person = (aad: string, name: string): Person => ({ teamsId: `29:${aad}`, aad, name });

/** The personal-chat conversation id Teams uses for a person (in these tests). */
export const personalChat = (p: Person) => `a:personal-${p.aad}`;

export class TeamsClient {
  constructor(readonly endpoint: string, readonly serviceUrl: string) {}

  private base(p: Person, conversation: Record<string, unknown>): Record<string, unknown> {
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      from: { id: p.teamsId, name: p.name, aadObjectId: p.aad },
      recipient: BOT,
      conversation,
      channelData: { tenant: { id: TENANT } },
    };
  }

  personalConversation(p: Person) {
    return { id: personalChat(p), conversationType: 'personal', tenantId: TENANT, isGroup: false };
  }

  /** A message in the person's personal chat: typed text, a card submit value, attachments. */
  message(p: Person, m: { text?: string; value?: unknown; attachments?: unknown[] }): Record<string, unknown> {
    return { ...this.base(p, this.personalConversation(p)), type: 'message', ...m };
  }

  /** The person installs SafeStep for themself (Teams sends conversationUpdate, then installationUpdate). */
  installPersonal(p: Person): Record<string, unknown>[] {
    const base = this.base(p, this.personalConversation(p));
    return [
      { ...base, type: 'conversationUpdate', membersAdded: [{ id: BOT.id }] },
      { ...base, id: randomUUID(), type: 'installationUpdate', action: 'add' },
    ];
  }

  /** The person adds SafeStep to a team; its General channel has the team's id. */
  installInTeam(p: Person, teamId: string): Record<string, unknown> {
    const conversation = { id: teamId, conversationType: 'channel', tenantId: TENANT, isGroup: true };
    return {
      ...this.base(p, conversation),
      type: 'conversationUpdate',
      membersAdded: [{ id: BOT.id }],
      channelData: { tenant: { id: TENANT }, team: { id: teamId, name: 'DSL team' }, eventType: 'teamMemberAdded' },
    };
  }

  /** People join the team whose staff channel is `channelId` (Teams sends conversationUpdate there). */
  membersAdded(channelId: string, people: Person[]): Record<string, unknown> {
    const conversation = { id: channelId, conversationType: 'channel', tenantId: TENANT, isGroup: true };
    return {
      ...this.base(people[0]!, conversation),
      type: 'conversationUpdate',
      membersAdded: people.map((p) => ({ id: p.teamsId, name: p.name, aadObjectId: p.aad })),
      channelData: { tenant: { id: TENANT }, team: { id: 'team-staff' }, channel: { id: channelId }, eventType: 'teamMemberAdded' },
    };
  }

  /** An @mention of SafeStep in a team channel. */
  mention(p: Person, channelId: string, text: string): Record<string, unknown> {
    const at = `<at>${BOT.name}</at>`;
    const conversation = { id: `${channelId};messageid=${Date.now()}`, conversationType: 'channel', tenantId: TENANT, isGroup: true };
    return {
      ...this.base(p, conversation),
      type: 'message',
      text: `${at} ${text}`,
      entities: [{ type: 'mention', text: at, mentioned: BOT }],
      attachments: [{ contentType: 'text/html', content: `<div><at>${BOT.name}</at> ${text}</div>` }],
      channelData: { tenant: { id: TENANT }, team: { id: 'team-staff' }, channel: { id: channelId } },
    };
  }

  /** A card button pressed in a team channel (Teams sends its Action.Submit data as the value). */
  channelSubmit(p: Person, channelId: string, value: unknown): Record<string, unknown> {
    const conversation = { id: `${channelId};messageid=${Date.now()}`, conversationType: 'channel', tenantId: TENANT, isGroup: true };
    return {
      ...this.base(p, conversation),
      type: 'message',
      value,
      channelData: { tenant: { id: TENANT }, team: { id: 'team-staff' }, channel: { id: channelId } },
    };
  }

  /** A message in a given personal chat (e.g. one SafeStep opened itself). */
  messageIn(p: Person, conversationId: string, m: { text?: string; value?: unknown }): Record<string, unknown> {
    return { ...this.message(p, m), conversation: { ...this.personalConversation(p), id: conversationId } };
  }

  /** Posts one activity to SafeStep; resolves with the HTTP status once the turn is done. */
  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<number> {
    const res = await fetch(this.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
    await res.text();
    return res.status;
  }
}

type Json = Record<string, unknown>;

/** The Adaptive Card a sent activity carries. */
export function cardOf(activity: Json): Json {
  const attachments = (activity.attachments as { contentType: string; content: Json }[] | undefined) ?? [];
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no adaptive card in ${JSON.stringify(activity).slice(0, 200)}`);
  return card.content;
}

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every TextBlock's text in a card, in order. */
export function textsOf(activity: Json): string[] {
  const out: string[] = [];
  walk(cardOf(activity).body, (n) => {
    if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
  });
  return out;
}

/** Every Action.Submit in a card: its title and data. */
export function submitsOf(activity: Json): { title: string; data: Json }[] {
  const out: { title: string; data: Json }[] = [];
  walk(cardOf(activity), (n) => {
    if (n.type === 'Action.Submit') out.push({ title: String(n.title), data: n.data as Json });
  });
  return out;
}

/**
 * Walks the flow a message starts, as a person would in Teams: presses each question's first
 * button (and one "skip" button), types an answer to each report prompt, until "Filed for the
 * DSL". Returns the answers typed.
 */
export async function walkToReport(client: TeamsClient, connector: FakeConnector, p: Person, opening: string, account: string): Promise<string[]> {
  const chat = personalChat(p);
  const status = await client.post(client.message(p, { text: opening }));
  if (status !== 200) throw new Error(`SafeStep answered ${status}`);
  const typed: string[] = [];
  let skipped = false;
  for (let i = 0; i < 40; i++) {
    const last = connector.to(chat).at(-1)!.activity;
    if (textsOf(last).some((t) => t.startsWith('Filed for the DSL'))) return typed;
    const submits = submitsOf(last).filter((s) => s.data.ss === 'choice');
    const skip = submits.find((s) => s.data.choice === 'skip');
    const choices = submits.filter((s) => s.data.choice !== 'skip');
    if (choices.length > 0) await client.post(client.message(p, { value: choices[0]!.data }));
    else if (skip && !skipped) {
      skipped = true;
      await client.post(client.message(p, { value: skip.data }));
    } else {
      const text = `${account} (${i})`;
      typed.push(text);
      await client.post(client.message(p, { text }));
    }
  }
  throw new Error('no report was filed');
}
