import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/*
 * PDF checks with poppler-utils (Debian's `pdftoppm`, `pdftotext`, `pdfinfo`): installed with apt when
 * missing (as root only), like Chromium in ./chromium.ts; otherwise the setup stops with the command to run.
 */

const TOOLS = ['/usr/bin/pdftoppm', '/usr/bin/pdftotext', '/usr/bin/pdfinfo'];

export function ensurePoppler(): void {
  if (TOOLS.every((tool) => existsSync(tool))) return;
  const manual = 'Install it, then run the tests again: sudo apt-get update && sudo apt-get install -y poppler-utils';
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) throw new Error(`The PDF checks need poppler-utils (pdftoppm), and this system has no apt-get. ${manual}`);
  if (process.getuid?.() !== 0) throw new Error(`The PDF checks need poppler-utils (pdftoppm), which is missing; installing it needs root. ${manual}`);
  const apt = (...args: string[]) =>
    execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    apt('install', '-y', '-q', 'poppler-utils');
  } catch {
    apt('update', '-q');
    apt('install', '-y', '-q', 'poppler-utils');
  }
  if (!TOOLS.every((tool) => existsSync(tool))) throw new Error(`apt-get installed poppler-utils but pdftoppm is still missing. ${manual}`);
}

export function pdfPageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(info);
  if (!m) throw new Error(`pdfinfo gave no page count for ${pdf}`);
  return Number(m[1]);
}

/**
 * The text of each page (pdftotext, layout kept loosely), page 1 first. `raw`: in the order the page
 * drew it, so the lines of one table cell stay together instead of interleaving with the next column's.
 */
export function pdfPageTexts(pdf: string, options: { raw?: boolean } = {}): string[] {
  const pages = pdfPageCount(pdf);
  const mode = options.raw ? ['-raw'] : [];
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), ...mode, '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
}

/** Renders one page to `<outBase>.png` at `dpi` and returns the PNG's path. */
export function pdfPageToPng(pdf: string, page: number, outBase: string, dpi = 110): string {
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-singlefile', '-png', '-r', String(dpi), pdf, outBase]);
  return `${outBase}.png`;
}

/**
 * Share of the page's pixels that are not near-white, from a small greyscale rendering (PGM, which needs
 * no decoder): a blank page gives 0.
 */
export function pdfPageInk(pdf: string, page: number, outBase: string): number {
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-singlefile', '-gray', '-r', '30', pdf, outBase]);
  const data = readFileSync(`${outBase}.pgm`);
  // Binary PGM: "P5\n<width> <height>\n<maxval>\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('pdftoppm gave no PGM image');
  const pixels = data.subarray(header[0].length);
  let ink = 0;
  for (const value of pixels) if (value < 200) ink++;
  return ink / pixels.length;
}

/** True when the file starts with the PNG signature. */
export function isPng(path: string): boolean {
  return readFileSync(path).subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}
