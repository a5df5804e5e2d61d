import { importComments, type CommentedVersion, type CommentOutcome, type CommentsImport, type CommentThread, type GraphDocument } from '../core/index.ts';
import { referentialKey, type LogigrammeDb, type VersionCommentsRecord } from './db.ts';
import type { Clock } from './referentials.ts';

/*
 * Comments written on a version without changing it (a published or homologated version, a draft in
 * review): kept beside the version in `versionComments`, one record per version key. The version's
 * document and content hash are never read for writing, let alone written.
 */

const isoNow: Clock = () => new Date().toISOString();

export interface CommentedVersionKey {
  id: string;
  version: string;
}

/** The threads written on a version (none: an empty list). */
export async function versionThreads(db: LogigrammeDb, at: CommentedVersionKey): Promise<CommentThread[]> {
  return (await db.versionComments.get(referentialKey(at.id, at.version)))?.threads ?? [];
}

async function write(db: LogigrammeDb, at: CommentedVersionKey, threads: CommentThread[], now: Clock): Promise<void> {
  const record: VersionCommentsRecord = { key: referentialKey(at.id, at.version), id: at.id, version: at.version, threads, updatedAt: now() };
  await db.versionComments.put(record);
}

/**
 * Applies one change to a version's threads — one of the pure functions of core/comments (`addThread`,
 * `replyToThread`, `resolveThread`…) — read and written in one transaction, so that two tabs never
 * lose each other's remark. A refusal writes nothing.
 *
 * @example changeVersionThreads(db, { id: 'atelier', version: '1.1.0' }, (threads) => resolveThread(threads, 'c-1', event))
 */
export async function changeVersionThreads(db: LogigrammeDb, at: CommentedVersionKey, change: (threads: readonly CommentThread[]) => CommentOutcome, now: Clock = isoNow): Promise<CommentOutcome> {
  return db.transaction('rw', db.versionComments, async () => {
    const outcome = change(await versionThreads(db, at));
    if (outcome.ok) await write(db, at, outcome.value, now);
    return outcome;
  });
}

/**
 * Imports a comments file (its parsed JSON) onto a version: `graph` is the version as a logigramme
 * (anchors are resolved on it; a thread whose element is gone is kept as detached) and `version` what
 * the file must be about. Nothing is written when nothing is accepted.
 */
export async function importVersionThreads(
  db: LogigrammeDb,
  target: { graph: GraphDocument; version: CommentedVersion },
  data: unknown,
  options: { acceptOtherVersion?: boolean } = {},
  now: Clock = isoNow,
): Promise<CommentsImport> {
  const at = { id: target.version.id, version: target.version.version };
  return db.transaction('rw', db.versionComments, async () => {
    const outcome = importComments({ graph: target.graph, version: target.version, comments: await versionThreads(db, at) }, data, options);
    if (outcome.added.length + outcome.updated.length > 0) await write(db, at, outcome.comments, now);
    return outcome;
  });
}
