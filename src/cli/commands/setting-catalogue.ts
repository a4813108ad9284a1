/** `safestep setting catalogue [--write]`: prints docs/rules.md, or writes it. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadCatalogue, ruleKeysInUse } from '../../onboarding/catalogue';
import { rulesDocument, type RuleState } from '../../onboarding/rules-doc';
import { EXIT } from '../io';
import type { SettingArgs } from './setting-args';

/** setting id → rule → filled/silent, read straight from content/settings/*.yaml. */
export function ruleStates(root: string): Map<string, Map<string, RuleState>> {
  const dir = path.join(root, 'content', 'settings');
  const out = new Map<string, Map<string, RuleState>>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const p = parse(readFileSync(path.join(dir, f), 'utf8')) as { id?: string; rules?: Record<string, { silent?: boolean }> };
    if (p?.id) out.set(p.id, new Map(Object.entries(p.rules ?? {}).map(([k, r]) => [k, r.silent ? 'silent' : 'filled'])));
  }
  return out;
}

export async function settingCatalogue({ flags, root, io }: SettingArgs): Promise<number> {
  const text = rulesDocument({ catalogue: loadCatalogue(root), uses: ruleKeysInUse(root), settings: ruleStates(root) });
  if (flags.write !== true) {
    io.stdout.write(text);
    return EXIT.ok;
  }
  writeFileSync(path.join(root, 'docs', 'rules.md'), text);
  io.stdout.write('wrote docs/rules.md\n');
  return EXIT.ok;
}
