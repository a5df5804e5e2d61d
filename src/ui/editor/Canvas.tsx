import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  ViewportPortal,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type FocusEvent as ReactFocusEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { lanes, laneStructure, type GraphNodeKind } from '../../core/index.ts';
import { collapsedHidden } from '../../core/graph/commands/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { FlowModel, type FlowEdge, type FlowNode, type Overlay } from './flowModel.ts';
import { useController, useEditorSnapshot, useView } from './hooks.ts';
import type { NavigationKey } from './navigation.ts';
import { nodeTypes } from './nodes.tsx';
import { FAR_BELOW, MAX_ZOOM, READABLE_MIN_ZOOM } from './viewport.ts';

/** Drag-and-drop type of the palette's items. */
export const PALETTE_MIME = 'application/x-logigramme-kind';
const KINDS = new Set<string>(['job', 'task', 'question', 'measure', 'situation', 'note', 'group']);
/** Below this, every node is drawn; above, only the visible ones (2 000-node graphs stay fluid). */
const RENDER_ALL_BELOW = 300;

const MINIMAP_COLORS: Record<string, string> = { job: '#1f4e79', task: '#3f7fbf', question: '#b7791f', measure: '#2f855a', situation: '#9b2c2c', note: '#c9b458', group: '#cbd5e0' };
const minimapColor = (node: FlowNode) => MINIMAP_COLORS[node.type ?? ''] ?? '#999';
const ARROWS = new Set(['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown']);
const isFar = (s: { transform: [number, number, number] }) => s.transform[2] < FAR_BELOW;

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
  const [model] = useState(() => new FlowModel());
  const [overlay, setOverlay] = useState<Overlay>({ measured: new Map(), dragging: new Map() });
  // The latest overlay for the change handler; only that handler sets the overlay, and it updates both.
  const overlayRef = useRef(overlay);

  useEffect(() => {
    controller.attachFlow(flow, wrapper.current);
    return () => controller.attachFlow(null, null);
  }, [controller, flow]);

  const folded = useMemo(() => collapsedHidden(graph), [graph.nodes, graph.edges, graph.layout.nodes]); // eslint-disable-line react-hooks/exhaustive-deps
  const focus = useMemo(() => controller.focusVisible(graph), [controller, graph, view.focusRoot]); // eslint-disable-line react-hooks/exhaustive-deps
  const hidden = useMemo(() => (focus ? new Set([...folded.hidden, ...graph.nodes.filter((n) => !focus.has(n.id)).map((n) => n.id)]) : folded.hidden), [folded, focus, graph.nodes]);
  const selectedNodes = useMemo(() => new Set(view.selectedNodes), [view.selectedNodes]);
  const selectedEdges = useMemo(() => new Set(view.selectedEdges), [view.selectedEdges]);
  // The canvas is one Tab stop: the current node (or the first one) holds it, the arrows move it.
  const current = view.current && graph.nodes.some((n) => n.id === view.current && !hidden.has(n.id)) ? view.current : graph.nodes.find((n) => !hidden.has(n.id))?.id;
  // A large graph draws only the nodes in view, so the Tab stop is the canvas itself, which hands the
  // focus to the current node (brought into view) when reached from outside.
  const large = graph.nodes.length >= RENDER_ALL_BELOW;
  const tabStop = large ? undefined : current;
  const nodes = useMemo(() => model.nodes(graph, hidden, folded.counts, selectedNodes, overlay, readOnly, tabStop), [model, graph, hidden, folded.counts, selectedNodes, overlay, readOnly, tabStop]);
  const onFocus = useCallback(
    (event: ReactFocusEvent<HTMLDivElement>) => {
      const from = event.relatedTarget as Node | null;
      if (event.target === wrapper.current && current && !(from && wrapper.current?.contains(from))) controller.focusNode(current, { quiet: true });
    },
    [controller, current],
  );
  const edges = useMemo(() => model.edges(graph, selectedEdges, hidden), [model, graph, selectedEdges, hidden]);
  const far = useStore(isFar);
  const bands = useMemo(() => lanes(graph, laneStructure(graph)).filter((l) => graph.nodes.some((n) => n.id === l.root && n.kind === 'job') && !hidden.has(l.root)), [graph, hidden]);

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

  // While an edge end is dragged, the edge being moved does not count against the new connection.
  const reconnecting = useRef<string | null>(null);
  const isValidConnection = useCallback(
    (c: Connection | FlowEdge) => controller.connectionRefusal({ source: c.source, target: c.target, sourceHandle: c.sourceHandle ?? null }, reconnecting.current ?? undefined) === undefined,
    [controller],
  );
  const onReconnectStart = useCallback((_event: unknown, edge: FlowEdge) => {
    reconnecting.current = edge.id;
  }, []);
  const onReconnectEnd = useCallback(() => {
    reconnecting.current = null;
  }, []);
  const onReconnect = useCallback((old: FlowEdge, c: Connection) => void controller.reconnect(old.id, { source: c.source, target: c.target, sourceHandle: c.sourceHandle }), [controller]);
  const onKeyDown = useCallback(
    (event: ReactKeyboardEvent<HTMLDivElement>) => {
      const target = event.target as HTMLElement;
      if (!target.classList.contains('react-flow__node') || event.ctrlKey || event.metaKey) return;
      if (ARROWS.has(event.key) && !event.altKey) {
        event.preventDefault();
        controller.moveCurrent(event.key as NavigationKey);
      } else if (event.key === 'Enter') {
        event.preventDefault();
        const id = target.dataset['id'];
        if (id) controller.select([id]);
        controller.focusProperties();
      }
    },
    [controller],
  );
  const onConnect = useCallback((c: Connection) => void controller.connect({ source: c.source, target: c.target, sourceHandle: c.sourceHandle }), [controller]);
  const onConnectEnd = useCallback(
    (_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      // Dropped on a node that refuses it: say why (onConnect never ran).
      if (state.isValid !== false || !state.toNode || !state.fromNode) return;
      const fromSource = state.fromHandle?.type !== 'target';
      const connection = fromSource
        ? { source: state.fromNode.id, target: state.toNode.id, sourceHandle: state.fromHandle?.id ?? null }
        : { source: state.toNode.id, target: state.fromNode.id, sourceHandle: state.toHandle?.id ?? null };
      const reason = controller.connectionRefusal(connection, reconnecting.current ?? undefined);
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
    // The keys and focus handled here come from the nodes inside (React Flow's focusable elements).
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div
      className={`editor-canvas${far ? ' zoom-far' : ' zoom-near'}`}
      ref={wrapper}
      onDragOver={onDragOver}
      onDrop={onDrop}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      {...(large ? { tabIndex: 0, role: 'group', 'aria-label': frEditor.screen.canvasKeyboard } : {})}
    >
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onReconnect={onReconnect}
        onReconnectStart={onReconnectStart}
        onReconnectEnd={onReconnectEnd}
        edgesReconnectable={!readOnly}
        isValidConnection={isValidConnection}
        onNodeDoubleClick={() => controller.focusProperties()}
        onNodeClick={(_event, node) => controller.setCurrent(node.id)}
        nodesFocusable={false}
        edgesFocusable={false}
        disableKeyboardA11y
        onlyRenderVisibleElements={graph.nodes.length >= RENDER_ALL_BELOW}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        minZoom={READABLE_MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        fitView
        fitViewOptions={{ minZoom: READABLE_MIN_ZOOM, maxZoom: 1 }}
        ariaLabelConfig={frEditor.flowAria}
        aria-label={frEditor.screen.canvasLabel}
      >
        <Background gap={24} />
        <Controls showInteractive={false} showFitView={false} />
        <ViewportPortal>
          {bands.map((band, i) => (
            <div key={band.root} className={`lane lane-${i % 2 ? 'odd' : 'even'}`} aria-hidden="true" style={{ transform: `translate(${band.box.x - 24}px, ${band.box.y - 20}px)`, width: band.box.width + 48, height: band.box.height + 40 }} />
          ))}
        </ViewportPortal>
      </ReactFlow>
    </div>
  );
}

/** The overview map, beside the canvas rather than over it: it never hides a node. */
export function Minimap() {
  return (
    <div className="editor-minimap">
      <MiniMap<FlowNode> pannable zoomable nodeColor={minimapColor} style={{ width: 180, height: 120 }} ariaLabel={frEditor.flowAria['minimap.ariaLabel']} />
    </div>
  );
}
