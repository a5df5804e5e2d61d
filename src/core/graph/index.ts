export * from './schema.ts';
export { loadGraph, loadGraphText, GRAPH_MIGRATIONS } from './load.ts';
