import type { GraphDocument } from '../schema.ts';
import type { CataloguedRefusalCode } from './codes.ts';
import type { CommentRefusal, CommentRefusalCode } from '../../comments/threads.ts';
import type { FindingParams } from '../../check/codes.ts';

/**
 * Whether a command may run on a graph. A refusal carries a stable `code` (a checker rule code when the
 * checker has the rule, `command.*` otherwise) and its parameters: ids, labels, kinds and figures (numbers
 * stay numbers). The presentation layer writes the French message (`refusalMessage`, src/present/commands.ts).
 */
export type CanApply = { ok: true } | Refusal;
export type Refusal = CataloguedRefusal | CommentCommandRefusal;

export interface CataloguedRefusal {
  ok: false;
  code: CataloguedRefusalCode;
  params: FindingParams;
}

/**
 * A comment command's refusal: the first refusal's code and id, and every refusal the comments' rules
 * gave (src/core/comments), which the presentation layer words one by one.
 */
export interface CommentCommandRefusal {
  ok: false;
  code: CommentRefusalCode;
  params: FindingParams;
  refusals: readonly CommentRefusal[];
}

export const OK: CanApply = { ok: true };

export function refuse(code: CataloguedRefusalCode, params: FindingParams = {}): CataloguedRefusal {
  return { ok: false, code, params };
}

/**
 * A mutable graph: commands mutate an Immer draft (or a plain copy) in place. Typed as the document
 * itself because an Immer draft has the same shape; the core never imports Immer.
 */
export type Draft = GraphDocument;

export interface Point {
  x: number;
  y: number;
}
