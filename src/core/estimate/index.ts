import { FACTOR_CODES, type FactorCode } from '../regulation/types.ts';
import type { Employee, Referential } from '../referential/schema.ts';
import { createEvaluator, EvaluationError, type CompanyAnswers } from '../evaluate/index.ts';

/** One staff sample: a company's answers and staff, standing for `weight` companies or workers. */
export interface StaffSample {
  name: string;
  company: CompanyAnswers;
  employees: readonly Employee[];
  /** How many of the branch's workers each employee of the sample stands for (default 1). */
  weight?: number;
}

export interface EstimateRow {
  job: string;
  jobLabel: string;
  /** Estimated workers whose main job this is (weighted). */
  workers: number;
  exposed: Partial<Record<FactorCode, number>>;
  share: Partial<Record<FactorCode, number>>;
  exposedAny: number;
}

export interface HeadcountEstimate {
  referential: string;
  version: string;
  year: number;
  rows: EstimateRow[];
  total: EstimateRow;
  samples: Array<{ name: string; employees: number; evaluated: number; weight: number }>;
  errors: Array<{ sample: string; employee: string; error: EvaluationError }>;
}

/**
 * The estimate of exposed workers the homologation dossier must carry (D4163-6): every sample's staff
 * evaluated with the referential, each employee counted once under their main job (largest share; the
 * first listed on a tie) and multiplied by the sample's weight.
 */
export function estimateHeadcount(referential: Referential, samples: readonly StaffSample[], year: number): HeadcountEstimate {
  const rows = new Map<string, EstimateRow>();
  const row = (job: string, jobLabel: string) => {
    let r = rows.get(job);
    if (!r) rows.set(job, (r = { job, jobLabel, workers: 0, exposed: {}, share: {}, exposedAny: 0 }));
    return r;
  };
  for (const job of referential.jobs) row(job.id, job.label);
  const total: EstimateRow = { job: '*', jobLabel: 'Ensemble', workers: 0, exposed: {}, share: {}, exposedAny: 0 };
  const out: HeadcountEstimate = { referential: referential.id, version: referential.identity.version, year, rows: [], total, samples: [], errors: [] };
  for (const sample of samples) {
    const weight = sample.weight ?? 1;
    const evaluator = createEvaluator(referential, sample.company, { year });
    let evaluated = 0;
    for (const employee of sample.employees) {
      let result;
      try {
        result = evaluator.evaluate(employee);
      } catch (error) {
        if (!(error instanceof EvaluationError)) throw error;
        out.errors.push({ sample: sample.name, employee: employee.id, error });
        continue;
      }
      evaluated++;
      const main = employee.jobs.reduce((best, j) => (j.share > best.share ? j : best));
      const target = row(main.job, referential.jobs.find((j) => j.id === main.job)?.label ?? main.job);
      for (const r of [target, total]) {
        r.workers += weight;
        for (const f of result.exposedFactors) r.exposed[f] = (r.exposed[f] ?? 0) + weight;
        if (result.exposedFactors.length > 0) r.exposedAny += weight;
      }
    }
    out.samples.push({ name: sample.name, employees: sample.employees.length, evaluated, weight });
  }
  for (const r of [...rows.values(), total]) {
    for (const f of FACTOR_CODES) if (r.exposed[f] !== undefined) r.share[f] = r.workers === 0 ? 0 : r.exposed[f]! / r.workers;
  }
  out.rows = [...rows.values()];
  return out;
}
