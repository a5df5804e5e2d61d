import type { FactorCode } from '../../core/index.ts';

/**
 * The three states of a DUER hardship cell, as the branch matrices write them (seed 004, FP2E and
 * SEDIMA): someone exposed beyond the threshold; nobody exposed, but someone has some exposure to the
 * factor (under the threshold, or to analyse), so prevention is to be put in place; nobody exposed at all.
 */
export type HardshipState = 'exposed' | 'prevention' | 'none';

export interface DuerRow {
  job: string;
  label: string;
  /** Employees holding the job (any share). */
  headcount: number;
  exposed: Record<FactorCode, number>;
  state: Record<FactorCode, HardshipState>;
}

export interface DuerMatrix {
  factors: FactorCode[];
  rows: DuerRow[];
  total: { headcount: number; exposed: Record<FactorCode, number>; state: Record<FactorCode, HardshipState> };
  regulation: string;
}
