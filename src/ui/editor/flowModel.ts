import type { Edge, Node, XYPosition } from '@xyflow/react';
import { NODE_SIZES, type GraphDocument, type GraphEdge, type GraphNode, type GraphNodeKind, type NodeLayout, type Question } from '../../core/index.ts';
import { nodeLabel } from '../../core/graph/commands/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { edgeText } from './text.ts';

/** View-only data of a canvas node: how many nodes its folding hides. Never domain state or callbacks. */
export type FlowNodeData = { hidden?: number };
export type FlowNode = Node<FlowNodeData, GraphNodeKind>;
export type FlowEdge = Edge<Record<string, never>>;

/** What the canvas holds that the document does not: measured sizes, positions during a drag. */
export interface Overlay {
  measured: ReadonlyMap<string, { width: number; height: number }>;
  dragging: ReadonlyMap<string, XYPosition>;
}

const NO_DATA: FlowNodeData = {};
const EDGE_LABEL_MAX = 26;
const SOURCE_KINDS = new Set<GraphNodeKind>(['job', 'task', 'question', 'measure']);
const TARGET_KINDS = new Set<GraphNodeKind>(['task', 'question', 'measure', 'situation']);

interface NodeEntry {
  node: GraphNode;
  layout: NodeLayout | undefined;
  measured: { width: number; height: number } | undefined;
  drag: XYPosition | undefined;
  selected: boolean;
  hidden: boolean;
  count: number | undefined;
  readOnly: boolean;
  catalogue: unknown;
  current: boolean;
  flow: FlowNode;
}

interface EdgeEntry {
  edge: GraphEdge;
  selected: boolean;
  question: Question | undefined;
  flow: FlowEdge;
}

/**
 * React Flow nodes and edges derived from the document. Each derived object is reused while what it
 * depends on is the same object (Immer keeps unchanged nodes), so a change to one node of 2 000 gives
 * React Flow 1 new node object and 1 999 old ones: linear, with no per-render allocation storm.
 */
export class FlowModel {
  #nodes = new Map<string, NodeEntry>();
  #edges = new Map<string, EdgeEntry>();

  nodes(graph: GraphDocument, hidden: ReadonlySet<string>, counts: ReadonlyMap<string, number>, selected: ReadonlySet<string>, overlay: Overlay, readOnly: boolean, current?: string): FlowNode[] {
    const next = new Map<string, NodeEntry>();
    const out: FlowNode[] = [];
    for (const node of graph.nodes) {
      const layout = graph.layout.nodes[node.id];
      const measured = overlay.measured.get(node.id);
      const drag = overlay.dragging.get(node.id);
      const isSelected = selected.has(node.id);
      const isHidden = hidden.has(node.id);
      const isCurrent = node.id === current;
      const count = layout?.collapsed ? counts.get(node.id) : undefined;
      // The displayed name of a question or measure node comes from the catalogue.
      const catalogue = node.kind === 'question' ? graph.referential.questions : node.kind === 'measure' ? graph.referential.measures : undefined;
      const previous = this.#nodes.get(node.id);
      let entry: NodeEntry;
      if (
        previous &&
        previous.node === node &&
        previous.layout === layout &&
        previous.measured === measured &&
        previous.drag === drag &&
        previous.selected === isSelected &&
        previous.hidden === isHidden &&
        previous.count === count &&
        previous.readOnly === readOnly &&
        previous.catalogue === catalogue &&
        previous.current === isCurrent
      ) {
        entry = previous;
      } else {
        const size = NODE_SIZES[node.kind];
        const flow: FlowNode = {
          id: node.id,
          type: node.kind,
          position: drag ?? { x: layout?.x ?? 0, y: layout?.y ?? 0 },
          data: count !== undefined ? { hidden: count } : NO_DATA,
          width: layout?.width ?? size.width,
          height: layout?.height ?? size.height,
          selected: isSelected,
          hidden: isHidden,
          draggable: !readOnly,
          connectable: !readOnly,
          ariaLabel: frEditor.node.aria(frEditor.kinds[node.kind], nodeLabel(graph, node)),
          ariaRole: 'group',
          // Roving tabindex: one node is the canvas's Tab stop, the arrows move the focus between nodes.
          focusable: false,
          domAttributes: { tabIndex: isCurrent ? 0 : -1, 'aria-roledescription': frEditor.node.roleDescription },
          ...(measured ? { measured } : {}),
          ...(node.kind === 'group' ? { zIndex: -1 } : {}),
        };
        entry = { node, layout, measured, drag, selected: isSelected, hidden: isHidden, count, readOnly, catalogue, current: isCurrent, flow };
      }
      next.set(node.id, entry);
      out.push(entry.flow);
    }
    this.#nodes = next;
    return out;
  }

  edges(graph: GraphDocument, selected: ReadonlySet<string>, hidden: ReadonlySet<string> = new Set()): FlowEdge[] {
    const kinds = new Map(graph.nodes.map((n) => [n.id, n] as const));
    const questions = new Map(graph.referential.questions.map((q) => [q.id, q] as const));
    const next = new Map<string, EdgeEntry>();
    const out: FlowEdge[] = [];
    for (const edge of graph.edges) {
      const source = kinds.get(edge.source);
      const target = kinds.get(edge.target);
      // An edge the canvas cannot draw (dangling, or from a node without a handle) is left to the checker.
      if (!source || !target || !SOURCE_KINDS.has(source.kind) || !TARGET_KINDS.has(target.kind)) continue;
      if (hidden.has(source.id) || hidden.has(target.id)) continue;
      const question = source.kind === 'question' ? questions.get(source.question) : undefined;
      const isSelected = selected.has(edge.id);
      const previous = this.#edges.get(edge.id);
      let entry: EdgeEntry;
      if (previous && previous.edge === edge && previous.selected === isSelected && previous.question === question) {
        entry = previous;
      } else {
        const text = edgeText(graph, edge, question);
        // Long answers would cover the drawing: the canvas shows the start, the aria label all of it.
        const label = text && text.length > EDGE_LABEL_MAX ? `${text.slice(0, EDGE_LABEL_MAX - 1).trimEnd()}…` : text;
        const flow: FlowEdge = {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          selected: isSelected,
          className: `edge-${edge.kind}`,
          ...(source.kind === 'measure' ? { sourceHandle: edge.kind === 'measure' && !edge.applied ? 'notApplied' : 'applied' } : {}),
          ...(label ? { label, labelBgPadding: [4, 2] as [number, number], labelBgBorderRadius: 3 } : {}),
          ariaLabel: text ? `${frEditor.properties.edgeKinds[edge.kind]} : ${text}` : frEditor.properties.edgeKinds[edge.kind],
          domAttributes: { 'aria-roledescription': frEditor.edge.roleDescription },
        };
        entry = { edge, selected: isSelected, question, flow };
      }
      next.set(edge.id, entry);
      out.push(entry.flow);
    }
    this.#edges = next;
    return out;
  }
}
