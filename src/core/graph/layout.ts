import ELK from 'elkjs/lib/elk.bundled.js';
import type { GraphDocument, GraphNodeKind, NodeLayout } from './schema.ts';
import { own } from '../util/own.ts';

/** Default drawn size of each kind of node, in canvas units. */
export const NODE_SIZES: Record<GraphNodeKind, { width: number; height: number }> = {
  job: { width: 200, height: 56 },
  task: { width: 200, height: 56 },
  question: { width: 220, height: 64 },
  measure: { width: 220, height: 64 },
  situation: { width: 240, height: 88 },
  note: { width: 200, height: 80 },
  group: { width: 300, height: 200 },
};

/**
 * Automatic layered layout, left to right (ELK "layered"): jobs in the first layer, then tasks, the
 * decision nodes and the situations. Returns the positions only; the semantic graph is untouched, so
 * laying out never changes what the referential means. Notes and groups keep their positions.
 */
export async function layoutGraph(graph: GraphDocument, direction: 'RIGHT' | 'DOWN' = graph.layout.direction): Promise<Record<string, NodeLayout>> {
  const elk = new ELK();
  const laidOut = graph.nodes.filter((n) => n.kind !== 'note' && n.kind !== 'group');
  const ids = new Set(laidOut.map((n) => n.id));
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '24',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      // Jobs that share no subtree are separate components; laid out together, all jobs stay in the first layer.
      'elk.separateConnectedComponents': 'false',
    },
    children: laidOut.map((n) => {
      const size = own(graph.layout.nodes, n.id);
      return { id: n.id, ...(size?.width ? { width: size.width, height: size.height ?? NODE_SIZES[n.kind].height } : NODE_SIZES[n.kind]) };
    }),
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions: Record<string, NodeLayout> = {};
  for (const node of graph.nodes) {
    const previous = own(graph.layout.nodes, node.id);
    if (node.kind === 'note' || node.kind === 'group') {
      if (previous) positions[node.id] = previous;
      continue;
    }
    const placed = result.children?.find((c) => c.id === node.id);
    positions[node.id] = { ...previous, x: Math.round(placed?.x ?? 0), y: Math.round(placed?.y ?? 0) };
  }
  return positions;
}

/** A copy of the graph with automatic positions. */
export async function withLayout(graph: GraphDocument): Promise<GraphDocument> {
  return { ...graph, layout: { ...graph.layout, nodes: await layoutGraph(graph) } };
}
