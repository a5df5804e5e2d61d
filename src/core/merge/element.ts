import { merge3, same, sideOf, type MergeContext, type Origin } from './context.ts';
import type { ConflictKind, MergeCollection, Side } from './types.ts';

/*
 * Element-by-element merge of id-keyed collections, field by field inside an element.
 */

/** A field merged on its own terms (a situation's exposures, keyed by factor and criterion). */
export type NestedMerge = (b: unknown, o: unknown, t: unknown) => unknown;

export interface FieldsSpec {
  collection: MergeCollection;
  id: string;
  nested?: Readonly<Record<string, NestedMerge>>;
  /** Conflict ids are `<prefix>:<field>`; `<collection>:<id>` by default. */
  prefix?: string;
  /** Field paths are `<path><field>` (`exposures[noise/daily_level].`). */
  path?: string;
}

/**
 * Merges two changed versions of one element field by field: fields changed on one side only, or the
 * same way on both, merge silently; a field changed two ways is a conflict `<collection>:<id>:<field>`.
 */
export function mergeFields<T extends object>(ctx: MergeContext, spec: FieldsSpec, b: T, o: T, t: T): T {
  const out: Record<string, unknown> = {};
  const [rb, ro, rt] = [b, o, t] as Array<Record<string, unknown>>;
  const keys = [...new Set([...Object.keys(ro!), ...Object.keys(rt!), ...Object.keys(rb!)])];
  for (const k of keys) {
    const [bk, ok, tk] = [rb![k], ro![k], rt![k]];
    let value: unknown;
    const nested = spec.nested?.[k];
    if (nested && !same(ok, tk) && !same(bk, ok) && !same(bk, tk)) value = nested(bk, ok, tk);
    else {
      const m = merge3(bk, ok, tk);
      if (m.ok) value = m.value;
      else {
        const id = `${spec.prefix ?? `${spec.collection}:${spec.id}`}:${k}`;
        const side = ctx.decide({ id, kind: 'field', element: { collection: spec.collection, id: spec.id }, field: { path: `${spec.path ?? ''}${k}` }, base: bk, ours: sideOf(bk, ok), theirs: sideOf(bk, tk) });
        value = side === 'ours' ? ok : tk;
      }
    }
    if (value !== undefined) out[k] = value;
  }
  return out as T;
}

/** One merged element: absent when `value` is undefined. */
export interface Entry<T> {
  value: T | undefined;
  /** Whose change it carries: `merged` when both sides changed different fields. */
  origin: Origin | 'merged';
  /** The side that deleted the element, when one did and the other kept it. */
  deletedBy?: Side;
  /** The element was decided by a conflict (its id). */
  conflict?: string;
}

/** What to do when one side deleted an element the other kept. */
export type DeleteRule = 'delete' | 'keep' | { conflict: Extract<ConflictKind, 'edit_delete' | 'delete_use'>; ids?: string[] };

export interface KeyedSpec<T> {
  collection: MergeCollection;
  /** Both sides changed the element: merge its fields (conflicts are recorded by the spec). */
  fields: (b: T, o: T, t: T) => T;
  /** Whether a field-merged element still holds together (its schema); if not, a whole-element conflict. */
  valid?: (x: T) => boolean;
  /** One side deleted what the other kept; default: deleted unless the other side changed it (then a conflict). */
  onDelete?: (id: string, deleter: Side, kept: T, base: T) => DeleteRule;
}

/**
 * Three-way merge of an id-keyed collection: for each id of any version, the merged element (or its
 * absence) and where it comes from. The order is merged separately (mergeOrder), once the caller has
 * settled which elements stay.
 */
export function mergeKeyed<T extends { id: string }>(ctx: MergeContext, b: readonly T[], o: readonly T[], t: readonly T[], spec: KeyedSpec<T>): Map<string, Entry<T>> {
  const mb = new Map(b.map((x) => [x.id, x]));
  const mo = new Map(o.map((x) => [x.id, x]));
  const mt = new Map(t.map((x) => [x.id, x]));
  const out = new Map<string, Entry<T>>();
  const element = (id: string) => ({ collection: spec.collection, id });
  for (const id of new Set([...mo.keys(), ...mt.keys(), ...mb.keys()])) {
    const [xb, xo, xt] = [mb.get(id), mo.get(id), mt.get(id)];
    if (same(xo, xt)) {
      out.set(id, { value: xo, origin: same(xo, xb) ? 'base' : 'both' });
    } else if (xb === undefined) {
      if (xo === undefined || xt === undefined) out.set(id, { value: xo ?? xt, origin: xo ? 'ours' : 'theirs' });
      else {
        const side = ctx.decide({ id: `${spec.collection}:${id}`, kind: 'add_add', element: element(id), ours: { change: 'added', value: xo }, theirs: { change: 'added', value: xt } });
        out.set(id, { value: side === 'ours' ? xo : xt, origin: side, conflict: `${spec.collection}:${id}` });
      }
    } else if (xo === undefined || xt === undefined) {
      const deleter: Side = xo === undefined ? 'ours' : 'theirs';
      const kept = (xo ?? xt)!;
      const keeper: Side = deleter === 'ours' ? 'theirs' : 'ours';
      const rule: DeleteRule = spec.onDelete?.(id, deleter, kept, xb) ?? (same(kept, xb) ? 'delete' : { conflict: 'edit_delete' });
      if (rule === 'delete') out.set(id, { value: undefined, origin: deleter, deletedBy: deleter });
      else if (rule === 'keep') out.set(id, { value: kept, origin: keeper, deletedBy: deleter });
      else {
        const keptSide = { change: rule.conflict === 'edit_delete' ? 'changed' : 'uses', value: kept, ...(rule.ids ? { ids: rule.ids } : {}) } as const;
        const deletedSide = { change: 'deleted' } as const;
        const side = ctx.decide({ id: `${spec.collection}:${id}`, kind: rule.conflict, element: element(id), base: xb, ours: deleter === 'ours' ? deletedSide : keptSide, theirs: deleter === 'theirs' ? deletedSide : keptSide });
        out.set(id, { value: side === keeper ? kept : undefined, origin: side, deletedBy: deleter, conflict: `${spec.collection}:${id}` });
      }
    } else {
      const before = ctx.conflicts.length;
      const merged = same(xb, xo) ? xt : same(xb, xt) ? xo : spec.fields(xb, xo, xt);
      const origin: Entry<T>['origin'] = same(xb, xo) ? 'theirs' : same(xb, xt) ? 'ours' : 'merged';
      if (spec.valid && origin === 'merged' && !spec.valid(merged)) {
        // Each change is sound alone, not together: decide for the whole element.
        if (ctx.conflicts.length > before) ctx.retract(`${spec.collection}:${id}:`);
        const side = ctx.decide({ id: `${spec.collection}:${id}`, kind: 'incompatible', element: element(id), base: xb, ours: { change: 'changed', value: xo }, theirs: { change: 'changed', value: xt } });
        out.set(id, { value: side === 'ours' ? xo : xt, origin: side, conflict: `${spec.collection}:${id}` });
      } else out.set(id, { value: merged, origin });
    }
  }
  return out;
}

/** The ids an entry map keeps. */
export const kept = <T>(entries: ReadonlyMap<string, Entry<T>>) => new Set([...entries].filter(([, e]) => e.value !== undefined).map(([id]) => id));
