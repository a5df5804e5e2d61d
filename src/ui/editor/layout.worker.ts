import type { GraphDocument, NodeLayout } from '../../core/index.ts';
import { layoutGraph } from '../../core/layout.ts';
import { serveTagged } from '../persistentWorker.ts';

/*
 * The automatic layout (ELK) off the main thread: on a 2 000-node logigramme it takes seconds, during
 * which the page must stay usable. elkjs' bundled build registers its own message handler when it
 * loads in a worker; assigning ours after the imports replaces it.
 */

export type LayoutRequest = { graph: GraphDocument };
export type LayoutResponse = { ok: true; positions: Record<string, NodeLayout> } | { ok: false; message: string };

serveTagged<LayoutRequest, LayoutResponse>((request, reply) =>
  layoutGraph(request.graph)
    .then((positions) => reply({ ok: true, positions }))
    .catch((error: unknown) => reply({ ok: false, message: error instanceof Error ? error.message : String(error) })),
);
