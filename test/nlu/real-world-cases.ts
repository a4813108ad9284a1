/**
 * The real-world routing sets' case format (test/nlu/real-world/*.yaml), shared by the file checks
 * of the tuning parts (real-world-parts.test.ts) and of the first set and the holdouts
 * (real-world.test.ts): the case type, how a file is read (once per suite), and what a well-formed
 * case is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './fixtures';

/** The folder of the real-world sets. */
export const REAL_WORLD_DIR = path.join(ROOT, 'test/nlu/real-world');

/** One labelled message: a flow id or null (not covered), where it was adapted from, and how. */
export interface RealWorldCase {
  text: string;
  flow: string | null;
  danger: boolean;
  also?: string;
  note?: string;
  source: string;
  kind: string;
}

const KINDS = new Set(['forum', 'news', 'case-study', 'guidance-faq', 'helpline']);
const ALLOWED_KEYS = new Set(['text', 'flow', 'danger', 'also', 'note', 'source', 'kind']);
const readOnce = new Map<string, RealWorldCase[]>();

/** The cases of a file in REAL_WORLD_DIR, parsed once per suite. */
export function readRealWorld(file: string): RealWorldCase[] {
  if (!readOnce.has(file)) readOnce.set(file, (parse(fs.readFileSync(path.join(REAL_WORLD_DIR, file), 'utf8')) as { cases: RealWorldCase[] }).cases);
  return readOnce.get(file)!;
}

/**
 * Non-empty text, a flow or null, a boolean danger (the bench's reader, readDevSet, requires it), a non-empty source (a web address
 * when `sourceIsUrl`), a known kind, and no other key.
 */
export function wellFormed(c: RealWorldCase, sourceIsUrl = false): boolean {
  return (
    typeof c.text === 'string' &&
    c.text.trim() !== '' &&
    (c.flow === null || typeof c.flow === 'string') &&
    typeof c.danger === 'boolean' &&
    typeof c.source === 'string' &&
    c.source.trim() !== '' &&
    (!sourceIsUrl || /^https?:\/\//.test(c.source)) &&
    KINDS.has(c.kind) &&
    Object.keys(c).every((k) => ALLOWED_KEYS.has(k))
  );
}
