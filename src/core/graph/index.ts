export * from './schema.ts';
export { loadGraph, loadGraphText, GRAPH_MIGRATIONS } from './load.ts';
// The automatic layout (elkjs, ~440 KB gzip) is not here: import it from ../layout.ts, where it is needed.
export { NODE_SIZES } from './sizes.ts';
