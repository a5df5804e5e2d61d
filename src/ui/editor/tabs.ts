import { produce } from 'immer';
import { freeSpot, mergeGraphs, nodeSize, type GraphDocument, type MergeConflict } from '../../core/index.ts';
import { applyCommand, canApply, elementIds, type GraphCommand } from '../../core/graph/commands/index.ts';
import { revisionOf, type DraftRecord, type LogigrammeDb } from '../../storage/index.ts';
import { conflictTitle, describeSide } from '../../present/merge.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { Autosaver, editorHistory, type Clock, type Replayed } from './persistence.ts';
import { EditorStore } from './store.ts';

/*
 * Several tabs on one draft. Every write of the draft states the stored revision it was edited from
 * (src/storage/drafts.ts); a write refused because another tab wrote first is replayed here on top of
 * the newer draft — a three-way merge (src/core/merge) of this tab's edits and the other's, from the
 * revision both started at — and written again, so no edit is ever lost. A tab with nothing unsaved
 * follows the others live: it takes each newer stored draft, with its undo history. Tabs find each
 * other with Web Locks (a shared lock per draft, freed even when a tab crashes) and talk over a
 * BroadcastChannel (« I saved revision n », « your value was replaced »).
 */

const T = frEditor.tabs;
const MAX_LINES = 4;

export interface Rebased {
  graph: GraphDocument;
  /** Ids this tab added that the other tab had taken meanwhile: renamed here, with every reference. */
  renamed: Array<{ from: string; to: string }>;
  /** Elements both tabs changed: this tab's value is kept (the merge's `ours`), the other's reported. */
  conflicts: MergeConflict[];
}

/**
 * This tab's edits (`ours`, made from `base`) replayed on top of another writer's (`theirs`, also made
 * from `base`). Ids added on both sides — two tabs each adding a « Nouveau poste » get the same
 * readable id — are renamed on this side first (`nouveau-poste-2` → `nouveau-poste-3`), so both
 * elements stay. Then the merge: changes to different elements or fields combine; the same field
 * changed both ways keeps this tab's value, and is reported. Last, a renamed node sitting on another
 * (both tabs chose the same free spot) moves down to the next free one.
 */
export function rebaseGraph(base: GraphDocument, ours: GraphDocument, theirs: GraphDocument): Rebased {
  const before = elementIds(base);
  const theirIds = elementIds(theirs);
  const taken = new Set([...elementIds(ours), ...theirIds, ...ours.edges.map((e) => e.id), ...theirs.edges.map((e) => e.id), ours.referential.id]);
  const renamed: Rebased['renamed'] = [];
  let graph = ours;
  for (const id of elementIds(ours)) {
    if (before.has(id) || !theirIds.has(id)) continue;
    const to = freshLike(id, taken);
    taken.add(to);
    graph = run(graph, { type: 'id/rename', from: id, to });
    renamed.push({ from: id, to });
  }
  const merged = mergeGraphs(base, graph, theirs);
  // Both tabs placed their new node on the same free spot: this tab's moves to the next free one.
  let document = merged.document;
  for (const { to } of renamed) {
    const node = document.nodes.find((n) => n.id === to);
    const at = document.layout.nodes[to];
    if (!node || !at || node.kind === 'group') continue;
    const others = { ...document, nodes: document.nodes.filter((n) => n !== node) };
    const spot = freeSpot(others, at, nodeSize(document, node), document.layout.direction !== 'DOWN');
    if (spot.x !== at.x || spot.y !== at.y) document = run(document, { type: 'node/move', positions: { [to]: spot } });
  }
  return { graph: document, renamed, conflicts: merged.conflicts };
}

function run(graph: GraphDocument, command: GraphCommand): GraphDocument {
  return canApply(graph, command).ok ? produce(graph, (draft) => applyCommand(draft, command)) : graph;
}

