/**
 * The meaning-level check of content/nlu/staff-messages.yaml, beside its schema (which
 * loadNluContent applies, and `safestep validate` reports as `nlu-content`):
 * `unknown-staff-message-flow`: a key that is neither a flow nor `out-of-scope`, whose messages
 * the router would otherwise leave out without a word. Reads the file only; returns problems.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Problem } from '../authoring/problem';
import type { FlowDef } from '../core/model';
import { NLU_FILES } from './load';
import { OUT_OF_SCOPE_KEY } from './staff-messages';

/** Problems with the staff messages' flow keys under `root` (none when the file is absent or does not parse). */
export function inspectStaffMessages(root: string, flows: ReadonlyMap<string, FlowDef>): Problem[] {
  const file = NLU_FILES.staffMessages;
  let text: string;
  try {
    text = fs.readFileSync(path.join(root, file), 'utf8');
  } catch {
    return [];
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const messages = doc.get('messages', true);
  if (doc.errors.length > 0 || !isMap(messages)) return [];
  return messages.items.flatMap((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === OUT_OF_SCOPE_KEY || flows.has(key)) return [];
    const at = isScalar(pair.key) && pair.key.range ? counter.linePos(pair.key.range[0]).line : undefined;
    return [{
      rule: 'unknown-staff-message-flow',
      file,
      ...(at === undefined ? {} : { line: at }),
      message: `"${key}" is not a flow, so the router would not train on its messages.`,
      fix: `Use a flow id from flows/ or ${OUT_OF_SCOPE_KEY}: correct the tuning part's \`flow:\` and re-run node test/nlu/real-world/to-training.mjs.`,
    }];
  });
}
