import type { GraphDocument } from '../schema.ts';
import { commandMessage, type CataloguedRefusalCode, type RefusalCode } from './messages.ts';
import type { FindingParams } from '../../check/codes.ts';

/**
 * Whether a command may run on a graph. A refusal carries a stable `code` (a checker rule code when the
 * checker has the rule, `command.*` otherwise) and the French message the canvas shows.
 */
export type CanApply = { ok: true } | Refusal;
export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: string;
  params: FindingParams;
}

export const OK: CanApply = { ok: true };

export function refuse(code: CataloguedRefusalCode, params: FindingParams = {}): Refusal {
  return { ok: false, code, message: commandMessage(code, params), params };
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
