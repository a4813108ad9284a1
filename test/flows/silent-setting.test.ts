/**
 * Every rule may be silent. A copy of the real content gains two synthetic settings silent on
 * EVERY rule, with no contacts, deputies, channels or quiz bank of their own (and one without a
 * DSL name): `validate` passes with six settings, no flow was edited for them, every path of every
 * flow ends for them, every step that rests on a rule states silence in the shared words and cites
 * no clause but the national rules, and nothing another setting's policy says (its name, people,
 * documents, rule texts, own contacts) ever reaches them - in chat or in the quiz.
 */
import { PassThrough } from 'node:stream';
import { inspectContent } from '../../src/authoring/load';
import { formatProblem } from '../../src/authoring/problem';
import { validate } from '../../src/cli/commands/validate';
import type { ContentBundle } from '../../src/core/content';
import { rulesIn } from '../../src/core/conditions';
import type { FlowDef, SettingProfile } from '../../src/core/model';
import { rulesInText } from '../../src/core/silence';
import { render } from '../../src/core/template';
import { SHARED_ONLY_MIN } from '../../src/quiz/default-bank';
import { inspectQuiz } from '../../src/quiz/load';
import { resolveQuiz } from '../../src/quiz/resolve';
import { SILENT_SETTINGS, makeSilentContent } from '../support/silent-settings';
import { walkAllPaths, type WalkedPath } from './path-walker';

const made = makeSilentContent();
afterAll(() => made.dispose());
const inspection = inspectContent(made.root);
const content = inspection.bundle as ContentBundle;

/** What must never reach a synthetic setting: every other setting's own words and names. */
function foreignStrings(others: readonly SettingProfile[]): string[] {
  const nationalContactNames = new Set<string>();
  for (const s of content.settings.values()) if (SILENT_SETTINGS.includes(s.id as never)) for (const c of s.contacts) nationalContactNames.add(c.name);
  return others.flatMap((s) => [
    s.name,
    ...[s.people.dsl, s.people.head, ...s.people.deputies].flatMap((p) => (p.name ? [p.name] : [])),
    ...s.documents.map((d) => d.id),
    ...s.officialChannels.map((c) => c.name),
    ...s.contacts.filter((c) => ![...nationalContactNames].some((n) => n.includes(c.name))).map((c) => c.name),
    ...Object.values(s.rules).flatMap((r) => (r.silent ? [] : [r.text])),
  ]);
}

const textsOf = (p: WalkedPath): string[] =>
  p.replies.flatMap((r) => {
    if (r.type === 'advice') return [r.title, ...(r.intro ? [r.intro] : []), ...r.steps.map((s) => s.text)];
    if (r.type === 'question') return [r.text, ...r.choices.map((c) => c.label)];
    return 'text' in r ? [r.text] : [];
  });

/** Titles of advice steps none of whose items uses a rule (only those may omit the silence statement). */
function ruleFreeTitles(flow: FlowDef, s: SettingProfile): Set<string> {
  const out = new Set<string>();
  for (const step of Object.values(flow.steps)) {
    if (step.type !== 'advice') continue;
    const usesRule = step.items.some((i) => rulesInText(i.text).length > 0 || i.cite.some((c) => 'rule' in c) || (i.when !== undefined && rulesIn(i.when).length > 0));
    if (!usesRule) out.add(render(step.title, s));
  }
  return out;
}

test('the content with two all-silent settings validates (flows, settings, clause maps, quiz), with no flow edited', async () => {
  expect(inspection.problems.map(formatProblem)).toEqual([]);
  const quiz = inspectQuiz(made.root, { bundle: content, sources: inspection.sources });
  expect(quiz.problems.map(formatProblem)).toEqual([]);
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), root: made.root, env: { SAFESTEP_TODAY: '2026-12-01', SAFESTEP_CONTENT_DIR: made.root } };
  expect(await validate([], io)).toBe(0);
  expect(out).toContain(`${content.settings.size} settings OK`);
  expect(content.settings.size).toBeGreaterThanOrEqual(SILENT_SETTINGS.length + 1);
});

describe.each([...SILENT_SETTINGS])('%s (silent on every rule)', (settingId) => {
  const setting = content.settings.get(settingId)!;
  const others = [...content.settings.values()].filter((s) => !SILENT_SETTINGS.includes(s.id as never));
  const foreign = foreignStrings(others).filter((x) => x.length > 3);
  const silence = Object.values(content.catalog.silence).map((t) => render(t, setting));

  test.each([...content.flows.keys()])('%s: every path ends, states silence where a rule is used, cites only national rules (or, for profile facts, its own front page), says nothing of another setting', (flowId) => {
    const flow = content.flows.get(flowId)!;
    const paths = walkAllPaths(content, settingId, flowId);
    expect(paths.length).toBeGreaterThan(0);
    const free = ruleFreeTitles(flow, setting);
    for (const p of paths) {
      expect(p.ended).toBe(true);
      for (const r of p.replies) {
        if (r.type !== 'advice') continue;
        expect(r.steps.length).toBeGreaterThan(0);
        const first = r.steps[0]!.text;
        if (!silence.includes(first)) expect([r.title, free.has(r.title)]).toEqual([r.title, true]);
        // Rules are all silent, so only national rules are cited - except facts the profile itself
        // gives (the DSL's name, the policy's dates), which cite the setting's own front page.
        const citable = flow.steps && flowId === 'about-our-policy' ? [content.national.id, ...setting.documents.map((d) => d.id)] : [content.national.id];
        for (const s of r.steps) for (const c of s.citations) expect(citable).toContain(c.document);
      }
      const said = textsOf(p).join('\n');
      expect(said).not.toContain('{{');
      expect(foreign.filter((f) => said.includes(f))).toEqual([]);
      for (const d of p.drafts) expect(d.settingId).toBe(settingId);
    }
  });

  test(`its quiz needs no file: at least ${SHARED_ONLY_MIN} shared questions, national citations only, nothing of another setting`, () => {
    const quiz = inspectQuiz(made.root, { bundle: content, sources: inspection.sources }).quiz!;
    const q = resolveQuiz(quiz, setting, content.national)!;
    expect(q.questions.length).toBeGreaterThanOrEqual(SHARED_ONLY_MIN);
    for (const question of q.questions) {
      expect(question.citations.length).toBeGreaterThan(0);
      for (const c of question.citations) expect(c.document).toBe(content.national.id);
      const said = [question.text, question.explanation, ...question.options.map((o) => o.text)].join('\n');
      expect(foreign.filter((f) => said.includes(f))).toEqual([]);
    }
  });
});
