import { liveQuery } from 'dexie';
import { createContext, useContext, useSyncExternalStore } from 'react';
import {
  addThread,
  commentedVersion,
  exportComments,
  findAnchor,
  importComments,
  mergeThreads,
  reopenThread,
  replyToThread,
  resolveThread,
  threadStatus,
  threadsOf,
  type CommentAnchor,
  type CommentedVersion,
  type CommentOutcome,
  type CommentsFile,
  type CommentsImport,
  type CommentThread,
  type GraphDocument,
} from '../../core/index.ts';
import type { CommentCommand } from '../../core/graph/commands/index.ts';
import { changeVersionThreads, importVersionThreads, versionThreads, type CommentedVersionKey, type LogigrammeDb } from '../../storage/index.ts';
import { commentRefusalsMessage, namedAnchor } from '../../present/comments.ts';
import { frCollab } from '../i18n/fr-collab.ts';
import type { EditorController } from './controller.ts';

/*
 * The editor's comment threads. Where they live depends on what is open:
 * - an editable draft: in the graph's `comments`, changed by the comment commands, so a remark is
 *   undoable and autosaved with the draft like any edit;
 * - a version that does not change (a published or homologated version, a draft in review or
 *   submitted): beside the version, in the `versionComments` table, never in its document.
 * The same pure functions of core/comments decide both ways; this model only routes them.
 */

export type CommentsMode = { kind: 'draft' } | { kind: 'version'; at: CommentedVersionKey; version: CommentedVersion };

export interface CommentsServices {
  /** The clock, as a UTC timestamp (`2026-03-02T09:30:00.000Z`): the core reads none. */
  now(): string;
  /** A fresh comment id with this prefix (`c` thread, `r` reply, `e` status event). */
  newId(prefix: 'c' | 'r' | 'e'): string;
}

export const browserCommentServices: CommentsServices = {
  now: () => new Date().toISOString(),
  newId: (prefix) => `${prefix}-${crypto.randomUUID()}`,
};

export interface CommentsState {
  mode: CommentsMode['kind'];
  threads: readonly CommentThread[];
  /** Node id → open threads on it (the node, its exposures, the links leaving it). */
  openByNode: ReadonlyMap<string, number>;
  /** On a draft: remarks written on its version while it was read-only (review) and not in the draft yet. */
  review: readonly CommentThread[];
}

export type CommentResult = { ok: true } | { ok: false; message: string };

const NONE: readonly CommentThread[] = [];

/** How a thread's element is named in history labels and accessible names: « tâche « Moteurs » ». */
export function targetText(graph: GraphDocument, anchor: CommentAnchor): string {
  const t = namedAnchor(graph, anchor);
  return frCollab.comments.onTarget(t.kind.toLowerCase(), t.label, t.detail);
}

export class CommentsModel {
  readonly mode: CommentsMode;
  readonly #controller: EditorController;
  readonly #db: LogigrammeDb | null;
  readonly #services: CommentsServices;
  #stored: readonly CommentThread[] = NONE;
  #review: readonly CommentThread[] = NONE;
  #state: CommentsState;
  #listeners = new Set<() => void>();

  constructor(controller: EditorController, db: LogigrammeDb | null, mode: CommentsMode, services: CommentsServices = browserCommentServices) {
    this.#controller = controller;
    this.#db = db;
    this.mode = mode;
    this.#services = services;
    this.#state = this.#compute();
  }

  /** Follows the graph (draft) and the stored threads (version, or the draft's review remarks). */
  start(): () => void {
    const unsubscribe = this.#controller.store.subscribe(() => {
      if (this.#state.threads !== this.#threads() || this.#graphChanged()) this.#refresh();
    });
    const version = this.#versionKey();
    const subscription =
      this.#db && version
        ? liveQuery(() => versionThreads(this.#db!, version)).subscribe({
            next: (threads) => {
              if (this.mode.kind === 'version') this.#stored = threads;
              else this.#review = threads;
              this.#refresh();
            },
          })
        : null;
    return () => {
      unsubscribe();
      subscription?.unsubscribe();
    };
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getState = (): CommentsState => this.#state;

