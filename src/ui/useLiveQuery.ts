import { liveQuery } from 'dexie';
import { useEffect, useState, type DependencyList } from 'react';

export type LiveState<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'error'; error: unknown };

const LOADING = { status: 'loading' } as const;

const sameInputs = (a: DependencyList, b: DependencyList) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/**
 * Subscribes to a Dexie query and re-renders when the tables it read change (in this tab or another).
 * A small stand-in for dexie-react-hooks, which the project does not depend on. A result is kept with
 * the inputs it was read for: when they change, the hook says « loading » until the new query answers,
 * never the previous query's data.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: DependencyList): LiveState<T> {
  const [state, setState] = useState<{ inputs: DependencyList; live: LiveState<T> } | null>(null);
  useEffect(() => {
    const inputs = deps;
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ inputs, live: { status: 'ready', value } }),
      error: (error: unknown) => setState({ inputs, live: { status: 'error', error } }),
    });
    return () => subscription.unsubscribe();
    // The caller lists the query's inputs, as with useEffect (the rule cannot see through a parameter).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state && sameInputs(state.inputs, deps) ? state.live : LOADING;
}
