import { layoutGraph, type GraphDocument, type NodeLayout } from '../../core/index.ts';

/*
 * The automatic layout (ELK) off the main thread: on a 2 000-node logigramme it takes seconds, during
 * which the page must stay usable. elkjs' bundled build registers its own message handler when it
 * loads in a worker; assigning ours after the imports replaces it.
 */

export type LayoutRequest = { graph: GraphDocument };
export type LayoutResponse = { ok: true; positions: Record<string, NodeLayout> } | { ok: false; message: string };

const scope = self as unknown as { onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null; postMessage(message: LayoutResponse): void };

scope.onmessage = (event) => {
  layoutGraph(event.data.graph)
    .then((positions) => scope.postMessage({ ok: true, positions }))
    .catch((error: unknown) => scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }));
};
