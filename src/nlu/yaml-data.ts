/**
 * Parses one YAML data file of the NLU content and validates it with a zod schema. Any problem
 * (YAML syntax or shape) becomes a content_error naming the file, line and column, so an author
 * can fix content/nlu/*.yaml or content/danger/ without reading TypeScript.
 */
import type { Document } from 'yaml';
import type { z } from 'zod';
import { shapedMemo, yamlLib, yamlMemo, type YamlMemo } from '../authoring/yaml-memo';
import { SafeStepError } from '../core/errors';

/**
 * Parses `text` (the contents of `file`) and returns the schema's output, or throws content_error.
 * `generated`: a machine-written file (the likeness model's thousands of weights), whose keys
 * cannot repeat; skipping the duplicate-key check there saves ~170 ms at every start (it is
 * quadratic in a map's size).
 * `shaped`: a start may take the schema's output for this exact text from the memo (and keeps it
 * there when it passed); `name` tells the schema (and anything else it depends on) from the
 * others, `code` is the loader's code key (src/authoring/check-stamp.ts), which covers the schema.
 */
export function parseYamlData<S extends z.ZodType>(text: string, file: string, schema: S, options: { generated?: boolean; memo?: YamlMemo; shaped?: { name: string; code: string } } = {}): z.output<S> {
  const memo = options.memo ?? yamlMemo();
  const mode = options.generated === true ? 'data-generated' : 'data';
  const shaped = options.shaped && shapedMemo(memo, mode, options.shaped.name, options.shaped.code);
  const output = shaped?.get(text) as z.output<S> | undefined;
  if (output !== undefined) return output;
  // Text parsed before (yaml-memo.ts) is checked from the memo's data; parsed again only to place a problem.
  const known = memo.get(mode, text);
  const keep = <T>(passed: T): T => {
    shaped?.keep(text, passed);
    return passed;
  };
  if (known !== undefined) {
    const parsed = schema.safeParse(known);
    if (parsed.success) return keep(parsed.data);
  }
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: options.generated !== true });
  const [syntax] = doc.errors;
  if (syntax) {
    const pos = syntax.linePos?.[0];
    const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
    throw new SafeStepError('content_error', `${where}: invalid YAML: ${firstLine(syntax.message)}`);
  }
  const data = doc.toJS() as unknown;
  if (known === undefined) memo.set(mode, text, doc, data);
  const parsed = schema.safeParse(data);
  if (parsed.success) return keep(parsed.data);
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
  // A bad map key: point at the key itself and give the key rule's own message.
  const badKey = issue?.code === 'invalid_key';
  const message = (badKey ? issue.issues[0]?.message : undefined) ?? issue?.message ?? 'invalid content';
  const offset = (badKey ? keyOffsetOf(doc, path) : undefined) ?? offsetOf(doc, path);
  const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
  const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
  const at = path.length > 0 ? ` at ${path.join('.')}` : '';
  throw new SafeStepError('content_error', `${where}: ${message}${at}`);
}

/** The start offset of the key node named by the last element of `path`. */
function keyOffsetOf(doc: Document, path: (string | number)[]): number | undefined {
  const { isMap, isScalar } = yamlLib();
  const parent: unknown = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[path.length - 1]));
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/** The start offset of the deepest node along `path` that exists in the document. */
function offsetOf(doc: Document, path: (string | number)[]): number | undefined {
  const { isNode } = yamlLib();
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
