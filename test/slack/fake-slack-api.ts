/**
 * A local fake of Slack's Web API on 127.0.0.1 (SLACK_API_URL): records every call with its
 * parsed arguments, answers ok:true with plausible shapes, and can be told to fail
 * chat.postMessage to a given channel or to delay a method. Channel members are paged
 * (`membersPageSize` a page) so callers must follow the cursor. A slash command's response_url
 * points here too: those posts are recorded as method `response`. Posts are kept per channel
 * (with their message metadata) and conversations.history answers with them, newest first.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node:querystring';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** What the fake answered (e.g. the ts of a posted message). */
  response: Record<string, unknown>;
  /** When the call arrived (performance.now() of this process). */
  at: number;
  /** Whether the answer has been sent yet (false while a delay or a hang holds it). */
  answered: boolean;
  /** The token the call was made with (Authorization: Bearer …, or a `token` argument). */
  token?: string;
}

/** A workspace that can install the app: the code Slack hands the installer, and what it grants. */
export interface FakeWorkspace {
  team: string;
  name: string;
  botToken: string;
  botUserId: string;
}

/** A button found in recorded blocks. */
export interface FoundButton {
  action_id: string;
  value: string;
  block_id: string;
  text: string;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'users', 'metadata']);

/** A message the fake holds in a conversation's history (posted, or put there by a test). */
export interface HeldMessage {
  ts: string;
  text?: unknown;
  metadata?: unknown;
}

