import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, preview, type ViteDevServer } from 'vite';
import { productionBuild } from '../../../scripts/bundle-report.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface AppServer {
  /** `http://127.0.0.1:<port>`, the app's one origin. */
  origin: string;
  close(): Promise<void>;
}

/** `dev`: Vite's dev server; `production`: the production build (a few seconds) served by `vite preview`. */
export type AppServing = 'dev' | 'production';

function originOf(address: AddressInfo | string | null | undefined): string | null {
  return address && typeof address !== 'string' ? `http://127.0.0.1:${address.port}` : null;
}

/**
 * The app's Vite dev server, in this process, on a free port. No file watching and no hot reload: other
 * edits to the tree while the tests run must not reload the page under them.
 */
export async function startAppServer(cacheName = 'e2e'): Promise<AppServer> {
  const server: ViteDevServer = await createServer({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    // Its own dependency cache per test file: never races with a developer's `npm start` on the shared
    // one, nor with another e2e file running at the same time.
    cacheDir: join(ROOT, 'node_modules', cacheName === 'e2e' ? '.vite-e2e' : `.vite-e2e-${cacheName}`),
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  const origin = originOf(server.httpServer?.address());
  if (!origin) {
    await server.close();
    throw new Error('Vite dev server has no TCP address');
  }
  return { origin, close: () => server.close() };
}

/**
 * The app as users get it: built for production into a temporary folder and served by `vite preview`
 * on a free port. Where a test measures the page's responsiveness, the dev server would measure React's
 * development build (its checks and its performance-track logging cost several times the work itself).
 */
export async function startBuiltAppServer(): Promise<AppServer> {
  const outDir = mkdtempSync(join(tmpdir(), 'logigramme-e2e-app-'));
  const remove = () => rmSync(outDir, { recursive: true, force: true });
  try {
    await productionBuild({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true, ...(process.env.PROFILE_E2E ? { minify: false } : {}) } });
    const server = await preview({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
    const origin = originOf(server.httpServer.address());
    if (!origin) {
      await server.close();
      throw new Error('vite preview has no TCP address');
    }
    return {
      origin,
      async close() {
        await server.close();
        remove();
      },
    };
  } catch (error) {
    remove();
    throw error;
  }
}
