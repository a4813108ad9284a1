/**
 * What every quiz validation rule receives: the loaded content, the quiz files, which setting
 * profiles have a bank, and per setting the questions that apply to it (shared ones whose `when`
 * holds, plus its own), each with its file and position so problems name file and line.
 */
import { citableDocuments, type ContentBundle } from '../../core/content';
import type { SettingProfile } from '../../core/model';
import { PlaceholderError, render } from '../../core/template';
import { compileGuard, type CompiledGuardEntry } from '../../authoring/guard';
import type { Problem } from '../../authoring/problem';
import type { ContentSources, SettingSource, SourceFile } from '../../authoring/sources';
import { parseYaml, type DataPath } from '../../authoring/yaml-source';
import { defaultBank } from '../default-bank';
import type { QuizCatalog, QuizQuestionDef, SettingQuizDef, SharedQuizDef } from '../model';
import { asks } from '../resolve';

/** A question where it is written: its file and its index in that file's `questions`. */
export interface QuestionSite {
  source: SourceFile<{ questions: QuizQuestionDef[] }>;
  index: number;
  def: QuizQuestionDef;
  /** The setting whose own bank holds it; undefined for shared.yaml. */
  owner?: string;
}

/** The quiz files validation runs over (shared.yaml and messages.yaml parsed). */
export interface QuizFiles {
  shared: SourceFile<SharedQuizDef>;
  messages: SourceFile<QuizCatalog>;
  settings: SourceFile<SettingQuizDef>[];
}

/** Shared facts for one validation run. */
export interface QuizValidation {
  bundle: ContentBundle;
  files: QuizFiles;
  guard: readonly CompiledGuardEntry[];
  /**
   * Every setting profile with its bank: its own file, or (`implicit`) the default bank of a
   * setting with no content/quiz/<id>.yaml (src/quiz/default-bank.ts).
   */
  banked: readonly { setting: SettingSource; bank: SourceFile<SettingQuizDef>; implicit?: true }[];
  /** Every question of every quiz file, in file order. */
  sites: readonly QuestionSite[];
  /** The questions that apply to a setting (its own bank's and shared.yaml's whose `when` holds). */
  applicable(setting: SettingSource): QuestionSite[];
  /** Document id → section ids a setting may cite (its documents and the national rules). */
  citable(setting: SettingProfile): ReadonlyMap<string, ReadonlySet<string>>;
}

/** A quiz validation rule: a stable name; must not throw or do I/O. */
export interface QuizRule {
  name: string;
  check(v: QuizValidation): Problem[];
}

/** The default bank of a setting with no file, as a source (lines point at the file to create). */
function implicitBank(settingId: string): SourceFile<SettingQuizDef> {
  const file = `content/quiz/${settingId}.yaml`;
  const parsed = parseYaml(`setting: ${settingId}\nquestions: []\n`, file);
  if (!parsed.source) throw new Error(`cannot describe the default quiz bank of ${settingId}`);
  return { file, yaml: parsed.source, data: defaultBank(settingId) };
}

/** Builds the validation context. */
export function createQuizValidation(bundle: ContentBundle, content: ContentSources, files: QuizFiles): QuizValidation {
  const firstBank = new Map<string, SourceFile<SettingQuizDef>>();
  for (const b of files.settings) if (!firstBank.has(b.data.setting)) firstBank.set(b.data.setting, b);
  const banked = content.settings.map((setting) => {
    const bank = firstBank.get(setting.data.id);
    return bank ? { setting, bank } : { setting, bank: implicitBank(setting.data.id), implicit: true as const };
  });
  const siteList = (source: QuestionSite['source'], owner?: string): QuestionSite[] =>
    source.data.questions.map((def, index) => ({ source, index, def, owner }));
  const sites = [...siteList(files.shared), ...files.settings.flatMap((b) => siteList(b, b.data.setting))];
  return {
    bundle,
    files,
    guard: compileGuard(content.guard?.data.forbidden ?? []),
    banked,
    sites,
    applicable: (setting) => {
      const own = firstBank.get(setting.data.id);
      return sites.filter((q) => (q.source === files.shared || q.source === own) && asks(q.def, setting.data, q.source === files.shared));
    },
    citable: (setting) => new Map(citableDocuments(setting, bundle.national).map((d) => [d.id, new Set(d.sections.map((s) => s.id))])),
  };
}

/** A problem at a path inside a question, e.g. ['options', 2, 'text']. */
export function questionProblem(q: QuestionSite, rule: string, path: DataPath, message: string, fix: string): Problem {
  return { rule, file: q.source.file, line: q.source.yaml.lineOf(['questions', q.index, ...path]), message: `question "${q.def.id}": ${message}`, fix };
}

/** The settings a question is asked in: its owner, or every banked setting where its `when` holds. */
export function settingsOf(v: QuizValidation, q: QuestionSite): SettingSource[] {
  return v.banked.filter((b) => (q.owner === undefined || q.owner === b.setting.data.id) && asks(q.def, b.setting.data, q.owner === undefined)).map((b) => b.setting);
}

/** The text as shown in the setting, or undefined where a placeholder cannot be filled (reported elsewhere). */
export function shown(text: string, setting: SettingProfile): string | undefined {
  try {
    return render(text, setting);
  } catch (err) {
    if (err instanceof PlaceholderError) return undefined;
    throw err;
  }
}

/** "upton-junior, rainbow-preschool" */
export function names(settings: readonly SettingSource[]): string {
  return settings.map((s) => s.data.id).join(', ');
}
