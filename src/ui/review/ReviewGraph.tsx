import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useNodesState,
  useReactFlow,
  type Edge,
  type Node,
  type NodeChange,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { NodeLayout } from '../../core/index.ts';
import { frReview } from '../i18n/fr-review.ts';
import type { ReviewEdgeData, ReviewGraph, ReviewNodeData } from './graph.ts';

/*
 * The read-only logigramme of the comparison: React Flow draws the new version's graph (plus the old
 * version's removed elements, dashed), coloured by change, each changed node also carrying a text badge
 * so colour is never the only cue. Nothing can be moved, connected or deleted; a node can be selected
 * (pointer or keyboard), and the screen can ask for a node to be selected and centred.
 */

type FlowNode = Node<ReviewNodeData, 'review'>;
type FlowEdge = Edge<ReviewEdgeData>;

const ReviewNode = memo(function ReviewNode({ data }: NodeProps<FlowNode>) {
  const badge = data.status ? frReview.graph[data.status] : null;
  return (
    <div className={`rv-node rv-kind-${data.kind} rv-${data.status ?? 'same'}`} data-status={data.status ?? 'same'}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span className="rv-node-head">
        <span className="rv-node-kind">{data.kindLabel}</span>
        {badge && <span className={`rv-badge rv-badge-${data.status}`}>{badge}</span>}
      </span>
      <span className="rv-node-label">{data.label}</span>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const NODE_TYPES = { review: ReviewNode };

export interface FocusRequest {
  id: string;
  /** A new number for each request, so that asking twice for the same node centres it again. */
  nonce: number;
}

export interface ReviewGraphViewProps {
  graph: ReviewGraph;
  positions: Record<string, NodeLayout>;
  selected: string | null;
  focus: FocusRequest | null;
  onSelect: (id: string | null) => void;
  /** Accessible name of the drawing. */
  label: string;
}

function flowNodes(graph: ReviewGraph, positions: Record<string, NodeLayout>, selected: string | null): FlowNode[] {
  return graph.nodes.map((n) => ({
    id: n.id,
    type: 'review',
    position: { x: positions[n.id]?.x ?? 0, y: positions[n.id]?.y ?? 0 },
    data: n.data,
    width: n.width,
    height: n.height,
    selected: n.id === selected,
    draggable: false,
    connectable: false,
    deletable: false,
    ariaLabel: frReview.graph.nodeAria(n.data.kindLabel, n.data.label, n.data.status ? frReview.graph[n.data.status] : null),
    className: `rv-flow-${n.data.status ?? 'same'}`,
  }));
}

function flowEdges(graph: ReviewGraph): FlowEdge[] {
  return graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    data: e.data,
    ...(e.label ? { label: e.label } : {}),
    type: 'smoothstep',
    markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    className: e.data.status ? `rv-edge-${e.data.status}` : 'rv-edge',
    selectable: false,
    focusable: false,
    deletable: false,
  }));
}

const reducedMotion = () => typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Centres the viewport on the requested node (inside <ReactFlow>, where the viewport is reachable). */
function FocusOn({ focus, graph, positions }: { focus: FocusRequest | null; graph: ReviewGraph; positions: Record<string, NodeLayout> }) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  useEffect(() => {
    if (!focus) return;
    const node = graph.nodes.find((n) => n.id === focus.id);
    const at = positions[focus.id];
    if (!node || !at) return;
    flow.setCenter(at.x + node.width / 2, at.y + node.height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: reducedMotion() ? 0 : 300 }).catch(() => undefined);
    // Only a new request moves the viewport; the flow instance is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus]);
  return null;
}

/** On paper, the whole logigramme rather than the part last looked at. */
function FitForPrint() {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  useEffect(() => {
    const fit = () => void flow.fitView({ padding: 0.05, duration: 0 });
    window.addEventListener('beforeprint', fit);
    return () => window.removeEventListener('beforeprint', fit);
  }, [flow]);
  return null;
}

function GraphCanvas({ graph, positions, selected, focus, onSelect, label }: ReviewGraphViewProps) {
  const [nodes, setNodes, onNodesChange] = useNodesState<FlowNode>(flowNodes(graph, positions, selected));
  const edges = useMemo(() => flowEdges(graph), [graph]);
  // The selection for the effect below without making it re-run on selection (updated after render).
  const selectedRef = useRef(selected);
  useLayoutEffect(() => {
    selectedRef.current = selected;
  }, [selected]);
  // A new graph (or layout) replaces the nodes; the first render already has them.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setNodes(flowNodes(graph, positions, selectedRef.current));
  }, [graph, positions, setNodes]);

  // Selection asked by the screen (a change activated in the list) → the nodes' `selected` flags.
  useEffect(() => {
    setNodes((current) => current.map((n) => (n.selected === (n.id === selected) ? n : { ...n, selected: n.id === selected })));
  }, [selected, setNodes]);

  const onChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      onNodesChange(changes);
      for (const c of changes) if (c.type === 'select' && c.selected) onSelect(c.id);
    },
    [onNodesChange, onSelect],
  );

  return (
    <ReactFlow<FlowNode, FlowEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={NODE_TYPES}
      onNodesChange={onChange}
      onPaneClick={() => onSelect(null)}
      fitView
      fitViewOptions={{ padding: 0.1 }}
      minZoom={0.1}
      maxZoom={2}
      nodesDraggable={false}
      nodesConnectable={false}
      nodesFocusable
      edgesFocusable={false}
      elementsSelectable
      selectNodesOnDrag={false}
      multiSelectionKeyCode={null}
      selectionKeyCode={null}
      deleteKeyCode={null}
      zoomOnDoubleClick={false}
      colorMode="light"
      ariaLabelConfig={frReview.graph.aria}
      aria-label={label}
    >
      <Background gap={24} />
      <Controls showInteractive={false} />
      <FocusOn focus={focus} graph={graph} positions={positions} />
      <FitForPrint />
    </ReactFlow>
  );
}

export function ReviewGraphView(props: ReviewGraphViewProps) {
  return (
    <ReactFlowProvider>
      <GraphCanvas {...props} />
    </ReactFlowProvider>
  );
}
