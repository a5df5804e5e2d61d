import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { GraphNodeKind } from '../../core/index.ts';
import { collapsedHidden } from '../../core/graph/commands/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { FlowModel, type FlowEdge, type FlowNode, type Overlay } from './flowModel.ts';
import { useController, useEditorSnapshot, useView } from './hooks.ts';
import { nodeTypes } from './nodes.tsx';

/** Drag-and-drop type of the palette's items. */
export const PALETTE_MIME = 'application/x-logigramme-kind';
const KINDS = new Set<string>(['job', 'task', 'question', 'measure', 'situation', 'note', 'group']);
/** Below this, every node is drawn; above, only the visible ones (2 000-node graphs stay fluid). */
const RENDER_ALL_BELOW = 300;

const MINIMAP_COLORS: Record<string, string> = { job: '#1f4e79', task: '#3f7fbf', question: '#b7791f', measure: '#2f855a', situation: '#9b2c2c', note: '#c9b458', group: '#cbd5e0' };
const minimapColor = (node: FlowNode) => MINIMAP_COLORS[node.type ?? ''] ?? '#999';

/**
 * The canvas: a view of the document. Nodes and edges are derived from the graph; React Flow's changes
 * come back as commands (a finished drag is one node/move, a connection one edge/add), or as view state
 * (selection, measured sizes, positions during a drag) that never enters the history.
 */
export function Canvas() {
  const controller = useController();
  const { graph, readOnly } = useEditorSnapshot();
  const view = useView();
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);
  const model = useRef(new FlowModel()).current;
  const [overlay, setOverlay] = useState<Overlay>({ measured: new Map(), dragging: new Map() });
  const overlayRef = useRef(overlay);
  overlayRef.current = overlay;

  useEffect(() => {
    controller.attachFlow(flow, wrapper.current);
    return () => controller.attachFlow(null, null);
  }, [controller, flow]);

  const folded = useMemo(() => collapsedHidden(graph), [graph.nodes, graph.edges, graph.layout.nodes]); // eslint-disable-line react-hooks/exhaustive-deps
  const selectedNodes = useMemo(() => new Set(view.selectedNodes), [view.selectedNodes]);
  const selectedEdges = useMemo(() => new Set(view.selectedEdges), [view.selectedEdges]);
  const nodes = useMemo(() => model.nodes(graph, folded.hidden, folded.counts, selectedNodes, overlay, readOnly), [model, graph, folded, selectedNodes, overlay, readOnly]);
  const edges = useMemo(() => model.edges(graph, selectedEdges), [model, graph, selectedEdges]);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const selection: Array<{ id: string; selected: boolean }> = [];
      const moves: Record<string, XYPosition> = {};
      let dragEnded = false;
      let measured: Map<string, { width: number; height: number }> | null = null;
      let dragging: Map<string, XYPosition> | null = null;
      const current = overlayRef.current;
      for (const change of changes) {
        if (change.type === 'select') selection.push({ id: change.id, selected: change.selected });
        else if (change.type === 'dimensions' && change.dimensions) {
          const previous = current.measured.get(change.id);
          if (previous?.width !== change.dimensions.width || previous?.height !== change.dimensions.height) {
            measured ??= new Map(current.measured);
            measured.set(change.id, change.dimensions);
          }
        } else if (change.type === 'position' && change.position) {
          if (change.dragging) {
            dragging ??= new Map(current.dragging);
            dragging.set(change.id, change.position);
          } else {
            moves[change.id] = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
            if (current.dragging.has(change.id)) {
              dragEnded = true;
              dragging ??= new Map(current.dragging);
              dragging.delete(change.id);
            }
          }
        }
      }
      const moved = Object.keys(moves);
      if (moved.length > 0) {
        // A finished drag is one step; arrow-key nudges in a row merge into one.
        controller.run({ type: 'node/move', positions: moves }, frEditor.history.move(moved.length), dragEnded ? {} : { mergeKey: 'nudge' });
      }
      if (measured || dragging) {
        const next = { measured: measured ?? current.measured, dragging: dragging ?? current.dragging };
        overlayRef.current = next;
        setOverlay(next);
      }
      controller.applySelection(selection, []);
    },
    [controller],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      const selection = changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : []));
      controller.applySelection([], selection);
    },
    [controller],
  );

  const isValidConnection = useCallback((c: Connection | FlowEdge) => controller.connectionRefusal({ source: c.source, target: c.target, sourceHandle: c.sourceHandle ?? null }) === undefined, [controller]);
  const onConnect = useCallback((c: Connection) => void controller.connect({ source: c.source, target: c.target, sourceHandle: c.sourceHandle }), [controller]);
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // Dropped on a node that refuses it: say why (onConnect never ran).
      if (state.isValid !== false || !state.toNode || !state.fromNode) return;
      const fromSource = state.fromHandle?.type !== 'target';
      const connection = fromSource
        ? { source: state.fromNode.id, target: state.toNode.id, sourceHandle: state.fromHandle?.id ?? null }
        : { source: state.toNode.id, target: state.fromNode.id, sourceHandle: state.toHandle?.id ?? null };
      const reason = controller.connectionRefusal(connection);
      if (reason) controller.notify(frEditor.notices.connectionRefused(reason), 'error');
    },
    [controller],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME);
      if (!KINDS.has(kind)) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      controller.addNode(kind as GraphNodeKind, { x: Math.round(at.x), y: Math.round(at.y) });
    },
    [controller, flow],
  );

  return (
    <div className="editor-canvas" ref={wrapper} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDoubleClick={() => controller.focusProperties()}
        onlyRenderVisibleElements={graph.nodes.length >= RENDER_ALL_BELOW}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        minZoom={0.05}
        maxZoom={2}
        fitView
        ariaLabelConfig={frEditor.flowAria}
        aria-label={frEditor.screen.canvasLabel}
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <MiniMap<FlowNode> pannable zoomable nodeColor={minimapColor} style={{ width: 160, height: 110 }} ariaLabel={frEditor.flowAria['minimap.ariaLabel']} />
      </ReactFlow>
    </div>
  );
}
