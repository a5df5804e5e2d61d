import type { ReactFlowInstance } from '@xyflow/react';
import type { FlowEdge, FlowNode } from './flowModel.ts';
import { NODE_SIZES, type GraphDocument, type GraphNode, type GraphNodeKind, type Scenario, type Severity } from '../../core/index.ts';
import {
  connectCommand,
  copyNodes,
  nodeLabel,
  refuse,
  subtreeIds,
  type Clipboard,
  type GraphCommand,
} from '../../core/graph/commands/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { computeConsistency, type Consistency } from './consistency.ts';
import { ID_PREFIX, IdMaker } from './ids.ts';
import { computeLayout } from './layoutClient.ts';
import { currentExpectation } from './scenarioForm.ts';
import type { EditorStore, Outcome } from './store.ts';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** Increases with every notice, so that the same text said twice is announced twice. */
  seq: number;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
}

/** What the editor shows that is not the document: never in the history, never saved. */
export interface ViewState {
  selectedNodes: readonly string[];
  selectedEdges: readonly string[];
  notice: Notice | null;
  confirm: ConfirmRequest | null;
  /** Increases when the properties panel should take the focus (after a node is created by keyboard). */
  focusProperties: number;
  helpOpen: boolean;
  tableOpen: boolean;
  layoutRunning: boolean;
}

const CHECK_DELAY_MS = 150;
const EMPTY: readonly string[] = [];

/**
 * The editor's actions, shared by the toolbar, the palette, the panels and the keyboard: each turns a
 * user intent into commands on the store (one history step per intent) and keeps the view state
 * (selection, notices, confirmations). Also runs the live consistency check, debounced.
 */
export class EditorController {
  readonly store: EditorStore;
  #view: ViewState = { selectedNodes: EMPTY, selectedEdges: EMPTY, notice: null, confirm: null, focusProperties: 0, helpOpen: false, tableOpen: false, layoutRunning: false };
  #viewListeners = new Set<() => void>();
  #consistency: Consistency | null = null;
  #consistencyListeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #flow: ReactFlowInstance<FlowNode, FlowEdge> | null = null;
  #canvas: HTMLElement | null = null;
  #clipboard: Clipboard | null = null;
  #pasteCount = 0;
  #addCount = 0;
  #seq = 0;

  constructor(store: EditorStore) {
    this.store = store;
  }

