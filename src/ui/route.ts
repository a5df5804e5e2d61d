import { useEffect, useState } from 'react';

/**
 * The screens, addressed by the URL fragment so that a reload keeps the open screen:
 * `#/` referentials, `#/referentiel/<id@version>`, `#/editeur/<referential id>` (its working draft),
 * `#/editeur/<id>/impression` (the logigramme as a printable chart), `#/entreprises`, `#/entreprise/<company id>`, `#/comparer/<id@version>/<id@version>`,
 * `#/dossier/<id@version>` (the printable homologation dossier of a stored version).
 */
export type Route =
  | { screen: 'list' }
  | { screen: 'referential'; key: string }
  | { screen: 'editor'; id: string; print?: boolean }
  | { screen: 'companies' }
  | { screen: 'company'; id: string }
  | { screen: 'review'; a?: string; b?: string }
  | { screen: 'dossier'; key: string };

const decode = (part: string | undefined): string | undefined => {
  if (!part) return undefined;
  try {
    return decodeURIComponent(part) || undefined;
  } catch {
    // A mangled fragment part counts as absent.
    return undefined;
  }
};

export function parseRoute(hash: string): Route {
  const [, area, x, y] = hash.replace(/^#/, '').split('/');
  const first = decode(x);
  switch (area) {
    case 'referentiel':
      return first ? { screen: 'referential', key: first } : { screen: 'list' };
    case 'editeur':
      return first ? { screen: 'editor', id: first, ...(y === 'impression' ? { print: true } : {}) } : { screen: 'list' };
    case 'entreprises':
      return { screen: 'companies' };
    case 'entreprise':
      return first ? { screen: 'company', id: first } : { screen: 'companies' };
    case 'dossier':
      return first ? { screen: 'dossier', key: first } : { screen: 'list' };
    case 'comparer': {
      const route: Route = { screen: 'review' };
      const second = decode(y);
      if (first) route.a = first;
      if (second) route.b = second;
      return route;
    }
    default:
      return { screen: 'list' };
  }
}

export function hrefFor(route: Route): string {
  const e = encodeURIComponent;
  switch (route.screen) {
    case 'list':
      return '#/';
    case 'referential':
      return `#/referentiel/${e(route.key)}`;
    case 'editor':
      return `#/editeur/${e(route.id)}${route.print ? '/impression' : ''}`;
    case 'companies':
      return '#/entreprises';
    case 'company':
      return `#/entreprise/${e(route.id)}`;
    case 'dossier':
      return `#/dossier/${e(route.key)}`;
    case 'review':
      return `#/comparer${route.a ? `/${e(route.a)}${route.b ? `/${e(route.b)}` : ''}` : ''}`;
  }
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
