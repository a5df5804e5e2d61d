import type { FactorCode, ThresholdUnit } from '../regulation/types.ts';
import type { DurationUnit, Verdict } from '../referential/schema.ts';

export interface EvaluationOptions {
  /** Calendar year of exposure being evaluated. */
  year: number;
  /**
   * Regulation version id or date forcing the thresholds (what-if). By default: the version in force
   * at the end of the year, or at the end of a contract ending earlier (when it is declared).
   */
  regulation?: string;
  /** Build the explanation of every contribution (slower; off for bulk runs). */
  trace?: boolean;
}

export type PathStep =
  | { node: string; kind: 'question'; question: string; label: string; answer: string | number | boolean; source: 'company' | 'employee' }
  | { node: string; kind: 'measure'; measure: string; label: string; applied: boolean };

/** One situation's criterion, weighted by the employee's share of the task: the unit of explanation. */
export interface Contribution {
  job: string;
  jobLabel: string;
  jobShare: number;
  task: string;
  taskLabel: string;
  taskShare: number;
  /** jobShare × taskShare as a fraction of the employee's working time. */
  weight: number;
  path: PathStep[];
  situation: string;
  situationLabel: string;
  factor: FactorCode;
  group: string;
  criterion: string;
  intensityMet: boolean;
  stated: { value: number; unit: DurationUnit } | null;
  /** Duration at 100 % time in the threshold's unit, after the night / alternating-shift deduction. */
  atFullTime: number;
  /** Nights deducted because they are already counted as alternating shifts (from 2016-01-01). */
  deducted: number;
  workingTimeRatio: number;
  amount: number;
  arithmetic: string;
  /** When a prevention measure was put in place during the year: the part of the year this counts for. */
  period?: { from: string; to: string; fraction: number };
}

export interface GroupResult {
  code: string;
  label: string;
  threshold: { value: number; unit: ThresholdUnit } | null;
  exposure: number;
  /** exposure − threshold, in the threshold's unit (negative: under the threshold). */
  margin: number;
  verdict: Verdict;
}

export interface FactorResult {
  factor: FactorCode;
  label: string;
  inForce: boolean;
  retained: boolean;
  earnsPoints: boolean;
  dsnCode: string;
  verdict: Verdict;
  groups: GroupResult[];
}

export interface PointsResult {
  /** False when the contract lasts less than one month: nothing is declared, no point is earned. */
  eligible: boolean;
  monthsInYear: number;
  periods: number;
  base: number;
  multiplier: 1 | 2;
  total: number;
  /** How each 3-month period was counted, in French. */
  detail: string[];
}

export interface DsnEntry {
  factor: FactorCode;
  code: string;
  year: number;
  contract?: string;
}

export interface EmployeeResult {
  employee: string;
  year: number;
  regulation: string;
  /** Employee's annual hours over the referential's reference year: part time scales exposure. */
  workingTimeRatio: number;
  factors: FactorResult[];
  exposedFactors: FactorCode[];
  toAnalyse: FactorCode[];
  points: PointsResult;
  dsn: DsnEntry[];
  trace?: Contribution[];
}

export interface FactorTotal {
  factor: FactorCode;
  exposed: number;
  share: number;
}

export interface StaffResult {
  results: EmployeeResult[];
  errors: Array<{ index: number; employee: string; error: import('./errors.ts').EvaluationError }>;
  totals: {
    employees: number;
    evaluated: number;
    exposedAny: number;
    exposedAnyShare: number;
    /** Employees exposed to at least one factor that earns points (the base of the 25 % rule). */
    exposedDeclared: number;
    exposedDeclaredShare: number;
    byFactor: FactorTotal[];
    points: number;
  };
}
