import type { FactorCode, ThresholdUnit } from '../regulation/types.ts';
import type { DurationUnit, Verdict } from '../referential/schema.ts';
import type { UnsettledRules } from './rules.ts';
import type { DerivedQuantity } from './intensity.ts';

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
  /** Choices where the law is unsettled; each missing one takes its documented default (`DEFAULT_RULES`). */
  rules?: Partial<UnsettledRules>;
  /**
   * `false`: compact results from the general path too, without the specialised plan (the reference the
   * specialised path is tested and measured against). Default true.
   */
  specialise?: boolean;
}

export type PathStep =
  | { node: string; kind: 'question'; question: string; label: string; answer: string | number | boolean; source: 'company' | 'employee' }
  | { node: string; kind: 'measure'; measure: string; label: string; applied: boolean };

/**
 * One step of a contribution's arithmetic, in the order it is done: figures, units and ids only. The
 * presentation layer (`src/present/evaluation.ts`) writes it in French, with the one number formatter.
 */
export type ArithmeticStep =
  /** Repetitive work: a quantity the situation does not state, computed from the two it does. */
  | { kind: 'derived'; derived: DerivedQuantity }
  /** The stated duration converted to the threshold's unit at 100 % time. */
  | { kind: 'full_time'; stated: { value: number; unit: DurationUnit }; value: number; unit: ThresholdUnit | null }
  /** Chemicals: judged on the arrêté grid, no duration. */
  | { kind: 'grid' }
  /** Nights deducted because they already count as alternating shifts (from 2016-01-01). */
  | { kind: 'night_deduction'; nights: number }
  /** The intensity test of `criterion` (a criterion code of `factor`) fails: nothing is counted. */
  | { kind: 'intensity_not_met'; factor: FactorCode; criterion: string }
  /** A multiplier: the job's and the task's shares (in %), the working time ratio, the presence outside long absences. */
  | { kind: 'share'; of: 'job' | 'task'; percent: number }
  | { kind: 'working_time'; ratio: number }
  | { kind: 'presence'; ratio: number }
  /** The part of the year a prevention measure put in place during it leaves this contribution. */
  | { kind: 'period'; fraction: number; from: string; to: string }
  /** What the contribution adds to the year's exposure. */
  | { kind: 'result'; value: number; unit: ThresholdUnit | null };

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
  /** How `amount` was computed, step by step. */
  arithmetic: ArithmeticStep[];
  /** When a prevention measure was put in place during the year: the part of the year this counts for. */
  period?: { from: string; to: string; fraction: number };
}

export interface GroupResult {
  code: string;
  label: string;
  /** The legal threshold; `null` for the chemicals grid and for a factor with no legal threshold any more. */
  threshold: { value: number; unit: ThresholdUnit } | null;
  /**
   * For the four factors outside the prevention account since 2017-10-01: the former D4161-2 threshold,
   * shown as a reference for prevention only — it decides nothing.
   */
  indicativeThreshold?: { value: number; unit: ThresholdUnit };
  exposure: number;
  /** exposure − threshold, in the threshold's unit (negative: under the threshold). */
  margin: number;
  verdict: Verdict;
}

export interface FactorResult {
  factor: FactorCode;
  label: string;
  /**
   * The regulation version whose table judged this factor: the employee's version, or for the four
   * factors removed on 2017-10-01 the former one when the contract has days before that date
   * (ordonnance 2017-1389 art. 5 IV, rule `removedFactors2017`).
   */
  regulation: string;
  inForce: boolean;
  /** False when the factor has no legal threshold in that version (verdict `no_legal_threshold`). */
  legalThreshold: boolean;
  retained: boolean;
  earnsPoints: boolean;
  dsnCode: string;
  verdict: Verdict;
  groups: GroupResult[];
  /**
   * For manual handling, postures and vibrations: the employee's jobs (ids, with a positive share and,
   * when the listing names activities, one of them) that the branch lists as particularly exposed to
   * this factor (L4163-2-1). Absent when none. It earns no points and changes no verdict.
   */
  particularlyExposedJobs?: string[];
}

