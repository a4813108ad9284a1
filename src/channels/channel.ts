/**
 * What a chat platform adapter (Slack, Teams) gives the composition root: the HTTP routes it
 * serves, the DSL channel the notifier sends through, and start/stop. Adapters translate only:
 * platform events to Inbound, replies to platform messages. They decide nothing about flows.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DslChannel } from '../core/delivery';

/** One HTTP endpoint served on the shared port. */
export interface HttpRoute {
  method: 'POST' | 'GET';
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

/** A started-or-startable chat channel. */
export interface ChatChannel {
  readonly name: string;
  /** HTTP routes to mount (empty in Slack Socket Mode). */
  readonly routes: HttpRoute[];
  /** How the DSL notifier reaches DSLs and reporters on this platform. */
  readonly dsl: DslChannel;
  /** Starts anything beyond the HTTP routes (e.g. a Socket Mode connection). */
  start(): Promise<void>;
  stop(): Promise<void>;
}
