import { FACTOR_CODES, type FactorCode, type ThresholdUnit } from '../regulation/types.ts';
import type { TemporaryWork, Verdict } from '../referential/schema.ts';
import type { AbsenceResult, EmployeeResult } from './types.ts';
import { round6 } from '../util/round.ts';

/*
 * The compact result of the specialised path: what a staff of a million needs per employee — the
 * exposure of each threshold group, the verdicts as bit sets over `FACTOR_CODES`, the points — with
 * the labels, thresholds and units in a layout shared by every employee of one regulation version and
 * contract shape. The detailed result (`EmployeeResult`) and the trace come from the general path, for
 * the employee someone opens.
 */

/** A threshold group of the employee's regulation version, in the order of `EmployeeResult.factors[].groups`. */
export interface LayoutGroup {
  factor: FactorCode;
  /** Index of the factor in `ResultLayout.factors`. */
  factorIndex: number;
  code: string;
  label: string;
  /** The legal threshold; `null` for the chemicals grid and for a factor with no legal threshold. */
  threshold: number | null;
  /** The former threshold of a factor without a legal threshold any more, for prevention only. */
  indicativeThreshold: number | null;
  unit: ThresholdUnit | null;
  /** Judged on the arrêté grid (chemicals): no exposure figure, the referential's conclusion. */
  grid: boolean;
}

export interface LayoutFactor {
  factor: FactorCode;
  /** Bit of the factor in the result's sets: `1 << FACTOR_CODES.indexOf(factor)`. */
  bit: number;
  label: string;
  /** The version whose table judged the factor (see `FactorResult.regulation`). */
  regulation: string;
  inForce: boolean;
  legalThreshold: boolean;
  earnsPoints: boolean;
  retained: boolean;
  dsnCode: string;
  /** Its groups: `groups[from]` to `groups[to - 1]`. */
  from: number;
  to: number;
}

/** Shared by every compact result of one regulation version and contract shape: never copied per employee. */
export interface ResultLayout {
  regulation: string;
  factors: LayoutFactor[];
  groups: LayoutGroup[];
}

/**
 * The chemicals grid as it decides the verdict: 0 nothing (or the factor not in force), 1 a situation
 * to analyse, 2 a situation exposed — or, for chemicals without a legal threshold, any situation on it.
 */
export type GridLevel = 0 | 1 | 2;

export interface CompactResult {
  employee: string;
  year: number;
  regulation: string;
  layout: ResultLayout;
  /** Employee's annual hours over the referential's reference year. */
  workingTimeRatio: number;
  /** Per group of `layout.groups`: the year's exposure in its threshold unit, rounded to 10⁻⁶ (0 for the grid). */
  exposures: number[];
  grid: GridLevel;
  /** Bit sets over `FACTOR_CODES` (`factorBit`): the verdict of each factor. */
  exposed: number;
  toAnalyse: number;
  noLegalThreshold: number;
  /** Factors to declare (DSN codes): exposed, earning points, eligible contract. */
  declared: number;
  points: number;
  /** The contract number carried into the declaration. */
  contract: string | undefined;
  absence: AbsenceResult | undefined;
  temporary: TemporaryWork | undefined;
}

export const factorBit = (factor: FactorCode): number => 1 << FACTOR_CODES.indexOf(factor);

/** The factors of a bit set, in `FACTOR_CODES` order. */
export function factorsOf(bits: number): FactorCode[] {
  const out: FactorCode[] = [];
  for (let i = 0; i < FACTOR_CODES.length; i++) if (bits & (1 << i)) out.push(FACTOR_CODES[i]!);
  return out;
}

/** A factor's verdict in a compact result. */
export function compactVerdict(result: CompactResult, factor: LayoutFactor): Verdict {
  return result.exposed & factor.bit ? 'exposed' : result.toAnalyse & factor.bit ? 'to_analyse' : result.noLegalThreshold & factor.bit ? 'no_legal_threshold' : 'not_exposed';
}

/**
 * A threshold group's verdict, by the rule of the general path (`factorVerdict` in employee.ts): ≥ the
 * threshold for a factor in force; any positive exposure is "outside the declaration" for a factor
 * without a legal threshold; the grid gives the referential's conclusion.
 */
