import { lanes, laneStructure, nodeSize, type GraphDocument, type GraphNode } from '../../../core/index.ts';

/*
 * The logigramme cut into printed pages: one job per page, a job taller than a page continued on the
 * next ones, cut between nodes (never through one). Pure, from the drawing's own positions.
 */

/** Printable area of an A3 landscape page with 10 mm margins, in CSS pixels (96 per inch), less the heading. */
export const PAGE = { width: 1500, height: 960 } as const;
/** Never shrink the drawing more than this: its 13 px titles stay above 9 pt on paper. */
const MIN_SCALE = 0.75;
const MARGIN = 16;

export interface PrintedNode {
  node: GraphNode;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PrintPage {
  /** The job the page belongs to (or the first unattached node). */
  root: string;
  /** 1-based part of that job, and how many parts it has. */
  part: number;
  parts: number;
  /** The slice of the drawing shown, in canvas units, and the scale it is printed at. */
  view: { x: number; y: number; width: number; height: number };
  scale: number;
  nodes: PrintedNode[];
  /** Ids on the page, to draw the edges among them. */
  ids: Set<string>;
}

export function printPages(graph: GraphDocument): PrintPage[] {
  const structure = laneStructure(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const pages: PrintPage[] = [];
  for (const lane of lanes(graph, structure)) {
    const placed: PrintedNode[] = [];
    for (const id of lane.nodes) {
      const node = byId.get(id);
      const at = graph.layout.nodes[id];
      if (!node || !at) continue;
      placed.push({ node, x: at.x, y: at.y, ...nodeSize(graph, node) });
    }
    if (placed.length === 0) continue;
    const box = lane.box;
    const scale = Math.max(MIN_SCALE, Math.min(1, (PAGE.width - 2 * MARGIN) / box.width));
    const sliceHeight = (PAGE.height - 2 * MARGIN) / scale;
    // Cut where no node spans the cut: take nodes top-down, start a new slice when one would overflow.
    const sorted = [...placed].sort((a, b) => a.y - b.y);
    const slices: PrintedNode[][] = [];
    let current: PrintedNode[] = [];
    let top = sorted[0]!.y;
    for (const n of sorted) {
      if (current.length > 0 && n.y + n.height - top > sliceHeight) {
        slices.push(current);
        current = [];
        top = n.y;
      }
      current.push(n);
    }
    slices.push(current);
    slices.forEach((slice, i) => {
      const y0 = Math.min(...slice.map((n) => n.y));
      const y1 = Math.max(...slice.map((n) => n.y + n.height));
      const x0 = box.x;
      pages.push({
        root: lane.root,
        part: i + 1,
        parts: slices.length,
        view: { x: x0 - MARGIN, y: y0 - MARGIN, width: Math.max(box.width, 1) + 2 * MARGIN, height: y1 - y0 + 2 * MARGIN },
        scale,
        nodes: slice,
        ids: new Set(slice.map((n) => n.node.id)),
      });
    });
  }
  return pages;
}
