/**
 * The rule catalogue (content/rules.yaml): every rule key, what it means in plain words, the Kent
 * template section it usually comes from (title and keywords: numbers vary by school) and the kind
 * of value it takes. The drafter (`safestep setting new`) aligns a new policy with it; docs/rules.md
 * is generated from it. `ruleKeysInUse` reads which keys flows, quiz questions and messages use.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const EntrySchema = z.strictObject({
  meaning: z.string().min(5),
  section: z.string().min(3),
  keywords: z.array(z.string().min(2)).min(1),
  value: z.enum(['text', 'yes-no']),
});

const CatalogueSchema = z.strictObject({ version: z.number().int().positive(), rules: z.record(z.string(), EntrySchema) });

/** One catalogue entry. */
export type RuleEntry = z.output<typeof EntrySchema>;
/** The whole catalogue, keyed by rule. */
export type RuleCatalogue = Readonly<Record<string, RuleEntry>>;

/** Where the catalogue lives, relative to the content root. */
export const CATALOGUE_FILE = 'content/rules.yaml';

/** Reads and shape-checks content/rules.yaml; throws naming the file and the problem. */
export function loadCatalogue(root: string): RuleCatalogue {
  const file = path.join(root, CATALOGUE_FILE);
  const parsed = CatalogueSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${CATALOGUE_FILE}: ${z.prettifyError(parsed.error)}`);
  return parsed.data.rules;
}

/** Rule keys named in YAML text as `rule: KEY` (conditions, citations) or `{{rule.KEY}}` (placeholders). */
export function ruleKeysInText(text: string): Set<string> {
  const keys = new Set<string>();
  for (const m of text.matchAll(/\brule(?::\s*|\.)([a-z0-9]+(?:-[a-z0-9]+)*)/g)) keys.add(m[1]!);
  return keys;
}

function yamlIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort().map((n) => path.join(dir, n)) : [];
}

/** Which rule keys each user uses: `flow:<id>`, `quiz:<file>`, `messages` → keys. */
export function ruleKeysInUse(root: string): Map<string, Set<string>> {
  const users = new Map<string, Set<string>>();
  for (const f of yamlIn(path.join(root, 'flows'))) users.set(`flow:${path.basename(f, '.yaml')}`, ruleKeysInText(readFileSync(f, 'utf8')));
  for (const f of yamlIn(path.join(root, 'content', 'quiz'))) users.set(`quiz:${path.basename(f, '.yaml')}`, ruleKeysInText(readFileSync(f, 'utf8')));
  const messages = path.join(root, 'content', 'messages.yaml');
  if (existsSync(messages)) users.set('messages', ruleKeysInText(readFileSync(messages, 'utf8')));
  return users;
}
