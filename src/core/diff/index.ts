export * from './types.ts';
export { diff, defaultOrder } from './diff.ts';
export { applyChanges } from './apply.ts';
