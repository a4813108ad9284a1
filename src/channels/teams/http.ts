/**
 * Node's http request and response for the Teams endpoint: the body is read with a size limit and
 * parsed into an activity (a non-JSON body, or one without an activity type, is refused before
 * botbuilder sees it), and an invoke's response is written back.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Activity, InvokeResponse } from 'botbuilder';

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

const DATES = [
  ['timestamp', 'rawTimestamp'],
  ['expiration', 'rawExpiration'],
  ['localTimestamp', 'rawLocalTimestamp'],
] as const;

/**
 * A parsed body as a Bot Framework activity, as CloudAdapter.process would make it: it must have
 * a type (400 otherwise), and its date fields become Dates with the raw strings kept beside them.
 */
export function toActivity(body: Record<string, unknown>): Activity {
  if (typeof body.type !== 'string' || !body.type) throw new BodyError(400, 'activity_without_type');
  const activity: Record<string, unknown> = { ...body };
  for (const [field, raw] of DATES) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/** Answers a processed activity: an invoke's status and body, or 200 with nothing. */
export function sendInvokeResponse(res: ServerResponse, invoke: InvokeResponse | undefined): void {
  if (invoke?.body === undefined || invoke.body === null) {
    res.writeHead(invoke?.status ?? 200).end();
    return;
  }
  res.writeHead(invoke.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(invoke.body));
}
