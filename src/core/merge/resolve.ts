import type { GraphDocument } from '../graph/schema.ts';
import type { Referential } from '../referential/schema.ts';
import { mergeGraphs } from './graph.ts';
import { mergeReferentials, type ReferentialMergeResult } from './referential.ts';
import type { MergeChoices, MergeResult } from './types.ts';

/**
 * Decides conflicts of a merge: `choices` maps conflict ids to `ours` or `theirs` (added to the
 * choices already made). The merge runs again from its inputs, so the result is exactly what merging
 * with those choices gives. A choice can bring a new conflict (keeping a deleted node brings back its
 * links, which may compete with the other side's): `pending` lists what is left to decide.
 * Throws a RangeError for a conflict id the result does not have (a programming error).
 *
 * @example applyResolutions(result, { 'node:s-bruit:label': 'theirs' }).document
 */
export function applyResolutions(result: ReferentialMergeResult, choices: MergeChoices): ReferentialMergeResult;
export function applyResolutions(result: MergeResult<GraphDocument>, choices: MergeChoices): MergeResult<GraphDocument>;
export function applyResolutions(result: MergeResult<GraphDocument> | ReferentialMergeResult, choices: MergeChoices): MergeResult<GraphDocument> | ReferentialMergeResult {
  const known = new Set(result.conflicts.map((c) => c.id));
  const unknown = Object.keys(choices).filter((id) => !known.has(id));
  if (unknown.length > 0) throw new RangeError(`unknown merge conflict ids: ${unknown.join(', ')}`);
  const { base, ours, theirs, options } = result.inputs;
  const next = { ...options, choices: { ...options.choices, ...choices } };
  if ('problems' in result) return mergeReferentials(base as Referential, ours as Referential, theirs as Referential, next);
  return mergeGraphs(base as GraphDocument, ours as GraphDocument, theirs as GraphDocument, next);
}
