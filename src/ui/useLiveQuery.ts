import { liveQuery } from 'dexie';
import { useEffect, useState, type DependencyList } from 'react';

export type LiveState<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

/**
 * Subscribes to a Dexie query and re-renders when the tables it read change (in this tab or another).
 * A small stand-in for dexie-react-hooks, which the project does not depend on.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList): LiveState<T> {
  const [state, setState] = useState<LiveState<T>>({ status: 'loading' });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ status: 'ready', value }),
      error: (error: unknown) => setState({ status: 'error', error }),
    });
    return () => subscription.unsubscribe();
    // The caller lists the query's inputs, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
