import { baseOfGraph, exportableGraph, graphHash, loadGraph, loadReferential, type BaseCandidate, type GraphDocument } from '../core/index.ts';
import type { LogigrammeDb } from './db.ts';
import type { Clock } from './referentials.ts';

/*
 * Snapshots kept with a draft, so that a colleague's copy can be merged against the state both
 * started from (core `findCommonBase`). A draft started from a stored version records that version as
 * its base and needs none. A draft started from nothing has no such version: its first export becomes
 * its root — every file it exports records the root as its base, and the root is kept here, so that
 * a colleague's file coming back finds it. Logigrammes received from colleagues (imported into the
 * draft, or merged into it) are kept too: they are where a copy made from them started.
 * Kept in `meta` (so in the backup), bounded.
 */

export interface DraftSnapshot {
  at: string;
  /** `root`: the draft's first export, the base of its copies (never dropped); `received`: a colleague's file. */
  reason: 'root' | 'received';
  graph: GraphDocument;
}

export const snapshotsKey = (id: string) => `snapshots:${id}`;
/** Most snapshots kept per draft (the root included). */
export const SNAPSHOT_LIMIT = 10;

const isoNow: Clock = () => new Date().toISOString();

/** The snapshots kept with a draft, oldest first; any record that no longer loads is left out. */
export async function draftSnapshots(db: LogigrammeDb, id: string): Promise<DraftSnapshot[]> {
  const value = (await db.meta.get(snapshotsKey(id)))?.value;
  if (!Array.isArray(value)) return [];
  return value.flatMap((s: Partial<DraftSnapshot>) => {
    const loaded = loadGraph(s?.graph);
    return loaded.ok && (s.reason === 'root' || s.reason === 'received') && typeof s.at === 'string' ? [{ at: s.at, reason: s.reason, graph: loaded.value }] : [];
  });
}

/** Comments are no part of what a merge compares: a snapshot keeps the drawing only. */
function bare(graph: GraphDocument): GraphDocument {
  const { comments: _comments, ...rest } = graph;
  return rest;
}

/**
 * Keeps a snapshot (the same state twice is kept once). Beyond the limit, the oldest received one goes;
 * the root stays. `replaceLineage` drops the root too: the draft was replaced by a colleague's file,
 * and no longer descends from it.
 */
export async function keepSnapshot(db: LogigrammeDb, id: string, snapshot: DraftSnapshot, options: { replaceLineage?: boolean } = {}): Promise<void> {
  const kept = await draftSnapshots(db, id);
  const hash = graphHash(snapshot.graph);
  const others = kept.filter((s) => graphHash(s.graph) !== hash && !(options.replaceLineage && s.reason === 'root'));
  const list = [...others, { ...snapshot, graph: bare(snapshot.graph) }];
  while (list.length > SNAPSHOT_LIMIT) {
    const oldest = list.findIndex((s) => s.reason === 'received');
    list.splice(oldest < 0 ? 0 : oldest, 1);
  }
  await db.meta.put({ key: snapshotsKey(id), value: list });
}

/**
 * The draft's logigramme as the app exports it (then `exportGraph`): it records the version it started
 * from, or — for a draft started from nothing — its root snapshot, made from the current state on the
 * first export.
 */
export async function exportableDraft(db: LogigrammeDb, id: string, now: Clock = isoNow): Promise<GraphDocument | undefined> {
  const draft = await db.drafts.get(id);
  if (!draft) return undefined;
  if (draft.graph.base) return exportableGraph(draft.graph);
  let root = (await draftSnapshots(db, id)).find((s) => s.reason === 'root');
  if (!root) {
    root = { at: now(), reason: 'root', graph: bare(draft.graph) };
    await keepSnapshot(db, id, root);
  }
  return exportableGraph(draft.graph, baseOfGraph(root.graph));
}

/**
 * Where the draft started, for a merge: its recorded base, else its root snapshot (the draft is a later
 * state of it), else nothing. Returns the graph with that base.
 */
export async function withAncestry(db: LogigrammeDb, graph: GraphDocument): Promise<GraphDocument> {
  if (graph.base) return graph;
  const root = (await draftSnapshots(db, graph.referential.id)).find((s) => s.reason === 'root');
  return root ? { ...graph, base: baseOfGraph(root.graph) } : graph;
}

/**
 * Every possible common base of a merge known to this browser: the stored versions of the referential
 * (those that load) and the snapshots kept with its draft.
 */
export async function baseCandidates(db: LogigrammeDb, id: string): Promise<BaseCandidate[]> {
  const stored = await db.referentials.where('id').equals(id).toArray();
  const versions = stored.flatMap((r) => {
    const loaded = loadReferential(r.document);
    return loaded.ok ? [loaded.value] : [];
  });
  return [...versions, ...(await draftSnapshots(db, id)).map((s) => s.graph)];
}
