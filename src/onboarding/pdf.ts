/**
 * The review book as PDF, printed by a headless Chromium through playwright-core (an optional
 * dependency) with the system's browser (Debian's `chromium`, or SAFESTEP_CHROMIUM). Where either
 * is missing it says so and the HTML alone is written: nothing in CI depends on a browser.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser to print with, or undefined. */
export function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  const wanted = env.SAFESTEP_CHROMIUM;
  if (wanted) return existsSync(wanted) ? wanted : undefined;
  return CANDIDATES.find((c) => existsSync(c));
}

/** Prints `htmlFile` to `pdfFile`; resolves to undefined on success or to why no PDF was made. */
export async function printPdf(htmlFile: string, pdfFile: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const executablePath = findChromium(env);
  if (!executablePath) return 'no Chromium found (install Debian\'s "chromium" package, or set SAFESTEP_CHROMIUM to a Chromium binary)';
  let chromium: { launch(o: object): Promise<{ newPage(): Promise<{ goto(u: string): Promise<unknown>; pdf(o: object): Promise<unknown> }>; close(): Promise<void> }> };
  try {
    ({ chromium } = require('playwright-core'));
  } catch {
    return 'the optional package playwright-core is not installed (npm install playwright-core)';
  }
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href);
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
    return undefined;
  } finally {
    await browser.close();
  }
}
