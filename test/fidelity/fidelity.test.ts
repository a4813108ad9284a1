/**
 * Replays every fidelity case for every setting through the real engine and content, and checks
 * what staff are told: required steps, the setting's own DSL and contacts, the right clauses, and
 * nothing a national rule forbids. Every flow must have a spec. These specs are about the named
 * settings' own policies: each case runs for the settings its spec names in `perSetting`, and a
 * named setting absent from the content root (SAFESTEP_CONTENT_ROOT, else the repository) is
 * skipped, not failed. Any other setting is walked by the generic suites (test/flows).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadContent } from '../../src/authoring/load';
import { step, type EngineContext, type EngineInput } from '../../src/core/engine';
import type { Reply } from '../../src/core/messages';
import { newSession } from '../../src/core/session';
import { render } from '../../src/core/template';
import type { SettingProfile } from '../../src/core/model';
import { contentRoot } from '../support/content-root';
import { FidelitySchema, type Expectations, type FidelitySpec } from './fidelity-schema';

const root = contentRoot();
const content = loadContent(root);
const specFiles = readdirSync(__dirname).filter((f) => f.endsWith('.yaml')).sort();
const specs: FidelitySpec[] = specFiles.map((f) => FidelitySchema.parse(parse(readFileSync(path.join(__dirname, f), 'utf8'))));

interface Outcome {
  text: string;
  citations: string[];
  urgency: string;
}

/** Walks one path for one setting; returns everything said, the clauses cited and the report urgency. */
function walk(flowId: string, answers: string[], settingId: string): Outcome {
  const ctx: EngineContext = {
    content,
    router: { route: () => ({ flow: null, confidence: 0, alternatives: [] }) },
    danger: { detect: () => ({ danger: false, signals: [] }) },
    now: new Date('2026-11-21T10:00:00Z'),
  };
  let session = newSession({ conversationId: 'f', channel: 'test', user: { id: 'f' }, settingId, now: ctx.now });
  const replies: Reply[] = [];
  let urgency = 'none';
  const send = (input: EngineInput) => {
    let r = step(session, input, ctx);
    replies.push(...r.replies);
    for (const e of r.effects) {
      urgency = e.draft.urgency;
      r = step(r.session, { kind: 'report-filed', report: { ...e.draft, reference: 'SS-2026-0001' } }, ctx);
      replies.push(...r.replies);
    }
    session = r.session;
    return r.replies;
  };
  let last = send({ kind: 'message', choice: flowId });
  const queue = [...answers];
  for (let guard = 0; session.mode !== 'idle' && guard < 60; guard++) {
    const q = last.at(-1);
    if (q?.type !== 'question') throw new Error(`${flowId}/${settingId}: waiting without a question`);
    if (q.freeText) {
      last = send({ kind: 'message', text: 'An answer.' });
      continue;
    }
    const next = queue.shift();
    if (!next) throw new Error(`${flowId}/${settingId}: path ran out at question ${q.id} (choices ${q.choices.map((c) => c.id).join(', ')})`);
    const [qid, choice] = next.split('=') as [string, string];
    if (q.id !== qid) throw new Error(`${flowId}/${settingId}: expected question ${qid}, got ${q.id}`);
    if (!q.choices.some((c) => c.id === choice)) throw new Error(`${flowId}/${settingId}: ${q.id} has no choice ${choice} here`);
    last = send({ kind: 'message', choice });
  }
  if (queue.length > 0) throw new Error(`${flowId}/${settingId}: unused answers ${queue.join(', ')}`);
  const text = replies.map((r) => (r.type === 'advice' ? [r.title, ...r.steps.map((s) => s.text)].join('\n') : r.text)).join('\n');
  const citations = replies.flatMap((r) => (r.type === 'advice' ? r.steps.flatMap((s) => s.citations.map((c) => `${c.document} §${c.section}`)) : []));
  return { text, citations, urgency };
}

function cited(outcome: Outcome, want: string): boolean {
  return want.startsWith('§') ? outcome.citations.some((c) => c.endsWith(` ${want}`)) : outcome.citations.includes(want);
}

function checkExpectations(o: Outcome, e: Expectations, s: SettingProfile): string[] {
  const failures: string[] = [];
  const lower = o.text.toLowerCase();
  for (const raw of e.mustSay ?? []) if (!lower.includes(render(raw, s).toLowerCase())) failures.push(`must say "${render(raw, s)}"`);
  for (const raw of e.mustNotSay ?? []) if (lower.includes(render(raw, s).toLowerCase())) failures.push(`must not say "${render(raw, s)}"`);
  for (const c of e.mustCite ?? []) if (!cited(o, c)) failures.push(`must cite ${c} (cited: ${[...new Set(o.citations)].join(', ')})`);
  for (const c of e.mustNotCite ?? []) if (cited(o, c)) failures.push(`must not cite ${c}`);
  if (e.urgency && e.urgency !== o.urgency) failures.push(`urgency ${o.urgency}, expected ${e.urgency}`);
  return failures;
}

test('every flow has a fidelity spec, and every spec names a real flow', () => {
  expect(specs.map((s) => s.flow).sort()).toEqual([...content.flows.keys()].sort());
  expect(specFiles).toEqual(specs.map((s) => `${s.flow}.yaml`).sort());
});

describe.each(specs.map((s) => [s.flow, s] as const))('fidelity: %s', (_flow, spec) => {
  const named = [...new Set(spec.cases.flatMap((c) => Object.keys(c.perSetting ?? {})))].sort();
  const present = named.filter((id) => content.settings.has(id));
  test('the spec pins down at least one setting', () => {
    expect(named.length).toBeGreaterThan(0);
  });

  const runs = spec.cases.flatMap((c) => present.map((settingId) => [c.name, settingId, c] as const));
  const absent = spec.cases.flatMap((c) => named.filter((id) => !present.includes(id)).map((settingId) => [c.name, settingId] as const));
  if (absent.length > 0) test.skip.each(absent)('%s — %s (setting not in this content)', () => undefined);
  if (runs.length > 0) test.each(runs)('%s — %s', (_name, settingId, c) => {
    const setting = content.settings.get(settingId)!;
    const outcome = walk(spec.flow, c.path, settingId);
    const failures = [...checkExpectations(outcome, c, setting), ...checkExpectations(outcome, c.perSetting?.[settingId] ?? {}, setting)];
    expect(failures).toEqual([]);
  });
});
