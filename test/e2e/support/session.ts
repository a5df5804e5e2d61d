import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.ts';
import { startAppServer, startBuiltAppServer, type AppServer, type AppServing } from './server.ts';

/** What a page did that a test checks at the end: every request, socket, failure and error. */
export interface PageWatch {
  requests: string[];
  sockets: string[];
  failedRequests: string[];
  pageErrors: string[];
  consoleErrors: string[];
}

export interface BrowserSession {
  server: AppServer;
  browser: Browser;
  /** A fresh profile: empty IndexedDB, so the app starts as on a first visit. */
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
  close(): Promise<void>;
}

export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { requests: [], sockets: [], failedRequests: [], pageErrors: [], consoleErrors: [] };
  page.on('request', (r) => watch.requests.push(r.url()));
  // A request cancelled (net::ERR_ABORTED) is not a failed one: a module still loading when a test
  // reloads or navigates the page is cancelled by the browser, on a busy machine now and then.
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    if (error !== 'net::ERR_ABORTED') watch.failedRequests.push(`${r.url()} ${error}`);
  });
  page.on('websocket', (ws) => watch.sockets.push(ws.url()));
  page.on('pageerror', (e) => watch.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') watch.consoleErrors.push(m.text());
  });
  return watch;
}

/**
 * The app's dev server (its own dependency cache per test file) or its production build (`serving`),
 * and Debian's Chromium, one French context and one watched page. `prepare` runs on the context before
 * the page opens.
 */
export async function openSession(
  cacheName: string,
  contextOptions: BrowserContextOptions,
  prepare?: (context: BrowserContext, server: AppServer) => Promise<void>,
  serving: AppServing = 'dev',
): Promise<BrowserSession> {
  const executablePath = ensureChromium();
  const [server, browser] = await Promise.all([serving === 'production' ? startBuiltAppServer() : startAppServer(cacheName), chromium.launch({ executablePath, args: CHROMIUM_ARGS })]);
  const context = await browser.newContext({ locale: 'fr-FR', ...contextOptions });
  await prepare?.(context, server);
  const page = await context.newPage();
  const watch = watchPage(page);
  return {
    server,
    browser,
    context,
    page,
    watch,
    async close() {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
}

/** No request or socket outside the app's own origin (blob: and data: URLs are the page's own), no error. */
export function expectOnlyOwnOrigin(watch: PageWatch, origin: string): void {
  expect(watch.requests.length).toBeGreaterThan(0);
  expect(watch.requests.filter((url) => !url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== origin)).toEqual([]);
  const host = new URL(origin).host;
  expect(watch.sockets.filter((url) => new URL(url).host !== host)).toEqual([]);
  expect(watch.pageErrors).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
}
