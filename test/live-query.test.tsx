// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, renderHook, waitFor } from '@testing-library/react';
import Dexie, { type Table } from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { useLiveQuery } from '../src/ui/useLiveQuery.ts';

/*
 * useLiveQuery keeps each result with the inputs it was read for: when the inputs change, the hook says
 * « loading » until the new query answers, and never hands the previous query's data for the new inputs.
 */

class Notes extends Dexie {
  notes!: Table<{ id: string; owner: string; text: string }, string>;
  constructor() {
    super('live-query-test');
    this.version(1).stores({ notes: 'id, owner' });
  }
}

const db = new Notes();
afterAll(() => db.delete());

describe('useLiveQuery', () => {
  it('a new input shows loading, then its own rows; never the rows of the previous input', async () => {
    await db.notes.bulkPut([
      { id: 'a1', owner: 'alice', text: 'note of alice' },
      { id: 'b1', owner: 'bob', text: 'note of bob' },
    ]);
    // Each render's answer for the owner it was rendered with.
    const answers: Array<{ owner: string; state: ReturnType<typeof useLiveQuery<string[]>> }> = [];
    const { result, rerender } = renderHook(
      ({ owner }: { owner: string }) => {
        const state = useLiveQuery(() => db.notes.where('owner').equals(owner).toArray().then((rows) => rows.map((r) => r.text)), [owner]);
        answers.push({ owner, state });
        return state;
      },
      { initialProps: { owner: 'alice' } },
    );
    await waitFor(() => expect(result.current).toEqual({ status: 'ready', value: ['note of alice'] }));
    rerender({ owner: 'bob' });
    // The very render with the new input, before its query answered.
    expect(result.current).toEqual({ status: 'loading' });
    await waitFor(() => expect(result.current).toEqual({ status: 'ready', value: ['note of bob'] }));
    for (const { owner, state } of answers) {
      if (state.status === 'ready') expect(state.value).toEqual([`note of ${owner}`]);
    }
  });

  it('a change to the table reaches the hook for the same input', async () => {
    const { result } = renderHook(() => useLiveQuery(() => db.notes.where('owner').equals('carol').count(), ['carol']));
    await waitFor(() => expect(result.current).toEqual({ status: 'ready', value: 0 }));
    await act(async () => {
      await db.notes.put({ id: 'c1', owner: 'carol', text: 'note of carol' });
    });
    await waitFor(() => expect(result.current).toEqual({ status: 'ready', value: 1 }));
  });
});
