export * from './types.ts';
export { diff, defaultOrder } from './diff.ts';
export { applyChanges } from './apply.ts';
export { reachByJob } from './reach.ts';
export { impact, type ImpactResult, type EmployeeImpact, type FactorImpact, type ChangeRef } from './impact.ts';
