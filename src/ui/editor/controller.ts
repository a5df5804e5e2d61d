import type { ReactFlowInstance } from '@xyflow/react';
import type { FlowEdge, FlowNode } from './flowModel.ts';
import { fragmentOf, loadFragmentText, looksLikeFragment, NODE_SIZES, placeNewNode, type GraphDocument, type GraphEdge, type GraphFragment, type GraphNode, type GraphNodeKind, type Measure, type Question, type Scenario, type Severity } from '../../core/index.ts';
import {
  connectCommand,
  nodeLabel,
  refuse,
  subtreeIds,
  type GraphCommand,
} from '../../core/graph/commands/index.ts';
import { fitsUnder, linkToNew, pasteCommands } from './drawing.ts';
import { fitReadable } from './viewport.ts';
import { focusSet, neighbour, type NavigationKey } from './navigation.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { computeConsistency, type Consistency } from './consistency.ts';
import { ID_PREFIX, IdMaker } from './ids.ts';
import { slugify } from '../../core/graph/commands/index.ts';
import { computeLayout } from './layoutClient.ts';
import { currentExpectation } from './scenarioForm.ts';
import type { EditorStore, Outcome } from './store.ts';
import { PendingEdits } from './pending.ts';
import { issueMessage } from '../../present/issues.ts';
import { refusalMessage } from '../../present/commands.ts';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** Increases with every notice, so that the same text said twice is announced twice. */
  seq: number;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  /** Lines listed under the message (what a rename touches). */
  details?: string[];
  confirmLabel: string;
  onConfirm: () => void;
  /** A second way to go on (rename and update the stored staff too). */
  alternative?: { label: string; onConfirm: () => void };
  /** A confirmation that changes nothing irreversible is not styled as dangerous. */
  tone?: 'danger' | 'normal';
}

/** What the controller asks of the storage around the draft (the screen passes Dexie-backed ones). */
export interface EditorServices {
  /** Stored versions and companies' staff that use an id of this referential. */
  idUses(id: string): Promise<{ versions: string[]; staff: Array<{ company: string; year: number; employees: number }> }>;
  /** Renames a job or task id in the stored staff; returns how many employees changed. */
  renameStaff(from: string, to: string): Promise<number>;
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
  /** The logigramme, or the table view in its own full-width mode. */
  mode: 'graph' | 'table';
  layoutRunning: boolean;
  /** Focus mode: only this job's or task's subtree is shown. */
  focusRoot: string | null;
  /** The canvas node that holds the canvas's one Tab stop (roving tabindex). */
  current: string | null;
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
  /** Text typed in the panels and not yet committed (flushed before the page goes or another tab's changes come in). */
  readonly edits = new PendingEdits();
  #view: ViewState = { selectedNodes: EMPTY, selectedEdges: EMPTY, notice: null, confirm: null, focusProperties: 0, helpOpen: false, mode: 'graph', layoutRunning: false, focusRoot: null, current: null };
  #viewListeners = new Set<() => void>();
  #consistency: Consistency | null = null;
  #consistencyListeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Pending view work that must wait for React to draw (a fit, a focus): its cancel function, by slot. */
  #deferred = new Map<'fit' | 'focus', () => void>();
  #flow: ReactFlowInstance<FlowNode, FlowEdge> | null = null;
  #canvas: HTMLElement | null = null;
  #clipboard: GraphFragment | null = null;
  #pasteCount = 0;
  #seq = 0;
  readonly #services: EditorServices | undefined;

