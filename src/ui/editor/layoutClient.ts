import { layoutGraph, type GraphDocument, type NodeLayout } from '../../core/index.ts';
import type { LayoutRequest, LayoutResponse } from './layout.worker.ts';

/**
 * `layoutGraph` in a Web Worker when the browser has them (the page stays responsive while ELK works
 * on a large graph), on the main thread otherwise (jsdom, Node). Same function, same positions.
 */
export function computeLayout(graph: GraphDocument): Promise<Record<string, NodeLayout>> {
  if (typeof Worker === 'undefined') return layoutGraph(graph);
  return new Promise((resolve, reject) => {
    // The literal `new URL(…, import.meta.url)` inside `new Worker(…)` is what Vite bundles as a worker.
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'disposition-automatique' });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.positions);
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'layout worker failed'));
    };
    const request: LayoutRequest = { graph };
    worker.postMessage(request);
  });
}
