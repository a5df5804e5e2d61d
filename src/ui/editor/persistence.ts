import { decompile, type GraphDocument } from '../../core/index.ts';
import { compareVersions, nextVersion } from '../../core/lifecycle/index.ts';
import { createDraft, draftFromStored, openDraft, openStored, revisionOf, saveDraftGraph, type DraftRecord, type LogigrammeDb, type StoredHistory, type StoredStep, type StoredReferential } from '../../storage/index.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { frLifecycle } from '../i18n/fr-lifecycle.ts';
import type { EditorHistory } from './store.ts';
import { issueMessage } from '../../present/issues.ts';

/*
 * The editor's side of the drafts table, through the storage functions (src/storage/drafts.ts): open
 * or create the working draft, and save it after every change.
 */

export type Clock = () => string;
const isoNow: Clock = () => new Date().toISOString();

export interface OpenOptions {
  /** Lays out a draft made from a stored version (the editor passes its Web Worker layout). */
  layout: Parameters<typeof draftFromStored>[3]['layout'];
  /** Told when the opening starts the (long) automatic layout of a stored version, for a status message. */
  onStage?: (stage: 'layout') => void;
}

export type Opened =
  | { kind: 'draft'; record: DraftRecord }
  /** No draft, but stored versions: the latest is shown read-only until a new version is asked for. */
  | { kind: 'stored'; stored: StoredReferential; graph: GraphDocument; next: string };

/**
 * What `#/editeur/<id>` opens: the working draft; else the latest stored version of that referential,
 * read-only (decompiled and laid out) with the number the next version would take — a published
 * version never turns into a draft without the user asking; else a new empty draft.
 */
export async function openDraftOrStored(db: LogigrammeDb, id: string, now: Clock = isoNow, options: OpenOptions): Promise<Opened> {
  const existing = await openDraft(db, id);
  if (existing) return { kind: 'draft', record: existing };
  const versions = await db.referentials.where('id').equals(id).toArray();
  const latest = versions.sort((a, b) => compareVersions(b.version, a.version))[0];
  if (latest) {
    // Through openStored: a version whose integrity is not verified is not shown as a base for the next one.
    const loaded = openStored(latest);
    if (!loaded.ok) throw new Error((loaded.issues[0] ? issueMessage(loaded.issues[0]) : latest.key));
    options.onStage?.('layout');
    const bare = decompile(loaded.value);
    const graph: GraphDocument = { ...bare, layout: { ...bare.layout, nodes: await options.layout(bare) } };
    return { kind: 'stored', stored: latest, graph, next: nextVersion(versions.map((v) => v.version), 'minor') };
  }
  return { kind: 'draft', record: await openOrCreateDraft(db, id, now, options) };
}

/** "Créer la version 1.1.0": the working draft made from a stored version, on the user's request. */
export async function createDraftFrom(db: LogigrammeDb, key: string, options: OpenOptions, now: Clock = isoNow): Promise<DraftRecord> {
  const made = await draftFromStored(db, key, now, { layout: options.layout });
  if (made.kind === 'created' || made.kind === 'exists') return made.record;
  throw new Error(made.kind === 'invalid' ? (made.issues[0] ? issueMessage(made.issues[0]) : key) : key);
}

/**
 * The working draft of a referential: the stored one; else a new one from the latest stored version of
 * that referential (decompiled and laid out, with the next version number); else an empty one. Two
 * callers at once (React's double effects, two tabs) get the same draft.
 */
export async function openOrCreateDraft(db: LogigrammeDb, id: string, now: Clock = isoNow, options: OpenOptions): Promise<DraftRecord> {
  const existing = await openDraft(db, id);
  if (existing) return existing;
  const versions = await db.referentials.where('id').equals(id).toArray();
  const latest = versions.sort((a, b) => compareVersions(b.version, a.version))[0];
  if (latest) {
    options.onStage?.('layout');
    const made = await draftFromStored(db, latest.key, now, { layout: options.layout });
    if (made.kind === 'created' || made.kind === 'exists') return made.record;
  }
  const created = await createDraft(db, { id, title: id, branch: frEditor.newReferential.branchPlaceholder }, now);
  if (created.kind === 'created') return created.record;
  const raced = await openDraft(db, id);
  if (raced) return raced;
  throw new Error(created.kind === 'invalid' ? (created.issues[0] ? issueMessage(created.issues[0]) : frEditor.newReferential.invalidId) : frEditor.newReferential.taken(id));
}

export type CreateOutcome = { ok: true } | { ok: false; message: string };

/** "Nouveau référentiel": an empty draft under a new id and title, refused when the id is invalid or taken. */
export async function createEmptyDraft(db: LogigrammeDb, id: string, title: string, now: Clock = isoNow): Promise<CreateOutcome> {
  const cleanId = id.trim();
  const cleanTitle = title.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(cleanId)) return { ok: false, message: frEditor.newReferential.invalidId };
  if (cleanTitle === '') return { ok: false, message: frEditor.newReferential.emptyTitle };
  const created = await createDraft(db, { id: cleanId, title: cleanTitle, branch: frEditor.newReferential.branchPlaceholder }, now);
  if (created.kind === 'created') return { ok: true };
  if (created.kind === 'exists') return { ok: false, message: frEditor.newReferential.taken(cleanId) };
  return { ok: false, message: created.issues.map(issueMessage).join(' ') };
}

