import type { FindingParams, RuleCode } from '../check/codes.ts';
import type { GraphEdge, GraphNodeKind } from '../graph/schema.ts';

/**
 * Three-way merge vocabulary. Both sides are described against the common base; `ours` is the side
 * whose file is being merged into (the local draft, git's `%A`), `theirs` the other one.
 */
export type Side = 'ours' | 'theirs';

/** Where a conflicting element lives. */
export type MergeCollection = 'referential' | 'identity' | 'workingYear' | 'factor' | 'question' | 'measure' | 'scenario' | 'node' | 'edge' | 'order';

/**
 * - `field`: the same field changed two ways;
 * - `edit_delete`: an element changed on one side, deleted on the other;
 * - `delete_use`: a node deleted on one side while the other links to it (a new or changed edge);
 * - `add_add`: the same id added on both sides with different contents;
 * - `incompatible`: changes to different fields of one element that cannot stand together (a question
 *   turned into a number on one side while its choices were edited on the other): whole element;
 * - `slot`: both sides gave a task its entry (or its job, or a measure branch, or one answer) with
 *   different edges;
 * - `order`: both sides reordered the same list differently.
 */
export type ConflictKind = 'field' | 'edit_delete' | 'delete_use' | 'add_add' | 'incompatible' | 'slot' | 'order';

/**
 * The element a conflict is about, named by its label (a node's, a question's, a factor's; the
 * referential's title; for `order`, the list: `nodes`, `retained`…), with its node or edge kind when it
 * is one. The presentation layer says its kind in French (src/present/merge.ts).
 */
export interface MergedElement {
  collection: MergeCollection;
  id: string;
  label: string;
  nodeKind?: GraphNodeKind;
  edgeKind?: GraphEdge['kind'];
}

/** What one side did to the element or field in conflict. */
export interface ConflictSide {
  change: 'changed' | 'removed' | 'deleted' | 'added' | 'kept' | 'uses' | 'reordered';
  /** The value on that side (a field value, the element, or the edges), absent when deleted or removed. */
  value?: unknown;
  /** Ids involved on that side: the edges that use a deleted node, the competing edges of a slot. */
  ids?: string[];
}

export interface MergeConflict {
  /** Stable across runs of the same merge: `node:s-bruit:label`, `edge:t1.entry`, `slot:entry:t1`… */
  id: string;
  kind: ConflictKind;
  element: MergedElement;
  /** The field in conflict (`label`, `exposures[noise/daily_level].duration`); src/present/merge.ts names it. */
  field?: { path: string };
  /** The value in the base, when the element or field existed there. */
  base?: unknown;
  ours: ConflictSide;
  theirs: ConflictSide;
  /** The side the merged document holds: the choice given, `ours` by default. */
  chosen: Side;
}

/**
 * A decision taken without asking, worth telling: its code, the elements concerned (`ids`) and, by code,
 * the side whose layout was kept or the checker's rule the merged drawing now breaks. The presentation
 * layer words it (`noticeMessage`, src/present/merge.ts).
 */
export type MergeNotice =
  | { code: 'catalogue.kept' | 'edge.dropped' | 'group.member_dropped' | 'base.reset'; ids: string[] }
  | { code: 'layout.both_changed'; ids: string[]; kept: Side }
  | { code: 'structure.new_issue'; ids: string[]; rule: RuleCode; params: FindingParams };

export type MergeNoticeCode = MergeNotice['code'];

/** Choices by conflict id; a conflict without a choice keeps `ours`. */
export type MergeChoices = Readonly<Record<string, Side>>;

export interface MergeOptions {
  choices?: MergeChoices;
  /**
   * The side whose layout wins where both moved, resized or recoloured the same node. Layout never
   * conflicts with content; `ours` by default.
   */
  layout?: Side;
}

export interface MergeResult<D> {
  /** The merged document, every conflict resolved as `chosen` says. */
  document: D;
  conflicts: MergeConflict[];
  /** Conflicts that no choice decided (kept on `ours`): what is left to decide. */
  pending: MergeConflict[];
  notices: MergeNotice[];
  /** What was merged, so that `applyResolutions` can decide the conflicts. */
  inputs: { base: D; ours: D; theirs: D; options: MergeOptions };
}
