import type { GraphDocument, NodeLayout } from '../../core/index.ts';
import { persistentWorker } from '../persistentWorker.ts';
import type { LayoutRequest, LayoutResponse } from './layout.worker.ts';

/**
 * `layoutGraph` in a Web Worker when the browser has them (the page stays responsive while a large graph
 * is laid out), on the main thread otherwise (jsdom, Node). Same function, same positions.
 * The main-thread path exists only outside production builds (`import.meta.env.DEV` is false there, so
 * the bundler drops it): the layout engine then ships in the layout worker alone.
 */
// The literal `new URL(…, import.meta.url)` inside `new Worker(…)` is what Vite bundles as a worker.
export const layoutWorker = persistentWorker<LayoutRequest, LayoutResponse>(
  () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'disposition-automatique' }),
  'disposition automatique',
);

export function computeLayout(graph: GraphDocument): Promise<Record<string, NodeLayout>> {
  if (import.meta.env.DEV && typeof Worker === 'undefined') return import('../../core/layout.ts').then(({ layoutGraph }) => layoutGraph(graph));
  return new Promise((resolve, reject) => {
    layoutWorker.request(
      { graph },
      (reply) => (reply.ok ? resolve(reply.positions) : reject(new Error(reply.message))),
      reject,
    );
  });
}
