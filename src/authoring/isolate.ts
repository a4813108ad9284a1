/**
 * Isolation: one broken or unfinished setting profile must not stop SafeStep serving the others.
 * Given every problem of a content root, finds the settings the problems belong to (the profile
 * file itself, a problem elsewhere that names the profile, or the clause map of one of its
 * documents), so the loader can re-check the content without them and serve the rest.
 * A problem that belongs to no setting (a broken flow, the catalogue …) still stops everything.
 */
import path from 'node:path';
import { formatProblem, type Problem } from './problem';
import type { SettingSource } from './sources';
import { CONTENT_FILES } from './sources';

/** A setting left out of what is served, with every problem that made it so. */
export interface SkippedSetting {
  /** The profile's id (its file name when the file could not be read). */
  id: string;
  file: string;
  problems: Problem[];
}

function isSettingFile(file: string): boolean {
  return file.startsWith(`${CONTENT_FILES.settingsDir}/`) && file.endsWith('.yaml');
}

/** The setting files a problem belongs to (none: the problem is not any one setting's). */
export function settingFilesOf(p: Problem, settings: readonly SettingSource[]): string[] {
  if (isSettingFile(p.file)) return [p.file];
  const named = settings.filter((s) => p.message.includes(s.file)).map((s) => s.file);
  if (named.length > 0) return named;
  if (p.file.startsWith(`${CONTENT_FILES.clausesDir}/`)) {
    const doc = path.basename(p.file, '.yaml');
    return settings.filter((s) => s.data.documents.some((d) => d.id === doc)).map((s) => s.file);
  }
  return [];
}

/** Groups the problems by the setting they belong to. */
export function skippedSettings(problems: readonly Problem[], settings: readonly SettingSource[]): SkippedSetting[] {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    for (const file of settingFilesOf(p, settings)) {
      const list = byFile.get(file) ?? [];
      list.push(p);
      byFile.set(file, list);
    }
  }
  return [...byFile.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, list]) => ({ id: settings.find((s) => s.file === file)?.data.id ?? path.basename(file, '.yaml'), file, problems: list }));
}

/** "content/settings/x.yaml (setting x) is not served: 2 problems …" — for logs on stderr and `validate`. */
export function describeSkipped(s: SkippedSetting): string {
  const n = s.problems.length;
  return `${s.file} (setting ${s.id}) is not served until it is fixed: ${n} problem${n === 1 ? '' : 's'} (listed above); every other setting is served.`;
}

/** Writes each skipped setting's problems (file, line, what to fix) and that it is not served. */
export function reportSkipped(skipped: readonly SkippedSetting[], stderr: { write(text: string): unknown }): void {
  for (const s of skipped) {
    for (const p of s.problems) stderr.write(`${formatProblem(p)}\n`);
    stderr.write(`${describeSkipped(s)}\n`);
  }
}
