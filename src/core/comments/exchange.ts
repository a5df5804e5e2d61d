import * as z from 'zod';
import { compile } from '../compile/compile.ts';
import type { GraphDocument } from '../graph/schema.ts';
import { contentHash } from '../referential/canonical.ts';
import { issueOf, type LoadIssue } from '../referential/issue.ts';
import { parseWith } from '../referential/load.ts';
import { migrateDocument } from '../referential/migrations.ts';
import { anchorKey, findAnchor } from './anchors.ts';
import { COMMENTS_FORMAT_VERSION, CommentsFileSchema, CommentThreadSchema, type CommentedVersion, type CommentsFile, type CommentThread } from './schema.ts';
import { mergeThreads } from './threads.ts';

/** Numbered ledger of comments-file migrations (entry `n`: version `n` → `n + 1`); only format 1 exists. */
export const COMMENTS_MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

/** The version a logigramme's comments are written on: its id, version and the content hash of its compiled form. */
export function commentedVersion(graph: GraphDocument): CommentedVersion {
  return { id: graph.referential.id, version: graph.referential.identity.version, contentHash: contentHash(compile(graph).referential) };
}

/** Threads an author took part in: opened, replied to, resolved or reopened. */
export function threadsOf(threads: readonly CommentThread[], author: string): CommentThread[] {
  return threads.filter((t) => t.author === author || t.replies.some((r) => r.author === author) || t.history.some((e) => e.author === author));
}

/**
 * The comments-only file a reviewer sends back. With `author`, only the threads that author took part
 * in, each whole: a reply needs the thread it answers, and the file is merged by ids, so what the
 * receiver already has changes nothing.
 *
 * @example exportComments(graph.comments ?? [], commentedVersion(graph), { author: 'INRS — M. Petit' })
 */
export function exportComments(threads: readonly CommentThread[], version: CommentedVersion, options: { author?: string } = {}): CommentsFile {
  const chosen = options.author === undefined ? [...threads] : threadsOf(threads, options.author);
  return {
    formatVersion: COMMENTS_FORMAT_VERSION,
    kind: 'logigramme-comments',
    referential: { ...version },
    ...(options.author === undefined ? {} : { author: options.author }),
    comments: chosen,
  };
}

/** What the comments are imported onto: the graph their anchors are resolved on, its version, its threads. */
export interface CommentsTarget {
  graph: GraphDocument;
  version: CommentedVersion;
  comments: readonly CommentThread[];
}

export interface CommentsImport {
  /** The target's threads with the file's merged in (the target's own list when everything is refused). */
  comments: CommentThread[];
  /** Thread ids new to the target, changed by the file (a reply, a status, an edit), or already there as they are. */
  added: string[];
  updated: string[];
  unchanged: string[];
  /** Accepted threads whose element does not exist in the target graph: kept, shown as detached. */
  detached: string[];
  /** What was not imported and why, located in the file (`$.comments[2].replies[0].id`). */
  refused: LoadIssue[];
  /** `content_changed`: same version, but the content was edited since the comments were written. */
  version: 'same' | 'content_changed' | 'other_version';
}

const Envelope = CommentsFileSchema.extend({ comments: z.array(z.unknown()) });

/**
 * Imports a comments file onto the same version of the same referential. Anchors are stable ids, so a
 * thread whose element was removed since is kept and listed as detached, never dropped. Importing the
 * same file twice changes nothing (threads, replies and status events are merged by id). Two different
 * texts of one comment: the later edit wins, see `mergeThreads`. Each thread is checked on its own: a
 * bad thread is refused with its JSON path, the others are imported. A file of another referential,
 * or of another version unless `acceptOtherVersion`, is refused whole.
 */
