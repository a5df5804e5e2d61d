import type { Side } from './types.ts';

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The merged order of an id list. The elements every version keeps form a skeleton in the order of
 * the side that reordered them (a conflict when both did, differently: `onConflict` picks the side);
 * each side's other elements follow the skeleton element they follow on that side. When both sides
 * put elements after the same one, the run whose first id sorts first comes first: symmetric, so that
 * merging a with b or b with a gives the same list. Ids outside `keep` are left out; ids of `keep` in
 * neither list come last, sorted.
 *
 * (A text diff3 would report two insertions at the same place as a conflict; for a list of elements
 * keyed by id, both insertions simply stand.)
 */
export function mergeOrder(base: readonly string[], ours: readonly string[], theirs: readonly string[], keep: ReadonlySet<string>, onConflict: () => Side): string[] {
  const inOurs = new Set(ours);
  const inTheirs = new Set(theirs);
  const common = new Set(base.filter((id) => keep.has(id) && inOurs.has(id) && inTheirs.has(id)));
  const b = base.filter((id) => common.has(id));
  const o = ours.filter((id) => common.has(id));
  const t = theirs.filter((id) => common.has(id));
  const skeleton = sameList(o, b) ? t : sameList(t, b) || sameList(o, t) ? o : onConflict() === 'ours' ? o : t;

  const runs = (list: readonly string[]) => {
    const out = new Map<string | null, string[]>();
    let anchor: string | null = null;
    for (const id of list) {
      if (common.has(id)) anchor = id;
      else if (keep.has(id)) (out.get(anchor) ?? out.set(anchor, []).get(anchor)!).push(id);
    }
    return out;
  };
  const ro = runs(ours);
  const rt = runs(theirs);
  const placed = new Set<string>();
  const out: string[] = [];
  const emit = (id: string) => {
    if (placed.has(id)) return;
    placed.add(id);
    out.push(id);
  };
  const follow = (anchor: string | null) => {
    const x = ro.get(anchor) ?? [];
    const y = rt.get(anchor) ?? [];
    const first = x.length === 0 ? y : y.length === 0 ? x : runKey(x) <= runKey(y) ? x : y;
    const second = first === x ? y : x;
    for (const id of first) emit(id);
    for (const id of second) emit(id);
  };
  follow(null);
  for (const id of skeleton) {
    emit(id);
    follow(id);
  }
  for (const id of [...keep].filter((id) => !placed.has(id)).sort()) emit(id);
  return out;
}

const runKey = (run: readonly string[]) => `${run[0]}\u0000${run.join('\u0000')}`;
