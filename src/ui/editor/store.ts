import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer';
import type { GraphDocument, GraphEdge, GraphNode } from '../../core/index.ts';
import { applyCommand, canApply, type GraphCommand } from '../../core/graph/commands/index.ts';
import { refusalMessage } from '../../present/commands.ts';
import { frEditor } from '../i18n/fr-editor.ts';

enablePatches();

/** One user intent in the history: what it was called and how to redo and revert it. */
export interface HistoryEntry {
  label: string;
  patches: Patch[];
  inversePatches: Patch[];
  /**
   * Consecutive commands with the same key merge into one step: close in time for arrow-key nudges,
   * at any pace for the commits of one field edit session (`mergeWithin: Infinity`).
   */
  mergeKey?: string;
  at: number;
}

/** The undo (`past`, newest last) and redo (`future`, next last) stacks, as saved with the draft. */
export interface EditorHistory {
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
}

export type Outcome = { ok: true; changed: boolean } | { ok: false; code: string; message: string };

export interface EditorSnapshot {
  graph: GraphDocument;
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | undefined;
  redoLabel: string | undefined;
  /** Increases on every change of the graph. */
  revision: number;
}

export interface EditorStoreOptions {
  readOnly?: boolean;
  /** Called with the new graph and the history after every change (execute, undo, redo): the screen saves both. */
  onChange?: (graph: GraphDocument, history: EditorHistory) => void;
  /** The undo and redo steps saved with the draft (its graph is the state after the last of `past`). */
  history?: EditorHistory;
  /** Clock in milliseconds, for merging nudges; replaced in tests. */
  now?: () => number;
  mergeWindowMs?: number;
}

interface GraphIndex {
  graph: GraphDocument;
  nodes: Map<string, GraphNode>;
  from: Map<string, GraphEdge[]>;
  to: Map<string, GraphEdge[]>;
}

const NO_EDGES: readonly GraphEdge[] = [];

export interface StepOptions {
  /** Merges into the last step when it has the same key (see `HistoryEntry.mergeKey`). */
  mergeKey?: string;
  /** How far apart in milliseconds two commands with the same key may be and still merge; the store's window unless given. */
  mergeWithin?: number;
}

const READ_ONLY: Outcome = { ok: false, code: 'editor.read_only', message: frEditor.store.readOnly };

/**
 * The editor's document and its history. The graph is the source of truth; every change goes through a
 * command of the core (checked by `canApply`, applied by `applyCommand` inside Immer's
 * `produceWithPatches`), and each user intent is kept as `{label, patches, inversePatches}`. A gesture
 * (`beginGesture` … `endGesture`) groups every command in between into one step; selection and viewport
 * never come here, so they never enter the history.
 *
 * Framework-free: React reads it through `subscribe` / `getSnapshot` (useSyncExternalStore).
 */
export class EditorStore {
  #graph: GraphDocument;
  #past: HistoryEntry[] = [];
  #future: HistoryEntry[] = [];
  #readOnly: boolean;
  #revision = 0;
  #gesture: { label: string; patches: Patch[]; inversePatches: Patch[] } | null = null;
  #listeners = new Set<() => void>();
  #snapshot: EditorSnapshot;
  #index: GraphIndex | null = null;
  readonly #onChange: ((graph: GraphDocument, history: EditorHistory) => void) | undefined;
  readonly #now: () => number;
  readonly #mergeWindowMs: number;

  constructor(graph: GraphDocument, options: EditorStoreOptions = {}) {
    this.#graph = graph;
    this.#readOnly = options.readOnly ?? false;
    this.#onChange = options.onChange;
    this.#now = options.now ?? (() => Date.now());
    this.#mergeWindowMs = options.mergeWindowMs ?? 1000;
    // Saved steps never merge with a new gesture.
    this.#past = (options.history?.past ?? []).map(({ mergeKey: _m, ...step }) => step);
    this.#future = [...(options.history?.future ?? [])];
    this.#snapshot = this.#makeSnapshot();
  }

  get graph(): GraphDocument {
    return this.#graph;
  }

  get readOnly(): boolean {
    return this.#readOnly;
  }

