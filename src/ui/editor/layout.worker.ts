import type { GraphDocument, NodeLayout } from '../../core/index.ts';
import { layoutGraph } from '../../core/layout.ts';
import { serveTagged } from '../persistentWorker.ts';

/*
 * The automatic layout off the main thread: tens of milliseconds for 10 000 nodes, but the page never
 * waits on it, and the layout code stays out of the main chunk.
 */

export type LayoutRequest = { graph: GraphDocument };
export type LayoutResponse = { ok: true; positions: Record<string, NodeLayout> } | { ok: false; message: string };

serveTagged<LayoutRequest, LayoutResponse>((request, reply) =>
  layoutGraph(request.graph)
    .then((positions) => reply({ ok: true, positions }))
    .catch((error: unknown) => reply({ ok: false, message: error instanceof Error ? error.message : String(error) })),
);
