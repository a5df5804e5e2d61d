export * from './types.ts';
export { diff, defaultOrder } from './diff.ts';
export { applyChanges } from './apply.ts';
export { diffMarkdown, ASPECT_LABELS, reachByJob } from './report.ts';
export { impact, type ImpactResult, type EmployeeImpact, type FactorImpact, type ChangeRef } from './impact.ts';
