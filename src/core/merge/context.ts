import equal from 'fast-deep-equal';
import type { ConflictSide, MergeChoices, MergeCollection, MergeConflict, MergedElement, MergeNotice, Side } from './types.ts';

/** Structural equality of JSON values, whatever the key order; an absent value equals `undefined`. */
export const same = (x: unknown, y: unknown): boolean => equal(x ?? null, y ?? null);

/** Which version a merged value comes from. */
export type Origin = 'base' | 'ours' | 'theirs' | 'both';

/** The textbook three-way rule: a side that did not change the value lets the other side's change through. */
export function merge3<T>(b: T | undefined, o: T | undefined, t: T | undefined): { ok: true; value: T | undefined; origin: Origin } | { ok: false } {
  if (same(o, t)) return { ok: true, value: o, origin: same(o, b) ? 'base' : 'both' };
  if (same(b, o)) return { ok: true, value: t, origin: 'theirs' };
  if (same(b, t)) return { ok: true, value: o, origin: 'ours' };
  return { ok: false };
}

/** A side's change to a value, as a conflict records it. */
export function sideOf(b: unknown, x: unknown, element = false): ConflictSide {
  if (x === undefined) return { change: element ? 'deleted' : 'removed' };
  return { change: b === undefined ? 'added' : 'changed', value: x };
}

export type Namer = (collection: MergeCollection, id: string) => Omit<MergedElement, 'collection' | 'id'>;

interface NewConflict {
  id: string;
  kind: MergeConflict['kind'];
  element: { collection: MergeCollection; id: string };
  field?: { path: string };
  base?: unknown;
  ours: ConflictSide;
  theirs: ConflictSide;
}

/** Collects the conflicts (deciding each as the choices say) and the notices of one merge. */
export class MergeContext {
  readonly conflicts: MergeConflict[] = [];
  readonly notices: MergeNotice[] = [];

  constructor(
    private readonly choices: MergeChoices,
    /** Names an element by its label (and its kind, for a node or an edge). */
    readonly name: Namer,
  ) {}

  /** Records a conflict and returns the side chosen for it (`ours` unless a choice says otherwise). */
  decide(c: NewConflict): Side {
    const chosen = this.choices[c.id] ?? 'ours';
    const conflict: MergeConflict = { id: c.id, kind: c.kind, element: { ...c.element, ...this.name(c.element.collection, c.element.id) }, ours: c.ours, theirs: c.theirs, chosen };
    if (c.field) conflict.field = c.field;
    if (c.base !== undefined) conflict.base = c.base;
    this.conflicts.push(conflict);
    return chosen;
  }

  /** Forgets the conflicts recorded under an id prefix (field conflicts replaced by a whole-element one). */
  retract(prefix: string): void {
    for (let i = this.conflicts.length - 1; i >= 0; i--) if (this.conflicts[i]!.id.startsWith(prefix)) this.conflicts.splice(i, 1);
  }

  notice(notice: MergeNotice): void {
    if (notice.ids.length > 0) this.notices.push(notice);
  }
}
