import { factorOf, regulationInForce } from '../regulation/index.ts';
import type { FactorCode, PointsRule, RegulationVersion } from '../regulation/types.ts';
import { LATE_SIX, REMOVED_2017 } from '../regulation/versions.ts';
import { DEFAULT_RULES, type UnsettledRules } from './rules.ts';
import { addDays, addMonths, maxDate, minDate, wholeMonths } from '../util/dates.ts';
import type { PointsResult, PointsStep } from './types.ts';

export interface ContractInYear {
  /** Contract dates clamped to the year. */
  start: string;
  end: string;
  /** Whole contract length in months (not clamped): under one month nothing is declared. */
  contractMonths: number;
  fullYear: boolean;
}

export function contractInYear(year: number, start: string | undefined, end: string | undefined): ContractInYear | 'outside' {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const s = start ?? '0001-01-01';
  const e = end ?? '9999-12-31';
  if (s > yearEnd || e < yearStart) return 'outside';
  const clampedStart = maxDate(s, yearStart);
  const clampedEnd = minDate(e, yearEnd);
  // 9999-12-31 is the usual "no end date" marker of HR exports: treat it as open-ended.
  const openEnded = end === undefined || end >= '9999-01-01';
  const contractMonths = start === undefined || openEnded ? Infinity : wholeMonths(start, end);
  return { start: clampedStart, end: clampedEnd, contractMonths, fullYear: clampedStart === yearStart && clampedEnd === yearEnd };
}

export interface Window {
  start: string;
  end: string;
  /** The version in force on the window's last day (the forced one for a what-if). */
  version: RegulationVersion;
  rule: PointsRule;
}

/** A factor's whole 3-month windows of exposure in the year, and those that earn points, by rule. */
export interface FactorWindows {
  /** Whole windows of exposure, earning or not. */
  total: number;
  /** Windows that earn under the rule before 2023-09-01 (1 point for one factor, 2 for several). */
  oldRule: number;
  /** Windows that earn under the rule from 2023-09-01 (1 point per factor). */
  perFactorRule: number;
  /** Windows of exposure in which the factor earned nothing (it had left the account). */
  notEarning: number;
  first?: Window;
}

/** A contract's 3-month windows in the year, each judged under the rules in force on its last day. */
export interface ContractWindows {
  eligible: boolean;
  months: number;
  contract: ContractInYear;
  /**
   * The windows of `factor` when its exposure starts on `inForceFrom` at the earliest (the six factors
   * of 2016 from 2016-07-01), each earning under the rules in force on its last day.
   */
  factorWindows(factor: FactorCode, inForceFrom: string): FactorWindows;
}

/**
 * Whole 3-month windows from a start date to the contract's end in the year. Each window is judged
 * under the rules in force on its last day (or the forced version's, for a what-if): whether the factor
 * earns points then (so the postures of January–September 2017 earn under the former article while
 * October–December does not, ordonnance 2017-1389 art. 5 IV), and which points rule applies (2023-09-01).
 * The named `rules` settle what the texts leave open (README, "Unsettled points").
 */
export function contractWindows(contract: ContractInYear, version: RegulationVersion, forced: boolean, rules: UnsettledRules = DEFAULT_RULES): ContractWindows {
  const months = contract.fullYear ? 12 : wholeMonths(contract.start, contract.end);
  const lists = new Map<string, Window[]>();
  const windowsFrom = (start: string): Window[] => {
    let list = lists.get(start);
    if (!list) {
      list = [];
      const count = start > contract.end ? 0 : Math.floor((start === contract.start ? months : wholeMonths(start, contract.end)) / 3);
      for (let p = 0; p < count; p++) {
        const end = addDays(addMonths(start, 3 * (p + 1)), -1);
        const v = forced ? version : (regulationInForce(end) ?? version);
        list.push({ start: addMonths(start, 3 * p), end, version: v, rule: windowRule(v, end, forced, rules) });
      }
      lists.set(start, list);
    }
    return list;
  };
  // factor → entry-into-force date → windows: no key to build per employee on this hot path.
  const counted = new Map<FactorCode, Map<string, FactorWindows>>();
  const factorWindows = (factor: FactorCode, inForceFrom: string): FactorWindows => {
    let byDate = counted.get(factor);
    if (!byDate) counted.set(factor, (byDate = new Map()));
    let found = byDate.get(inForceFrom);
    if (!found) {
      const wholeYear2016 = !forced && rules.lateFactors2016 === 'whole_year' && LATE_SIX.includes(factor) && contract.start.startsWith('2016-');
      const from = wholeYear2016 || inForceFrom < contract.start ? contract.start : inForceFrom;
      const list = windowsFrom(from);
      found = { total: list.length, oldRule: 0, perFactorRule: 0, notEarning: 0 };
      if (list[0]) found.first = list[0];
      for (const w of list) {
        if (!earnsIn(factor, w, forced, rules)) found.notEarning++;
        else if (w.rule === 'per_period_per_factor') found.perFactorRule++;
        else found.oldRule++;
      }
      byDate.set(inForceFrom, found);
    }
    return found;
  };
  return { eligible: contract.contractMonths >= 1, months, contract, factorWindows };
}

