import type { GraphDocument } from '../graph/schema.ts';
import { ANCHOR_KIND_ORDER, exposureKey, findAnchor, type AnchorDetail, type AnchorKind } from './anchors.ts';
import type { CommentEntry, CommentThread, StatusEvent } from './schema.ts';
import { byDate, resolutionOf, threadStatus } from './threads.ts';

/** One remark of the dossier annex: the element it is on, what was said, and how it was addressed. */
export interface AnnexRow {
  thread: string;
  /** The kind of the element (src/present/comments.ts names it). */
  kind: AnchorKind;
  label: string;
  detail?: AnchorDetail;
  /** The element no longer exists in the version the annex is printed for. */
  detached: boolean;
  remark: CommentEntry;
  replies: CommentEntry[];
  status: 'open' | 'resolved';
  /** The resolution in force: who, when, and its note (how the remark was addressed). */
  resolution?: StatusEvent;
}

/**
 * The remarks received and how each was addressed, for the homologation dossier: remarks on the
 * referential as a whole first, then by element label (French alphabetical order), then by date.
 * Detached remarks are kept, under the label their element had. Elements of one label follow
 * `ANCHOR_KIND_ORDER`, then their exposure's key or link's kind.
 *
 * @example commentsAnnex(graph, graph.comments ?? []).map((r) => `${r.kind} ${r.label}: ${r.remark.text}`)
 */
export function commentsAnnex(graph: GraphDocument, threads: readonly CommentThread[]): AnnexRow[] {
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const rows = threads.map((t): AnnexRow => {
    const target = findAnchor(graph, t.anchor);
    const { anchor: _a, replies, history: _h, ...remark } = t;
    const resolution = resolutionOf(t);
    return {
      thread: t.id,
      kind: target.kind,
      label: target.label,
      ...(target.detail ? { detail: target.detail } : {}),
      detached: !target.exists,
      remark,
      replies: [...replies].sort(byDate),
      status: threadStatus(t),
      ...(resolution ? { resolution } : {}),
    };
  });
  const whole = (r: AnnexRow, t: CommentThread) => (t.anchor.on === 'referential' ? 0 : 1);
  const byThread = new Map(threads.map((t) => [t.id, t]));
  return rows.sort(
    (a, b) =>
      whole(a, byThread.get(a.thread)!) - whole(b, byThread.get(b.thread)!) ||
      collator.compare(a.label, b.label) ||
      ANCHOR_KIND_ORDER[a.kind] - ANCHOR_KIND_ORDER[b.kind] ||
      collator.compare(detailKey(a.detail), detailKey(b.detail)) ||
      byDate(a.remark, b.remark),
  );
}

const detailKey = (d: AnchorDetail | undefined) => (d === undefined ? '' : d.of === 'exposure' ? exposureKey(d) : d.kind);
