export * from './schema.ts';
export { loadGraph, loadGraphText, GRAPH_MIGRATIONS } from './load.ts';
// The automatic layout is not here: import it from ../layout.ts, where it is needed (the layout worker,
// the CLI's decompile, tests), so that its engine stays out of the app's main bundle.
export * from './lanes.ts';
export * from './fragment.ts';
export { placeNewNode, freeSpot } from './place.ts';
