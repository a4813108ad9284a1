/** `file-name-mismatch`: a flow's or setting's id must equal its file name (without `.yaml`). */
import path from 'node:path';
import type { Problem } from '../problem';
import type { SourceFile } from '../sources';
import type { ValidationContext, ValidationRule } from './context';

const RULE = 'file-name-mismatch';

function check(source: SourceFile<{ id: string }>, what: 'flow' | 'setting'): Problem[] {
  const expected = path.posix.basename(source.file, '.yaml');
  if (source.data.id === expected) return [];
  return [
    {
      rule: RULE,
      file: source.file,
      line: source.yaml.lineOf(['id']),
      ...(what === 'flow' ? { flow: source.data.id } : {}),
      message: `the ${what} id "${source.data.id}" does not match the file name ${source.file}.`,
      fix: `Rename the file to ${path.posix.join(path.posix.dirname(source.file), `${source.data.id}.yaml`)} or change the id to "${expected}".`,
    },
  ];
}

/** The `file-name-mismatch` rule. */
export const fileNameMismatch: ValidationRule = {
  name: RULE,
  check: (ctx: ValidationContext) => [
    ...ctx.flows.flatMap((f) => check(f, 'flow')),
    ...ctx.settings.flatMap((s) => check(s, 'setting')),
  ],
};
