/**
 * Issue 14's proof, from nothing but a new Kent-template policy (test/fixtures/new-setting/, a
 * fictional Oakfield Primary School: its own DSL and deputies, its own phone and photo rules,
 * sections removed, placeholders left unfilled), saved as Word: on a copy of the project, real
 * processes run `setting new`, `setting review`, `setting approve` and `validate` (green); only
 * content/settings/ changes. Then every path of every flow is walked for the new setting: its
 * answers quote its own policy word for word, state silence where it is silent, and never name
 * another setting or its people or rules.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { normalise } from '../../src/authoring/clauses/policy-text';
import { loadContent } from '../../src/authoring/load';
import type { Reply } from '../../src/core/messages';
import type { SettingProfile } from '../../src/core/model';
import { findChromium } from '../../src/onboarding/pdf';
import { walkAllPaths } from '../flows/path-walker';
import { CLI, runCli } from '../support/cli-process';
import { copyProject, docxOf, filesUnder, OAKFIELD_TXT, ROOT } from './files';

const ID = 'oakfield-primary';
const NAME = 'Oakfield Primary School';
let dir: string;
let repo: string;
let env: Record<string, string>;
let before: Map<string, string>;

/** Every file of the copy outside content/settings/, with its content. */
function outsideSettings(): Map<string, string> {
  return new Map(filesUnder(repo).filter((f) => !f.startsWith(`content${path.sep}settings${path.sep}`)).map((f) => [f, fs.readFileSync(path.join(repo, f), 'utf8')]));
}

