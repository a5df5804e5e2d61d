export * from './schema.ts';
export { loadGraph, loadGraphText, GRAPH_MIGRATIONS } from './load.ts';
export { layoutGraph, withLayout } from './layout.ts';
export * from './lanes.ts';
export * from './fragment.ts';
export { placeNewNode, freeSpot } from './place.ts';