  get history(): readonly HistoryEntry[] {
    return this.#past;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): EditorSnapshot => this.#snapshot;

  /** The node with this id in the current graph (indexed once per change, for 2 000-node graphs). */
  nodeById(id: string): GraphNode | undefined {
    return this.#indexed().nodes.get(id);
  }

  /** Edges leaving a node, from the same per-change index. */
  edgesFrom(id: string): readonly GraphEdge[] {
    return this.#indexed().from.get(id) ?? NO_EDGES;
  }

  /** Edges reaching a node. */
  edgesTo(id: string): readonly GraphEdge[] {
    return this.#indexed().to.get(id) ?? NO_EDGES;
  }

  #indexed(): GraphIndex {
    if (this.#index?.graph === this.#graph) return this.#index;
    const nodes = new Map(this.#graph.nodes.map((n) => [n.id, n] as const));
    const from = new Map<string, GraphEdge[]>();
    const to = new Map<string, GraphEdge[]>();
    for (const e of this.#graph.edges) {
      (from.get(e.source) ?? from.set(e.source, []).get(e.source)!).push(e);
      (to.get(e.target) ?? to.set(e.target, []).get(e.target)!).push(e);
    }
    this.#index = { graph: this.#graph, nodes, from, to };
    return this.#index;
  }

  setReadOnly(readOnly: boolean): void {
    if (readOnly === this.#readOnly) return;
    this.#readOnly = readOnly;
    this.#emit(false);
  }

  /** Whether a command would run now, and the reason when not (read-only first). */
  check(command: GraphCommand): { ok: true } | typeof READ_ONLY {
    if (this.#readOnly) return READ_ONLY;
    const verdict = canApply(this.#graph, command);
    return verdict.ok ? verdict : { ok: false, code: verdict.code, message: refusalMessage(verdict) };
  }

  /** Runs one command as one user intent (or as part of the open gesture). */
  execute(command: GraphCommand, label: string, options: StepOptions = {}): Outcome {
    return this.executeAll([command], label, options);
  }

  /** Runs several commands as one step, all or nothing: the first refusal leaves the graph unchanged. */
  executeAll(commands: readonly GraphCommand[], label: string, options: StepOptions = {}): Outcome {
    if (this.#readOnly) return READ_ONLY;
    let graph = this.#graph;
    const patches: Patch[] = [];
    let inversePatches: Patch[] = [];
    for (const command of commands) {
      const verdict = canApply(graph, command);
      if (!verdict.ok) return { ok: false, code: verdict.code, message: refusalMessage(verdict) };
      const [next, p, ip] = produceWithPatches(graph, (draft) => {
        applyCommand(draft, command);
      });
      graph = next;
      patches.push(...p);
      inversePatches = [...ip, ...inversePatches];
    }
    if (patches.length === 0) return { ok: true, changed: false };
    this.#record({ label, patches, inversePatches, at: this.#now(), ...(options.mergeKey ? { mergeKey: options.mergeKey } : {}) }, options.mergeWithin ?? this.#mergeWindowMs);
    this.#graph = graph;
    this.#emit(true);
    return { ok: true, changed: true };
  }

  /** Both stacks, for saving with the draft. */
  getHistory(): EditorHistory {
    return { past: this.#past, future: this.#future };
  }

  /**
   * Takes a graph changed elsewhere (an import, another tab): it becomes the document, and nothing is
   * saved back. The history starts again (its patches may no longer apply) unless `history` is given:
   * a lifecycle step changes only the identity, so the steps saved with the draft still apply.
   */
  replace(graph: GraphDocument, history?: EditorHistory): void {
    this.#gesture = null;
    this.#past = history ? [...history.past] : [];
    this.#future = history ? [...history.future] : [];
    this.#graph = graph;
    this.#revision++;
    this.#snapshot = this.#makeSnapshot();
    for (const listener of this.#listeners) listener();
  }

  /** Opens a gesture: every command until `endGesture` becomes one step of the history. */
  beginGesture(label: string): void {
    this.endGesture();
    this.#gesture = { label, patches: [], inversePatches: [] };
  }

  endGesture(): void {
    const gesture = this.#gesture;
    this.#gesture = null;
    if (!gesture || gesture.patches.length === 0) return;
    this.#past.push({ label: gesture.label, patches: gesture.patches, inversePatches: gesture.inversePatches, at: this.#now() });
    this.#future = [];
    this.#emit(false);
  }

  undo(): Outcome {
    if (this.#readOnly) return READ_ONLY;
    this.endGesture();
    const entry = this.#past.pop();
    if (!entry) return { ok: true, changed: false };
    this.#graph = applyPatches(this.#graph, entry.inversePatches);
    this.#future.push(entry);
    this.#emit(true);
    return { ok: true, changed: true };
  }

  redo(): Outcome {
    if (this.#readOnly) return READ_ONLY;
    this.endGesture();
    const entry = this.#future.pop();
    if (!entry) return { ok: true, changed: false };
    this.#graph = applyPatches(this.#graph, entry.patches);
    // A redone step never merges with what follows.
    const { mergeKey: _ignored, ...sealed } = entry;
    this.#past.push(sealed);
    this.#emit(true);
    return { ok: true, changed: true };
  }

  #record(entry: HistoryEntry, mergeWithin: number): void {
    this.#future = [];
    if (this.#gesture) {
      this.#gesture.patches.push(...entry.patches);
      this.#gesture.inversePatches = [...entry.inversePatches, ...this.#gesture.inversePatches];
      return;
    }
    const last = this.#past[this.#past.length - 1];
    if (entry.mergeKey && last?.mergeKey === entry.mergeKey && entry.at - last.at <= mergeWithin) {
      this.#past[this.#past.length - 1] = {
        ...last,
        patches: [...last.patches, ...entry.patches],
        inversePatches: [...entry.inversePatches, ...last.inversePatches],
        at: entry.at,
      };
      return;
    }
    this.#past.push(entry);
  }

  #makeSnapshot(): EditorSnapshot {
    return {
      graph: this.#graph,
      readOnly: this.#readOnly,
      canUndo: !this.#readOnly && (this.#past.length > 0 || (this.#gesture?.patches.length ?? 0) > 0),
      canRedo: !this.#readOnly && this.#future.length > 0,
      undoLabel: this.#gesture?.patches.length ? this.#gesture.label : this.#past[this.#past.length - 1]?.label,
      redoLabel: this.#future[this.#future.length - 1]?.label,
      revision: this.#revision,
    };
  }

  #emit(graphChanged: boolean): void {
    if (graphChanged) this.#revision++;
    this.#snapshot = this.#makeSnapshot();
    if (graphChanged) this.#onChange?.(this.#graph, this.getHistory());
    for (const listener of this.#listeners) listener();
  }
}
