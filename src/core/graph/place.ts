import { NODE_SIZES, nodeSize } from './lanes.ts';
import type { GraphDocument, GraphNodeKind } from './schema.ts';
import { own } from '../util/own.ts';

/** Gaps of the incremental placement: the layout's column gap and a little air between neighbours. */
const LAYER_GAP = 80;
const GAP = 20;
/** How far down (or right) a free spot is looked for before giving up and stacking anyway. */
const MAX_PROBES = 400;

export interface Point {
  x: number;
  y: number;
}

/**
 * Where a new node goes without moving any other: beside `anchorId` (the selected node), one column
 * further, below the anchor's last child, then down to the first spot that overlaps nothing. Without
 * an anchor, `near` (e.g. the middle of the view), then down to a free spot. Incremental by design:
 * the neighbours never jump, unlike a new automatic layout.
 *
 * @example placeNewNode(graph, 'task', 'mecanicien') // { x: 280, y: 312 }: right of the job, under its last task
 */
export function placeNewNode(graph: GraphDocument, kind: GraphNodeKind, anchorId?: string, near?: Point): Point {
  const right = graph.layout.direction !== 'DOWN';
  const size = NODE_SIZES[kind];
  const anchor = anchorId ? graph.nodes.find((n) => n.id === anchorId) : undefined;
  const anchorAt = anchorId ? own(graph.layout.nodes, anchorId) : undefined;
  let start: Point;
  if (anchor && anchorAt) {
    const anchorSize = nodeSize(graph, anchor);
    const childIds = new Set(graph.edges.filter((e) => e.source === anchor.id).map((e) => e.target));
    // Below (or right of) the anchor's children drawn in the next column, so a new task follows the last one.
    let after: number | undefined;
    for (const node of graph.nodes) {
      const at = own(graph.layout.nodes, node.id);
      if (!childIds.has(node.id) || !at) continue;
      const s = nodeSize(graph, node);
      const end = right ? at.y + s.height : at.x + s.width;
      after = after === undefined ? end : Math.max(after, end);
    }
    start = right
      ? { x: anchorAt.x + anchorSize.width + LAYER_GAP, y: after === undefined ? anchorAt.y : after + GAP }
      : { x: after === undefined ? anchorAt.x : after + GAP, y: anchorAt.y + anchorSize.height + LAYER_GAP };
  } else {
    start = near ?? { x: 0, y: 0 };
  }
  return freeSpot(graph, { x: Math.round(start.x), y: Math.round(start.y) }, size, right);
}

/** The first spot from `start`, stepping down (or right), where a box of `size` overlaps no node. */
export function freeSpot(graph: GraphDocument, start: Point, size: { width: number; height: number }, downwards = true): Point {
  const boxes: Array<{ x0: number; y0: number; x1: number; y1: number }> = [];
  for (const node of graph.nodes) {
    const at = own(graph.layout.nodes, node.id);
    if (!at || node.kind === 'group') continue;
    const s = nodeSize(graph, node);
    boxes.push({ x0: at.x - GAP, y0: at.y - GAP, x1: at.x + s.width + GAP, y1: at.y + s.height + GAP });
  }
  const spot = { ...start };
  for (let probe = 0; probe < MAX_PROBES; probe++) {
    let blocker: (typeof boxes)[number] | undefined;
    for (const b of boxes) {
      if (spot.x < b.x1 && spot.x + size.width > b.x0 && spot.y < b.y1 && spot.y + size.height > b.y0) {
        blocker = b;
        break;
      }
    }
    if (!blocker) return spot;
    if (downwards) spot.y = Math.round(blocker.y1);
    else spot.x = Math.round(blocker.x1);
  }
  return spot;
}