/** The steps saved with a draft, as the store takes them back (Immer patches stored as plain data). */
export function editorHistory(stored: StoredHistory): EditorHistory {
  return stored as unknown as EditorHistory;
}

export type SaveState = { status: 'saved' } | { status: 'saving' } | { status: 'failed'; message: string };

/** What to write after a conflict: the tab's edits replayed on top of the stored draft. */
export interface Replayed {
  graph: GraphDocument;
  history: EditorHistory;
}

export interface AutosaverOptions {
  now?: Clock;
  /**
   * Another writer got there first (another tab, a lifecycle step, an import): `stored` is the draft as
   * it is now, `base` the graph this tab's unsaved edits started from. Returns the edits replayed on top
   * of `stored` to write instead, or null when nothing of this tab's is left to write (the editor then
   * shows `stored`). Without it, a conflict is shown as a failure and nothing is overwritten.
   */
  onConflict?: (stored: DraftRecord, base: GraphDocument) => Replayed | null;
  /** Told after each write of this tab, and when the loop goes idle (the tabs' channel, a follow-up check). */
  onSaved?: (record: DraftRecord) => void;
  onIdle?: () => void;
}

/**
 * Autosave: every change is written, in order; a burst of changes while a write runs collapses into
 * one write of the latest graph. Each write states the stored revision its graph was edited from; when
 * another writer moved the draft on meanwhile, the write is refused and `onConflict` replays this tab's
 * edits on top of the newer draft, which is then written — never a silent overwrite. A lifecycle refusal
 * (the draft left the draft state meanwhile) is shown.
 */
export class Autosaver {
  #pending: { graph: GraphDocument; history: StoredHistory | undefined } | null = null;
  #running: Promise<void> | null = null;
  #state: SaveState = { status: 'saved' };
  #listeners = new Set<() => void>();
  /** The stored revision this tab is in step with, and its graph (what unsaved edits started from). */
  #revision: number;
  #base: GraphDocument;
  readonly #db: LogigrammeDb;
  readonly #id: string;
  readonly #now: Clock;
  readonly #options: AutosaverOptions;

  constructor(db: LogigrammeDb, draft: DraftRecord, options: AutosaverOptions = {}) {
    this.#db = db;
    this.#id = draft.id;
    this.#revision = revisionOf(draft);
    this.#base = draft.graph;
    this.#now = options.now ?? isoNow;
    this.#options = options;
  }

  /** The stored revision this tab last wrote or took. */
  get revision(): number {
    return this.#revision;
  }

  /** The graph of that revision: an editor whose graph is another one has edits not yet written. */
  get base(): GraphDocument {
    return this.#base;
  }

  /** A write is queued or in flight: closing the tab now could lose it. */
  get busy(): boolean {
    return this.#running !== null;
  }

  save = (graph: GraphDocument, history?: EditorHistory): void => {
    // Immer patches are plain data: the steps are stored as they are.
    this.#pending = { graph, history: history ? storedHistory(history) : undefined };
    if (!this.#running) this.#running = this.#loop();
  };

  /** The editor took a stored record written elsewhere: its edits now start from it. */
  adopt(record: DraftRecord): void {
    this.#revision = revisionOf(record);
    this.#base = record.graph;
  }

  /** Resolves when everything asked so far is written. */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
  }

  subscribe = (listener: () => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getState = (): SaveState => this.#state;

  async #loop(): Promise<void> {
    this.#set({ status: 'saving' });
    let failure: string | null = null;
    try {
      while (this.#pending) {
        const { graph, history } = this.#pending;
        this.#pending = null;
        const outcome = await saveDraftGraph(this.#db, this.#id, graph, { baseRevision: this.#revision, now: this.#now, ...(history ? { history } : {}) });
        failure = null;
        if (outcome.kind === 'saved') {
          this.#revision = revisionOf(outcome.record);
          this.#base = graph;
          this.#options.onSaved?.(outcome.record);
        } else if (outcome.kind === 'conflict') {
          if (!this.#options.onConflict) {
            failure = frEditor.save.changedElsewhere;
            break;
          }
          // Edits made while the write ran are in the editor's graph, so the replay covers them too.
          const replayed = this.#options.onConflict(outcome.record, this.#base);
          this.adopt(outcome.record);
          this.#pending = replayed ? { graph: replayed.graph, history: storedHistory(replayed.history) } : null;
        } else if (outcome.kind === 'refused') failure = outcome.reasons.map((r) => frLifecycle.refusal(r)).join(' ');
        else failure = frEditor.save.missing;
      }
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    } finally {
      this.#running = null;
    }
    this.#set(failure === null ? { status: 'saved' } : { status: 'failed', message: failure });
    this.#options.onIdle?.();
  }

  #set(state: SaveState) {
    this.#state = state;
    for (const l of this.#listeners) l();
  }
}

function storedHistory(history: EditorHistory): StoredHistory {
  return { past: [...history.past] as StoredStep[], future: [...history.future] as StoredStep[] };
}