export function groupVerdict(layout: ResultLayout, g: number, exposure: number, grid: GridLevel): Verdict {
  const group = layout.groups[g]!;
  const factor = layout.factors[group.factorIndex]!;
  const abrogated = factor.inForce && !factor.legalThreshold;
  if (group.grid) return !factor.inForce || grid === 0 ? 'not_exposed' : abrogated ? 'no_legal_threshold' : grid === 2 ? 'exposed' : 'to_analyse';
  if (abrogated) return exposure > 0 ? 'no_legal_threshold' : 'not_exposed';
  return factor.inForce && exposure >= group.threshold! ? 'exposed' : 'not_exposed';
}

/**
 * The group that decides a factor's verdict, when one line per factor is wanted: the group with the
 * factor's verdict furthest beyond its threshold, otherwise the one closest to it (ratios, because the
 * groups of one factor have different units: hours and peaks for noise) — the rule of `decisiveGroup`
 * on detailed results. `undefined` for a factor without groups.
 */
export function decisiveGroupIndex(result: CompactResult, factor: LayoutFactor): number | undefined {
  const verdict = compactVerdict(result, factor);
  const { groups } = result.layout;
  let anyMatch = false;
  for (let g = factor.from; g < factor.to; g++) if (groupVerdict(result.layout, g, result.exposures[g]!, result.grid) === verdict) anyMatch = true;
  let best: number | undefined;
  let bestRatio = -Infinity;
  for (let g = factor.from; g < factor.to; g++) {
    const v = groupVerdict(result.layout, g, result.exposures[g]!, result.grid);
    if (anyMatch && v !== verdict) continue;
    const threshold = groups[g]!.threshold;
    const ratio = threshold !== null && threshold > 0 ? result.exposures[g]! / threshold : v === 'to_analyse' ? 0 : -1;
    if (best === undefined || ratio > bestRatio) {
      best = g;
      bestRatio = ratio;
    }
  }
  return best;
}

/** exposure − threshold of a group with a legal threshold, rounded as `GroupResult.margin`; `null` otherwise. */
export function groupMargin(result: CompactResult, g: number): number | null {
  const threshold = result.layout.groups[g]!.threshold;
  return threshold === null ? null : round6(result.exposures[g]! - threshold);
}

/** The layout of a detailed result (for the rare employee the specialised path hands to the general one). */
export function layoutOf(result: EmployeeResult): ResultLayout {
  const factors: LayoutFactor[] = [];
  const groups: LayoutGroup[] = [];
  result.factors.forEach((f, factorIndex) => {
    const from = groups.length;
    for (const g of f.groups) {
      const grid = g.threshold === null && g.indicativeThreshold === undefined;
      groups.push({
        factor: f.factor,
        factorIndex,
        code: g.code,
        label: g.label,
        threshold: g.threshold?.value ?? null,
        indicativeThreshold: g.indicativeThreshold?.value ?? null,
        unit: g.threshold?.unit ?? g.indicativeThreshold?.unit ?? null,
        grid,
      });
    }
    factors.push({ factor: f.factor, bit: factorBit(f.factor), label: f.label, regulation: f.regulation, inForce: f.inForce, legalThreshold: f.legalThreshold, earnsPoints: f.earnsPoints, retained: f.retained, dsnCode: f.dsnCode, from, to: groups.length });
  });
  return { regulation: result.regulation, factors, groups };
}

const bitsOf = (factors: readonly FactorCode[]) => factors.reduce((bits, f) => bits | factorBit(f), 0);

/** A detailed result in compact form (same figures, the layout rebuilt from it). */
export function compactOf(result: EmployeeResult, contract: string | undefined, layout: ResultLayout = layoutOf(result)): CompactResult {
  const exposures: number[] = new Array<number>(layout.groups.length).fill(0);
  let g = 0;
  let grid: GridLevel = 0;
  for (const f of result.factors) {
    for (const group of f.groups) {
      exposures[g++] = group.exposure;
      if (group.threshold === null && group.indicativeThreshold === undefined && group.verdict !== 'not_exposed') grid = group.verdict === 'to_analyse' ? 1 : 2;
    }
  }
  return {
    employee: result.employee,
    year: result.year,
    regulation: result.regulation,
    layout,
    workingTimeRatio: result.workingTimeRatio,
    exposures,
    grid,
    exposed: bitsOf(result.exposedFactors),
    toAnalyse: bitsOf(result.toAnalyse),
    noLegalThreshold: bitsOf(result.noLegalThreshold),
    declared: bitsOf(result.dsn.map((d) => d.factor)),
    points: result.points.total,
    contract,
    absence: result.absence,
    temporary: result.temporary,
  };
}
