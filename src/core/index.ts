/**
 * The one door the UI, the storage layer and the CLI come through. Everything here is pure
 * TypeScript: no DOM, no Node API, no clock, so the browser and the CLI run the same evaluation.
 */
export * from './regulation/index.ts';
export * from './referential/index.ts';
export * from './evaluate/index.ts';
export * from './scenarios/index.ts';
export { formatPath } from './util/path.ts';
export type { Result } from './util/result.ts';
export { isIsoDate } from './util/dates.ts';
export { SHARE_TOLERANCE, MAX_ANNUAL_HOURS, sharesComplete } from './util/constants.ts';
export * from './graph/index.ts';
export * from './compile/index.ts';
export * from './check/index.ts';
export * from './diff/index.ts';
export * from './estimate/index.ts';
export * from './lifecycle/index.ts';
export * from './obligation/index.ts';
export * from './graph/commands/index.ts';
export * from './comments/index.ts';
export * from './merge/index.ts';
export * from './declaration/index.ts';
