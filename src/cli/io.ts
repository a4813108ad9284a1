/**
 * What every `safestep` sub-command gets: its arguments and the process streams, so tests
 * can run commands in-process and the CLI entry can run them for real.
 */
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Project root: where flows/ and content/ live. */
  root: string;
  env: NodeJS.ProcessEnv;
}

/** A sub-command: resolves to the process exit status. */
export type Command = (args: string[], io: CliIO) => Promise<number>;

/** Exit statuses shared by all commands. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
