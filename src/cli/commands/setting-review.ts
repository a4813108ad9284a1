/** `safestep setting review ID`: writes the review book (HTML, and PDF where Chromium is available). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalogue } from '../../onboarding/catalogue';
import { settingPaths } from '../../onboarding/paths';
import { printPdf } from '../../onboarding/pdf';
import { reviewBook } from '../../onboarding/review-book';
import { EXIT } from '../io';
import { usage, type SettingArgs } from './setting-args';

export async function settingReview({ positional, root, io }: SettingArgs): Promise<number> {
  const [id] = positional;
  if (!id) return usage(io, 'review needs the setting id');
  let html: string;
  try {
    html = reviewBook(root, id, loadCatalogue(root));
  } catch (err) {
    io.stderr.write(`safestep setting review: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
  const p = settingPaths(root, id);
  mkdirSync(p.dir, { recursive: true });
  writeFileSync(p.reviewHtml, html);
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  io.stdout.write(`wrote ${rel(p.reviewHtml)} (open it in a browser and print it)\n`);
  const why = await printPdf(p.reviewHtml, p.reviewPdf, io.env);
  io.stdout.write(why ? `no PDF: ${why}; the HTML prints the same.\n` : `wrote ${rel(p.reviewPdf)}\n`);
  return EXIT.ok;
}