const others: SettingProfile[] = fs
  .readdirSync(path.join(ROOT, 'content', 'settings'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parse(fs.readFileSync(path.join(ROOT, 'content', 'settings', f), 'utf8')) as SettingProfile);

beforeAll(() => {
  ({ dir, repo } = copyProject());
  env = { SAFESTEP_CONTENT_DIR: repo, SAFESTEP_DATA_DIR: path.join(dir, 'data'), SAFESTEP_TODAY: '2026-12-06' };
  before = outsideSettings();
  fs.writeFileSync(path.join(dir, 'Oakfield policy.docx'), docxOf(fs.readFileSync(OAKFIELD_TXT, 'utf8')));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a new setting from its own policy, reviewed and approved by its DSL', () => {
  test('setting new drafts it from the Word file, flags the placeholders, fills its people', () => {
    const r = runCli(['setting', 'new', '--id', ID, '--name', NAME, '--policy', path.join(dir, 'Oakfield policy.docx')], env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/unfilled template placeholder "\[Month, Year\]"/);
    expect(r.stdout).toMatch(/unfilled template placeholder "Setting Name"/);
    expect(r.stdout).toMatch(/unfilled template placeholder "insert name of filtering provider"/);
    const p = parse(fs.readFileSync(path.join(repo, 'content', 'settings', `${ID}.yaml`), 'utf8')) as SettingProfile;
    expect(p.status).toBe('draft');
    expect(p.people.dsl).toEqual({ name: 'Gwen Adeyemi', role: 'Deputy Headteacher', cite: [{ document: 'oakfield-primary-oakfield-policy', section: 'preamble' }] });
    expect(p.people.deputies.map((d) => d.name)).toEqual(['Marcus Pell', 'Hannah Bright']);
    expect(p.people.head).toEqual({ name: 'David Rowe', role: 'Headteacher' });
    expect(p.documents[0]).toMatchObject({ reviewDue: 'September 2026', reviewDueDate: '2026-09-30', approved: 'September 2025' });
    // Its own phone and photo rules, cited to its own sections; removed sections are silent.
    const rule = (k: string) => p.rules[k]!;
    expect(rule('staff-social-media-hours')).toMatchObject({ value: true, cite: [{ section: 'SM 3' }] });
    expect(rule('staff-social-media-hours')).toMatchObject({ text: expect.stringContaining('Staff may use personal social media during breaks and lunchtime') });
    expect(rule('visitor-event-photos')).toMatchObject({ text: expect.stringContaining('at school performances and sports day'), cite: [{ section: 'MST 5' }] });
    expect(rule('staff-device-for-photos')).toMatchObject({ text: expect.stringContaining('only take photos or videos of pupils on the school iPads') });
    expect(rule('pupil-phone-on-site')).toMatchObject({ text: expect.stringContaining('Year 5 and Year 6'), cite: [{ section: 'MST 4' }] });
    for (const gone of ['pupil-phone-exams', 'official-register-email', 'radical-procedure', 'parents-contact-trips']) expect({ gone, silent: rule(gone).silent }).toEqual({ gone, silent: true });
    for (const [key, r] of Object.entries(p.rules)) expect({ key, confidence: typeof r.confidence }).toEqual({ key, confidence: 'number' });
  });

  test('it never copies another setting\'s rule text: every filled rule is the new policy\'s own words', () => {
    const p = parse(fs.readFileSync(path.join(repo, 'content', 'settings', `${ID}.yaml`), 'utf8')) as SettingProfile;
    const policy = normalise(fs.readFileSync(OAKFIELD_TXT, 'utf8'));
    const theirs = others.flatMap((o) => Object.values(o.rules).flatMap((r) => (r.silent ? [] : [normalise(r.text)])));
    for (const [key, r] of Object.entries(p.rules)) {
      if (r.silent) continue;
      for (const part of r.text.split(/(?<=[.;:])\s+(?=[A-Z])/)) expect({ key, verbatim: policy.includes(normalise(part)) }).toEqual({ key, verbatim: true });
      expect({ key, copied: theirs.filter((t) => t === normalise(r.text) || (t.length > 40 && normalise(r.text).includes(t))) }).toEqual({ key, copied: [] });
    }
  });

  test('setting review writes the printable book: advice beside its quotes, silences, DRAFT; a PDF where Chromium is installed', () => {
    const r = runCli(['setting', 'review', ID], { ...env, SAFESTEP_CHROMIUM: path.join(dir, 'no-chromium-here') });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/wrote content\/settings\/oakfield-primary\/review.html/);
    const html = fs.readFileSync(path.join(repo, 'content', 'settings', ID, 'review.html'), 'utf8');
    expect(html).toMatch(/<strong>DRAFT<\/strong>/);
    expect(html).toContain('Staff may use personal social media during breaks and lunchtime');
    expect(html).toMatch(/Where your policy is silent/);
    expect(html).toMatch(/Pass mark \d+%, \d+ questions an attempt/);
    expect(html).not.toMatch(/<script|https?:\/\//);
    // Without Chromium the command says so and writes the HTML alone.
    expect(r.stdout).toMatch(/no PDF: no Chromium found.*the HTML prints the same/);
    const pdf = path.join(repo, 'content', 'settings', ID, 'review.pdf');
    expect(fs.existsSync(pdf)).toBe(false);
    // Where Chromium is installed (Debian's chromium), the same command prints the book to PDF.
    if (findChromium(process.env)) {
      const withPdf = spawnSync(process.execPath, [CLI, 'setting', 'review', ID], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 180_000 });
      expect(withPdf.stdout).toMatch(/wrote content\/settings\/oakfield-primary\/review.pdf/);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  }, 240_000);

  test('setting approve records the DSL, and validate is green with only content/settings/ changed', () => {
    const approve = runCli(['setting', 'approve', ID, '--by', 'Gwen Adeyemi, Designated Safeguarding Lead'], env);
    expect(approve.stderr).toBe('');
    expect(approve.status).toBe(0);
    const validate = runCli(['validate'], env);
    expect(validate.stderr.split('\n').filter((l) => l && !l.startsWith('warning:'))).toEqual([]);
    expect(validate.status).toBe(0);
    expect(validate.stdout).toMatch(/5 settings OK/);
    expect(validate.stdout).toMatch(/oakfield-primary approved \(Gwen Adeyemi, Designated Safeguarding Lead\), served/);
    expect(outsideSettings()).toEqual(before);
  });

  test("every path of every flow quotes Oakfield's own policy, states its silences, and names no other setting", () => {
    const content = loadContent(repo);
    const policy = normalise(fs.readFileSync(OAKFIELD_TXT, 'utf8'));
    const foreign = [
      ...others.flatMap((o) => [o.name, o.people.dsl.name, o.people.head.name, ...o.people.deputies.map((d) => d.name), ...o.documents.map((d) => d.id)]),
      'East Stour', 'Headcorn', 'Rainbow', 'Upton',
    ].filter((x): x is string => typeof x === 'string' && x.length > 3);
    const texts = (r: Reply): string[] => (r.type === 'advice' ? [r.title, ...(r.intro ? [r.intro] : []), ...r.steps.flatMap((s) => [s.text, ...s.citations.flatMap((c) => c.quotes ?? [])])] : r.type === 'question' ? [r.text, ...r.choices.map((c) => c.label)] : 'text' in r ? [r.text] : []);
    let ownQuotes = 0;
    let silences = 0;
    for (const flowId of content.flows.keys()) {
      for (const p of walkAllPaths(content, ID, flowId)) {
        for (const r of p.replies) {
          for (const t of texts(r)) {
            const named = foreign.filter((f) => t.includes(f));
            expect({ flowId, text: t, named }).toEqual({ flowId, text: t, named: [] });
            if (/Oakfield Primary School's policy (does not|doesn't)/.test(t)) silences++;
          }
          if (r.type !== 'advice') continue;
          for (const c of r.steps.flatMap((s) => s.citations)) {
            expect({ flowId, document: c.document }).toEqual({ flowId, document: expect.stringMatching(/^(oakfield-primary-oakfield-policy|national-rules)$/) });
            for (const q of c.quotes ?? []) {
              if (c.document !== 'oakfield-primary-oakfield-policy') continue;
              ownQuotes++;
              expect({ flowId, quote: q, verbatim: policy.includes(normalise(q)) }).toEqual({ flowId, quote: q, verbatim: true });
            }
          }
        }
      }
    }
    expect(ownQuotes).toBeGreaterThan(50);
    expect(silences).toBeGreaterThan(5);
  });
});