function windowRule(v: RegulationVersion, end: string, forced: boolean, rules: UnsettledRules): PointsRule {
  if (!forced && end.startsWith('2023-')) {
    if (rules.points2023 === 'former_rule') return 'per_period_one_or_several';
    if (rules.points2023 === 'new_rule') return 'per_period_per_factor';
  }
  return v.pointsRule;
}

function earnsIn(factor: FactorCode, w: Window, forced: boolean, rules: UnsettledRules): boolean {
  if (!forced) {
    if (rules.lateFactors2016 === 'whole_year' && LATE_SIX.includes(factor) && w.end.startsWith('2016-')) return true;
    if (rules.removedFactors2017 === 'not_declared' && REMOVED_2017.includes(factor) && w.end.startsWith('2017-')) return false;
  }
  return factorOf(w.version, factor).earnsPoints;
}

/**
 * Points of one year on the prevention account (R4162-2 then R4163-9).
 *
 * The fund counts, per factor, the months of exposure in the year: from the contract's start, or from
 * the factor's entry into force when later (the six factors of 2016 from 2016-07-01), to the contract's
 * end. Each whole 3-month window of exposure earns under the rules in force on its last day — if the
 * factor still earns points then, and under the points rule of that day: from 2023-09-01, 1 point per
 * factor; before, 1 point for one factor and 2 for several — a quarter counts as "several" as long as a
 * second factor still has earning windows of its own (exposures start or end together, so the shorter
 * ones are nested in the longer one). Leftover months earn nothing; contracts under one
 * month are neither declared nor earn points; doubled for people born before 1956-07-01. The career
 * ceiling (100 points before 2023-09-01) depends on past years and is left to the fund. `detail`
 * is filled only when asked, as part of the explanation.
 */
export interface PointsInput {
  /** The contract's windows in the year (`contractWindows`). */
  windows: ContractWindows;
  /** The exposed factors that earn points under their judging version. */
  earning: readonly FactorCode[];
  /** Factor code → the day it entered into force (its windows start no earlier). */
  inForceFrom: ReadonlyMap<string, string>;
  /** Born before 1956-07-01: points doubled. */
  bornBeforeJuly1956: boolean;
  /** Fill `detail` with how the periods were counted (part of the trace). */
  withDetail: boolean;
}

export function computePoints({ windows, earning, inForceFrom, bornBeforeJuly1956, withDetail }: PointsInput): PointsResult {
  const multiplier = bornBeforeJuly1956 ? 2 : 1;
  const detail: PointsStep[] = [];
  if (!windows.eligible) {
    if (withDetail) detail.push({ kind: 'short_contract' });
    return { eligible: false, monthsInYear: windows.months, periods: 0, base: 0, multiplier, total: 0, detail };
  }
  let perFactor = 0;
  let periods = 0;
  // The two largest counts of windows under the former rule: "several factors" lasts as long as the second.
  let longest = 0;
  let several = 0;
  for (const code of earning) {
    const set = windows.factorWindows(code, inForceFrom.get(code) ?? windows.contract.start);
    perFactor += set.perFactorRule;
    if (set.oldRule > longest) {
      several = longest;
      longest = set.oldRule;
    } else if (set.oldRule > several) several = set.oldRule;
    if (set.total > periods) periods = set.total;
    if (withDetail) detail.push(set.first ? { kind: 'factor_periods', factor: code, periods: set.total, from: set.first.start, notEarning: set.notEarning } : { kind: 'factor_no_period', factor: code });
  }
  const base = perFactor + 2 * several + (longest - several);
  if (withDetail) {
    if (longest > 0) detail.push({ kind: 'former_rule', several, single: longest - several });
    if (perFactor > 0) detail.push({ kind: 'per_factor_rule', periods: perFactor });
    const leftover = windows.months - periods * 3;
    if (leftover > 0 && earning.length > 0) detail.push({ kind: 'leftover_months', months: leftover });
    if (multiplier === 2 && base > 0) detail.push({ kind: 'doubled' });
  }
  return { eligible: true, monthsInYear: windows.months, periods, base, multiplier, total: base * multiplier, detail };
}
