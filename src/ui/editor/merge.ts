import {
  decompile,
  findCommonBase,
  loadGraph,
  loadReferential,
  mergeGraphs,
  parseJsonText,
  type BaseCandidate,
  type GraphDocument,
  type LoadIssue,
  type MergeResult,
  type Result,
} from '../../core/index.ts';
import { frCollab } from '../i18n/fr-collab.ts';
import { commonBaseMessage } from '../../present/merge.ts';

/*
 * The steps of « Fusionner le fichier d'un collègue » that are not a screen: read the colleague's
 * logigramme (and, when asked, the file of the common base) through the one JSON reader, find the
 * common base among the candidates, merge. Pure apart from what the caller passes in.
 */

const t = frCollab.merge;

export type FileRead = { ok: true; value: GraphDocument } | { ok: false; message: string; issues?: LoadIssue[] };

/** A colleague's file as a logigramme, or why not (located issues). `text` is what `readJsonFile` gave. */
export function readColleagueGraph(name: string, text: Result<string, LoadIssue>): FileRead {
  if (!text.ok) return { ok: false, message: t.invalid(name), issues: text.issues };
  const json = parseJsonText(text.value);
  if (!json.ok) return { ok: false, message: t.invalid(name), issues: json.issues };
  if ((json.value as { kind?: unknown } | null)?.kind !== 'logigramme') return { ok: false, message: t.notGraph };
  const loaded = loadGraph(json.value);
  return loaded.ok ? { ok: true, value: loaded.value } : { ok: false, message: t.invalid(name), issues: loaded.issues };
}

/** The file of a common base: a logigramme or a referential. */
export function readBaseFile(name: string, text: Result<string, LoadIssue>): { ok: true; value: BaseCandidate } | { ok: false; message: string; issues?: LoadIssue[] } {
  if (!text.ok) return { ok: false, message: t.invalid(name), issues: text.issues };
  const json = parseJsonText(text.value);
  if (!json.ok) return { ok: false, message: t.invalid(name), issues: json.issues };
  const loaded = (json.value as { kind?: unknown } | null)?.kind === 'logigramme' ? loadGraph(json.value) : loadReferential(json.value);
  return loaded.ok ? { ok: true, value: loaded.value } : { ok: false, message: t.invalid(name), issues: loaded.issues };
}

export type Prepared =
  | { kind: 'merged'; base: GraphDocument; how: string; result: MergeResult<GraphDocument> }
  | { kind: 'needBase'; message: string }
  /** Nothing to merge: the file is another referential's. */
  | { kind: 'refused'; message: string };

/**
 * Finds the common base of our draft and the colleague's logigramme and merges them. `ancestry` is our
 * draft with where it started (see storage `withAncestry`); `given`, a base file the user chose when
 * none was found: used when the documents do not name it themselves (the user's decision).
 */
export function prepareMerge(
  ours: GraphDocument,
  ancestry: GraphDocument,
  theirs: GraphDocument,
  candidates: readonly BaseCandidate[],
  given?: { name: string; candidate: BaseCandidate },
): Prepared {
  const common = findCommonBase(ancestry, theirs, given ? [...candidates, given.candidate] : candidates);
  if (common.found) {
    const fromGiven = given && common.candidate === candidates.length;
    return { kind: 'merged', base: common.base, how: fromGiven ? t.baseFromFile(given.name) : t.baseFound[common.how]!, result: mergeGraphs(common.base, ours, theirs) };
  }
  if (common.reason === 'other_referential') return { kind: 'refused', message: commonBaseMessage(common) };
  if (!given) return { kind: 'needBase', message: commonBaseMessage(common) };
  const base = 'kind' in given.candidate && given.candidate.kind === 'logigramme' ? given.candidate : decompile(given.candidate as Parameters<typeof decompile>[0]);
  return { kind: 'merged', base, how: t.baseFromFile(given.name), result: mergeGraphs(base, ours, theirs) };
}
