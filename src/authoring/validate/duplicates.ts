/**
 * `duplicate-id`: two flows or two settings with one id (both files named); a choice id twice
 * in one question; a prompt id twice in one report; a document or section id twice in one
 * setting (or a setting document reusing the national document's id); an example phrase in
 * two flows (both files named) or twice in one flow.
 */
import type { Problem } from '../problem';
import type { FlowSource, SourceFile } from '../sources';
import type { DataPath } from '../yaml-source';
import { flowProblem } from './context';
import type { ValidationContext, ValidationRule } from './context';

const RULE = 'duplicate-id';

/** Lower-case, single-spaced, without closing punctuation: how examples are compared. */
export function normaliseExample(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim().replace(/[.?!]+$/, '');
}

function at(source: SourceFile<unknown>, path: DataPath): string {
  return `${source.file}:${source.yaml.lineOf(path)}`;
}

function sameIdAcrossFiles(sources: readonly SourceFile<{ id: string }>[], what: 'flow' | 'setting'): Problem[] {
  const first = new Map<string, SourceFile<{ id: string }>>();
  const out: Problem[] = [];
  for (const s of sources) {
    const earlier = first.get(s.data.id);
    if (!earlier) {
      first.set(s.data.id, s);
      continue;
    }
    out.push({
      rule: RULE, file: s.file, line: s.yaml.lineOf(['id']), ...(what === 'flow' ? { flow: s.data.id } : {}),
      message: `${s.file} and ${earlier.file} both define ${what} "${s.data.id}" (first at ${at(earlier, ['id'])}).`,
      fix: `Give one of ${earlier.file} and ${s.file} a different id (and file name), or delete the copy.`,
    });
  }
  return out;
}

function repeated(ids: readonly string[]): number[] {
  const seen = new Set<string>();
  return ids.flatMap((id, i) => (seen.has(id) ? [i] : (seen.add(id), [])));
}

function withinFlow(flow: FlowSource): Problem[] {
  const out: Problem[] = [];
  for (const [step, def] of Object.entries(flow.data.steps)) {
    const list = def.type === 'question' ? def.choices : def.type === 'report' ? def.prompts : undefined;
    if (!list) continue;
    const kind = def.type === 'question' ? 'choices' : 'prompts';
    for (const i of repeated(list.map((x) => x.id))) {
      out.push(flowProblem(flow, RULE, ['steps', step, kind, i, 'id'], step, `${kind.slice(0, -1)} id "${list[i]?.id}" is used twice in this step.`, `Give ${kind.slice(0, -1)} ${i + 1} its own id.`));
    }
  }
  return out;
}

function examples(flows: readonly FlowSource[]): Problem[] {
  const first = new Map<string, { flow: FlowSource; index: number }>();
  const out: Problem[] = [];
  for (const flow of flows) {
    flow.data.examples.forEach((text, index) => {
      const key = normaliseExample(text);
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, { flow, index });
        return;
      }
      const where = earlier.flow === flow ? 'earlier in this flow' : `in ${earlier.flow.file} (flow ${earlier.flow.data.id})`;
      out.push(flowProblem(flow, RULE, ['examples', index], undefined,
        `the example "${text}" is also used ${where} at ${at(earlier.flow, ['examples', earlier.index])}, so the router cannot tell the flows apart by it.`,
        earlier.flow === flow ? 'Delete the repeated example.' : `Keep the example in the one flow it best describes: remove it from ${flow.file} or ${earlier.flow.file}.`));
    });
  }
  return out;
}

function documents(ctx: ValidationContext): Problem[] {
  const out: Problem[] = [];
  const nationalId = ctx.bundle.national.id;
  const nationalFile = ctx.sources.national;
  if (nationalFile) {
    for (const i of repeated(ctx.bundle.national.sections.map((s) => s.id))) {
      out.push({ rule: RULE, file: nationalFile.file, line: nationalFile.yaml.lineOf(['document', 'sections', i, 'id']), message: `section "${ctx.bundle.national.sections[i]?.id}" is listed twice.`, fix: 'Give each section its own id.' });
    }
  }
  for (const s of ctx.settings) {
    const docs = s.data.documents;
    const problem = (path: DataPath, message: string, fix: string): Problem => ({ rule: RULE, file: s.file, line: s.yaml.lineOf(path), message, fix });
    for (const i of repeated(docs.map((d) => d.id))) out.push(problem(['documents', i, 'id'], `document "${docs[i]?.id}" is listed twice.`, 'Give each document its own id (its file name without .txt).'));
    docs.forEach((d, i) => {
      if (d.id === nationalId) out.push(problem(['documents', i, 'id'], `document "${d.id}" has the same id as the national rules document, so citations of it are ambiguous.`, 'Rename the setting document.'));
      for (const j of repeated(d.sections.map((x) => x.id))) out.push(problem(['documents', i, 'sections', j, 'id'], `section "${d.sections[j]?.id}" is listed twice in document "${d.id}".`, 'Give each section its own id.'));
    });
  }
  return out;
}

/** The `duplicate-id` rule. */
export const duplicateId: ValidationRule = {
  name: RULE,
  check: (ctx) => [
    ...sameIdAcrossFiles(ctx.flows, 'flow'),
    ...sameIdAcrossFiles(ctx.settings, 'setting'),
    ...ctx.flows.flatMap(withinFlow),
    ...examples(ctx.flows),
    ...documents(ctx),
  ],
};
