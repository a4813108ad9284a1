/**
 * Parses one YAML file keeping source positions, so any path into the parsed data
 * (e.g. ['steps', 'ask-where', 'choices', 1, 'next']) maps back to a line of the file.
 * YAML syntax errors become problems naming the file and line:column.
 */
import { readFileSync } from 'node:fs';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import type { Problem } from './problem';
import { yamlLib, yamlMemo, type YamlMemo } from './yaml-memo';

/** A path into parsed data, as zod issue paths and the validator use them. */
export type DataPath = readonly PropertyKey[];

/** A parsed YAML file: its data and a way back from data paths to lines. */
export interface YamlSource {
  /** Relative to the content root, with forward slashes. */
  file: string;
  data: unknown;
  /**
   * The 1-based line of the node at `path`: the key's line for a mapping entry, the item's
   * line for a sequence item. Falls back to the nearest existing ancestor if the exact node
   * is missing, and to line 1 for an empty path or empty document.
   */
  lineOf(path: DataPath): number;
}

/** The outcome of parsing: a source, or the syntax problems that prevented one. */
export type ParsedYaml = { source: YamlSource; problems: [] } | { source?: undefined; problems: Problem[] };

const syntaxFix = 'Correct the YAML syntax at that position (indentation, a missing colon, or an unquoted value containing ": " or "#" are the usual causes).';
const FIX_BY_CODE: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'Remove or rename the repeated key: each key may appear once in a mapping.',
  BAD_INDENT: 'Indent this line to line up with its siblings (spaces only, no tabs).',
  TAB_AS_INDENT: 'Indent with spaces, not tabs.',
};

function firstLine(message: string): string {
  const head = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  return /[.!?]$/.test(head) ? head : `${head}.`;
}

function resolve(node: unknown, doc: Document): unknown {
  return yamlLib().isAlias(node) ? node.resolve(doc) : node;
}

function startLine(node: unknown, counter: LineCounter): number | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  return range ? counter.linePos(range[0]).line : undefined;
}

/** Walks `path` through the document and returns the line of the deepest node found. */
function lineInDocument(doc: Document, counter: LineCounter, path: DataPath): number {
  const { isMap, isPair, isScalar, isSeq } = yamlLib();
  let node: unknown = resolve(doc.contents, doc);
  let line = startLine(node, counter) ?? 1;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      line = startLine(pair.key, counter) ?? line;
      node = resolve(pair.value, doc);
    } else if (isSeq(node) && typeof segment === 'number' && segment >= 0 && segment < node.items.length) {
      node = resolve(node.items[segment], doc);
      line = startLine(node, counter) ?? line;
    } else {
      break;
    }
  }
  return line;
}

/**
 * Parses YAML text; `file` is the name problems will carry. Never throws. Text parsed before
 * (yaml-memo.ts) gives the same data from the memo, and is parsed again only if a line is asked for.
 */
export function parseYaml(text: string, file: string, memo: YamlMemo = yamlMemo()): ParsedYaml {
  const known = memo.get(MEMO_MODE, text);
  if (known !== undefined) {
    let lines: ((path: DataPath) => number) | undefined;
    const lineOf = (path: DataPath): number => (lines ??= positionsOf(text))(path);
    return { source: { file, data: known, lineOf }, problems: [] };
  }
  const { LineCounter, parseDocument } = yamlLib();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  // Only the first syntax error: the parser's later ones are usually knock-on effects of it.
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
    const message = `YAML syntax error: ${firstLine(error.message)}`;
    return { problems: [{ rule: 'yaml-syntax', file, line: pos.line, column: pos.col, message, fix: FIX_BY_CODE[error.code] ?? syntaxFix }] };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { problems: [{ rule: 'yaml-syntax', file, line: 1, message: `YAML could not be read: ${message}.`, fix: syntaxFix }] };
  }
  memo.set(MEMO_MODE, text, doc, data);
  return { source: { file, data, lineOf: (path) => lineInDocument(doc, counter, path) }, problems: [] };
}

/** The memo's name for what parseYaml keeps (the data of a document without errors). */
export const MEMO_MODE = 'source';

/** Line lookup for a text known to parse without errors. */
function positionsOf(text: string): (path: DataPath) => number {
  const { LineCounter, parseDocument } = yamlLib();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true });
  return (path) => lineInDocument(doc, counter, path);
}

/** A file's text, or the problem of a missing or unreadable file. */
export function readText(absolutePath: string, file: string): { text: string; problems: [] } | { text?: undefined; problems: Problem[] } {
  try {
    return { text: readFileSync(absolutePath, 'utf8'), problems: [] };
  } catch {
    return { problems: [{ rule: 'missing-file', file, message: `${file} is missing or cannot be read.`, fix: `Create ${file}.` }] };
  }
}

/**
 * The source of a text known to parse without errors (its shaped data came from a memo), parsed
 * only if its data or a line is asked for.
 */
export function lazySource(text: string, file: string): YamlSource {
  let parsed: YamlSource | undefined;
  const source = (): YamlSource => {
    if (parsed) return parsed;
    const result = parseYaml(text, file);
    if (!result.source) throw new Error(`${file}: a memoised text no longer parses`);
    return (parsed = result.source);
  };
  return {
    file,
    get data() {
      return source().data;
    },
    lineOf: (path) => source().lineOf(path),
  };
}

/**
 * Reads and parses a YAML file from disk; a missing or unreadable file is a problem too.
 * `seen` gets the text read (the check stamps hash it: check-stamp.ts).
 */
export function readYaml(absolutePath: string, file: string, seen?: (text: string) => void): ParsedYaml {
  const read = readText(absolutePath, file);
  if (read.text === undefined) return { problems: read.problems };
  seen?.(read.text);
  return parseYaml(read.text, file);
}
