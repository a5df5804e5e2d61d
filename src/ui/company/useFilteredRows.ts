import { useEffect, useMemo, useState } from 'react';
import { chunksOf, unpackChunk } from './packedList.ts';

/*
 * The rows of a long list that pass a test (the results table's search and filters), found without a
 * long task. A packed list (packedList.ts) decodes a chunk on each read: one pass over 100 000 rows is
 * ~160 ms of decoding on this machine, a frozen search box on every keystroke. So over a packed list
 * the chunks are decoded and tested a slice at a time, the page handed back between slices, and what is
 * kept is the positions of the rows (an Int32Array), read back through the list for the rows in view.
 */

/** Rows read by position: the list itself, or the positions kept by a filter. */
export interface RowsView<T> {
  readonly length: number;
  at(index: number): T;
  /** The row's position in the whole list. */
  positionAt(index: number): number;
}

/** A slice of work between two yields to the page: well under the 50 ms of a long task. */
const SLICE_MS = 12;

const whole = <T>(list: readonly T[]): RowsView<T> => ({ length: list.length, at: (i) => list[i]!, positionAt: (i) => i });

const kept = <T>(list: readonly T[], positions: Int32Array): RowsView<T> => ({ length: positions.length, at: (i) => list[positions[i]!]!, positionAt: (i) => positions[i]! });

/**
 * `keep` null: the list as it is. Otherwise its rows that `keep` accepts (given each row and its position) — at once for a plain array,
 * slice by slice for a packed one (`pending` until the last slice; the previous rows stay shown
 * meanwhile). `keep` must change only when the test does (useCallback).
 */
export function useFilteredRows<T>(list: readonly T[], keep: ((item: T, position: number) => boolean) | null): { rows: RowsView<T>; pending: boolean } {
  const [found, setFound] = useState<{ list: readonly T[]; keep: (item: T, position: number) => boolean; rows: RowsView<T> } | null>(null);
  const chunks = keep ? chunksOf(list) : undefined;
  const plain = useMemo(() => {
    if (!keep || chunks) return null;
    const positions: number[] = [];
    for (let i = 0; i < list.length; i++) if (keep(list[i]!, i)) positions.push(i);
    return kept(list, Int32Array.from(positions));
  }, [list, keep, chunks]);

  useEffect(() => {
    if (!keep || !chunks) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const positions: number[] = [];
    let c = 0;
    let start = 0;
    const slice = () => {
      const t0 = performance.now();
      while (c < chunks.length && performance.now() - t0 < SLICE_MS) {
        const items = unpackChunk<T>(chunks[c]!);
        for (let k = 0; k < items.length; k++) if (keep(items[k]!, start + k)) positions.push(start + k);
        start += chunks[c]!.count;
        c++;
      }
      if (cancelled) return;
      if (c < chunks.length) timer = setTimeout(slice, 0);
      else setFound({ list, keep, rows: kept(list, Int32Array.from(positions)) });
    };
    slice();
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [list, keep, chunks]);

  if (!keep) return { rows: whole(list), pending: false };
  if (plain) return { rows: plain, pending: false };
  if (found && found.list === list && found.keep === keep) return { rows: found.rows, pending: false };
  return { rows: found && found.list === list ? found.rows : whole(list), pending: true };
}