  constructor(store: EditorStore, services?: EditorServices) {
    this.store = store;
    this.#services = services;
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
      this.#cancelDeferred();
    };
  }

  /**
   * Runs `work` once React has drawn: after `delay` ms, or at the next animation frame. One pending task
   * per slot, so a newer request replaces the older; all are cancelled when the editor stops or the
   * canvas goes away, so none runs on a view that no longer exists.
   */
  #defer(slot: 'fit' | 'focus', work: () => void, delay: number | 'frame'): void {
    this.#deferred.get(slot)?.();
    const run = () => {
      this.#deferred.delete(slot);
      work();
    };
    if (delay === 'frame') {
      const handle = requestAnimationFrame(run);
      this.#deferred.set(slot, () => cancelAnimationFrame(handle));
    } else {
      const handle = setTimeout(run, delay);
      this.#deferred.set(slot, () => clearTimeout(handle));
    }
  }

  #cancelDeferred(): void {
    for (const cancel of this.#deferred.values()) cancel();
    this.#deferred.clear();
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
    if (!flow) this.#cancelDeferred();
    this.#flow = flow;
    this.#canvas = canvas;
  }

  notify(text: string, kind: Notice['kind'] = 'info'): void {
    this.#setView({ notice: { kind, text, seq: ++this.#seq } });
  }

  dismissNotice(): void {
    this.#setView({ notice: null });
  }

  /**
   * How many times the focus was sent to a canvas node (focusNode): a deferred move of the focus to the
   * properties panel asked before the latest one (Échap pressed before the panel was drawn again) gives way.
   */
  nodeFocusRequests = 0;
  /**
   * A move of the focus to the properties panel asked and not yet made (the panel does it once drawn
   * again): an Échap pressed meanwhile, the focus then on the page's body, still means « back to the
   * canvas », not « deselect ».
   */
  propertiesFocusPending = false;

  /** Moves the keyboard focus to the properties panel (after a double click, or a node made by keyboard). */
  focusProperties(): void {
    this.propertiesFocusPending = true;
    this.#setView({ focusProperties: this.#view.focusProperties + 1 });
  }

  toggleHelp(open = !this.#view.helpOpen): void {
    this.#setView({ helpOpen: open });
  }

  toggleTable(open = this.#view.mode !== 'table'): void {
    this.#setView({ mode: open ? 'table' : 'graph' });
    if (!open) this.#defer('fit', () => this.fitView(), 0);
  }

  /** Focus mode on a job or a task: only its subtree is shown (null shows everything again). */
  setFocusRoot(id: string | null): void {
    if (id !== null && !this.store.nodeById(id)) return;
    this.#setView({ focusRoot: id, ...(id ? { current: id } : {}) });
    const node = id ? this.store.nodeById(id) : undefined;
    this.notify(node ? frEditor.focusMode.on(nodeLabel(this.store.graph, node)) : frEditor.focusMode.off);
    this.#defer('fit', () => this.fitView(), 0);
  }

  /** Nodes the focus mode hides, or null when it is off. */
  focusVisible(graph: GraphDocument): ReadonlySet<string> | null {
    const root = this.#view.focusRoot;
    return root && graph.nodes.some((n) => n.id === root) ? focusSet(graph, root) : null;
  }

  /** Arrow keys on the canvas: the focus (and the selection) moves to the neighbouring node. */
  moveCurrent(key: NavigationKey): string | undefined {
    const graph = this.store.graph;
    const from = this.#view.current ?? this.#view.selectedNodes[0];
    const visible = this.focusVisible(graph);
    const next = from ? neighbour(graph, from, key, visible) : graph.nodes.find((n) => !visible || visible.has(n.id))?.id;
    if (!next) return undefined;
    this.focusNode(next, { quiet: true });
    return next;
  }

  /** The node holding the canvas's Tab stop. */
  setCurrent(id: string | null): void {
    if (this.#view.current !== id) this.#setView({ current: id });
  }

  // Selection -------------------------------------------------------------------------------------

  select(nodes: readonly string[], edges: readonly string[] = EMPTY): void {
    this.#setView({ selectedNodes: nodes.length ? [...nodes] : EMPTY, selectedEdges: edges.length ? [...edges] : EMPTY, ...(nodes.length === 1 ? { current: nodes[0]! } : {}) });
  }

  /** Applies React Flow's selection changes (click, shift-click, box selection). */
  applySelection(nodeChanges: ReadonlyArray<{ id: string; selected: boolean }>, edgeChanges: ReadonlyArray<{ id: string; selected: boolean }>): void {
    if (nodeChanges.length === 0 && edgeChanges.length === 0) return;
    const nodes = new Set(this.#view.selectedNodes);
    for (const c of nodeChanges) {
      if (c.selected) nodes.add(c.id);
      else nodes.delete(c.id);
    }
    const edges = new Set(this.#view.selectedEdges);
    for (const c of edgeChanges) {
      if (c.selected) edges.add(c.id);
      else edges.delete(c.id);
    }
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
    // A field's commits while typing are one step however slow the typing; a value refused halfway
    // (« 1. » on the way to « 1.2.0 ») is only reported when the field is left.
    const session = this.edits.session;
    const outcome = this.store.executeAll(list, label, session && !options.mergeKey ? { mergeKey: session.key, mergeWithin: Infinity } : options);
    if (!outcome.ok) {
      if (!session || session.final) this.notify(outcome.message, 'error');
    } else if (outcome.changed && this.#view.notice?.kind === 'error') this.#setView({ notice: null });
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

  /**
   * Adds a node of a kind (with its catalogue entry for a question or a measure) beside the selected
   * node, linked to it when the kinds fit (a task under the selected job, a situation under the
   * selected branch), or at `position` (a drop), or in the middle of the view; no other node moves.
   * The new node is selected and its label field takes the focus.
   */
  addNode(kind: GraphNodeKind, position?: { x: number; y: number }, options: { focus?: boolean } = {}): string | undefined {
    const graph = this.store.graph;
    const ids = new IdMaker(graph);
    const defaultLabel = frEditor.defaults[kind] as string;
    const id = ids.fromLabel(defaultLabel, ID_PREFIX[kind]);
    const [only] = this.#view.selectedNodes;
    const anchor = !position && only && this.#view.selectedNodes.length === 1 && kind !== 'group' ? this.store.nodeById(only) : undefined;
    const at = position ?? this.#placeFor(kind, anchor);
    const commands: GraphCommand[] = [];
    let node: GraphNode;
    switch (kind) {
      case 'question': {
        const question = ids.fromLabel(frEditor.defaults.question, ID_PREFIX.questionEntry);
        commands.push({ type: 'question/add', question: { id: question, label: frEditor.defaults.question, scope: 'company', type: 'boolean' } });
        node = { id, kind, question };
        break;
      }
      case 'measure': {
        const measure = ids.fromLabel(frEditor.defaults.measure, ID_PREFIX.measureEntry);
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
        node = { id, kind, label: defaultLabel };
    }
    commands.push({ type: 'node/add', node, position: at });
    const withCatalogue: GraphDocument = { ...graph, referential: { ...graph.referential, questions: [...graph.referential.questions, ...commands.flatMap((c) => (c.type === 'question/add' ? [c.question] : []))], measures: [...graph.referential.measures, ...commands.flatMap((c) => (c.type === 'measure/add' ? [c.measure] : []))] } };
    const link = anchor ? linkToNew(withCatalogue, anchor, node, 'probe') : undefined;
    if (link) commands.push({ type: 'edge/add', edge: { ...link, id: ids.edge(link) } as GraphEdge });
    const outcome = this.run(commands, frEditor.history.addNode(frEditor.kinds[kind]));
    if (!outcome.ok) return undefined;
    this.select([id]);
    this.notify(link && anchor ? frEditor.notices.addedUnder(kind, nodeLabel(this.store.graph, anchor)) : frEditor.notices.added(kind));
    if (options.focus !== false) this.focusProperties();
    return id;
  }

  /**
   * Where a new node goes: under a job for a task, after a node of the tree for the next one; a new
   * job below the drawing, in the jobs' column; anything else below the selected node, or in the middle
   * of the view. Never on top of another node, and no other node moves.
   */
  #placeFor(kind: GraphNodeKind, anchor: GraphNode | undefined): { x: number; y: number } {
    const graph = this.store.graph;
    if (anchor && fitsUnder(anchor.kind, kind)) return placeNewNode(graph, kind, anchor.id);
    if (kind === 'job' && graph.nodes.some((n) => n.kind === 'job')) {
      const jobs = graph.nodes.filter((n) => n.kind === 'job').map((n) => graph.layout.nodes[n.id]).filter((l) => l !== undefined);
      const bottom = Object.values(graph.layout.nodes).reduce((max, l) => Math.max(max, l.y + (l.height ?? 96)), 0);
      return placeNewNode(graph, kind, undefined, { x: Math.min(...jobs.map((l) => l.x)), y: bottom + 64 });
    }
    const at = anchor ? graph.layout.nodes[anchor.id] : undefined;
    return placeNewNode(graph, kind, undefined, at ? { x: at.x, y: at.y + NODE_SIZES[anchor!.kind].height + 24 } : this.#viewCentre(kind));
  }

  /** The middle of the visible canvas in flow coordinates, or below everything when no canvas is on screen. */
  #viewCentre(kind: GraphNodeKind): { x: number; y: number } {
    const size = NODE_SIZES[kind];
    const rect = this.#canvas?.getBoundingClientRect();
    if (this.#flow && rect && rect.width > 0 && rect.height > 0) {
      const p = this.#flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
      return { x: Math.round(p.x - size.width / 2), y: Math.round(p.y - size.height / 2) };
    }
    const bottom = Object.values(this.store.graph.layout.nodes).reduce((max, l) => Math.max(max, l.y + (l.height ?? 90)), -40);
    return { x: 0, y: Math.round(bottom + 40) };
  }

  /** A label typed for a node; a node still named after its default label takes an id made from the new one. */
  editLabel(id: string, label: string): boolean {
    const graph = this.store.graph;
    const node = this.store.nodeById(id);
    if (!node) return false;
    const before = nodeLabel(graph, node);
    const maker = new IdMaker(graph);
    // The id follows the label once it is typed (Enter, leaving the field), not at every pause.
    const renames = this.edits.session?.final === false ? [] : followLabel(maker, [{ id, kind: node.kind }], label);
    const outcome = this.run([{ type: 'node/update', id, changes: { label } }, ...renames], frEditor.history.edit(frEditor.what.label, before));
    if (outcome.ok && renames[0]) {
      // The panel is drawn again for the new id: the typing goes on in the same field.
      this.select([renames[0].to]);
      if (wasTyping()) this.focusProperties();
    }
    return outcome.ok;
  }

  /**
   * The label of a catalogue question or measure; the entry, and the nodes that ask it, still named
   * after the default label take ids made from the new one (in the same step).
   */
  editCatalogueLabel(kind: 'question' | 'measure', entry: Question | Measure, label: string): boolean {
    const graph = this.store.graph;
    const maker = new IdMaker(graph);
    const update: GraphCommand = kind === 'question' ? { type: 'question/update', id: entry.id, question: { ...(entry as Question), label } } : { type: 'measure/update', id: entry.id, measure: { ...(entry as Measure), label } };
    const askers = graph.nodes.filter((n) => (n.kind === 'question' && n.question === entry.id) || (n.kind === 'measure' && n.measure === entry.id)).map((n) => ({ id: n.id, kind: n.kind }));
    // The entry (named in company files: `q:<id>` columns) takes the plain name, its nodes `n-<name>`, as in the samples.
    const renames = this.edits.session?.final === false ? [] : [...followLabel(maker, [{ id: entry.id, kind: kind === 'question' ? 'questionEntry' : 'measureEntry' }], label), ...followLabel(maker, askers, label, 'n-')];
    const selected = this.#view.selectedNodes[0];
    const outcome = this.run([update, ...renames], kind === 'question' ? frEditor.history.question(entry.label) : frEditor.history.measure(entry.label));
    const moved = renames.find((r) => r.from === selected);
    if (outcome.ok && moved) {
      this.select([moved.to]);
      if (wasTyping()) this.focusProperties();
    }
    return outcome.ok;
  }

  /**
   * Renames an id (every reference follows, one undoable step). When published versions or stored
   * staff use the old id, says so first; stored staff can follow too.
   */
  async requestRename(from: string, to: string): Promise<boolean> {
    const verdict = this.store.check({ type: 'id/rename', from, to });
    if (!verdict.ok) {
      this.notify(verdict.message, 'error');
      return false;
    }
    const uses = this.#services ? await this.#services.idUses(from) : { versions: [], staff: [] };
    const go = async (withStaff: boolean) => {
      const outcome = this.run({ type: 'id/rename', from, to }, frEditor.history.rename(from, to));
      if (!outcome.ok) return;
      if (this.#view.selectedNodes.includes(from)) this.select(this.#view.selectedNodes.map((x) => (x === from ? to : x)));
      const staff = withStaff && this.#services ? await this.#services.renameStaff(from, to) : 0;
      this.notify(frEditor.rename.done(from, to, staff));
    };
    if (uses.versions.length === 0 && uses.staff.length === 0) {
      await go(false);
      return true;
    }
    const staffCount = uses.staff.reduce((n, s) => n + s.employees, 0);
    this.#setView({
      confirm: {
        title: frEditor.rename.title(from),
        message: frEditor.rename.message(from, to),
        details: [...uses.versions.map((v) => frEditor.rename.version(v)), ...uses.staff.map((s) => frEditor.rename.staff(s.company, s.year, s.employees))],
        confirmLabel: frEditor.rename.onlyDraft,
        tone: 'normal',
        onConfirm: () => void go(false),
        ...(staffCount > 0 ? { alternative: { label: frEditor.rename.withStaff(staffCount), onConfirm: () => void go(true) } } : {}),
      },
    });
    return true;
  }

  /** Why a connection would be refused, or undefined when it is fine (for the canvas while dragging). */
  connectionRefusal(connection: { source: string; target: string; sourceHandle?: string | null }, moving?: string): string | undefined {
    if (this.store.readOnly) return frEditor.store.readOnly;
    const graph = moving ? { ...this.store.graph, edges: this.store.graph.edges.filter((e) => e.id !== moving) } : this.store.graph;
    const result = connectCommand(graph, connection, new IdMaker(this.store.graph).next('e'));
    // A second entry of a task is offered as a replacement of the first, once dropped.
    if (!result.ok && result.code === 'structure.task_several_entries' && this.#entryReplacement(connection)) return undefined;
    return result.ok ? undefined : refusalMessage(result);
  }

  /** The connection drawn again without the task's current entry, when that makes it acceptable. */
  #entryReplacement(connection: { source: string; target: string; sourceHandle?: string | null }): { old: GraphEdge; command: GraphCommand } | undefined {
    const graph = this.store.graph;
    const old = graph.edges.find((e) => e.kind === 'entry' && e.source === connection.source);
    if (!old || old.target === connection.target) return undefined;
    const without: GraphDocument = { ...graph, edges: graph.edges.filter((e) => e.id !== old.id) };
    const probe = connectCommand(without, connection, old.id);
    return probe.ok ? { old, command: probe.command } : undefined;
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
      const replacement = probe.code === 'structure.task_several_entries' ? this.#entryReplacement(connection) : undefined;
      if (replacement) {
        const task = this.store.nodeById(connection.source)!;
        const before = this.store.nodeById(replacement.old.target);
        const after = this.store.nodeById(connection.target)!;
        const names = { task: nodeLabel(graph, task), before: before ? nodeLabel(graph, before) : replacement.old.target, after: nodeLabel(graph, after) };
        this.#setView({
          confirm: {
            title: frEditor.replaceEntry.title,
            message: frEditor.replaceEntry.message(names.task, names.before, names.after),
            confirmLabel: frEditor.replaceEntry.confirm,
            tone: 'normal',
            onConfirm: () => {
              const outcome = this.run([{ type: 'edge/remove', ids: [replacement.old.id] }, replacement.command], frEditor.history.replaceEntry(names.task, names.after));
              if (outcome.ok) this.notify(frEditor.notices.connected(names.task, names.after));
            },
          },
        });
        return false;
      }
      this.notify(frEditor.notices.connectionRefused(refusalMessage(probe)), 'error');
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

  /** An edge end dragged to another node: the same edge between the new ends, in one step, or the reason it cannot be. */
  reconnect(edgeId: string, connection: { source: string; target: string; sourceHandle?: string | null }): boolean {
    const graph = this.store.graph;
    const old = graph.edges.find((e) => e.id === edgeId);
    if (!old) return false;
    const without: GraphDocument = { ...graph, edges: graph.edges.filter((e) => e.id !== edgeId) };
    const probe = connectCommand(without, connection, edgeId);
    if (!probe.ok) {
      this.notify(frEditor.notices.connectionRefused(refusalMessage(probe)), 'error');
      return false;
    }
    let edge: GraphEdge = probe.command.edge;
    // Same kind from the same source keeps what the edge said (a share, a branch's answers).
    if (edge.kind === old.kind && edge.source === old.source) edge = { ...old, target: edge.target } as GraphEdge;
    edge = { ...edge, id: edge.source === old.source ? old.id : new IdMaker(without).edge(edge) } as GraphEdge;
    const source = this.store.nodeById(edge.source)!;
    const target = this.store.nodeById(edge.target)!;
    const outcome = this.run([{ type: 'edge/remove', ids: [edgeId] }, { type: 'edge/add', edge }], frEditor.history.reconnect(nodeLabel(graph, source), nodeLabel(graph, target)));
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

  answerConfirm(answer: boolean | 'alternative'): void {
    const request = this.#view.confirm;
    this.#setView({ confirm: null });
    if (answer === 'alternative') request?.alternative?.onConfirm();
    else if (answer) request?.onConfirm();
  }

  /**
   * Copy: the selected nodes as a graph fragment (JSON) on the system clipboard, so they paste into
   * another draft or another tab; kept here too for when the clipboard cannot be written.
   */
  copy(clipboard?: DataTransfer | null): boolean {
    if (this.#view.selectedNodes.length === 0) return false;
    this.#clipboard = fragmentOf(this.store.graph, this.#view.selectedNodes);
    this.#pasteCount = 0;
    const text = JSON.stringify(this.#clipboard);
    if (clipboard) clipboard.setData('text/plain', text);
    else void navigator.clipboard?.writeText(text).catch(() => undefined);
    this.notify(frEditor.notices.copied(this.#clipboard.nodes.length));
    return true;
  }

  /**
   * Paste: a fragment from the system clipboard (`text`), validated like a file (each problem with its
   * JSON path), or the last copy of this tab. Text that is not a fragment is left alone (false).
   */
  paste(text?: string): boolean {
    let fragment: GraphFragment | null = this.#clipboard;
    if (text !== undefined) {
      if (!looksLikeFragment(text)) return false;
      const loaded = loadFragmentText(text);
      if (!loaded.ok) {
        this.notify(frEditor.notices.pasteInvalid(loaded.issues.slice(0, 3).map((i) => `${i.path} : ${issueMessage(i)}`)), 'error');
        return true;
      }
      fragment = loaded.value;
    }
    if (!fragment) {
      this.notify(frEditor.notices.nothingToPaste, 'error');
      return true;
    }
    const shift = 40 * ++this.#pasteCount;
    const graph = this.store.graph;
    const labelOf = (n: GraphNode) => (n.kind === 'question' ? (n.label ?? fragment.questions.find((q) => q.id === n.question)?.label ?? n.id) : n.kind === 'measure' ? (n.label ?? fragment.measures.find((m) => m.id === n.measure)?.label ?? n.id) : nodeLabel(graph, n));
    const { commands, ids } = pasteCommands(graph, fragment, { x: shift, y: shift }, labelOf);
    const outcome = this.run(commands, frEditor.history.paste(fragment.nodes.length));
    if (outcome.ok) {
      this.select(Object.values(ids));
      this.notify(frEditor.notices.pasted(fragment.nodes.length));
    }
    return true;
  }

  duplicate(): void {
    if (this.#view.selectedNodes.length === 0) return;
    const saved = { clipboard: this.#clipboard, count: this.#pasteCount };
    this.#clipboard = fragmentOf(this.store.graph, this.#view.selectedNodes);
    this.#pasteCount = 0;
    this.paste();
    this.#clipboard = saved.clipboard;
    this.#pasteCount = saved.count;
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
        this.#defer('fit', () => this.fitView(), 0);
      }
    } catch (error) {
      this.notify(frEditor.notices.layoutFailed(error instanceof Error ? error.message : String(error)), 'error');
    } finally {
      this.#setView({ layoutRunning: false });
    }
  }

  /** Shows the whole drawing, but never so small that labels fall under 11 px: scroll rather than shrink. */
  fitView(): void {
    const flow = this.#flow;
    const rect = this.#canvas?.getBoundingClientRect();
    if (!flow || !rect) return;
    const visible = flow.getNodes().filter((n) => !n.hidden);
    if (visible.length === 0) return;
    void flow.setViewport(fitReadable(flow.getNodesBounds(visible), { width: rect.width, height: rect.height }), { duration: 200 });
  }

  /** Selects a node, unfolds what hides it, centres the view on it and gives it the focus. */
  focusNode(id: string, options: { focus?: boolean; quiet?: boolean } = {}): void {
    const graph = this.store.graph;
    const node = this.store.nodeById(id);
    if (!node) return;
    const hiding = Object.entries(graph.layout.nodes).filter(([owner, l]) => l.collapsed && owner !== id && subtreeIds(graph, owner).includes(id)).map(([owner]) => owner);
    if (hiding.length) this.run(hiding.map((owner) => ({ type: 'node/collapse' as const, id: owner, collapsed: false })), frEditor.history.expand(nodeLabel(graph, node)));
    this.select([id]);
    const layout = this.store.graph.layout.nodes[id];
    if (this.#flow && layout) {
      const size = NODE_SIZES[node.kind];
      const x = layout.x + (layout.width ?? size.width) / 2;
      const y = layout.y + (layout.height ?? size.height) / 2;
      // Arrow-key moves pan only when the node leaves the view; a search or a finding centres it.
      if (!options.quiet || !this.#onScreen(x, y)) void this.#flow.setCenter(x, y, { zoom: options.quiet ? this.#flow.getZoom() : Math.max(this.#flow.getZoom(), 0.9), duration: options.quiet ? 0 : 250 });
    }
    if (!options.quiet) this.notify(frEditor.notices.focused(nodeLabel(this.store.graph, node)));
    if (options.focus !== false) {
      this.nodeFocusRequests++;
      // The node's element exists once the view has moved to it (only visible nodes are rendered).
      // Unless the user has moved the focus meanwhile (typed in a field, pressed a palette button).
      const before = document.activeElement;
      // A node of a large graph, or one just added, is drawn only once in view and laid out: try again
      // each frame for up to two seconds — by the clock, not a count of frames, which a busy machine
      // spaces out (twenty frames were not always enough for a node just added).
      const until = performance.now() + FOCUS_RETRY_MS;
      const focus = () => {
        const now = document.activeElement;
        if (now !== before && now !== document.body && now !== null && now !== this.#canvas && !now.classList.contains('react-flow__node')) return;
        const element = this.#canvas?.querySelector<HTMLElement>(`.react-flow__node[data-id="${cssEscape(id)}"]`);
        if (element) element.focus({ preventScroll: true });
        else if (performance.now() < until) this.#defer('focus', focus, 'frame');
      };
      if (options.quiet) this.#defer('focus', () => this.#defer('focus', focus, 'frame'), 'frame');
      else this.#defer('focus', focus, 300);
    }
  }

  #onScreen(x: number, y: number): boolean {
    const flow = this.#flow;
    const rect = this.#canvas?.getBoundingClientRect();
    if (!flow || !rect) return true;
    const p = flow.flowToScreenPosition({ x, y });
    return p.x > rect.left + 40 && p.x < rect.right - 40 && p.y > rect.top + 40 && p.y < rect.bottom - 40;
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
      const message = refusalMessage(refusal);
      this.notify(message, 'error');
      return { ok: false, code: refusal.code, message };
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

/** Default labels of what a new element is called before it is named. */
const DEFAULT_LABELS: Record<GraphNodeKind | 'questionEntry' | 'measureEntry', string> = {
  ...(frEditor.defaults as unknown as Record<GraphNodeKind, string>),
  questionEntry: frEditor.defaults.question,
  measureEntry: frEditor.defaults.measure,
};

/** Renames that make ids still derived from a default label (`nouveau-poste-2`) follow a new label. */
function followLabel(maker: IdMaker, elements: ReadonlyArray<{ id: string; kind: keyof typeof DEFAULT_LABELS }>, label: string, prefix = ''): Array<{ type: 'id/rename'; from: string; to: string }> {
  const wanted = slugify(label);
  const out: Array<{ type: 'id/rename'; from: string; to: string }> = [];
  for (const { id, kind } of elements) {
    const base = slugify(DEFAULT_LABELS[kind]);
    if (!wanted || wanted === base || !new RegExp(`^${base}(-\\d+)?$`).test(id)) continue;
    out.push({ type: 'id/rename', from: id, to: maker.fromLabel(`${prefix}${label}`, 'element') });
  }
  return out;
}

/** Whether the focus is in a form field (a rename then gives it back to the redrawn panel). */
function wasTyping(): boolean {
  const active = typeof document !== 'undefined' ? document.activeElement : null;
  return active instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName);
}

/** How long focusNode keeps looking for a node's element before it gives up. */
const FOCUS_RETRY_MS = 2000;

function cssEscape(id: string): string {
  return typeof CSS !== 'undefined' && typeof CSS.escape === 'function' ? CSS.escape(id) : id.replace(/["\\]/g, '\\$&');
}

export type { GraphDocument };
