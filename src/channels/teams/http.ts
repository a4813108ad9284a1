/**
 * Node's http request and response in the shapes CloudAdapter.process expects: it needs the body
 * already parsed (as Express or Restify would), and a response with status/header/send/end.
 * The body is read with a size limit; a non-JSON body is refused before the adapter sees it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';

/** Teams messages are at most ~100 KB; anything much larger is not from the Bot Connector. */
export const MAX_BODY_BYTES = 512 * 1024;

/** Thrown for a body that is too large or not a JSON object; `status` is the HTTP answer. */
export class BodyError extends Error {
  constructor(readonly status: 400 | 413, readonly code: string) {
    super(code);
    this.name = 'BodyError';
  }
}

/** Reads and parses a JSON object body. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > limit) throw new BodyError(413, 'body_too_large');
    chunks.push(buf);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'body_not_json');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BodyError(400, 'body_not_object');
  return parsed as Record<string, unknown>;
}

/** The adapter's view of a request whose body has been read. */
export function botRequest(req: IncomingMessage, body: Record<string, unknown>): BotRequest {
  return { method: req.method, headers: req.headers as BotRequest['headers'], body };
}

/** The adapter's view of a Node response. */
export function botResponse(res: ServerResponse): BotResponse {
  const shim: BotResponse = {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return shim;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return shim;
    },
    send(body?: unknown) {
      if (body === undefined || body === null) return shim;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        res.write(body);
      } else {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json');
        res.write(JSON.stringify(body));
      }
      return shim;
    },
    end() {
      if (!res.writableEnded) res.end();
      return shim;
    },
  };
  return shim;
}
