export * from './types.ts';
export { mergeGraphs } from './graph.ts';
export { mergeReferentials, type ReferentialMergeResult } from './referential.ts';
export { applyResolutions } from './resolve.ts';
export { mergeOrder } from './order.ts';
export { graphHash, baseOfGraph, baseOfReferential, exportableGraph, findCommonBase, type BaseCandidate, type CommonBase, type CommonBaseNotFound } from './base.ts';
