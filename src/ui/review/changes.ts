/*
 * Pure helpers of the comparison screen. The French wording of the changes, their grouping by job, the
 * counts and the impact causes are the presentation layer's (src/present/diff-text.ts, shared with the
 * Markdown report); what is here ties the changes to the nodes of the drawn logigramme.
 */
import type { Change, DiffResult, ElementOp, Referential } from '../../core/index.ts';
import { isElementChange } from '../../present/diff-text.ts';

export {
  causeText,
  changeText,
  countChanges,
  countsText,
  ELEMENT_KINDS,
  factorName,
  groupChanges,
  impactFigures,
  impactSide,
  isElementChange,
  thresholdUnit,
  type ChangeCounts,
  type ChangeGroup,
  type ChangeText,
  type ElementChange,
  type ElementKind,
} from '../../present/diff-text.ts';

/** The element kinds drawn as nodes of the logigramme (questions and measures are catalogues). */
const DRAWN_KINDS = new Set<string>(['job', 'task', 'node', 'situation']);

// ------------------------------------------------------------------------------------------------
// Changes ⇄ graph nodes
// ------------------------------------------------------------------------------------------------

/** Status of each drawn element that changed: jobs, tasks, decision nodes, situations. */
export function nodeStatuses(result: DiffResult): Map<string, ElementOp> {
  const out = new Map<string, ElementOp>();
  for (const c of result.changes) if (isElementChange(c) && DRAWN_KINDS.has(c.kind)) out.set(c.id, c.op);
  return out;
}

/**
 * The graph node a change is about: the element itself when it is drawn, the first decision node that
 * asks a changed question or tests a changed measure (in the new version, else the old), none for the
 * general changes.
 */
export function nodeForChange(c: Change, a: Referential, b: Referential, drawn: ReadonlySet<string>): string | null {
  if (!isElementChange(c)) return null;
  if (DRAWN_KINDS.has(c.kind)) return drawn.has(c.id) ? c.id : null;
  if (c.kind === 'question' || c.kind === 'measure') {
    for (const r of [b, a]) {
      const node = r.nodes.find((n) => (c.kind === 'question' ? n.kind === 'question' && n.question === c.id : n.kind === 'measure' && n.measure === c.id));
      if (node && drawn.has(node.id)) return node.id;
    }
  }
  return null;
}

/** Indexes of the changes about one drawn node (its own change, and changed questions or measures it tests). */
export function changesOfNode(nodeId: string, result: DiffResult, a: Referential, b: Referential, drawn: ReadonlySet<string>): number[] {
  const out: number[] = [];
  if (!drawn.has(nodeId)) return out;
  const node = b.nodes.find((n) => n.id === nodeId) ?? a.nodes.find((n) => n.id === nodeId);
  result.changes.forEach((c, i) => {
    if (!isElementChange(c)) return;
    if (c.id === nodeId && DRAWN_KINDS.has(c.kind)) out.push(i);
    else if (c.kind === 'question' && node?.kind === 'question' && node.question === c.id) out.push(i);
    else if (c.kind === 'measure' && node?.kind === 'measure' && node.measure === c.id) out.push(i);
  });
  return out;
}
