/**
 * Test helpers for onboarding: a temporary copy of the project's content (flows, content and the
 * shared policies beside it, as on a real checkout), and policy files in each format built from
 * text: a real .docx (Office Open XML in a zip) and a minimal text-layer PDF.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeZip } from '../../src/teams-package/zip';

export const ROOT = path.resolve(__dirname, '..', '..');
export const OAKFIELD_TXT = path.join(ROOT, 'test', 'fixtures', 'new-setting', 'oakfield-primary-policy.txt');

/** A temp dir holding `repo/` (flows, content, docs, schemas copied) and `shared/policies/`; returns the repo path. */
export function copyProject(): { dir: string; repo: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-onboard-'));
  const repo = path.join(dir, 'repo');
  for (const d of ['flows', 'content', 'docs', 'schemas']) fs.cpSync(path.join(ROOT, d), path.join(repo, d), { recursive: true });
  fs.cpSync(path.join(ROOT, '..', 'shared', 'policies'), path.join(dir, 'shared', 'policies'), { recursive: true });
  return { dir, repo };
}

const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A .docx whose paragraphs are the lines of `text` (as Word saves a plain document). */
export function docxOf(text: string): Buffer {
  const paras = text.split('\n').map((l) => `<w:p><w:r><w:t xml:space="preserve">${xmlEsc(l)}</w:t></w:r></w:p>`).join('');
  const file = (name: string, body: string) => ({ name, data: Buffer.from(body, 'utf8') });
  return writeZip([
    file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paras}</w:body></w:document>`),
  ]);
}

/** A one-page PDF with `lines` as its text layer (Helvetica); no lines: a page with only a drawing (a "scan"). */
export function pdfOf(lines: string[]): Buffer {
  const esc = (l: string) => l.replace(/[\\()]/g, '\\$&').replace(/[^\x20-\x7e]/g, '?');
  const content = lines.length > 0 ? `BT /F1 9 Tf 40 800 Td 11 TL ${lines.map((l) => `(${esc(l)}) Tj T*`).join(' ')} ET` : '0 0 m 500 700 l S';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Every file under `dir`, relative, sorted. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}
