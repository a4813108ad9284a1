/**
 * `safestep setting new` as a real process on files it must refuse — a scanned PDF (no text
 * layer), an old binary .doc, an empty file, an enormous one, Windows-1252 and UTF-16 text, an
 * unknown extension, a policy without numbered sections — each with a clear error saying what to
 * do instead, exit 1, and nothing written. And on the formats it reads: .docx, a text PDF and .md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../support/cli-process';
import { copyProject, docxOf, filesUnder, OAKFIELD_TXT, pdfOf } from './files';

let dir: string;
let repo: string;
const settings = () => filesUnder(path.join(repo, 'content', 'settings'));
let before: string[];

beforeAll(() => {
  ({ dir, repo } = copyProject());
  before = settings();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function draft(id: string, file: string) {
  return runCli(['setting', 'new', '--id', id, '--name', 'Test Primary School', '--policy', file], { SAFESTEP_CONTENT_DIR: repo });
}

function write(name: string, data: Buffer | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

const policy = fs.readFileSync(OAKFIELD_TXT, 'utf8');

const refused: [string, () => string, RegExp][] = [
  ['a scanned PDF (no text layer)', () => write('scan.pdf', pdfOf([])), /no text layer.*scanned PDF.*Word file \(\.docx\)/s],
  ['an old binary .doc', () => write('old.doc', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 7)])), /old binary Word document.*save it as \.docx/s],
  ['a .docx that is really an old .doc', () => write('renamed.docx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(2048, 1)])), /old binary Word document/],
  ['an empty file', () => write('empty.txt', ''), /is empty/],
  ['an enormous file', () => {
    const f = path.join(dir, 'huge.txt');
    fs.writeFileSync(f, 'x');
    fs.truncateSync(f, 25 * 1024 * 1024);
    return f;
  }, /25 MB, more than any policy document.*policy document alone/s],
  ['Windows-1252 text', () => write('cp1252.txt', Buffer.from(policy.replace(/'/g, '\u0092'), 'latin1')), /not UTF-8 text.*first on line \d+.*UTF-8/s],
  ['UTF-16 text', () => write('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(policy, 'utf16le')])), /UTF-16 text, not UTF-8/],
  ['an unknown extension', () => write('policy.rtf', policy), /extension "\.rtf".*\.docx/s],
  ['a policy with no numbered sections', () => write('flat.txt', policy.replace(/^\s*\d+(\.\d+)?\.?\s+(?=[A-Z])/gm, '')), /no numbered sections found/],
];

test.each(refused.map(([what, make, message], i) => [what, make, message, i] as const))('refuses %s with what to do instead, and writes nothing', (_what, make, message, i) => {
  const r = draft(`refused-${i}-primary`, make());
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toMatch(/Nothing was written\./);
  expect(settings()).toEqual(before);
});

test('reads the same policy as .docx, as a text PDF and as Markdown, each into a draft with its own sections', () => {
  const txt = draft('from-txt-primary', OAKFIELD_TXT);
  expect(txt.status).toBe(0);
  const lines = policy.split('\n').filter((l) => l.trim().length > 0);
  const inputs: [string, string][] = [
    ['from-docx-primary', write('oakfield-primary-policy.docx', docxOf(policy))],
    ['from-md-primary', write('oakfield-primary-policy.md', policy)],
    ['from-pdf-primary', write('oakfield-primary-policy.pdf', pdfOf(lines.slice(0, 70)))],
  ];
  const filled = (id: string) => {
    const profile = parse(fs.readFileSync(path.join(repo, 'content', 'settings', `${id}.yaml`), 'utf8')) as { rules: Record<string, { silent: boolean }> };
    return Object.entries(profile.rules).filter(([, r]) => !r.silent).map(([k]) => k);
  };
  for (const [id, file] of inputs) {
    const r = draft(id, file);
    expect({ id, status: r.status, stderr: r.stderr }).toEqual({ id, status: 0, stderr: '' });
    expect(r.stdout).toMatch(/rules filled from the policy/);
    expect(fs.readFileSync(path.join(repo, 'content', 'settings', `${id}.yaml`), 'utf8')).toMatch(/status: draft/);
  }
  // .docx and .md carry the whole text: the same rules are filled as from the .txt.
  expect(filled('from-docx-primary')).toEqual(filled('from-txt-primary'));
  expect(filled('from-md-primary')).toEqual(filled('from-txt-primary'));
  // The PDF holds the first page's worth (the MST part): its staff phone rules are found.
  expect(filled('from-pdf-primary')).toEqual(expect.arrayContaining(['staff-personal-device-contact', 'staff-phone-breach']));
});

test('a setting with two documents: each keeps its own numbers, the first takes precedence, rules cite both', () => {
  const [mst, sm] = policy.split(/^Setting Name$/m) as [string, string];
  const a = write('oakfield-mobile-technology.txt', mst);
  const b = write('oakfield-social-media.txt', `Oakfield Primary School\n${sm}`);
  const r = runCli(['setting', 'new', '--id', 'two-docs-primary', '--name', 'Two Docs Primary School', '--policy', a, '--policy', b], { SAFESTEP_CONTENT_DIR: repo });
  expect(r.status).toBe(0);
  const p = parse(fs.readFileSync(path.join(repo, 'content', 'settings', 'two-docs-primary.yaml'), 'utf8')) as { documents: { id: string; precedence: number; sections: { id: string }[] }[]; rules: Record<string, { silent: boolean; cite?: { document: string; section: string }[] }> };
  expect(p.documents.map((d) => [d.id, d.precedence, d.sections[0]!.id])).toEqual([
    ['two-docs-primary-oakfield-mobile-technology', 1, '1'],
    ['two-docs-primary-oakfield-social-media', 2, '1'],
  ]);
  expect(p.rules['staff-personal-device-contact']!.cite).toEqual([expect.objectContaining({ document: 'two-docs-primary-oakfield-mobile-technology', section: '3' })]);
  expect(p.rules['staff-social-media-hours']!.cite).toEqual([expect.objectContaining({ document: 'two-docs-primary-oakfield-social-media', section: '3' })]);
  for (const d of p.documents) expect(fs.existsSync(path.join(repo, 'content', 'settings', 'two-docs-primary', 'clauses', `${d.id}.yaml`))).toBe(true);
});

test('never overwrites an existing setting', () => {
  const r = draft('east-stour-primary', OAKFIELD_TXT);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/content\/settings\/east-stour-primary.yaml already exists/);
});
