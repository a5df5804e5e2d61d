import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute, type Route } from '../src/ui/route.ts';

describe('screen addresses (URL fragment)', () => {
  const routes: Route[] = [
    { screen: 'list' },
    { screen: 'referential', key: 'exemple-atelier@1.0.0' },
    { screen: 'editor', id: 'sedima machinisme/agricole' },
    { screen: 'companies' },
    { screen: 'company', id: 'c-1' },
    { screen: 'review' },
    { screen: 'review', a: 'x@1.0.0' },
    { screen: 'review', a: 'x@1.0.0', b: 'x@1.1.0' },
  ];
  it.each(routes.map((r) => [hrefFor(r), r] as const))('%s parses back to its route', (href, route) => {
    expect(parseRoute(href)).toEqual(route);
  });
  it('unknown or mangled fragments fall back to the list', () => {
    expect(parseRoute('#/nimporte')).toEqual({ screen: 'list' });
    expect(parseRoute('#/referentiel/%E0%A4%A')).toEqual({ screen: 'list' });
    expect(parseRoute('')).toEqual({ screen: 'list' });
  });
});