export function importComments(target: CommentsTarget, data: unknown, options: { acceptOtherVersion?: boolean } = {}): CommentsImport {
  const outcome: CommentsImport = { comments: [...target.comments], added: [], updated: [], unchanged: [], detached: [], refused: [], version: 'same' };
  const refuseAll = (issues: LoadIssue[]) => ({ ...outcome, refused: issues });
  const migrated = migrateDocument(data, COMMENTS_FORMAT_VERSION, COMMENTS_MIGRATIONS, 'comments');
  if (!migrated.ok) return refuseAll(migrated.issues);
  const file = parseWith(Envelope, migrated.value);
  if (!file.ok) return refuseAll(file.issues);
  const on = file.value.referential;
  if (on.id !== target.version.id) {
    return refuseAll([issueOf('comments.other_referential', ['referential', 'id'], { commented: on.id, target: target.version.id })]);
  }
  if (on.version !== target.version.version) {
    if (!options.acceptOtherVersion) {
      return refuseAll([issueOf('comments.other_version', ['referential', 'version'], { commented: on.version, target: target.version.version })]);
    }
    outcome.version = 'other_version';
  } else if (on.contentHash !== target.version.contentHash) {
    outcome.version = 'content_changed';
  }

  // Who owns each id already: a thread id may only come back as that thread, a reply id in its thread.
  const owner = new Map<string, string>();
  const own = (threads: readonly CommentThread[]) => {
    for (const t of threads) {
      owner.set(t.id, t.id);
      for (const x of [...t.replies, ...t.history]) owner.set(x.id, t.id);
    }
  };
  own(target.comments);
  const index = new Map(outcome.comments.map((t, i) => [t.id, i]));

  file.value.comments.forEach((raw, i) => {
    const parsed = parseWith(CommentThreadSchema, raw, ['comments', i]);
    if (!parsed.ok) return void outcome.refused.push(...parsed.issues);
    const incoming = parsed.value;
    const clash = idClash(incoming, owner, i);
    if (clash) return void outcome.refused.push(clash);
    const at = index.get(incoming.id);
    const existing = at === undefined ? undefined : outcome.comments[at]!;
    if (existing && (anchorKey(existing.anchor) !== anchorKey(incoming.anchor) || existing.author !== incoming.author || existing.date !== incoming.date)) {
      return void outcome.refused.push(issueOf('comments.id_clash', ['comments', i, 'id'], { clash: 'thread', id: incoming.id }));
    }
    if (!existing) {
      index.set(incoming.id, outcome.comments.length);
      outcome.comments.push(incoming);
      outcome.added.push(incoming.id);
    } else {
      const merged = mergeThreads(existing, incoming);
      outcome.comments[at!] = merged;
      (merged === existing ? outcome.unchanged : outcome.updated).push(incoming.id);
    }
    own([incoming]);
  });

  const accepted = new Set([...outcome.added, ...outcome.updated, ...outcome.unchanged]);
  outcome.detached = outcome.comments.filter((t) => accepted.has(t.id) && !findAnchor(target.graph, t.anchor).exists).map((t) => t.id);
  return outcome;
}

/** A reply or event id already used by another thread, or a thread id already used by a reply. */
function idClash(thread: CommentThread, owner: ReadonlyMap<string, string>, i: number): LoadIssue | undefined {
  const threadOwner = owner.get(thread.id);
  if (threadOwner !== undefined && threadOwner !== thread.id) {
    return issueOf('comments.id_clash', ['comments', i, 'id'], { clash: 'reply', id: thread.id, owner: threadOwner });
  }
  const parts: Array<['replies' | 'history', number, string]> = [...thread.replies.map((r, k) => ['replies', k, r.id] as ['replies', number, string]), ...thread.history.map((e, k) => ['history', k, e.id] as ['history', number, string])];
  const seen = new Set<string>([thread.id]);
  for (const [list, k, id] of parts) {
    const o = owner.get(id);
    if ((o !== undefined && o !== thread.id) || seen.has(id)) {
      return issueOf('comments.id_clash', ['comments', i, list, k, 'id'], o !== undefined && o !== thread.id ? { clash: 'used', id, owner: o } : { clash: 'used', id });
    }
    seen.add(id);
  }
  return undefined;
}
