export * from './schema.ts';
export { loadGraph, loadGraphText, GRAPH_MIGRATIONS } from './load.ts';
export { layoutGraph, withLayout } from './layout.ts';
export * from './lanes.ts';
