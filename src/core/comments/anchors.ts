import { EDGE_KIND_NAMES, NODE_KIND_NAMES, nodeLabel } from '../graph/commands/index.ts';
import type { GraphDocument, GraphNode } from '../graph/schema.ts';
import { findCriterion, regulationById, REGULATION_VERSIONS } from '../regulation/index.ts';
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

/** What an anchor designates in a graph, named for people. `exists` is false for a detached thread. */
export interface AnchorTarget {
  exists: boolean;
  /** French kind of the element: « Tâche », « Liaison », « Exposition »… */
  kind: string;
  /** The element's label (its snapshot in the anchor, or its id, when the element is gone). */
  label: string;
  /** What inside the element: the factor and criterion of an exposure, the kind of a link. */
  detail?: string;
  /** The node to centre on the canvas, when there is one. */
  node?: string;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const LATEST = REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!;

/** « Bruit — niveau d’exposition quotidien », from the referential's regulation version (the latest one otherwise). */
export function exposureDetail(graph: GraphDocument | undefined, factor: Exposure['factor'], criterion: string): string {
  const version = (graph && regulationById(graph.referential.regulation)) || LATEST;
  const found = findCriterion(version, factor, criterion) ?? findCriterion(LATEST, factor, criterion);
  const factorLabel = found?.factor.label ?? LATEST.factors.find((f) => f.code === factor)?.label ?? factor;
  return `${factorLabel} — ${found?.criterion.label ?? criterion}`;
}

/**
 * Resolves an anchor on a graph.
 *
 * @example findAnchor(graph, { on: 'node', node: 'moteurs' }) // { exists: true, kind: 'Tâche', label: 'Moteurs thermiques', node: 'moteurs' }
 */
export function findAnchor(graph: GraphDocument, anchor: CommentAnchor): AnchorTarget {
  const r = graph.referential;
  const node = (id: string) => graph.nodes.find((n) => n.id === id);
  const gone = (kind: string, id: string, detail?: string): AnchorTarget => ({ exists: false, kind, label: anchor.label ?? id, ...(detail ? { detail } : {}) });
  switch (anchor.on) {
    case 'referential':
      return { exists: true, kind: 'Référentiel', label: r.identity.title };
    case 'node': {
      const n = node(anchor.node);
      return n ? { exists: true, kind: capital(NODE_KIND_NAMES[n.kind]), label: nodeLabel(graph, n), node: n.id } : gone('Élément', anchor.node);
    }
    case 'exposure': {
      const n = node(anchor.node);
      const detail = exposureDetail(graph, anchor.factor, anchor.criterion) + (anchor.rank ? ` (${anchor.rank + 1}ᵉ mention)` : '');
      if (n?.kind !== 'situation' || exposureIndex(n.exposures, anchor) < 0) return gone('Exposition', anchor.node, detail);
      return { exists: true, kind: 'Exposition', label: n.label, detail, node: n.id };
    }
    case 'edge': {
      const e = graph.edges.find((x) => x.id === anchor.edge);
      const source = e && node(e.source);
      const target = e && node(e.target);
      if (!e || !source || !target) return gone('Liaison', anchor.edge);
      return { exists: true, kind: 'Liaison', label: `${nodeLabel(graph, source)} → ${nodeLabel(graph, target)}`, detail: EDGE_KIND_NAMES[e.kind], node: source.id };
    }
    case 'question': {
      const q = r.questions.find((x) => x.id === anchor.question);
      return q ? { exists: true, kind: 'Critère', label: q.label } : gone('Critère', anchor.question);
    }
    case 'measure': {
      const m = r.measures.find((x) => x.id === anchor.measure);
      return m ? { exists: true, kind: 'Mesure de prévention', label: m.label } : gone('Mesure de prévention', anchor.measure);
    }
    case 'scenario': {
      const s = r.scenarios.find((x) => x.id === anchor.scenario);
      return s ? { exists: true, kind: 'Scénario', label: s.label } : gone('Scénario', anchor.scenario);
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
