/**
 * Slack's HTTP endpoint, acknowledging first: a request is read, its signature checked (HMAC of
 * `v0:{timestamp}:{body}` with the signing secret, timestamp within five minutes), answered 200 at
 * once, and only then handed to Bolt — one request per turn of the event loop, so that under a
 * burst of a thousand staff, new requests are still acknowledged well inside Slack's 3 s while
 * earlier ones are worked on. A bad or stale signature gets 401 and reaches nothing; a body over
 * 1 MB gets 413; a body that is not Slack's gets 400. SafeStep's listeners never answer a request
 * with content (every ack is empty), so nothing is lost by answering first.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App as BoltApp, Receiver, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../../core/host';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_AGE_S = 5 * 60;

export class AckFirstReceiver implements Receiver {
  private app?: BoltApp;
  private readonly queue: ReceiverEvent[] = [];
  private draining = false;
  private idle?: () => void;

  constructor(private readonly o: { signingSecret: string; log: Logger; now?: () => number }) {}

  init(app: BoltApp): void {
    this.app = app;
  }

  async start(): Promise<void> {
    return undefined;
  }

  /** Resolves once every acknowledged request has been handed to Bolt. */
  async stop(): Promise<void> {
    if (!this.draining) return;
    await new Promise<void>((resolve) => (this.idle = resolve));
  }

  /** The HTTP handler for POST /slack/events. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    if (raw === undefined) return refuse(res, 413, this.o.log, 'slack_request_too_large');
    if (!this.authentic(req, raw)) return refuse(res, 401, this.o.log, 'channel_authenticity_error');
    const body = parseBody(raw, String(req.headers['content-type'] ?? ''));
    if (!body) return refuse(res, 400, this.o.log, 'slack_bad_request');
    if (body.ssl_check) {
      res.writeHead(200).end();
      return;
    }
    if (body.type === 'url_verification') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: body.challenge }));
      return;
    }
    res.writeHead(200).end();
    const retryNum = Number(req.headers['x-slack-retry-num']);
    const retryReason = req.headers['x-slack-retry-reason'];
    this.enqueue({
      body,
      ack: async () => undefined,
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(typeof retryReason === 'string' ? { retryReason } : {}),
    });
  };

  private authentic(req: IncomingMessage, raw: string): boolean {
    const ts = Number(req.headers['x-slack-request-timestamp']);
    const signature = req.headers['x-slack-signature'];
    const now = Math.floor((this.o.now ?? Date.now)() / 1000);
    if (!Number.isInteger(ts) || Math.abs(now - ts) > MAX_AGE_S || typeof signature !== 'string') return false;
    const expected = Buffer.from(`v0=${createHmac('sha256', this.o.signingSecret).update(`v0:${ts}:${raw}`).digest('hex')}`);
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Hands requests to Bolt one per turn of the event loop, so new requests are read in between. */
  private enqueue(event: ReceiverEvent): void {
    this.queue.push(event);
    if (this.draining) return;
    this.draining = true;
    setImmediate(() => this.next());
  }

  private next(): void {
    const event = this.queue.shift();
    if (!event) {
      this.draining = false;
      this.idle?.();
      this.idle = undefined;
      return;
    }
    this.app!.processEvent(event).catch((err: unknown) => this.o.log.error('slack_listener_failed', { code: err instanceof Error ? err.name : 'unknown' }));
    setImmediate(() => this.next());
  }
}

/** The body as text, or undefined when it is larger than Slack ever sends. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A Slack request body: JSON (events), a form with a JSON `payload` (interactivity), or a form (slash commands). */
function parseBody(raw: string, contentType: string): Record<string, unknown> | undefined {
  try {
    if (contentType.includes('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(raw);
      const payload = form.get('payload');
      return payload !== null ? (JSON.parse(payload) as Record<string, unknown>) : Object.fromEntries(form);
    }
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function refuse(res: ServerResponse, status: number, log: Logger, code: string): void {
  log.warn('slack_request_refused', { status, code });
  res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 401 ? 'Unauthorized' : 'Bad request');
}
