import { compile } from '../compile/compile.ts';
import { decompile } from '../compile/decompile.ts';
import type { LoadIssue } from '../referential/issue.ts';
import { loadReferential } from '../referential/load.ts';
import type { Referential } from '../referential/schema.ts';
import { mergeGraphs } from './graph.ts';
import type { MergeOptions, MergeResult } from './types.ts';

export interface ReferentialMergeResult extends MergeResult<Referential> {
  /** Why the merged referential would not load (references, units, cycles), located by JSON path. */
  problems: LoadIssue[];
}

/**
 * Three-way merge of portable referentials, through their logigrammes: each version is decompiled
 * (node ids are the element ids, edge ids derive from them), the graphs are merged, the result is
 * compiled back. So referentials and logigrammes merge by one set of rules, and conflicts name the same
 * elements. The merged referential carries no `contentHash` (its content is new); `problems` lists
 * what would stop it loading.
 *
 * @example
 * const { document, conflicts, problems } = mergeReferentials(v1, marie, paul);
 * if (conflicts.length === 0 && problems.length === 0) publish({ ...document, contentHash: contentHash(document) });
 */
export function mergeReferentials(base: Referential, ours: Referential, theirs: Referential, options: MergeOptions = {}): ReferentialMergeResult {
  const merged = mergeGraphs(decompile(base), decompile(ours), decompile(theirs), options);
  const { referential } = compile(merged.document);
  const loaded = loadReferential(referential);
  return { ...merged, document: referential, inputs: { base, ours, theirs, options }, problems: loaded.ok ? [] : loaded.issues };
}
