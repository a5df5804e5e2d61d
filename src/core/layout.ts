/**
 * The automatic layout of a logigramme: an entry of its own, outside the `index.ts` barrel, so that its
 * engine (d3-hierarchy) stays out of the app's main bundle and its other workers. Only its
 * users import it: the app's layout worker, the CLI's `decompile` (on demand), the sample builder and
 * tests. A budget test (test/bundle-budget.test.ts) fails when the engine leaks elsewhere.
 */
export { layoutGraph, layoutGraphSync, withLayout, LAYOUT_GAPS } from './graph/layout.ts';
