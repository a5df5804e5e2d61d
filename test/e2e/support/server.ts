import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface AppServer {
  /** `http://127.0.0.1:<port>`, the app's one origin. */
  origin: string;
  close(): Promise<void>;
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
  const address = server.httpServer?.address() as AddressInfo | null;
  if (!address || typeof address === 'string') {
    await server.close();
    throw new Error('Vite dev server has no TCP address');
  }
  return { origin: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
