import { useEffect, useState } from 'react';

/** The two screens, addressed by the URL fragment so that a reload keeps the open referential. */
export type Route = { screen: 'list' } | { screen: 'referential'; key: string };

const PREFIX = '#/referentiel/';

export function parseRoute(hash: string): Route {
  if (hash.startsWith(PREFIX)) {
    try {
      const key = decodeURIComponent(hash.slice(PREFIX.length));
      if (key) return { screen: 'referential', key };
    } catch {
      // A mangled fragment falls back to the list.
    }
  }
  return { screen: 'list' };
}

export function hrefFor(route: Route): string {
  return route.screen === 'list' ? '#/' : `${PREFIX}${encodeURIComponent(route.key)}`;
}

/** The current route, and whether the user navigated to it (rather than opening the page on it). */
export function useRoute(): { route: Route; navigated: boolean } {
  const [state, setState] = useState(() => ({ route: parseRoute(window.location.hash), navigated: false }));
  useEffect(() => {
    const onChange = () => setState({ route: parseRoute(window.location.hash), navigated: true });
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return state;
}
