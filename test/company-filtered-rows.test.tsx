// @vitest-environment jsdom
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { packChunk, packedList, type PackedChunk } from '../src/ui/company/packedList.ts';
import { useFilteredRows } from '../src/ui/company/useFilteredRows.ts';

/*
 * The results table's search and filters over a packed list run a slice at a time (no long task while
 * typing over 100 000 rows): they must keep exactly the rows a plain filter keeps, in order, whichever
 * way the list is held, and a newer search must win over an older one still running.
 */

interface Row {
  employee: string;
  exposed: string[];
}

const ROWS: Row[] = Array.from({ length: 3_000 }, (_, i) => ({ employee: `E${String(i + 1).padStart(5, '0')}`, exposed: i % 3 === 0 ? ['noise'] : [] }));

function packed(rows: readonly Row[]): readonly Row[] {
  const chunks: PackedChunk[] = [];
  for (let i = 0; i < rows.length; i += 250) chunks.push(packChunk(rows.slice(i, i + 250)));
  return packedList<Row>(chunks);
}

const ids = (view: { length: number; at(i: number): Row }) => Array.from({ length: view.length }, (_, i) => view.at(i).employee);
const bySeven = (r: Row) => r.employee.includes('7') && r.exposed.length > 0;
const expected = ROWS.filter(bySeven).map((r) => r.employee);

describe('useFilteredRows', () => {
  it('a plain list: the kept rows at once', () => {
    const { result } = renderHook(() => useFilteredRows(ROWS, bySeven));
    expect(result.current.pending).toBe(false);
    expect(ids(result.current.rows)).toEqual(expected);
  });

  it('a packed list: the same rows, found slice by slice (pending meanwhile)', async () => {
    const list = packed(ROWS);
    // Each slice stops after 12 ms: a clock that advances 5 ms a reading makes several slices of 12 chunks.
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 5));
    try {
      const { result } = renderHook(() => useFilteredRows(list, bySeven));
      expect(result.current.pending).toBe(true);
      // While the search runs, the list as it was is shown.
      expect(result.current.rows.length).toBe(3_000);
      await waitFor(() => expect(result.current.pending).toBe(false));
      expect(ids(result.current.rows)).toEqual(expected);
    } finally {
      now.mockRestore();
    }
  });

  it('no test: the list itself; a newer test replaces an older one', async () => {
    const list = packed(ROWS);
    const { result, rerender } = renderHook(({ keep }: { keep: ((r: Row) => boolean) | null }) => useFilteredRows(list, keep), { initialProps: { keep: null as ((r: Row) => boolean) | null } });
    expect(result.current.rows.length).toBe(3_000);
    expect(result.current.rows.at(2_999).employee).toBe('E03000');
    const first = (r: Row) => r.employee.endsWith('1');
    const second = (r: Row) => r.employee.endsWith('42');
    rerender({ keep: first });
    rerender({ keep: second });
    await waitFor(() => expect(result.current.pending).toBe(false));
    expect(ids(result.current.rows)).toEqual(ROWS.filter(second).map((r) => r.employee));
  });

  it('a test by position (the rows a comparison marked): each row’s position in the whole list, plain or packed', async () => {
    // Marks at every 7th position, as a comparison's changedAt would: 0, 7, 14, … 2 996 (2 996 / 7 = 428, plus 0: 429 rows).
    const marks = Uint8Array.from(ROWS, (_, i) => (i % 7 === 0 ? 1 : 0));
    const marked = (_: Row, position: number) => marks[position] === 1;
    for (const list of [ROWS, packed(ROWS)]) {
      const { result } = renderHook(() => useFilteredRows(list, marked));
      await waitFor(() => expect(result.current.pending).toBe(false));
      expect(result.current.rows.length).toBe(429);
      expect(result.current.rows.at(1).employee).toBe('E00008');
      expect(result.current.rows.positionAt(1)).toBe(7);
      expect(result.current.rows.positionAt(428)).toBe(2_996);
    }
    // Unfiltered, a row's position is its index.
    const { result } = renderHook(() => useFilteredRows(ROWS, null));
    expect(result.current.rows.positionAt(42)).toBe(42);
  });
});
