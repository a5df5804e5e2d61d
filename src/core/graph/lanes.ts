import type { GraphDocument, GraphEdge, GraphNode, GraphNodeKind, NodeLayout } from './schema.ts';
import { own } from '../util/own.ts';

/**
 * The logigramme read as lanes: one per job, in graph order, holding the job, its tasks and every
 * node their trees reach first. Layout, canvas bands, focus mode and print all read the same lanes.
 * Pure and linear in the size of the graph.
 */

/** Default drawn size of each kind of node, in canvas units. */
export const NODE_SIZES: Record<GraphNodeKind, { width: number; height: number }> = {
  // Room for a name of three lines at the overview's large type (see the editor's semantic zoom).
  job: { width: 260, height: 88 },
  task: { width: 260, height: 88 },
  question: { width: 240, height: 72 },
  measure: { width: 240, height: 72 },
  situation: { width: 240, height: 88 },
  note: { width: 200, height: 80 },
  group: { width: 300, height: 200 },
};

/** Nodes an automatic layout places (notes and groups are the authors' own). */
export const isLaidOut = (node: GraphNode): boolean => node.kind !== 'note' && node.kind !== 'group';

export function nodeSize(graph: GraphDocument, node: GraphNode): { width: number; height: number } {
  const drawn = own(graph.layout.nodes, node.id);
  const size = NODE_SIZES[node.kind];
  return { width: drawn?.width ?? size.width, height: drawn?.height ?? size.height };
}

/** Layer a source node starts in when nothing leads to it: jobs first, tasks second, the trees after. */
const SOURCE_LAYER: Record<GraphNodeKind, number> = { job: 0, task: 1, question: 2, measure: 2, situation: 2, note: 0, group: 0 };

export interface LaneStructure {
  /** Column of each laid-out node: the longest path to it from a job (or from its own first node). */
  layer: Map<string, number>;
  /** The tree each node hangs from for drawing: its parent on its longest path (graph order breaks ties). */
  parent: Map<string, string>;
  /** Children in the drawing tree, in graph order (edge order). */
  children: Map<string, string[]>;
  /** Tree roots in order: every job in graph order, then the other nodes nothing leads to. */
  roots: string[];
  /** The root (a job, or an unattached node) each laid-out node belongs to. */
  lane: Map<string, string>;
}

/**
 * Layers by longest path (so every edge goes one column or more to the right), and a drawing tree
 * where each node hangs under the parent that puts it in its column. Loops, which the checker
 * reports, are cut where the depth-first walk meets them.
 */
export function laneStructure(graph: GraphDocument): LaneStructure {
  const nodes = graph.nodes.filter(isLaidOut);
  const ids = new Set(nodes.map((n) => n.id));
  const out = new Map<string, GraphEdge[]>();
  const indegree = new Map<string, number>();
  for (const e of graph.edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) continue;
    (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(e);
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  }
  const kinds = new Map(nodes.map((n) => [n.id, n.kind] as const));
  // Topological order by depth-first walk from the sources (jobs first), then from anything left (loops).
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const acyclic = new Map<string, GraphEdge[]>();
  // Discovery order of the walk: graph order, used to break ties between parents of a shared node.
  const discovered = new Map<string, number>();
  const visit = (start: string) => {
    if (state.has(start)) return;
    const stack: Array<{ id: string; i: number }> = [{ id: start, i: 0 }];
    state.set(start, 1);
    discovered.set(start, discovered.size);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edges = out.get(top.id) ?? [];
      if (top.i < edges.length) {
        const e = edges[top.i++]!;
        const seen = state.get(e.target);
        if (seen === 1) continue; // a loop: this edge is not followed for layering
        (acyclic.get(top.id) ?? acyclic.set(top.id, []).get(top.id)!).push(e);
        if (seen === undefined) {
          state.set(e.target, 1);
          discovered.set(e.target, discovered.size);
          stack.push({ id: e.target, i: 0 });
        }
      } else {
        state.set(top.id, 2);
        order.push(top.id);
        stack.pop();
      }
    }
  };
  const sources = nodes.filter((n) => !indegree.get(n.id));
  for (const n of sources) if (n.kind === 'job') visit(n.id);
  for (const n of sources) visit(n.id);
  for (const n of nodes) visit(n.id);
  order.reverse();

  const layer = new Map<string, number>();
  const parent = new Map<string, string>();
  for (const id of order) if (!layer.has(id)) layer.set(id, SOURCE_LAYER[kinds.get(id)!]);
  for (const id of order) {
    const from = layer.get(id)!;
    for (const e of acyclic.get(id) ?? []) {
      const current = layer.get(e.target)!;
      const previous = parent.get(e.target);
      // Strictly deeper wins; on a tie the parent met first in graph order keeps the child.
      if (from + 1 > current) {
        layer.set(e.target, from + 1);
        parent.set(e.target, id);
      } else if (from + 1 === current && (previous === undefined || discovered.get(id)! < discovered.get(previous)!)) {
        parent.set(e.target, id);
      }
    }
  }
  // A parent whose layer is not one less than its child's would let the tree cross columns: keep only exact ones.
  for (const [child, p] of parent) if (layer.get(p)! + 1 !== layer.get(child)) parent.delete(child);

  const children = new Map<string, string[]>();
  for (const n of nodes) {
    for (const e of out.get(n.id) ?? []) {
      if (parent.get(e.target) === n.id) {
        const list = children.get(n.id) ?? children.set(n.id, []).get(n.id)!;
        if (!list.includes(e.target)) list.push(e.target);
      }
    }
  }
  const roots = [...nodes.filter((n) => n.kind === 'job' && !parent.has(n.id)), ...nodes.filter((n) => n.kind !== 'job' && !parent.has(n.id))].map((n) => n.id);
  const lane = new Map<string, string>();
  for (const root of roots) {
    const stack = [root];
    while (stack.length > 0) {
      const id = stack.pop()!;
      lane.set(id, root);
      for (const c of children.get(id) ?? []) stack.push(c);
    }
  }
  return { layer, parent, children, roots, lane };
}

export interface Lane {
  /** The job (or the first unattached node) the lane is named after. */
  root: string;
  /** Its nodes, root first, in drawing order. */
  nodes: string[];
  /** Bounding box of its nodes on the canvas, from their stored positions. */
  box: { x: number; y: number; width: number; height: number };
}

/** Each job's lane with the box its nodes cover where they are drawn now (nodes without position skipped). */
export function lanes(graph: GraphDocument, structure: LaneStructure = laneStructure(graph)): Lane[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const members = new Map<string, string[]>();
  for (const root of structure.roots) members.set(root, []);
  const walk = (id: string, into: string[]) => {
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop()!;
      into.push(next);
      const kids = structure.children.get(next) ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  };
  const out: Lane[] = [];
  for (const root of structure.roots) {
    const ids: string[] = [];
    walk(root, ids);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const id of ids) {
      const node = byId.get(id);
      const at: NodeLayout | undefined = own(graph.layout.nodes, id);
      if (!node || !at) continue;
      const size = nodeSize(graph, node);
      x0 = Math.min(x0, at.x);
      y0 = Math.min(y0, at.y);
      x1 = Math.max(x1, at.x + size.width);
      y1 = Math.max(y1, at.y + size.height);
    }
    out.push({ root, nodes: ids, box: Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : { x: 0, y: 0, width: 0, height: 0 } });
  }
  return out;
}