  /** Starts the live check (now, then after each change); returns the stop function. */
  start(): () => void {
    this.#runCheck();
    const unsubscribe = this.store.subscribe(() => {
      if (this.#consistency?.graph !== this.store.graph) this.#scheduleCheck();
      this.#pruneSelection();
    });
    return () => {
      unsubscribe();
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
    };
  }

  // View state ------------------------------------------------------------------------------------

  subscribeView = (listener: () => void) => {
    this.#viewListeners.add(listener);
    return () => this.#viewListeners.delete(listener);
  };

  getView = (): ViewState => this.#view;

  #setView(patch: Partial<ViewState>) {
    this.#view = { ...this.#view, ...patch };
    for (const l of this.#viewListeners) l();
  }

  subscribeConsistency = (listener: () => void) => {
    this.#consistencyListeners.add(listener);
    return () => this.#consistencyListeners.delete(listener);
  };

  getConsistency = (): Consistency | null => this.#consistency;

  severityOf(id: string): Severity | undefined {
    return this.#consistency?.byNode.get(id)?.severity;
  }

  findingCountOf(id: string): number {
    return this.#consistency?.byNode.get(id)?.count ?? 0;
  }

  attachFlow(flow: ReactFlowInstance<FlowNode, FlowEdge> | null, canvas: HTMLElement | null): void {
    this.#flow = flow;
    this.#canvas = canvas;
  }

  notify(text: string, kind: Notice['kind'] = 'info'): void {
    this.#setView({ notice: { kind, text, seq: ++this.#seq } });
  }

  dismissNotice(): void {
    this.#setView({ notice: null });
  }

  /** Moves the keyboard focus to the properties panel (after a double click, or a node made by keyboard). */
  focusProperties(): void {
    this.#setView({ focusProperties: this.#view.focusProperties + 1 });
  }

  toggleHelp(open = !this.#view.helpOpen): void {
    this.#setView({ helpOpen: open });
  }

  toggleTable(open = !this.#view.tableOpen): void {
    this.#setView({ tableOpen: open });
  }

  // Selection -------------------------------------------------------------------------------------

  select(nodes: readonly string[], edges: readonly string[] = EMPTY): void {
    this.#setView({ selectedNodes: nodes.length ? [...nodes] : EMPTY, selectedEdges: edges.length ? [...edges] : EMPTY });
  }

  /** Applies React Flow's selection changes (click, shift-click, box selection). */
  applySelection(nodeChanges: ReadonlyArray<{ id: string; selected: boolean }>, edgeChanges: ReadonlyArray<{ id: string; selected: boolean }>): void {
    if (nodeChanges.length === 0 && edgeChanges.length === 0) return;
    const nodes = new Set(this.#view.selectedNodes);
    for (const c of nodeChanges) c.selected ? nodes.add(c.id) : nodes.delete(c.id);
    const edges = new Set(this.#view.selectedEdges);
    for (const c of edgeChanges) c.selected ? edges.add(c.id) : edges.delete(c.id);
    this.select([...nodes], [...edges]);
  }

  selectAll(): void {
    this.select(this.store.graph.nodes.map((n) => n.id));
  }

  /** After undo or a removal, forget selected elements that no longer exist. */
  #pruneSelection(): void {
    const { selectedNodes, selectedEdges } = this.#view;
    if (selectedNodes.length === 0 && selectedEdges.length === 0) return;
    const nodes = selectedNodes.filter((id) => this.store.nodeById(id));
    const edgeIds = new Set(this.store.graph.edges.map((e) => e.id));
    const edges = selectedEdges.filter((id) => edgeIds.has(id));
    if (nodes.length !== selectedNodes.length || edges.length !== selectedEdges.length) this.select(nodes, edges);
  }

  // Commands --------------------------------------------------------------------------------------

  /** Runs commands as one step; a refusal is shown with its reason. */
  run(commands: GraphCommand | readonly GraphCommand[], label: string, options: { mergeKey?: string } = {}): Outcome {
    const list = Array.isArray(commands) ? (commands as readonly GraphCommand[]) : [commands as GraphCommand];
    const outcome = this.store.executeAll(list, label, options);
    if (!outcome.ok) this.notify(outcome.message, 'error');
    else if (outcome.changed && this.#view.notice?.kind === 'error') this.#setView({ notice: null });
    return outcome;
  }

  undo(): void {
    const label = this.store.getSnapshot().undoLabel;
    const outcome = this.store.undo();
    if (!outcome.ok) this.notify(outcome.message, 'error');
    else if (outcome.changed && label) this.notify(frEditor.history.undone(label));
  }

  redo(): void {
    const label = this.store.getSnapshot().redoLabel;
    const outcome = this.store.redo();
    if (!outcome.ok) this.notify(outcome.message, 'error');
    else if (outcome.changed && label) this.notify(frEditor.history.redone(label));
  }

  /** Adds a node of a kind (with its catalogue entry for a question or a measure), selects it. */
  addNode(kind: GraphNodeKind, position?: { x: number; y: number }, options: { focus?: boolean } = {}): string | undefined {
    const graph = this.store.graph;
    const ids = new IdMaker(graph);
    const id = ids.next(ID_PREFIX[kind]);
    const at = position ?? this.#freePosition(kind);
    const commands: GraphCommand[] = [];
    let node: GraphNode;
    switch (kind) {
      case 'question': {
        const question = ids.next(ID_PREFIX.questionEntry);
        commands.push({ type: 'question/add', question: { id: question, label: frEditor.defaults.question, scope: 'company', type: 'boolean' } });
        node = { id, kind, question };
        break;
      }
      case 'measure': {
        const measure = ids.next(ID_PREFIX.measureEntry);
        commands.push({ type: 'measure/add', measure: { id: measure, label: frEditor.defaults.measure, kind: 'collective' } });
        node = { id, kind, measure };
        break;
      }
      case 'situation':
        node = { id, kind, label: frEditor.defaults.situation, exposures: [] };
        break;
      case 'note':
        node = { id, kind, text: frEditor.defaults.note };
        break;
      case 'group':
        node = { id, kind, label: frEditor.defaults.group, members: [...this.#view.selectedNodes] };
        break;
      default:
        node = { id, kind, label: frEditor.defaults[kind] };
    }
    commands.push({ type: 'node/add', node, position: at });
    const outcome = this.run(commands, frEditor.history.addNode(frEditor.kinds[kind]));
    if (!outcome.ok) return undefined;
    this.select([id]);
    this.notify(frEditor.notices.added(kind));
    if (options.focus) this.focusProperties();
    return id;
  }

  /** Where a node added without a drop point goes: the middle of the visible canvas, staggered. */
  #freePosition(kind: GraphNodeKind): { x: number; y: number } {
    const size = NODE_SIZES[kind];
    const stagger = 24 * (this.#addCount++ % 6);
    const rect = this.#canvas?.getBoundingClientRect();
    if (this.#flow && rect && rect.width > 0 && rect.height > 0) {
      const p = this.#flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      return { x: Math.round(p.x - size.width / 2 + stagger), y: Math.round(p.y - size.height / 2 + stagger) };
    }
    // No canvas on screen (tests, narrow screens): below everything.
    const bottom = Object.values(this.store.graph.layout.nodes).reduce((max, l) => Math.max(max, l.y + (l.height ?? 90)), 0);
    return { x: stagger, y: Math.round(bottom + 40) };
  }

  /** Why a connection would be refused, or undefined when it is fine (for the canvas while dragging). */
  connectionRefusal(connection: { source: string; target: string; sourceHandle?: string | null }): string | undefined {
    if (this.store.readOnly) return frEditor.store.readOnly;
    const result = connectCommand(this.store.graph, connection, new IdMaker(this.store.graph).next('e'));
    return result.ok ? undefined : result.message;
  }

  connect(connection: { source: string; target: string; sourceHandle?: string | null }): boolean {
    const graph = this.store.graph;
    if (this.store.readOnly) {
      this.notify(frEditor.store.readOnly, 'error');
      return false;
    }
    const ids = new IdMaker(graph);
    const probe = connectCommand(graph, connection, 'probe');
    if (!probe.ok) {
      this.notify(frEditor.notices.connectionRefused(probe.message), 'error');
      return false;
    }
    const edge = { ...probe.command.edge, id: ids.edge(probe.command.edge) };
    const source = this.store.nodeById(edge.source)!;
    const target = this.store.nodeById(edge.target)!;
    const outcome = this.run({ type: 'edge/add', edge }, frEditor.history.connect(nodeLabel(graph, source), nodeLabel(graph, target)));
    if (outcome.ok) {
      this.select([], [edge.id]);
      this.notify(frEditor.notices.connected(nodeLabel(graph, source), nodeLabel(graph, target)));
    }
    return outcome.ok;
  }

  /** Delete: the selected nodes with their edges, and the selected edges, in one step. */
  deleteSelection(): void {
    const { selectedNodes, selectedEdges } = this.#view;
    const nodes = new Set(selectedNodes);
    const edges = selectedEdges.filter((id) => {
      const e = this.store.graph.edges.find((x) => x.id === id);
      return e && !nodes.has(e.source) && !nodes.has(e.target);
    });
    const commands: GraphCommand[] = [];
    if (selectedNodes.length) commands.push({ type: 'node/remove', ids: [...selectedNodes] });
    if (edges.length) commands.push({ type: 'edge/remove', ids: edges });
    if (commands.length === 0) return;
    const outcome = this.run(commands, frEditor.history.remove(selectedNodes.length, edges.length));
    if (outcome.ok) {
      this.select([]);
      this.notify(frEditor.notices.removed(selectedNodes.length, edges.length));
    }
  }

  /** Removing a whole subtree asks first, saying how many nodes go. */
  requestRemoveSubtree(id: string): void {
    const node = this.store.nodeById(id);
    if (!node) return;
    const ids = subtreeIds(this.store.graph, id);
    const label = nodeLabel(this.store.graph, node);
    if (ids.length <= 1) {
      this.run({ type: 'node/remove', ids: [id] }, frEditor.history.remove(1, 0));
      return;
    }
    this.#setView({
      confirm: {
        title: frEditor.confirm.subtreeTitle,
        message: frEditor.confirm.subtreeMessage(label, ids.length - 1),
        confirmLabel: frEditor.confirm.subtreeConfirm(ids.length),
        onConfirm: () => {
          const outcome = this.run({ type: 'node/remove-subtree', id }, frEditor.history.removeSubtree(label, ids.length));
          if (outcome.ok) {
            this.select([]);
            this.notify(frEditor.notices.removed(ids.length, 0));
          }
        },
      },
    });
  }

  answerConfirm(confirmed: boolean): void {
    const request = this.#view.confirm;
    this.#setView({ confirm: null });
    if (confirmed) request?.onConfirm();
  }

  copy(): void {
    if (this.#view.selectedNodes.length === 0) return;
    this.#clipboard = copyNodes(this.store.graph, this.#view.selectedNodes);
    this.#pasteCount = 0;
    this.notify(frEditor.notices.copied(this.#clipboard.nodes.length));
  }

  paste(clip: Clipboard | null = this.#clipboard): void {
    if (!clip || clip.nodes.length === 0) {
      this.notify(frEditor.notices.nothingToPaste, 'error');
      return;
    }
    const maker = new IdMaker(this.store.graph);
    const ids: Record<string, string> = {};
    for (const n of clip.nodes) ids[n.id] = maker.next(ID_PREFIX[n.kind]);
    const edgeIds: Record<string, string> = {};
    for (const e of clip.edges) edgeIds[e.id] = maker.edge({ kind: e.kind, source: ids[e.source]!, target: ids[e.target]!, ...(e.kind === 'measure' ? { applied: e.applied } : {}) });
    const shift = 40 * ++this.#pasteCount;
    const outcome = this.run({ type: 'nodes/paste', clip, ids, edgeIds, offset: { x: shift, y: shift } }, frEditor.history.paste(clip.nodes.length));
    if (outcome.ok) {
      this.select(Object.values(ids));
      this.notify(frEditor.notices.pasted(clip.nodes.length));
    }
  }

  duplicate(): void {
    if (this.#view.selectedNodes.length === 0) return;
    const clip = copyNodes(this.store.graph, this.#view.selectedNodes);
    const saved = this.#pasteCount;
    this.#pasteCount = 0;
    this.paste(clip);
    this.#pasteCount = saved;
  }

  toggleCollapse(id: string): void {
    const collapsed = !!this.store.graph.layout.nodes[id]?.collapsed;
    const node = this.store.nodeById(id);
    if (!node) return;
    const label = nodeLabel(this.store.graph, node);
    this.run({ type: 'node/collapse', id, collapsed: !collapsed }, collapsed ? frEditor.history.expand(label) : frEditor.history.collapse(label));
  }

  /** Automatic layout (lanes of tidy trees), as one undoable step; the view then shows everything. */
  async autoLayout(): Promise<void> {
    if (this.store.readOnly) {
      this.notify(frEditor.store.readOnly, 'error');
      return;
    }
    this.#setView({ layoutRunning: true });
    try {
      const positions = await computeLayout(this.store.graph);
      const outcome = this.run({ type: 'layout/apply', positions }, frEditor.history.layout);
      if (outcome.ok) {
        this.notify(frEditor.notices.laidOut);
        setTimeout(() => this.fitView(), 0);
      }
    } catch (error) {
      this.notify(frEditor.notices.layoutFailed(error instanceof Error ? error.message : String(error)), 'error');
    } finally {
      this.#setView({ layoutRunning: false });
    }
  }

  fitView(): void {
    void this.#flow?.fitView({ padding: 0.1, duration: 200 });
  }

  /** Selects a node, unfolds what hides it, centres the view on it and gives it the focus. */
  focusNode(id: string, options: { focus?: boolean } = {}): void {
    const graph = this.store.graph;
    const node = this.store.nodeById(id);
    if (!node) return;
    const hiding = Object.entries(graph.layout.nodes).filter(([owner, l]) => l.collapsed && owner !== id && subtreeIds(graph, owner).includes(id)).map(([owner]) => owner);
    if (hiding.length) this.run(hiding.map((owner) => ({ type: 'node/collapse' as const, id: owner, collapsed: false })), frEditor.history.expand(nodeLabel(graph, node)));
    this.select([id]);
    const layout = this.store.graph.layout.nodes[id];
    if (this.#flow && layout) {
      const size = NODE_SIZES[node.kind];
      void this.#flow.setCenter(layout.x + (layout.width ?? size.width) / 2, layout.y + (layout.height ?? size.height) / 2, { zoom: Math.max(this.#flow.getZoom(), 0.9), duration: 250 });
    }
    this.notify(frEditor.notices.focused(nodeLabel(this.store.graph, node)));
    if (options.focus !== false) {
      // The node's element exists once the view has moved to it (only visible nodes are rendered).
      setTimeout(() => {
        const element = this.#canvas?.querySelector<HTMLElement>(`.react-flow__node[data-id="${cssEscape(id)}"]`);
        element?.focus({ preventScroll: true });
      }, 300);
    }
  }

  // Scenarios -------------------------------------------------------------------------------------------

  /** A fresh scenario id (`sc-1`, `sc-2`…) in the referential's one namespace. */
  newScenarioId(): string {
    return new IdMaker(this.store.graph).next(ID_PREFIX.scenario);
  }

  addScenario(scenario: Scenario): Outcome {
    const outcome = this.run({ type: 'scenario/add', scenario }, frEditor.history.addScenario(scenario.label));
    if (outcome.ok) this.notify(frEditor.scenarios.added(scenario.label));
    return outcome;
  }

  updateScenario(scenario: Scenario): Outcome {
    const outcome = this.run({ type: 'scenario/update', id: scenario.id, scenario }, frEditor.history.updateScenario(scenario.label));
    if (outcome.ok) this.notify(frEditor.scenarios.updated(scenario.label));
    return outcome;
  }

  /** A copy under a new id, right after the original; returns the new id. */
  duplicateScenario(id: string): string | undefined {
    const scenarios = this.store.graph.referential.scenarios;
    const index = scenarios.findIndex((s) => s.id === id);
    const original = scenarios[index];
    if (!original) return undefined;
    const copy: Scenario = { ...structuredClone(original), id: this.newScenarioId(), label: frEditor.scenarios.copyOf(original.label) };
    const outcome = this.run({ type: 'scenario/add', scenario: copy, index: index + 1 }, frEditor.history.duplicateScenario(original.label));
    if (!outcome.ok) return undefined;
    this.notify(frEditor.scenarios.duplicated(original.label));
    return copy.id;
  }

  removeScenario(id: string): Outcome {
    const label = this.store.graph.referential.scenarios.find((s) => s.id === id)?.label ?? id;
    const outcome = this.run({ type: 'scenario/remove', id }, frEditor.history.removeScenario(label));
    if (outcome.ok) this.notify(frEditor.scenarios.removed(label));
    return outcome;
  }

  /** Today's verdicts and points become the scenario's expected result, as one undoable step. */
  freezeScenario(id: string): Outcome {
    const scenario = this.store.graph.referential.scenarios.find((s) => s.id === id);
    if (!scenario) {
      const refusal = refuse('command.scenario_not_found', { id });
      this.notify(refusal.message, 'error');
      return refusal;
    }
    const current = currentExpectation(this.store.graph, scenario);
    if (!current.ok) {
      const message = frEditor.scenarios.freezeFailed(current.message);
      this.notify(message, 'error');
      return { ok: false, code: 'editor.scenario_not_evaluable', message };
    }
    const next: Scenario = { ...scenario, expected: { factors: current.factors, points: current.points } };
    const outcome = this.run({ type: 'scenario/update', id, scenario: next }, frEditor.history.freezeScenario(scenario.label));
    if (outcome.ok) this.notify(frEditor.scenarios.frozen(scenario.label));
    return outcome;
  }

  // Live consistency --------------------------------------------------------------------------------

  #scheduleCheck(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#runCheck();
    }, CHECK_DELAY_MS);
  }

  #runCheck(): void {
    this.#consistency = computeConsistency(this.store.graph);
    for (const l of this.#consistencyListeners) l();
  }

  /** Runs the pending check now (tests, and before leaving). */
  checkNow(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#runCheck();
  }
}

function cssEscape(id: string): string {
  return typeof CSS !== 'undefined' && typeof CSS.escape === 'function' ? CSS.escape(id) : id.replace(/["\\]/g, '\\$&');
}

export type { GraphDocument };
