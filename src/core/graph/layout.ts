import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';
import { isLaidOut, laneStructure, nodeSize } from './lanes.ts';
import type { GraphDocument, NodeLayout } from './schema.ts';
import { own } from '../util/own.ts';

export { NODE_SIZES } from './lanes.ts';

/** Space between columns (layers), between neighbouring nodes of a column, and between two job lanes. */
export const LAYOUT_GAPS = { layer: 80, sibling: 20, cousin: 36, lane: 64 } as const;

interface TreeDatum {
  id: string;
  breadth: number;
  children: TreeDatum[];
}

/**
 * Automatic layout, left to right (or top to bottom): one lane per job in graph order, each job's
 * tasks in their order, each tree drawn as a tidy tree (d3-hierarchy's Reingold–Tilford layout,
 * linear in the number of nodes). Columns are layers by longest path, so every edge goes forward
 * and a subtree shared by several tasks is drawn once, after the deepest of its parents. Returns the
 * positions only: laying out never changes what the referential means. Notes and groups keep theirs.
 *
 * Kept out of the core's barrel: only the layout worker, the CLI and tests import it.
 *
 * @example const positions = await layoutGraph(graph); // { mecanicien: { x: 0, y: 0 }, … }
 */
export async function layoutGraph(graph: GraphDocument, direction: 'RIGHT' | 'DOWN' = graph.layout.direction): Promise<Record<string, NodeLayout>> {
  return layoutGraphSync(graph, direction);
}

/** The same layout, synchronously (benchmarks, and callers that are not in a hurry to yield). */
export function layoutGraphSync(graph: GraphDocument, direction: 'RIGHT' | 'DOWN' = graph.layout.direction): Record<string, NodeLayout> {
  const right = direction === 'RIGHT';
  const structure = laneStructure(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const size = (id: string) => nodeSize(graph, byId.get(id)!);
  const breadthOf = (id: string) => (right ? size(id).height : size(id).width);
  const depthOf = (id: string) => (right ? size(id).width : size(id).height);

  // Column offsets: each layer as deep as its deepest node, the same for every lane.
  const layerDepth: number[] = [];
  for (const [id, l] of structure.layer) layerDepth[l] = Math.max(layerDepth[l] ?? 0, depthOf(id));
  const columnAt: number[] = [];
  let at = 0;
  for (let l = 0; l < layerDepth.length; l++) {
    columnAt[l] = at;
    at += (layerDepth[l] ?? 0) + LAYOUT_GAPS.layer;
  }

  const layout = tree<TreeDatum>()
    .nodeSize([1, 1])
    .separation((a, b) => (a.data.breadth + b.data.breadth) / 2 + (a.parent === b.parent ? LAYOUT_GAPS.sibling : LAYOUT_GAPS.cousin));

  const positions: Record<string, NodeLayout> = {};
  let laneStart = 0;
  for (const root of structure.roots) {
    const data = datum(root, structure.children, breadthOf);
    const laidOut = layout(hierarchy(data));
    let low = Infinity;
    let high = -Infinity;
    laidOut.each((n: HierarchyPointNode<TreeDatum>) => {
      low = Math.min(low, n.x - n.data.breadth / 2);
      high = Math.max(high, n.x + n.data.breadth / 2);
    });
    laidOut.each((n: HierarchyPointNode<TreeDatum>) => {
      const breadth = Math.round(laneStart + n.x - n.data.breadth / 2 - low);
      const depth = columnAt[structure.layer.get(n.data.id) ?? 0] ?? 0;
      const previous = own(graph.layout.nodes, n.data.id);
      positions[n.data.id] = { ...previous, x: right ? depth : breadth, y: right ? breadth : depth };
    });
    laneStart += high - low + LAYOUT_GAPS.lane;
  }
  for (const node of graph.nodes) {
    if (isLaidOut(node)) continue;
    const previous = own(graph.layout.nodes, node.id);
    if (previous) positions[node.id] = previous;
  }
  return positions;
}

/** The drawing tree under `root` as d3 data, built without recursion (deep trees stay safe). */
function datum(root: string, children: Map<string, string[]>, breadthOf: (id: string) => number): TreeDatum {
  const top: TreeDatum = { id: root, breadth: breadthOf(root), children: [] };
  const stack: TreeDatum[] = [top];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    for (const id of children.get(parent.id) ?? []) {
      const child: TreeDatum = { id, breadth: breadthOf(id), children: [] };
      parent.children.push(child);
      stack.push(child);
    }
  }
  return top;
}

/** A copy of the graph with automatic positions. */
export async function withLayout(graph: GraphDocument): Promise<GraphDocument> {
  return { ...graph, layout: { ...graph.layout, nodes: await layoutGraph(graph) } };
}