  openCount(node: string): number {
    return this.#state.openByNode.get(node) ?? 0;
  }

  get graph(): GraphDocument {
    return this.#controller.store.graph;
  }

  /** The version the threads are written on (what a comments file names). */
  version(): CommentedVersion {
    return this.mode.kind === 'version' ? this.mode.version : commentedVersion(this.graph);
  }

  add(anchor: CommentAnchor, text: string, author: string): Promise<CommentResult> {
    const id = this.#services.newId('c');
    const thread = { id, anchor, author, date: this.#services.now(), text };
    return this.#change({ type: 'comment/add', thread }, (t) => addThread(t, thread), frCollab.comments.history.add(targetText(this.graph, anchor)));
  }

  reply(threadId: string, text: string, author: string): Promise<CommentResult> {
    const reply = { id: this.#services.newId('r'), author, date: this.#services.now(), text };
    return this.#change({ type: 'comment/reply', thread: threadId, reply }, (t) => replyToThread(t, threadId, reply), frCollab.comments.history.reply(this.#target(threadId)));
  }

  resolve(threadId: string, note: string, author: string): Promise<CommentResult> {
    const event = { id: this.#services.newId('e'), author, date: this.#services.now(), ...(note.trim() ? { note: note.trim() } : {}) };
    return this.#change({ type: 'comment/resolve', thread: threadId, event }, (t) => resolveThread(t, threadId, event), frCollab.comments.history.resolve(this.#target(threadId)));
  }

  reopen(threadId: string, note: string, author: string): Promise<CommentResult> {
    const event = { id: this.#services.newId('e'), author, date: this.#services.now(), ...(note.trim() ? { note: note.trim() } : {}) };
    return this.#change({ type: 'comment/reopen', thread: threadId, event }, (t) => reopenThread(t, threadId, event), frCollab.comments.history.reopen(this.#target(threadId)));
  }

  /** The draft takes the remarks written on its version during the review (one undoable step). */
  takeReview(): CommentResult {
    const threads = [...this.#state.review];
    if (threads.length === 0 || this.mode.kind !== 'draft') return { ok: true };
    return this.#run({ type: 'comments/merge', threads }, frCollab.comments.history.import(threads.length));
  }

  /** The comments-only file of one author's threads, on the version shown. */
  exportMine(author: string): CommentsFile {
    return exportComments(this.#state.threads, this.version(), { author });
  }

  hasThreadsOf(author: string): boolean {
    return threadsOf(this.#state.threads, author).length > 0;
  }

  /**
   * Imports a comments file (parsed JSON) onto what is shown. A draft also takes the remarks written on
   * the version it started from (« onto the same version or its draft »).
   */
  async importData(data: unknown): Promise<CommentsImport> {
    if (this.mode.kind === 'version') {
      if (!this.#db) throw new Error('comments: no database');
      return importVersionThreads(this.#db, { graph: this.graph, version: this.mode.version }, data, {}, this.#services.now);
    }
    const graph = this.graph;
    const on = fileVersion(data);
    const fromBase = !!on && !!graph.base && graph.base.id === on.id && graph.base.version === on.version;
    const outcome = importComments({ graph, version: commentedVersion(graph), comments: graph.comments ?? [] }, data, { acceptOtherVersion: fromBase });
    const accepted = new Set([...outcome.added, ...outcome.updated]);
    if (accepted.size > 0) {
      const result = this.#run({ type: 'comments/merge', threads: outcome.comments.filter((t) => accepted.has(t.id)) }, frCollab.comments.history.import(accepted.size));
      if (!result.ok) return { ...outcome, comments: [...(graph.comments ?? [])], added: [], updated: [], refused: [...outcome.refused, { code: 'comments.refused', path: '$', message: result.message }] };
    }
    return outcome;
  }

  #target(threadId: string): string {
    const thread = this.#state.threads.find((t) => t.id === threadId);
    return thread ? targetText(this.graph, thread.anchor) : threadId;
  }

  async #change(command: CommentCommand, pure: (threads: readonly CommentThread[]) => CommentOutcome, label: string): Promise<CommentResult> {
    if (this.mode.kind === 'draft') return this.#run(command, label);
    if (!this.#db) return { ok: false, message: 'no database' };
    const outcome = await changeVersionThreads(this.#db, this.mode.at, pure, this.#services.now);
    if (outcome.ok) return { ok: true };
    const message = commentRefusalsMessage(outcome.issues);
    this.#controller.notify(message, 'error');
    return { ok: false, message };
  }

  #run(command: CommentCommand, label: string): CommentResult {
    const outcome = this.#controller.run(command, label);
    return outcome.ok ? { ok: true } : { ok: false, message: outcome.message };
  }

  #versionKey(): CommentedVersionKey | null {
    if (this.mode.kind === 'version') return this.mode.at;
    const r = this.graph.referential;
    return { id: r.id, version: r.identity.version };
  }

  #threads(): readonly CommentThread[] {
    return this.mode.kind === 'version' ? this.#stored : (this.graph.comments ?? NONE);
  }

  #seenGraph: GraphDocument | null = null;
  #graphChanged(): boolean {
    // Anchors resolve on the graph: a removed node detaches its threads, a renamed one renames them.
    return this.#seenGraph !== null && (this.#seenGraph.nodes !== this.graph.nodes || this.#seenGraph.edges !== this.graph.edges);
  }

  #compute(): CommentsState {
    const graph = this.graph;
    this.#seenGraph = graph;
    const threads = this.#threads();
    const openByNode = new Map<string, number>();
    for (const t of threads) {
      if (threadStatus(t) !== 'open') continue;
      const target = findAnchor(graph, t.anchor);
      if (target.exists && target.node) openByNode.set(target.node, (openByNode.get(target.node) ?? 0) + 1);
    }
    const own = new Map(threads.map((t) => [t.id, t]));
    const review = this.mode.kind === 'draft' ? this.#review.filter((t) => {
      const mine = own.get(t.id);
      return !mine || mergeThreads(mine, t) !== mine;
    }) : NONE;
    return { mode: this.mode.kind, threads, openByNode, review };
  }

  #refresh(): void {
    this.#state = this.#compute();
    for (const l of this.#listeners) l();
  }
}

/** The version a comments file says it is about, read without trusting the file (validated on import). */
function fileVersion(data: unknown): { id: string; version: string } | undefined {
  const r = typeof data === 'object' && data !== null ? (data as { referential?: unknown }).referential : undefined;
  if (typeof r !== 'object' || r === null) return undefined;
  const { id, version } = r as { id?: unknown; version?: unknown };
  return typeof id === 'string' && typeof version === 'string' ? { id, version } : undefined;
}

/** The comments of the open editor; absent where no editor is (the print view draws nodes too). */
export const CommentsContext = createContext<CommentsModel | null>(null);

export function useCommentsModel(): CommentsModel {
  const model = useContext(CommentsContext);
  if (!model) throw new Error('useCommentsModel outside <CommentsContext.Provider>');
  return model;
}

const EMPTY_STATE: CommentsState = { mode: 'draft', threads: NONE, openByNode: new Map(), review: NONE };
const noSubscribe = () => () => undefined;

export function useCommentsState(): CommentsState {
  const model = useContext(CommentsContext);
  return useSyncExternalStore(model?.subscribe ?? noSubscribe, model?.getState ?? (() => EMPTY_STATE));
}

/** Open threads on one node, for its badge: re-renders only when that number changes. */
export function useNodeOpenComments(id: string): number {
  const model = useContext(CommentsContext);
  return useSyncExternalStore(model?.subscribe ?? noSubscribe, () => model?.openCount(id) ?? 0);
}
