import { canonicalJson } from '../referential/canonical.ts';
import { parseWith } from '../referential/load.ts';
import { fail, ok, type Result } from '../util/result.ts';
import { CommentAnchorSchema, CommentEntrySchema, StatusEventSchema, type CommentAnchor, type CommentEntry, type CommentThread, type StatusEvent } from './schema.ts';

/**
 * Pure operations on a list of comment threads: each returns a new list (the argument is never
 * changed) or a refusal: its code and the id or JSON path concerned (src/present/comments.ts words it). Ids and dates are passed in. One id namespace covers
 * threads, replies and status events, so that importing the same comments twice changes nothing.
 * Replies and status events are kept in date order (ties by id), whatever order they arrive in.
 */

/** Every code a comment command can be refused with. */
export const COMMENT_REFUSAL_CODES = [
  'comments.invalid',
  'comments.already_open',
  'comments.already_resolved',
  'comments.comment_not_found',
  'comments.duplicate_id',
  'comments.out_of_order',
  'comments.thread_not_found',
] as const;
export type CommentRefusalCode = (typeof COMMENT_REFUSAL_CODES)[number];

/**
 * Why a comment command is refused. `comments.invalid`: the JSON path of the first bad field and the
 * schema's own message (`detail`, worded by the Zod schema on purpose); every other code names the
 * thread or comment concerned.
 */
export type CommentRefusal =
  | { code: 'comments.invalid'; path: string; detail: string; id?: string }
  | { code: Exclude<CommentRefusalCode, 'comments.invalid'>; id: string };

export type CommentOutcome = Result<CommentThread[], CommentRefusal>;

export interface NewThread {
  id: string;
  anchor: CommentAnchor;
  author: string;
  date: string;
  text: string;
}
export type NewEntry = Omit<CommentEntry, 'edited'>;
export type NewStatusEvent = Omit<StatusEvent, 'action'>;

