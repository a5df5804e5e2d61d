import { CommentThreadSchema, type CommentThread } from '../../comments/schema.ts';
import { addThread, editComment, mergeThreads, reopenThread, replyToThread, resolveThread, type CommentOutcome, type NewEntry, type NewStatusEvent, type NewThread } from '../../comments/threads.ts';
import type { GraphDocument } from '../schema.ts';
import { OK, type CanApply, type Draft } from './types.ts';

/*
 * The comment commands: the pure functions of core/comments applied to the graph's `comments` list,
 * so that a remark, a reply, a resolution or an import goes through the editor's history like any
 * edit (undoable, saved with the draft). Comments are never compiled: none of these changes the
 * referential or its content hash. Ids and dates are passed in.
 */

/** Opens a thread on an element (its anchor should carry the element's label, see `labelledAnchor`). */
export interface CommentAddCommand {
  type: 'comment/add';
  thread: NewThread;
}

export interface CommentReplyCommand {
  type: 'comment/reply';
  thread: string;
  reply: NewEntry;
}

/** Marks a thread resolved; the event's `note` says how the remark was addressed. */
export interface CommentResolveCommand {
  type: 'comment/resolve';
  thread: string;
  event: NewStatusEvent;
}

export interface CommentReopenCommand {
  type: 'comment/reopen';
  thread: string;
  event: NewStatusEvent;
}

/** Changes the text of a thread's opening comment or of a reply (`id` names either). */
export interface CommentEditCommand {
  type: 'comment/edit';
  id: string;
  text: string;
  date: string;
}

/**
 * Brings threads in (an imported comments file, the remarks written on a version under review): each
 * is added, or merged by id with the thread already there (`mergeThreads`: nothing is ever lost).
 */
export interface CommentsMergeCommand {
  type: 'comments/merge';
  threads: CommentThread[];
}

export type CommentCommand = CommentAddCommand | CommentReplyCommand | CommentResolveCommand | CommentReopenCommand | CommentEditCommand | CommentsMergeCommand;

function outcomeOf(threads: readonly CommentThread[], command: CommentCommand): CommentOutcome {
  switch (command.type) {
    case 'comment/add':
      return addThread(threads, command.thread);
    case 'comment/reply':
      return replyToThread(threads, command.thread, command.reply);
    case 'comment/resolve':
      return resolveThread(threads, command.thread, command.event);
    case 'comment/reopen':
      return reopenThread(threads, command.thread, command.event);
    case 'comment/edit':
      return editComment(threads, command.id, { text: command.text, date: command.date });
    case 'comments/merge':
      return mergedIn(threads, command.threads);
  }
}

function mergedIn(threads: readonly CommentThread[], incoming: readonly CommentThread[]): CommentOutcome {
  const out = [...threads];
  const index = new Map(out.map((t, i) => [t.id, i]));
  for (const [i, raw] of incoming.entries()) {
    const parsed = CommentThreadSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return { ok: false, issues: [{ code: 'comments.invalid', path: `comments[${i}]${first?.path.length ? `.${first.path.join('.')}` : ''}`, detail: first?.message ?? '', id: raw.id }] };
    }
    const at = index.get(raw.id);
    if (at === undefined) {
      index.set(raw.id, out.length);
      out.push(parsed.data);
    } else {
      out[at] = mergeThreads(out[at]!, parsed.data);
    }
  }
  return { ok: true, value: out };
}

export function canApplyComment(graph: GraphDocument, command: CommentCommand): CanApply {
  const outcome = outcomeOf(graph.comments ?? [], command);
  if (outcome.ok) return OK;
  const first = outcome.issues[0]!;
  return { ok: false, code: first.code, params: first.id === undefined ? {} : { id: first.id }, refusals: outcome.issues };
}

/** Writes only the threads that changed, so that the history keeps small patches. */
export function applyComment(draft: Draft, command: CommentCommand): void {
  const current = draft.comments ?? [];
  const outcome = outcomeOf(current, command);
  if (!outcome.ok) return;
  const next = outcome.value;
  if (!draft.comments) draft.comments = [];
  const list = draft.comments;
  next.forEach((thread, i) => {
    if (list[i] !== thread) list[i] = thread;
  });
  if (list.length > next.length) list.length = next.length;
}