export interface PointsResult {
  /** False when the contract lasts less than one month: nothing is declared, no point is earned. */
  eligible: boolean;
  monthsInYear: number;
  periods: number;
  base: number;
  multiplier: 1 | 2;
  total: number;
  /** How the periods were counted (filled with the trace); the presentation layer writes it in French. */
  detail: PointsStep[];
}

/** One line of how a year's points were counted (R4162-2 then R4163-9). */
export type PointsStep =
  /** The contract lasts less than a month: nothing declared, no point. */
  | { kind: 'short_contract' }
  /** An earning factor with no whole 3-month window of exposure in the year. */
  | { kind: 'factor_no_period'; factor: FactorCode }
  /** An earning factor's whole 3-month windows from `from`, `notEarning` of which earn nothing (the factor had left the account). */
  | { kind: 'factor_periods'; factor: FactorCode; periods: number; from: string; notEarning: number }
  /** The rule before 2023-09-01: windows with several factors count 2 points, with one factor 1. */
  | { kind: 'former_rule'; several: number; single: number }
  /** The rule from 2023-09-01: 1 point per window and factor. */
  | { kind: 'per_factor_rule'; periods: number }
  /** Months outside a whole 3-month window: no point. */
  | { kind: 'leftover_months'; months: number }
  /** Born before 1956-07-01: points doubled. */
  | { kind: 'doubled' };

/** What the employee's recorded long absences did to the year's exposure (see `absenceEffect`). */
export interface AbsenceResult {
  contractDays: number;
  absentDays: number;
  /** The post's annual exposure was multiplied by this. */
  presence: number;
  periods: Array<{ from: string; to: string; days: number; reason: import('../referential/schema.ts').AbsenceReason }>;
  /** Factors exposed on the post's usual conditions that the absences bring under their threshold. */
  changed: FactorCode[];
}

export interface DsnEntry {
  factor: FactorCode;
  code: string;
  year: number;
  contract?: string;
}

/**
 * Where the year's exposures are declared: exposures of 2015 and 2016 went through the DADS (rubric S65,
 * or the MSA's declaration for farm employers), later ones through the DSN (bloc S21.G00.34, R4163-8).
 */
export type DeclarationChannel = 'dads' | 'dsn';

export interface EmployeeResult {
  employee: string;
  year: number;
  regulation: string;
  channel: DeclarationChannel;
  /** Employee's annual hours over the referential's reference year: part time scales exposure. */
  workingTimeRatio: number;
  factors: FactorResult[];
  exposedFactors: FactorCode[];
  toAnalyse: FactorCode[];
  /** Factors outside the declaration with no legal threshold, to which the employee's situations still expose them (prevention). */
  noLegalThreshold: FactorCode[];
  points: PointsResult;
  /**
   * The factors to declare for this contract and year, with their DSN codes. For a temporary worker the
   * agency declares them, not the user company (see `temporary`).
   */
  dsn: DsnEntry[];
  /** Set when recorded long absences fall in the contract's year. */
  absence?: AbsenceResult;
  /** Set for a temporary worker: the agency that declares this exposure (L4163-1 IV). */
  temporary?: import('../referential/schema.ts').TemporaryWork;
  trace?: Contribution[];
}

export interface FactorTotal {
  factor: FactorCode;
  exposed: number;
  share: number;
}

export interface AgencyTotal {
  agency: string;
  workers: number;
  /** Temporary workers with at least one factor to declare (by the agency). */
  declared: number;
}

export interface StaffResult {
  results: EmployeeResult[];
  errors: Array<{ index: number; employee: string; error: import('./errors.ts').EvaluationError }>;
  /**
   * The company's own totals: temporary workers are left out (their agency declares them, L4163-1 IV) and
   * counted apart in `temporaryWorkers` and `byAgency`.
   */
  totals: {
    employees: number;
    evaluated: number;
    /** Temporary workers evaluated, not in the figures above nor below; present when there are any. */
    temporaryWorkers?: number;
    byAgency?: AgencyTotal[];
    exposedAny: number;
    exposedAnyShare: number;
    /** Employees exposed to at least one factor that earns points (the base of the 25 % rule). */
    exposedDeclared: number;
    exposedDeclaredShare: number;
    byFactor: FactorTotal[];
    points: number;
  };
}
