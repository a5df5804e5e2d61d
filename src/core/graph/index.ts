export * from './schema.ts';
export { loadGraph, loadGraphText, GRAPH_MIGRATIONS } from './load.ts';
export { layoutGraph, withLayout, NODE_SIZES } from './layout.ts';
