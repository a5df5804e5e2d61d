import ELK from 'elkjs/lib/elk.bundled.js';
import type { GraphDocument, NodeLayout } from './schema.ts';
import { NODE_SIZES } from './sizes.ts';


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
    children: laidOut.map((n) => ({ id: n.id, ...(graph.layout.nodes[n.id]?.width ? { width: graph.layout.nodes[n.id]!.width!, height: graph.layout.nodes[n.id]!.height ?? NODE_SIZES[n.kind].height } : NODE_SIZES[n.kind]) })),
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions: Record<string, NodeLayout> = {};
  for (const node of graph.nodes) {
    const previous = graph.layout.nodes[node.id];
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
