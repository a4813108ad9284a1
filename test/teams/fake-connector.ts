/**
 * A local fake of the Bot Connector service, on 127.0.0.1: the activities SafeStep sends carry
 * its URL as serviceUrl, so every reply and proactive message lands here and is recorded.
 * Accepts POST /v3/conversations (create), POST /v3/conversations/{id}/activities and
 * POST /v3/conversations/{id}/activities/{replyToId}; answers {id}. GET
 * /v3/conversations/{id}/pagedmembers answers the members set for that conversation (a team
 * channel's roster), in pages of two so that paging is exercised.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Sent {
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
}

export interface FakeConnector {
  url: string;
  sent: Sent[];
  created: Record<string, unknown>[];
  /** Every request as "METHOD /path" (to prove files were never fetched). */
  requests: string[];
  /** The members of a conversation (a team channel), as Teams lists them. */
  members: Map<string, { id: string; name: string; aadObjectId: string }[]>;
  /** Sends to one conversation, in order. */
  to(conversationId: string): Sent[];
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: Sent[] = [];
  const created: Record<string, unknown>[] = [];
  const requests: string[] = [];
  const members = new Map<string, { id: string; name: string; aadObjectId: string }[]>();
  let next = 1;
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      const path = (req.url ?? '').split('?')[0]!.replace(/^\/+/, '/');
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      };
      if (req.method === 'POST' && path === '/v3/conversations') {
        created.push(body);
        const members = (body.members as { id: string }[] | undefined) ?? [];
        answer(200, { id: `a:personal-created-${members[0]?.id ?? next}`, activityId: `created-${next++}` });
        return;
      }
      const roster = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(path);
      if (req.method === 'GET' && roster) {
        const all = members.get(decodeURIComponent(roster[1]!)) ?? [];
        const from = Number(new URL(req.url ?? '', 'http://x').searchParams.get('continuationToken') ?? '0');
        const page = all.slice(from, from + 2);
        answer(200, { members: page, ...(from + 2 < all.length ? { continuationToken: String(from + 2) } : {}) });
        return;
      }
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (req.method === 'POST' && m) {
        sent.push({ conversationId: decodeURIComponent(m[1]!), replyToId: m[2] ? decodeURIComponent(m[2]) : undefined, activity: body });
        answer(200, { id: `activity-${next++}` });
        return;
      }
      answer(404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    sent,
    created,
    requests,
    members,
    to: (conversationId) => sent.filter((s) => s.conversationId === conversationId),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
