import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionBuild } from '../../scripts/bundle-report.ts';
import { CHROMIUM_ARGS, CHROMIUM_INSTALL_TIMEOUT_MS, ensureChromium } from './support/chromium.ts';
import { expectOnlyOwnOrigin, watchPage, type PageWatch } from './support/session.ts';

/*
 * The production build, as users get it (the other end-to-end tests run the dev server, whose modules
 * are not split the same way): the first screen loads only the initial chunks, the other screens come
 * in lazily loaded chunks, which the app fetches in the background once started — so that, once loaded,
 * it keeps working offline.
 */

const ROOT = join(import.meta.dirname, '..', '..');
let outDir: string;
let server: PreviewServer;
let origin: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'logigramme-app-'));
  await productionBuild({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  server = await preview({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const address = server.httpServer.address() as AddressInfo;
  origin = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  watch = watchPage(page);
}, CHROMIUM_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the production build in Chromium', () => {
  it('shows the referential list, then fetches the lazily loaded screens in the background', async () => {
    const before = () => watch.requests.filter((url) => /\/assets\/.*\.js$/.test(url)).map((url) => new URL(url).pathname);
    await page.goto(origin);
    await page.getByRole('heading', { level: 1, name: 'Référentiels enregistrés' }).waitFor();
    await page.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached' });
    // The editor's chunk was not part of the page's first load: it came from the background fetch.
    const scripts = before();
    expect(scripts.some((path) => path.includes('EditorScreen'))).toBe(true);
    const html = await (await fetch(origin)).text();
    expect(html).not.toContain('EditorScreen');
  });

  it('keeps working offline: the company workspace, the comparison, the editor and its automatic layout', async () => {
    await context.setOffline(true);
    try {
      await page.evaluate(() => (window.location.hash = '#/entreprises'));
      await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Entreprises' }).waitFor();
      await page.evaluate(() => (window.location.hash = '#/comparer'));
      await page.getByRole('heading', { level: 1, name: 'Comparer deux versions' }).waitFor();
      // Opening the editor on a stored version lays it out in the layout worker, started while online.
      await page.evaluate(() => (window.location.hash = '#/editeur/exemple-atelier'));
      await page.locator('.react-flow__node', { hasText: 'Mécanicien' }).first().waitFor();
    } finally {
      await context.setOffline(false);
    }
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('made no request outside its own origin, and raised no error', () => {
    expectOnlyOwnOrigin(watch, origin);
  });
});