/** Chronological order, ties broken by id: the one order of replies and status events. */
export function byDate(a: { date: string; id: string }, b: { date: string; id: string }): number {
  const d = Date.parse(a.date) - Date.parse(b.date);
  if (d !== 0) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every id used in the threads: thread ids, reply ids, status-event ids. */
export function commentIds(threads: readonly CommentThread[]): Set<string> {
  const ids = new Set<string>();
  for (const t of threads) {
    ids.add(t.id);
    for (const r of t.replies) ids.add(r.id);
    for (const e of t.history) ids.add(e.id);
  }
  return ids;
}

/** `open` until a resolution; the last status event decides. */
export function threadStatus(thread: CommentThread): 'open' | 'resolved' {
  return thread.history.at(-1)?.action === 'resolved' ? 'resolved' : 'open';
}

/** How the remark was addressed: the note of the resolution in force, if any. */
export function resolutionOf(thread: CommentThread): StatusEvent | undefined {
  const last = thread.history.at(-1);
  return last?.action === 'resolved' ? last : undefined;
}

const refusal = (code: Exclude<CommentRefusalCode, 'comments.invalid'>, id: string): CommentOutcome => fail([{ code, id }]);

function invalid(issues: ReadonlyArray<{ path: string; message: string }>): CommentOutcome {
  return fail(issues.map((i) => ({ code: 'comments.invalid', path: i.path, detail: i.message })));
}

function taken(threads: readonly CommentThread[], id: string): CommentOutcome | undefined {
  return commentIds(threads).has(id) ? refusal('comments.duplicate_id', id) : undefined;
}

function withThread(threads: readonly CommentThread[], threadId: string, change: (t: CommentThread) => CommentThread | CommentOutcome): CommentOutcome {
  const index = threads.findIndex((t) => t.id === threadId);
  if (index < 0) return refusal('comments.thread_not_found', threadId);
  const changed = change(threads[index]!);
  if ('ok' in changed) return changed;
  return ok(threads.map((t, i) => (i === index ? changed : t)));
}

const inserted = <T extends { date: string; id: string }>(list: readonly T[], item: T): T[] => [...list, item].sort(byDate);

/**
 * Opens a thread on an element (or on the referential as a whole).
 *
 * @example
 * addThread([], { id: 'c-1', anchor: { on: 'node', node: 'moteurs', label: 'Moteurs thermiques' }, author: 'INRS', date: '2026-03-02T09:30:00Z', text: 'Durée à justifier.' })
 */
export function addThread(threads: readonly CommentThread[], input: NewThread): CommentOutcome {
  const entry = parseWith(CommentEntrySchema, { id: input.id, author: input.author, date: input.date, text: input.text });
  if (!entry.ok) return invalid(entry.issues);
  const anchor = parseWith(CommentAnchorSchema, input.anchor, ['anchor']);
  if (!anchor.ok) return invalid(anchor.issues);
  return taken(threads, input.id) ?? ok([...threads, { ...entry.value, anchor: anchor.value, replies: [], history: [] }]);
}

/** Adds a reply to a thread, in date order. */
export function replyToThread(threads: readonly CommentThread[], threadId: string, input: NewEntry): CommentOutcome {
  const entry = parseWith(CommentEntrySchema, input);
  if (!entry.ok) return invalid(entry.issues);
  return taken(threads, input.id) ?? withThread(threads, threadId, (t) => ({ ...t, replies: inserted(t.replies, entry.value) }));
}

function statusChange(threads: readonly CommentThread[], threadId: string, input: NewStatusEvent, action: StatusEvent['action']): CommentOutcome {
  const event = parseWith(StatusEventSchema, { ...input, action });
  if (!event.ok) return invalid(event.issues);
  return (
    taken(threads, input.id) ??
    withThread(threads, threadId, (t) => {
      if (action === 'resolved' && threadStatus(t) === 'resolved') return refusal('comments.already_resolved', t.id);
      if (action === 'reopened' && threadStatus(t) === 'open') return refusal('comments.already_open', t.id);
      const history = inserted(t.history, event.value);
      // An event dated before the last one would not change the status it claims to change.
      if (history.at(-1) !== event.value) return refusal('comments.out_of_order', t.id);
      return { ...t, history };
    })
  );
}

/** Marks a thread resolved; `note` says how the remark was addressed (printed in the dossier annex). */
export function resolveThread(threads: readonly CommentThread[], threadId: string, input: NewStatusEvent): CommentOutcome {
  return statusChange(threads, threadId, input, 'resolved');
}

/** Reopens a resolved thread; `note` says why. */
export function reopenThread(threads: readonly CommentThread[], threadId: string, input: NewStatusEvent): CommentOutcome {
  return statusChange(threads, threadId, input, 'reopened');
}

/**
 * Changes the text of a thread's opening comment or of a reply (`id` names either); `date` becomes its
 * `edited` date, which decides between two different edits of the same comment (see mergeThreads).
 */
export function editComment(threads: readonly CommentThread[], id: string, input: { text: string; date: string }): CommentOutcome {
  const index = threads.findIndex((t) => t.id === id || t.replies.some((r) => r.id === id));
  if (index < 0) return refusal('comments.comment_not_found', id);
  const thread = threads[index]!;
  const target = thread.id === id ? thread : thread.replies.find((r) => r.id === id)!;
  const edited = parseWith(CommentEntrySchema, { id, author: target.author, date: target.date, text: input.text, edited: input.date });
  if (!edited.ok) return invalid(edited.issues);
  const next: CommentThread = thread.id === id ? { ...thread, text: edited.value.text, edited: input.date } : { ...thread, replies: thread.replies.map((r) => (r.id === id ? edited.value : r)) };
  return ok(threads.map((t, i) => (i === index ? next : t)));
}

/**
 * Two states of the same comment: the text edited last wins (`edited`, else `date`); on the same
 * date, the text first in code-point order — arbitrary, but the same whoever merges.
 */
function latestEntry<T extends CommentEntry>(a: T, b: T): T {
  const d = Date.parse(a.edited ?? a.date) - Date.parse(b.edited ?? b.date);
  if (d !== 0) return d > 0 ? a : b;
  return a.text <= b.text ? a : b;
}

function union<T extends { id: string; date: string }>(a: readonly T[], b: readonly T[], pick: (x: T, y: T) => T): T[] {
  const byId = new Map(a.map((x) => [x.id, x]));
  for (const y of b) {
    const x = byId.get(y.id);
    byId.set(y.id, x ? pick(x, y) : y);
  }
  return [...byId.values()].sort(byDate);
}

/**
 * Two states of one thread (same id) → one, never losing anything: replies and status events are the
 * union by id (in date order, so the status is the latest event's), and each comment whose text
 * differs keeps its latest edit. Symmetric: `mergeThreads(a, b)` equals `mergeThreads(b, a)`; and when
 * one state already holds everything of the other, it is returned as it is.
 * The anchor and the author are those of `a`: callers check that they agree (see importComments).
 */
export function mergeThreads(a: CommentThread, b: CommentThread): CommentThread {
  const opening = latestEntry(entryOf(a), entryOf(b));
  const merged: CommentThread = {
    ...opening,
    anchor: a.anchor,
    replies: union(a.replies, b.replies, latestEntry),
    // Two events with one id and different contents come from a reused id: keep one, the same either way.
    history: union(a.history, b.history, (x, y) => (canonicalJson(x) <= canonicalJson(y) ? x : y)),
  };
  if (sameThread(merged, a)) return a;
  if (sameThread(merged, b)) return b;
  return merged;
}

function entryOf(t: CommentThread): CommentEntry {
  const { anchor: _anchor, replies: _replies, history: _history, ...entry } = t;
  return entry;
}

function sameThread(x: CommentThread, y: CommentThread): boolean {
  const key = (t: CommentThread) => canonicalJson([entryOf(t), [...t.replies].sort(byDate), [...t.history].sort(byDate)]);
  return key(x) === key(y);
}
