import type { GraphDocument, NodeLayout } from '../../core/index.ts';
import { layoutGraph } from '../../core/graph/layout.ts';
import { persistentWorker } from '../persistentWorker.ts';
import type { LayoutRequest, LayoutResponse } from './layout.worker.ts';

/**
 * `layoutGraph` in a Web Worker when the browser has them (the page never waits on it),
 * on the main thread otherwise (jsdom, Node). Same function, same positions.
 */
// The literal `new URL(…, import.meta.url)` inside `new Worker(…)` is what Vite bundles as a worker.
export const layoutWorker = persistentWorker<LayoutRequest, LayoutResponse>(
  () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'disposition-automatique' }),
  'disposition automatique',
);

export function computeLayout(graph: GraphDocument): Promise<Record<string, NodeLayout>> {
  if (typeof Worker === 'undefined') return layoutGraph(graph);
  return new Promise((resolve, reject) => {
    layoutWorker.request(
      { graph },
      (reply) => (reply.ok ? resolve(reply.positions) : reject(new Error(reply.message))),
      reject,
    );
  });
}
