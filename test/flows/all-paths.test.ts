/**
 * Every path of every flow, for every setting (whatever content/settings/ holds; the content root
 * is SAFESTEP_CONTENT_ROOT when set), through the real content and engine: each path ends; every
 * advice step cites clauses that exist in that setting's documents, except the shared silence
 * statement, which cites nothing; no placeholder
 * is left unfilled; incident flows always file a report and guidance flows only when asked;
 * nothing SafeStep says on any path breaks a national rule (content/national-guard.yaml).
 */
import path from 'node:path';
import { loadContent } from '../../src/authoring/load';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { GuardSchema, compileGuard, forbiddenIn } from '../../src/authoring/guard';
import { render } from '../../src/core/template';
import { contentRoot } from '../support/content-root';
import { walkAllPaths, type WalkedPath } from './path-walker';

const root = contentRoot();
const content = loadContent(root);
const guard = compileGuard(GuardSchema.parse(parse(readFileSync(path.join(root, 'content', 'national-guard.yaml'), 'utf8'))).forbidden);
const cases = [...content.settings.keys()].flatMap((settingId) => [...content.flows.keys()].map((flowId) => [settingId, flowId] as const));

const textsOf = (p: WalkedPath): string[] =>
  p.replies.flatMap((r) => {
    if (r.type === 'advice') return [r.title, ...(r.intro ? [r.intro] : []), ...r.steps.map((s) => s.text)];
    if (r.type === 'question') return [r.text, ...r.choices.map((c) => c.label)];
    return 'text' in r ? [r.text] : [];
  });

describe.each(cases)('%s / %s', (settingId, flowId) => {
  const setting = content.settings.get(settingId)!;
  const flow = content.flows.get(flowId)!;
  const paths = walkAllPaths(content, settingId, flowId);
  const citable = new Map([...setting.documents, content.national].map((d) => [d.id, new Set(d.sections.map((s) => s.id))]));

  test('every path ends', () => {
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.ended)).toBe(true);
  });

  const silence = new Set(Object.values(content.catalog.silence).map((t) => render(t, setting)));

  test('every advice step shown has a citation to a clause this setting has (or is the silence statement)', () => {
    for (const p of paths) {
      for (const r of p.replies) {
        if (r.type !== 'advice') continue;
        expect(r.steps.length).toBeGreaterThan(0);
        for (const s of r.steps) {
          if (silence.has(s.text)) expect(s.citations).toEqual([]);
          else expect(s.citations.length).toBeGreaterThan(0);
          for (const c of s.citations) expect(citable.get(c.document)?.has(c.section)).toBe(true);
        }
      }
    }
  });

  test('no placeholder is left unfilled', () => {
    for (const p of paths) expect(textsOf(p).filter((t) => t.includes('{{'))).toEqual([]);
  });

  const unreported = new Set(
    Object.values(flow.steps).flatMap((s) => (s.type === 'end' && s.noReport ? [render(s.text, setting)] : [])),
  );
  const lastText = (p: WalkedPath) => textsOf(p).at(-1) ?? '';

  test(flow.kind === 'incident' ? 'every path files a report, unless it ends where the flow says why not' : 'a report is filed only when asked', () => {
    for (const p of paths) {
      if (flow.kind === 'incident') expect([p.drafts.length, unreported.has(lastText(p)) ? 'no-report end' : 'end']).toEqual(unreported.has(lastText(p)) ? [0, 'no-report end'] : [1, 'end']);
      else expect(p.drafts.length).toBe(p.choices.some((c) => c.endsWith('=log-yes')) ? 1 : 0);
      for (const d of p.drafts) {
        expect(d).toMatchObject({ settingId, flowId, category: flow.category });
        expect(d.policyVersion).toContain(setting.documents[0]!.id);
      }
    }
  });

  test('nothing said on any path breaks a national rule', () => {
    const exempt = new Set((flow.guardExempt ?? []).map((e) => e.id));
    const applicable = guard.filter((g) => !exempt.has(g.entry.id));
    for (const p of paths) expect(textsOf(p).flatMap((t) => forbiddenIn(t, applicable).map((f) => `${JSON.stringify(f)}: ${t}`))).toEqual([]);
  });
});

test('every flow is walked for every setting in content/settings/', () => {
  expect(cases.length).toBe(content.settings.size * content.flows.size);
  const files = readdirSync(path.join(root, 'content', 'settings')).filter((f) => f.endsWith('.yaml'));
  expect([...content.settings.keys()].sort()).toEqual(files.map((f) => f.slice(0, -'.yaml'.length)).sort());
});