/** `nouveau-poste-2` → the first of `nouveau-poste-3`, `-4`… that nobody has. */
function freshLike(id: string, taken: ReadonlySet<string>): string {
  const stem = id.replace(/-\d+$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Conflicts as short French lines with the other writer's value (the one not kept), at most a few, then « et n autres ». */
function conflictLines(conflicts: readonly MergeConflict[], line: (title: string, theirs: string) => string): string[] {
  const lines = conflicts.slice(0, MAX_LINES).map((c) => line(conflictTitle(c), describeSide(c.theirs, c)));
  return conflicts.length > MAX_LINES ? [...lines, T.more(conflicts.length - MAX_LINES)] : lines;
}

// ─── The other tabs ────────────────────────────────────────────────────────────────────────────

type Message =
  | { type: 'hello' | 'here' | 'bye'; tab: string }
  | { type: 'saved'; tab: string; revision: number }
  /** A tab replayed its edits over `revision` (another tab's write) and kept its own values for these elements. */
  | { type: 'overridden'; tab: string; revision: number; lines: string[] };

interface LockManagerLike {
  request(name: string, options: { mode: 'shared'; signal?: AbortSignal }, callback: () => Promise<void>): Promise<void>;
  query(): Promise<{ held?: Array<{ name?: string; clientId?: string }> }>;
}

/**
 * The other tabs open on one draft. With Web Locks, each tab holds a shared lock named after the
 * draft while it is open, and the count of holders is the truth (a crashed tab's lock is freed);
 * messages on the draft's BroadcastChannel only say when to count again. Without Web Locks, the tabs
 * that said hello and not bye.
 */
export class TabPresence {
  readonly tab: string;
  #others = 0;
  #peers = new Set<string>();
  #channel: BroadcastChannel | null = null;
  #release: (() => void) | null = null;
  #abort: AbortController | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #listeners = new Set<() => void>();
  readonly #name: string;
  readonly #locks: LockManagerLike | null;
  readonly #onMessage: (message: Message) => void;

  constructor(draftId: string, onMessage: (message: Message) => void = () => undefined) {
    this.#name = `logigramme:brouillon:${draftId}`;
    this.tab = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random());
    this.#onMessage = onMessage;
    const nav = typeof navigator !== 'undefined' ? (navigator as { locks?: LockManagerLike }) : undefined;
    this.#locks = nav?.locks ?? null;
  }

  /** How many other tabs have this draft open. */
  get others(): number {
    return this.#others;
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getOthers = (): number => this.#others;

  start(): () => void {
    if (typeof BroadcastChannel !== 'undefined') {
      this.#channel = new BroadcastChannel(this.#name);
      this.#channel.onmessage = (event: MessageEvent<Message>) => this.#receive(event.data);
    }
    const hello = () => this.post({ type: 'hello', tab: this.tab });
    if (this.#locks) {
      const held = new Promise<void>((resolve) => (this.#release = resolve));
      // A tab that stops before its lock is granted (an editor mounted and unmounted at once) withdraws
      // the request: granted later, the lock would be counted by the others for no tab at all.
      this.#abort = new AbortController();
      // Hello once the lock is held, so that the others count this tab when they hear it.
      this.#locks
        .request(this.#name, { mode: 'shared', signal: this.#abort.signal }, () => {
          hello();
          void this.#count();
          return held;
        })
        .catch(() => undefined);
      // A tab that crashed said no bye: count again now and then while others are there.
      this.#timer = setInterval(() => this.#others > 0 && void this.#count(), 15_000);
    } else hello();
    return () => this.stop();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#abort?.abort();
    this.#abort = null;
    this.#release?.();
    this.#release = null;
    this.post({ type: 'bye', tab: this.tab });
    this.#channel?.close();
    this.#channel = null;
  }

  post(message: Message): void {
    this.#channel?.postMessage(message);
  }

  #receive(message: Message) {
    if (message.tab === this.tab) return;
    if (message.type === 'hello' || message.type === 'here' || message.type === 'saved') {
      if (message.type === 'hello') this.post({ type: 'here', tab: this.tab });
      this.#peers.add(message.tab);
    }
    if (message.type === 'bye') this.#peers.delete(message.tab);
    if (message.type === 'hello' || message.type === 'bye' || !this.#locks) void this.#count();
    this.#onMessage(message);
  }

  async #count(): Promise<void> {
    let others = this.#peers.size;
    if (this.#locks) {
      // The closing tab frees its lock before it says bye; the count runs after either.
      // Counted by client (a tab): a lock this very tab still holds for an editor just closed (its
      // release not processed yet) is not another tab.
      const state = await this.#locks.query();
      const clients = new Set((state.held ?? []).filter((l) => l.name === this.#name).map((l, i) => l.clientId ?? `lock-${i}`));
      others = Math.max(0, clients.size - 1);
    }
    if (others === this.#others) return;
    this.#others = others;
    for (const l of this.#listeners) l();
  }
}

// ─── One editor's draft, kept in step with the others ──────────────────────────────────────────

export interface DraftSyncOptions {
  readOnly: boolean;
  /** Tells the user (the controller's notices); wired after construction, as the controller needs the store. */
  notify?: (text: string, kind: 'info' | 'error') => void;
  /** Commits text typed in the panels, so that it is replayed like any other edit. */
  flushEdits?: () => void;
  /** Ids renamed by a replay: the selection follows. */
  onRenamed?: (renamed: Rebased['renamed']) => void;
  now?: Clock;
}

/**
 * The editor's document (the store), its autosave and the other tabs. A refused write is replayed on
 * top of the newer draft and written again (`rebaseGraph`), and the user is told; the undo history
 * then starts again from the replayed document (the steps before were made on another document). A
 * newer draft written elsewhere is taken as soon as this tab has nothing unsaved, with its history.
 */
export class DraftSync {
  readonly store: EditorStore;
  readonly saver: Autosaver;
  readonly presence: TabPresence;
  options: DraftSyncOptions;
  #checking = false;
  #again = false;
  #transitions: number;
  /** Revisions this tab wrote: a tab told its values were replaced checks that they were its own. */
  readonly #written = new Set<number>();
  readonly #db: LogigrammeDb;
  readonly #id: string;

  constructor(db: LogigrammeDb, draft: DraftRecord, options: DraftSyncOptions) {
    this.#db = db;
    this.#id = draft.id;
    this.options = options;
    this.#transitions = draft.lifecycle.transitions.length;
    this.saver = new Autosaver(db, draft, {
      ...(options.now ? { now: options.now } : {}),
      onConflict: (stored, base) => this.#replay(stored, base),
      onSaved: (record) => {
        this.#written.add(revisionOf(record));
        this.presence.post({ type: 'saved', tab: this.presence.tab, revision: revisionOf(record) });
      },
      // Another tab may have written while this one was busy: look again.
      onIdle: () => void this.check(),
    });
    this.store = new EditorStore(draft.graph, { readOnly: options.readOnly, onChange: this.saver.save, ...(draft.history ? { history: editorHistory(draft.history) } : {}) });
    this.presence = new TabPresence(draft.id, (message) => {
      if (message.type === 'saved') void this.check();
      if (message.type === 'overridden' && this.#written.has(message.revision)) this.options.notify?.(T.overridden(message.lines), 'error');
    });
  }

  start(): () => void {
    return this.presence.start();
  }

  /**
   * Takes the stored draft when another writer moved it on and this tab has nothing unsaved (typed
   * text is committed first: it then goes through the replay like any edit). Safe to call often.
   */
  async check(): Promise<void> {
    if (this.#checking) {
      this.#again = true;
      return;
    }
    this.#checking = true;
    try {
      do {
        this.#again = false;
        await this.#follow();
      } while (this.#again);
    } catch {
      // The database went away with the page: nothing to follow. (A write would have said so.)
    } finally {
      this.#checking = false;
    }
  }

  async #follow(): Promise<void> {
    if (this.saver.busy) return;
    const revision = this.saver.revision;
    const record = await this.#db.drafts.get(this.#id);
    if (!record || revisionOf(record) === revision) return;
    this.options.flushEdits?.();
    // A write started meanwhile: it meets the newer draft and replays on top.
    if (this.saver.busy || this.saver.revision !== revision) return;
    if (this.store.graph !== this.saver.base) {
      // Edits whose last write failed (the draft was locked meanwhile): tried again on the newer draft.
      this.saver.save(this.store.graph, this.store.getHistory());
      return;
    }
    this.store.replace(record.graph, record.history ? editorHistory(record.history) : undefined);
    this.saver.adopt(record);
    const lifecycleStep = record.lifecycle.transitions.length !== this.#transitions;
    this.#transitions = record.lifecycle.transitions.length;
    this.options.notify?.(lifecycleStep ? T.followedLifecycle : T.followed(record.history !== undefined), 'info');
  }

  /** The autosave's conflict: this tab's edits replayed on top of `stored`. */
  #replay(stored: DraftRecord, base: GraphDocument): Replayed | null {
    this.options.flushEdits?.();
    this.#transitions = stored.lifecycle.transitions.length;
    const ours = this.store.graph;
    const rebased = ours === base ? null : rebaseGraph(base, ours, stored.graph);
    if (!rebased || JSON.stringify(rebased.graph) === JSON.stringify(stored.graph)) {
      // Nothing of this tab's is missing from the stored draft: show it as it is.
      this.store.replace(stored.graph, stored.history ? editorHistory(stored.history) : undefined);
      return null;
    }
    const history = { past: [], future: [] };
    // Before the document changes, so that the selection is not dropped as gone.
    if (rebased.renamed.length > 0) this.options.onRenamed?.(rebased.renamed);
    this.store.replace(rebased.graph, history);
    if (rebased.conflicts.length > 0) {
      this.options.notify?.(T.conflicts(conflictLines(rebased.conflicts, T.conflictLine)), 'error');
      this.presence.post({ type: 'overridden', tab: this.presence.tab, revision: revisionOf(stored), lines: conflictLines(rebased.conflicts, T.overriddenLine) });
    } else this.options.notify?.(T.replayed(rebased.renamed.length), 'info');
    return { graph: rebased.graph, history };
  }
}
