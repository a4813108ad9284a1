/**
 * A small, strict argument parser for the `safestep` sub-commands: known flags only, so a typo
 * is a usage error instead of being ignored.
 */

export interface ParsedArgs {
  flags: Record<string, string | true>;
  positional: string[];
}

/** Thrown for an unknown flag or a flag missing its value. */
export class UsageError extends Error {}

/** Parses `--name value`, `--name=value` and boolean `--name` flags. */
export function parseArgs(args: string[], spec: { values?: string[]; booleans?: string[] }): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const booleans = new Set(spec.booleans ?? []);
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (booleans.has(name) && inline === undefined) flags[name] = true;
    else if (values.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { flags, positional };
}
