/*
 * The headcount estimate of both versions side by side, as table lines: per job (then « Ensemble »),
 * one line per factor for which either version counts exposed workers, then the workers exposed to at
 * least one factor. Pure.
 */
import { FACTOR_CODES, type EstimateRow, type FactorCode, type HeadcountEstimate } from '../../core/index.ts';

export interface EstimateGroup {
  /** The job id, `*` for the whole. */
  job: string;
  label: string;
  before: EstimateRow | undefined;
  after: EstimateRow | undefined;
  /** `any`: exposed to at least one factor; `null`: nobody exposed in either version. */
  lines: Array<{ factor: FactorCode | 'any' | null }>;
}

export function estimateLines(before: HeadcountEstimate, after: HeadcountEstimate): EstimateGroup[] {
  const jobs = new Map<string, string>();
  for (const r of [...before.rows, ...after.rows]) if (!jobs.has(r.job)) jobs.set(r.job, r.jobLabel);
  const groups: EstimateGroup[] = [];
  const push = (job: string, label: string, x: EstimateRow | undefined, y: EstimateRow | undefined) => {
    const factors = FACTOR_CODES.filter((f) => x?.exposed[f] !== undefined || y?.exposed[f] !== undefined);
    const lines: EstimateGroup['lines'] = factors.length > 0 ? [...factors.map((factor) => ({ factor })), { factor: 'any' as const }] : [{ factor: null }];
    groups.push({ job, label, before: x, after: y, lines });
  };
  for (const [job, label] of jobs) {
    push(job, label, before.rows.find((r) => r.job === job), after.rows.find((r) => r.job === job));
  }
  push('*', before.total.jobLabel, before.total, after.total);
  return groups;
}