export class FakeSlackApi {
  readonly calls: ApiCall[] = [];
  /** chat.postMessage to these channel ids answers ok:false, error channel_not_found. */
  readonly failPostTo = new Set<string>();
  /** chat.postMessage to these channels is never answered (a hanging platform). */
  readonly hangPostTo = new Set<string>();
  /** Delays (ms) before answering a method. */
  readonly delays = new Map<string, number>();
  readonly users = new Map<string, { real_name: string; title: string; is_bot?: boolean }>();
  /** conversations.members of each channel (a channel not listed: channel_not_found). */
  readonly members = new Map<string, string[]>();
  membersPageSize = 2;
  /** OAuth: install codes Slack would hand back, by code (each may be exchanged once). */
  readonly installCodes = new Map<string, FakeWorkspace>();
  /** The app's client id and secret oauth.v2.access checks. */
  client = { id: 'client-id', secret: 'client-secret' };
  /** Bot tokens issued by installs: auth.test answers for their workspace. */
  readonly tokens = new Map<string, FakeWorkspace>();
  /** conversations.history answers ok:false with this error (e.g. missing_scope) while set. */
  historyError: string | undefined;
  /** Each conversation's messages, oldest first: every answered chat.postMessage (with its metadata). */
  readonly history = new Map<string, HeldMessage[]>();
  private server?: http.Server;
  private ts = 1_800_000_000;
  url = '';

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
        const raw = Buffer.concat(chunks).toString('utf8');
        const args = this.parseArgs(raw, String(req.headers['content-type'] ?? ''));
        const hung = method === 'chat.postMessage' && this.hangPostTo.has(String(args.channel));
        const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
        const token = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
        const response = hung ? { ok: false, error: 'never_answered' } : this.respond(method, args, token);
        const call: ApiCall = { method, args, response, at: performance.now(), answered: false, token };
        this.calls.push(call);
        const answer = () => {
          call.answered = true;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(response));
        };
        const delay = this.delays.get(method);
        if (hung) return;
        if (delay) setTimeout(answer, delay);
        else answer();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Calls of one method (optionally to one channel), in order. */
  of(method: string, channel?: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method && (channel === undefined || c.args.channel === channel));
  }

  /** Waits (polling) until `find` returns something from the calls recorded after `from`. */
  async waitFor<T>(find: (calls: ApiCall[]) => T | undefined, what: string, from = 0, timeoutMs = 8000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = find(this.calls.slice(from));
      if (found !== undefined && found !== false) return found;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; calls: ${this.calls.slice(from).map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Waits for a chat.postMessage to `channel` (after call index `from`) whose blocks or text match. */
  waitForPost(channel: string, match: (c: ApiCall) => boolean, from = 0): Promise<ApiCall> {
    return this.waitFor(
      (calls) => calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === channel && match(c)),
      `a post to ${channel}`,
      from,
    );
  }

  /** Puts a message in a conversation's history (as if posted then, e.g. by a server since killed). */
  hold(channel: string, message: HeldMessage): void {
    this.history.set(channel, [...(this.history.get(channel) ?? []), message]);
  }

  /** conversations.history: newest first, after `oldest`, at most `limit`; metadata only with include_all_metadata. */
  private conversationHistory(args: Record<string, unknown>): Record<string, unknown> {
    if (this.historyError) return { ok: false, error: this.historyError };
    const held = this.history.get(String(args.channel)) ?? [];
    const oldest = Number(args.oldest ?? 0) || 0;
    const limit = Number(args.limit ?? 100) || 100;
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const messages = held
      .filter((m) => Number(m.ts) > oldest)
      .reverse()
      .slice(0, limit)
      .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
    return { ok: true, messages, has_more: false };
  }

  private parseArgs(raw: string, contentType: string): Record<string, unknown> {
    if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
    const parsed = parse(raw) as Record<string, unknown>;
    for (const key of Object.keys(parsed)) {
      const v = parsed[key];
      if (JSON_FIELDS.has(key) && typeof v === 'string' && /^[[{]/.test(v)) parsed[key] = JSON.parse(v);
    }
    return parsed;
  }

  private respond(method: string, args: Record<string, unknown>, token?: string): Record<string, unknown> {
    const installed = token ? this.tokens.get(token) : undefined;
    switch (method) {
      case 'oauth.v2.access': {
        const ws = this.installCodes.get(String(args.code));
        if (!ws || args.client_id !== this.client.id || args.client_secret !== this.client.secret) return { ok: false, error: 'invalid_code' };
        this.installCodes.delete(String(args.code));
        this.tokens.set(ws.botToken, ws);
        return {
          ok: true,
          app_id: 'A0SAFESTEP',
          authed_user: { id: 'U0ADMIN1' },
          scope: 'app_mentions:read,channels:history,channels:read,chat:write,commands,groups:history,groups:read,im:history,im:read,im:write,users:read',
          token_type: 'bot',
          access_token: ws.botToken,
          bot_user_id: ws.botUserId,
          team: { id: ws.team, name: ws.name },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      case 'auth.test':
        if (installed) return { ok: true, user_id: installed.botUserId, bot_id: `B${installed.botUserId.slice(1)}`, team_id: installed.team, user: 'safestep' };
        return { ok: true, user_id: 'U0SAFEBOT', bot_id: 'B0SAFEBOT', team_id: 'T0SCHOOL', user: 'safestep' };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).slice(1)}` } };
      case 'chat.postMessage': {
        const channel = String(args.channel);
        if (this.failPostTo.has(channel)) return { ok: false, error: 'channel_not_found' };
        const ts = `${this.ts++}.000100`;
        this.hold(channel, { ts, text: args.text, ...(args.metadata ? { metadata: args.metadata } : {}) });
        return { ok: true, channel, ts, message: { text: args.text } };
      }
      case 'conversations.history':
        return this.conversationHistory(args);
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.ts++}.000200` };
      case 'users.info': {
        const id = String(args.user);
        const u = this.users.get(id);
        return u
          ? { ok: true, user: { id, real_name: u.real_name, is_bot: u.is_bot === true, deleted: false, profile: { real_name: u.real_name, title: u.title } } }
          : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.members': {
        const all = this.members.get(String(args.channel));
        if (!all) return { ok: false, error: 'channel_not_found' };
        const start = Number(args.cursor ?? 0) || 0;
        const end = start + Math.min(Number(args.limit ?? 100) || 100, this.membersPageSize);
        return { ok: true, members: all.slice(start, end), response_metadata: { next_cursor: end < all.length ? String(end) : '' } };
      }
      case 'apps.connections.open':
        return { ok: false, error: 'invalid_auth' };
      case 'views.open':
      case 'views.push':
      case 'views.publish':
        return { ok: true, view: { id: 'V0VIEW' } };
      default:
        return { ok: true };
    }
  }
}

/** Every button in a list of blocks (actions blocks and section accessories). */
export function buttonsIn(blocks: unknown): FoundButton[] {
  const out: FoundButton[] = [];
  for (const block of (Array.isArray(blocks) ? blocks : []) as Record<string, unknown>[]) {
    const elements = block.type === 'actions' ? (block.elements as Record<string, unknown>[]) : block.accessory ? [block.accessory as Record<string, unknown>] : [];
    for (const e of elements) {
      if (e.type === 'button') {
        out.push({ action_id: String(e.action_id), value: String(e.value), block_id: String(block.block_id ?? ''), text: String((e.text as { text: string }).text) });
      }
    }
  }
  return out;
}

/** All the text shown in a list of blocks (sections, fields, context, headers), joined. */
export function textOf(blocks: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') parts.push(o.text);
      else Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return parts.join('\n');
}
