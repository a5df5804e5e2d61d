import { compile } from '../compile/compile.ts';
import { decompile } from '../compile/decompile.ts';
import { GRAPH_FORMAT_VERSION, type GraphBase, type GraphDocument } from '../graph/schema.ts';
import { contentHash } from '../referential/canonical.ts';
import type { Referential } from '../referential/schema.ts';

/*
 * Where a logigramme started from, and the common base of two logigrammes edited apart.
 */

/**
 * Fingerprint of a logigramme snapshot: the content hash of the document without its comments and its
 * recorded base (neither is part of what a merge compares), layout included.
 */
export function graphHash(graph: GraphDocument): string {
  const { comments: _comments, base: _base, ...rest } = graph;
  return contentHash(rest);
}

/** The base a logigramme's copies record when it is the starting point: a snapshot of a draft. */
export function baseOfGraph(graph: GraphDocument): GraphBase {
  return { id: graph.referential.id, version: graph.referential.identity.version, contentHash: contentHash(compile(graph).referential), snapshot: graphHash(graph) };
}

/** The base recorded by a draft started from a stored version. */
export function baseOfReferential(referential: Referential): GraphBase {
  return { id: referential.id, version: referential.identity.version, contentHash: contentHash(referential) };
}

/**
 * The logigramme as it is exported: at the current format version, recording the version or snapshot
 * it started from (`startedFrom`, else the `base` it already records).
 *
 * @example exportableGraph(draft.graph, baseOfReferential(storedVersion))
 */
export function exportableGraph(graph: GraphDocument, startedFrom?: GraphBase): GraphDocument {
  const base = startedFrom ?? graph.base;
  const { base: _old, ...rest } = graph;
  return { ...rest, formatVersion: GRAPH_FORMAT_VERSION, ...(base ? { base } : {}) };
}

/** A possible base: a stored version of the referential, a snapshot kept with a draft, a file given. */
export type BaseCandidate = GraphDocument | Referential;

const isGraph = (c: BaseCandidate): c is GraphDocument => 'kind' in c && c.kind === 'logigramme';
const refOf = (c: BaseCandidate): GraphBase => (isGraph(c) ? baseOfGraph(c) : baseOfReferential(c));

/** Same starting point: the same snapshot when both name one, else the same compiled content. */
function sameBase(a: GraphBase, b: GraphBase): boolean {
  if (a.id !== b.id) return false;
  return a.snapshot !== undefined && b.snapshot !== undefined ? a.snapshot === b.snapshot : a.contentHash === b.contentHash;
}

export type CommonBase =
  | {
      found: true;
      /** The base as a logigramme (a stored version is decompiled: no layout, no notes). */
      base: GraphDocument;
      /** Index of the candidate used; absent when one of the two documents is the other's base. */
      candidate?: number;
      /** `recorded`: both record it (directly or through the candidates' own bases); `ancestor`: one document is the other's base. */
      how: 'recorded' | 'ancestor';
    }
  | CommonBaseNotFound;

/** Why no common base is known (worded by `commonBaseMessage`, src/present/merge.ts). */
export type CommonBaseNotFound =
  | { found: false; reason: 'other_referential'; ours: string; theirs: string }
  | { found: false; reason: 'no_base_recorded' | 'no_common_base' }
  | { found: false; reason: 'base_missing'; missing: GraphBase };

/**
 * Finds the common base of two logigrammes among candidates. Each document records where it started
 * (`base`); a candidate that is a snapshot records its own start, so ancestry is followed through the
 * candidates: the nearest starting point of `ours` that is also one of `theirs` is the base. When one
 * document is where the other started, it is the base itself.
 *
 * @example
 * const common = findCommonBase(draft.graph, colleague, [...storedVersions, ...snapshots]);
 * const result = common.found ? mergeGraphs(common.base, draft.graph, colleague) : askForBaseFile(commonBaseMessage(common));
 */
export function findCommonBase(ours: GraphDocument, theirs: GraphDocument, candidates: readonly BaseCandidate[]): CommonBase {
  if (ours.referential.id !== theirs.referential.id) {
    return { found: false, reason: 'other_referential', ours: ours.referential.id, theirs: theirs.referential.id };
  }
  const refs = candidates.map(refOf);
  const chain = (doc: GraphDocument): GraphBase[] => {
    const out: GraphBase[] = [];
    let next = doc.base;
    while (next && !out.some((r) => sameBase(r, next!))) {
      out.push(next);
      const found = refs.findIndex((r) => sameBase(r, next!));
      const c = found >= 0 ? candidates[found]! : undefined;
      next = c && isGraph(c) ? c.base : undefined;
    }
    return out;
  };
  const [co, ct] = [chain(ours), chain(theirs)];
  if (ct.some((r) => sameBase(r, baseOfGraph(ours)))) return { found: true, base: ours, how: 'ancestor' };
  if (co.some((r) => sameBase(r, baseOfGraph(theirs)))) return { found: true, base: theirs, how: 'ancestor' };
  if (co.length === 0 && ct.length === 0) {
    return { found: false, reason: 'no_base_recorded' };
  }
  const common = co.find((r) => ct.some((x) => sameBase(r, x)));
  if (!common) {
    return { found: false, reason: 'no_common_base' };
  }
  const index = refs.findIndex((r) => sameBase(r, common));
  if (index < 0) {
    return { found: false, reason: 'base_missing', missing: common };
  }
  const c = candidates[index]!;
  return { found: true, base: isGraph(c) ? c : decompile(c), candidate: index, how: 'recorded' };
}
