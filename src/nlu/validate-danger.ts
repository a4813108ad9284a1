/**
 * The danger model's meaning-level checks, beside its schema (which loadNluContent applies):
 * `danger-content`: a file of content/danger/ that does not load (YAML, shape, unknown cue, bad
 * regular expression; the message names file, line and column), or `nlu-content` when the file
 * that fails is another NLU file (content/nlu/, loaded with it); `unknown-danger-flow`: a
 * signal's `flow` that is not a flow; `danger-flow-not-incident`: a signal's `flow` that is a
 * guidance flow (a child at risk is an incident). Reads files only; returns problems.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Problem } from '../authoring/problem';
import { SafeStepError } from '../core/errors';
import type { FlowDef } from '../core/model';
import type { DangerRules } from './danger';
import { loadNluContent, NLU_FILES } from './load';

/**
 * Loads the danger model under `root` and checks it against the flows; the rules when it loads.
 * A content root without content/danger/ (a fixture with flows only) has nothing to check.
 */
export function inspectDanger(root: string, flows: ReadonlyMap<string, FlowDef>): { problems: Problem[]; rules?: DangerRules } {
  if (!fs.existsSync(path.join(root, path.dirname(NLU_FILES.dangerSignals)))) return { problems: [] };
  let rules: DangerRules;
  try {
    rules = loadNluContent(root).danger;
  } catch (err) {
    if (!(err instanceof SafeStepError)) throw err;
    const [where = '', ...rest] = err.message.split(': ');
    const [file = where, line, column] = where.split(':');
    const ofDanger = file.startsWith(path.dirname(NLU_FILES.dangerSignals));
    const rule = ofDanger ? 'danger-content' : 'nlu-content';
    const fix = ofDanger ? 'Correct the file as the message says; content/danger/README.md describes the model.' : 'Correct the file as the message says; its header comment describes it.';
    return { problems: [{ rule, file, line: num(line), column: num(column), message: `${rest.join(': ')}.`, fix }] };
  }
  const lineOf = flowLines(root);
  const problems: Problem[] = [];
  rules.signals.forEach((s, i) => {
    if (s.flow === undefined) return;
    const flow = flows.get(s.flow);
    const at = { file: NLU_FILES.dangerSignals, line: lineOf(i) };
    if (!flow) {
      problems.push({ rule: 'unknown-danger-flow', ...at, message: `signal "${s.id}" names flow "${s.flow}", which is not a flow.`, fix: `Use the id of a file in flows/ (e.g. ${[...flows.keys()][0] ?? 'a flow id'}), or remove \`flow\`.` });
    } else if (flow.kind !== 'incident') {
      problems.push({ rule: 'danger-flow-not-incident', ...at, message: `signal "${s.id}" names the guidance flow "${s.flow}"; a child at risk is an incident.`, fix: 'Name an incident flow, or safeguarding-concern.' });
    }
  });
  return { problems, rules };
}

function num(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The line of signal i's `flow` key in signals.yaml. */
function flowLines(root: string): (i: number) => number | undefined {
  const text = fs.readFileSync(path.join(root, NLU_FILES.dangerSignals), 'utf8');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  return (i) => {
    const node = doc.getIn(['signals', i, 'flow'], true) as { range?: [number, number, number] } | undefined;
    return node?.range ? counter.linePos(node.range[0]).line : undefined;
  };
}
