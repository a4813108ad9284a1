/**
 * Reads one policy file into plain text: .txt and .md (UTF-8), .docx (mammoth) and text-based
 * .pdf (unpdf). Anything it cannot read faithfully — an old binary .doc, a scanned PDF with no
 * text layer, an empty or enormous file, text in another encoding — is refused with a
 * PolicyReadError that says what to do instead. Never guesses at a policy's words.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Larger than any real policy (the Kent template is ~40 KB of text; a .docx with images a few MB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** About 100 pages of text. */
export const MAX_TEXT_CHARS = 400_000;
/** Fewer letters than this is not a policy (a scanned page, a blank document). */
const MIN_LETTERS = 200;

/** A policy file that cannot be used, with what to do instead. */
export class PolicyReadError extends Error {
  constructor(readonly file: string, problem: string, readonly todo: string) {
    super(`${file}: ${problem} ${todo}`);
  }
}

/** One policy document's text, as read. */
export interface PolicyText {
  file: string;
  text: string;
  format: 'text' | 'markdown' | 'docx' | 'pdf';
}

const SAVE_AS = 'Open it in Word (or LibreOffice) and save it as .docx or plain text (.txt, UTF-8), then run the command again.';

function decodeUtf8(file: string, bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new PolicyReadError(file, 'is UTF-16 text, not UTF-8.', 'Save it again as "Plain text, UTF-8" (in Notepad: Save as, Encoding UTF-8), then run the command again.');
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 0) {
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    throw new PolicyReadError(file, `is not UTF-8 text (${bad} unreadable character${bad === 1 ? '' : 's'}, the first on line ${line}); it is probably Windows-1252 or Latin-1.`, 'Save it again as "Plain text, UTF-8", then run the command again.');
  }
  if (text.includes('\u0000')) throw new PolicyReadError(file, 'contains binary data, not text.', SAVE_AS);
  return text;
}

async function docxText(file: string, bytes: Buffer): Promise<string> {
  if (bytes.subarray(0, 2).toString('latin1') !== 'PK') throw new PolicyReadError(file, 'is named .docx but is not a Word document.', SAVE_AS);
  const mammoth = (await import('mammoth')) as unknown as { extractRawText(input: { buffer: Buffer }): Promise<{ value: string }> };
  try {
    return (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (err) {
    throw new PolicyReadError(file, `could not be opened as a Word document (${(err as Error).message}).`, SAVE_AS);
  }
}

async function pdfText(file: string, bytes: Buffer): Promise<string> {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new PolicyReadError(file, 'is named .pdf but is not a PDF.', 'Export the policy from Word as .docx or PDF again, then run the command again.');
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const doc = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(doc, { mergePages: false });
    return text.join('\n\n');
  } catch (err) {
    throw new PolicyReadError(file, `could not be read as a PDF (${(err as Error).message}).`, 'Use the policy\'s Word file (.docx) instead, or export it to PDF again.');
  }
}

/** Reads `file` (absolute or relative to cwd) into text; throws PolicyReadError when it cannot be used. */
export async function readPolicy(file: string): Promise<PolicyText> {
  const name = path.basename(file);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new PolicyReadError(file, 'does not exist or cannot be opened.', 'Check the file name and folder, then run the command again.');
  }
  if (size === 0) throw new PolicyReadError(file, 'is empty.', 'Give the file that holds the policy\'s text.');
  if (size > MAX_FILE_BYTES) throw new PolicyReadError(file, `is ${(size / 1024 / 1024).toFixed(0)} MB, more than any policy document (limit ${MAX_FILE_BYTES / 1024 / 1024} MB).`, 'Give the policy document alone (save it as .docx or .txt without images), then run the command again.');
  const bytes = readFileSync(file);
  const ext = path.extname(name).toLowerCase();
  let text: string;
  let format: PolicyText['format'];
  if (ext === '.doc' || bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new PolicyReadError(file, 'is an old binary Word document (.doc), which cannot be read reliably.', SAVE_AS);
  } else if (ext === '.docx') {
    text = await docxText(file, bytes);
    format = 'docx';
  } else if (ext === '.pdf') {
    text = await pdfText(file, bytes);
    format = 'pdf';
  } else if (ext === '.txt' || ext === '.md' || ext === '.markdown') {
    text = decodeUtf8(file, bytes);
    format = ext === '.txt' ? 'text' : 'markdown';
  } else {
    throw new PolicyReadError(file, `has the extension "${ext || '(none)'}", which SafeStep does not read.`, 'Give the policy as .docx, a PDF with selectable text, .txt (UTF-8) or .md.');
  }
  text = text.replace(/\r\n?/g, '\n');
  const letters = (text.match(/[A-Za-z]/g) ?? []).length;
  if (letters < MIN_LETTERS) {
    throw new PolicyReadError(
      file,
      format === 'pdf' ? 'has no text layer (it looks like a scanned PDF: the pages are pictures of text).' : `holds almost no text (${letters} letters).`,
      format === 'pdf' ? 'Use the policy\'s Word file (.docx), or a PDF exported from Word rather than scanned; SafeStep does not read scans, because a misread word could change the advice.' : 'Give the file that holds the policy\'s text.',
    );
  }
  if (text.length > MAX_TEXT_CHARS) throw new PolicyReadError(file, `holds ${text.length} characters, more than any policy document (limit ${MAX_TEXT_CHARS}).`, 'Give the policy document alone, not a collection of documents, then run the command again.');
  return { file, text, format };
}
