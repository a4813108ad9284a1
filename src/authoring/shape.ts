/**
 * Checks parsed YAML against a zod schema and turns every zod issue into a Problem with the
 * file and line of the offending key (via the issue path), a readable message and a fix.
 */
import { z } from 'zod';
import type { DataPath, YamlSource } from './yaml-source';
import type { Problem } from './problem';

type Issue = z.core.$ZodIssue;

/** Where the shape is documented, named in fixes (e.g. `schemas/flow.schema.json`). */
export interface ShapeContext {
  schemaHint: string;
}

/** `steps.ask.choices[1].next` */
export function describePath(path: DataPath): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), '');
}

function valueAt(data: unknown, path: DataPath): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[seg];
  }
  return node;
}

/** How far a failed union branch is from matching: fewer issues and fewer unknown keys is closer. */
function distance(issues: Issue[]): number {
  return issues.reduce((n, i) => n + 1 + (i.code === 'unrecognized_keys' ? i.keys.length : 0), 0);
}

/** Flattens union issues to the closest branch, with absolute paths. */
function flatten(issue: Issue, prefix: DataPath): Issue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const best = issue.errors.reduce((a, b) => (distance(b) < distance(a) ? b : a));
    return best.flatMap((sub) => flatten(sub, path));
  }
  return [{ ...issue, path }];
}

function explain(issue: Issue, data: unknown, ctx: ShapeContext): { message: string; fix: string; path: DataPath } {
  const where = describePath(issue.path) || 'the top level';
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `"${k}"`).join(', ');
      return {
        path: [...issue.path, issue.keys[0] ?? ''],
        message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys} at ${where}.`,
        fix: `Remove ${keys} or correct the spelling; ${ctx.schemaHint} lists the allowed keys.`,
      };
    }
    case 'invalid_type': {
      const value = valueAt(data, issue.path);
      if (value === undefined) {
        return { path: issue.path, message: `"${String(last)}" is missing at ${where}.`, fix: `Add "${String(last)}" (${issue.expected}).` };
      }
      const fix =
        issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
          ? `Quote the value ("${String(value)}") so YAML reads it as text.`
          : `Give ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`} here (see ${ctx.schemaHint}).`;
      return { path: issue.path, message: `${where}: ${issue.message}.`, fix };
    }
    case 'invalid_value':
      return { path: issue.path, message: `${where}: ${issue.message}.`, fix: `Use one of: ${issue.values.map(String).join(', ')}.` };
    case 'invalid_union': {
      const options = 'options' in issue ? (issue.options ?? []) : [];
      return issue.discriminator
        ? { path: issue.path, message: `${where}: ${issue.message}.`, fix: `Set "${issue.discriminator}" to one of: ${options.map(String).join(', ')}.` }
        : { path: issue.path, message: `${where}: does not match any allowed form.`, fix: `Compare it with ${ctx.schemaHint}.` };
    }
    case 'too_small':
      return {
        path: issue.path,
        message: `${where}: ${issue.message}.`,
        fix: issue.origin === 'array' ? `Give at least ${String(issue.minimum)} item(s).` : `Give at least ${String(issue.minimum)} character(s).`,
      };
    case 'too_big':
      return { path: issue.path, message: `${where}: ${issue.message}.`, fix: `Shorten it to at most ${String(issue.maximum)}.` };
    case 'invalid_key':
      return {
        path: issue.path,
        message: `key "${String(last)}" is not allowed at ${describePath(issue.path.slice(0, -1)) || 'the top level'}: ${issue.issues.map((i) => i.message).join('; ')}.`,
        fix: 'Rename the key: use lower-case words joined by hyphens.',
      };
    case 'invalid_format':
      return { path: issue.path, message: `${where}: ${issue.message}.`, fix: `Change the value: ${issue.message}.` };
    default:
      return { path: issue.path, message: `${where}: ${issue.message}.`, fix: `Compare it with ${ctx.schemaHint}.` };
  }
}

function stepScope(source: YamlSource, path: DataPath): { flow?: string; step?: string } {
  const id = valueAt(source.data, ['id']);
  if (path[0] !== 'steps' || typeof id !== 'string') return {};
  return { flow: id, step: path[1] === undefined ? undefined : String(path[1]) };
}

/** Validates `source.data` against `schema`; on failure, one problem per (flattened) zod issue. */
export function checkShape<S extends z.ZodType>(
  schema: S,
  source: YamlSource,
  ctx: ShapeContext,
): { data: z.output<S>; problems: [] } | { data?: undefined; problems: Problem[] } {
  const result = schema.safeParse(source.data);
  if (result.success) return { data: result.data, problems: [] };
  const problems = result.error.issues
    .flatMap((issue) => flatten(issue, []))
    .map((issue): Problem => {
      const { message, fix, path } = explain(issue, source.data, ctx);
      return { rule: 'invalid-shape', file: source.file, line: source.lineOf(path), ...stepScope(source, issue.path), message, fix };
    });
  return { problems };
}
