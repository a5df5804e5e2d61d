import { nodeLabel } from '../graph/commands/index.ts';
import type { GraphDocument, GraphEdge, GraphNode, GraphNodeKind } from '../graph/schema.ts';
import type { Exposure } from '../referential/schema.ts';
import type { CommentAnchor } from './schema.ts';

/*
 * Anchors resolved against a logigramme. A published version is commented on its decompiled graph
 * (`decompile(referential)`): node ids are the referential's element ids, so the same anchor works on
 * the draft and on the version.
 */

/**
 * Where one exposure of a situation sits, by stable key: its factor and criterion, and a rank (1, 2…)
 * for a criterion the situation states more than once. The same key as the semantic diff's.
 */
export function exposureSlot(exposures: readonly Exposure[], index: number): { factor: Exposure['factor']; criterion: string; rank?: number } {
  const e = exposures[index];
  if (!e) throw new RangeError(`no exposure at index ${index}`);
  const rank = exposures.slice(0, index).filter((x) => x.factor === e.factor && x.criterion === e.criterion).length;
  return rank === 0 ? { factor: e.factor, criterion: e.criterion } : { factor: e.factor, criterion: e.criterion, rank };
}

/** `noise/daily_level`, `noise/daily_level#1`: the exposure's key inside its situation. */
export function exposureKey(slot: { factor: string; criterion: string; rank?: number }): string {
  return slot.rank ? `${slot.factor}/${slot.criterion}#${slot.rank}` : `${slot.factor}/${slot.criterion}`;
}

/** Index of the exposure an anchor designates in a situation's list, or -1. */
export function exposureIndex(exposures: readonly Exposure[], slot: { factor: string; criterion: string; rank?: number }): number {
  const key = exposureKey(slot);
  return exposures.findIndex((_, i) => exposureKey(exposureSlot(exposures, i)) === key);
}

/** One string per anchored element (the label snapshot aside): threads with the same key are on the same element. */
export function anchorKey(anchor: CommentAnchor): string {
  switch (anchor.on) {
    case 'referential':
      return 'referential';
    case 'node':
      return `node:${anchor.node}`;
    case 'edge':
      return `edge:${anchor.edge}`;
    case 'exposure':
      return `exposure:${anchor.node}:${exposureKey(anchor)}`;
    case 'question':
      return `question:${anchor.question}`;
    case 'measure':
      return `measure:${anchor.measure}`;
    case 'scenario':
      return `scenario:${anchor.scenario}`;
  }
}

/**
 * The kind of element an anchor designates: a node's kind (a catalogue question or measure is named
 * like the node that asks or tests it), the referential, an exposure, a link, a scenario, or `element`
 * for a node that is gone (its kind unknown).
 */
export type AnchorKind = GraphNodeKind | 'referential' | 'exposure' | 'edge' | 'scenario' | 'element';

/** The order of kinds in the dossier annex, for elements of one label: the whole before its parts. */
export const ANCHOR_KIND_ORDER: Record<AnchorKind, number> = { referential: 0, job: 1, task: 2, question: 3, measure: 4, situation: 5, exposure: 6, edge: 7, note: 8, group: 9, scenario: 10, element: 11 };

/** What inside the element: an exposure's factor and criterion (read in `regulation`, the graph's), a link's kind. */
export type AnchorDetail =
  | { of: 'exposure'; factor: Exposure['factor']; criterion: string; rank?: number; regulation: string }
  | { of: 'edge'; kind: GraphEdge['kind'] };

/** What an anchor designates in a graph (`src/present/comments.ts` names it). `exists` is false for a detached thread. */
export interface AnchorTarget {
  exists: boolean;
  kind: AnchorKind;
  /** The element's label (its snapshot in the anchor, or its id, when the element is gone). */
  label: string;
  detail?: AnchorDetail;
  /** The node to centre on the canvas, when there is one. */
  node?: string;
}

/**
 * Resolves an anchor on a graph.
 *
 * @example findAnchor(graph, { on: 'node', node: 'moteurs' }) // { exists: true, kind: 'task', label: 'Moteurs thermiques', node: 'moteurs' }
 */
export function findAnchor(graph: GraphDocument, anchor: CommentAnchor): AnchorTarget {
  const r = graph.referential;
  const node = (id: string) => graph.nodes.find((n) => n.id === id);
  const gone = (kind: AnchorKind, id: string, detail?: AnchorDetail): AnchorTarget => ({ exists: false, kind, label: anchor.label ?? id, ...(detail ? { detail } : {}) });
  switch (anchor.on) {
    case 'referential':
      return { exists: true, kind: 'referential', label: r.identity.title };
    case 'node': {
      const n = node(anchor.node);
      return n ? { exists: true, kind: n.kind, label: nodeLabel(graph, n), node: n.id } : gone('element', anchor.node);
    }
    case 'exposure': {
      const n = node(anchor.node);
      const detail: AnchorDetail = { of: 'exposure', factor: anchor.factor, criterion: anchor.criterion, ...(anchor.rank ? { rank: anchor.rank } : {}), regulation: r.regulation };
      if (n?.kind !== 'situation' || exposureIndex(n.exposures, anchor) < 0) return gone('exposure', anchor.node, detail);
      return { exists: true, kind: 'exposure', label: n.label, detail, node: n.id };
    }
    case 'edge': {
      const e = graph.edges.find((x) => x.id === anchor.edge);
      const source = e && node(e.source);
      const target = e && node(e.target);
      if (!e || !source || !target) return gone('edge', anchor.edge);
      return { exists: true, kind: 'edge', label: `${nodeLabel(graph, source)} → ${nodeLabel(graph, target)}`, detail: { of: 'edge', kind: e.kind }, node: source.id };
    }
    case 'question': {
      const q = r.questions.find((x) => x.id === anchor.question);
      return q ? { exists: true, kind: 'question', label: q.label } : gone('question', anchor.question);
    }
    case 'measure': {
      const m = r.measures.find((x) => x.id === anchor.measure);
      return m ? { exists: true, kind: 'measure', label: m.label } : gone('measure', anchor.measure);
    }
    case 'scenario': {
      const s = r.scenarios.find((x) => x.id === anchor.scenario);
      return s ? { exists: true, kind: 'scenario', label: s.label } : gone('scenario', anchor.scenario);
    }
  }
}

/** The anchor with its `label` snapshot taken from the graph (what `addThread` callers should store). */
export function labelledAnchor(graph: GraphDocument, anchor: CommentAnchor): CommentAnchor {
  const target = findAnchor(graph, anchor);
  return target.exists ? { ...anchor, label: target.label } : anchor;
}

/** The anchors of a situation node's exposures, in order: one per exposure, for the properties panel. */
export function exposureAnchors(node: Extract<GraphNode, { kind: 'situation' }>): CommentAnchor[] {
  return node.exposures.map((_, i) => ({ on: 'exposure', node: node.id, ...exposureSlot(node.exposures, i), label: node.label }));
}
