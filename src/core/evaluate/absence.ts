import type { AbsenceReason, Employee } from '../referential/schema.ts';
import { addDays, daysBetween, isIsoDate, maxDate, minDate } from '../util/dates.ts';
import { EvaluationError } from './errors.ts';
import type { ContractInYear } from './points.ts';

/*
 * Long absences (DGT-DSS instruction n° 1 of 13 March 2015, on the 2015 rules of the prevention account):
 * only absences that "remettent manifestement en cause l'exposition au-delà des seuils caractérisant le
 * poste occupé" count — long sick leave, training leave, sabbatical… Holidays and short sick leave do
 * not: exposure is the post's usual conditions appreciated on average over the year (D4163-3).
 *
 * The text gives no formula. The method here (README, "Long absences"): the employer re-assesses the
 * worker's actual annual exposure against the unchanged annual threshold — the post's exposure times the
 * share of the contract's days in the year the worker was present. A contract shorter than the year is
 * still judged on the post's usual conditions over a year (not prorated); an absence inside it reduces
 * that exposure by its share of the contract's days. The points, when the worker remains exposed, still
 * follow the contract's dates.
 *
 * Worked example (night work from 2024, threshold 100 nights): a post with 150 qualifying nights a year
 * and six months' long sick leave in 2024 (182 of 366 days) → 150 × 184 / 366 = 75.41 nights < 100: not
 * declared for 2024. Three weeks of sick leave would not be recorded (not a long absence).
 */

export interface AbsenceEffect {
  /** Days of the contract in the year. */
  contractDays: number;
  /** Days of recorded long absence inside them (overlaps counted once). */
  absentDays: number;
  /** (contractDays − absentDays) ÷ contractDays: what the post's annual exposure is multiplied by. */
  presence: number;
  /** The absences that fall in the contract's year, clamped to it. */
  periods: Array<{ from: string; to: string; days: number; reason: AbsenceReason }>;
}

/**
 * The effect of an employee's recorded long absences on the year's exposure, or `undefined` when none
 * falls inside the contract's days in the year. Throws `EvaluationError` (`absence_dates`) on dates that
 * are not dates or end before they start.
 *
 * @example
 * // Contract all 2024 (366 days), sick leave 2024-01-01 → 2024-06-30 (182 days): presence 184 / 366.
 * absenceEffect({ …, absences: [{ from: '2024-01-01', to: '2024-06-30', reason: 'long_sick_leave' }] }, contract)?.presence
 */
export function absenceEffect(employee: Employee, contract: ContractInYear): AbsenceEffect | undefined {
  const absences = employee.absences;
  if (!absences || absences.length === 0) return undefined;
  const periods: AbsenceEffect['periods'] = [];
  absences.forEach((a, i) => {
    if (!isIsoDate(a.from)) throw new EvaluationError('absence_dates', `absences[${i}].from`, { problem: 'not_a_date', end: 'start', value: String(a.from) });
    if (!isIsoDate(a.to)) throw new EvaluationError('absence_dates', `absences[${i}].to`, { problem: 'not_a_date', end: 'end', value: String(a.to) });
    if (a.to < a.from) throw new EvaluationError('absence_dates', `absences[${i}].to`, { problem: 'end_before_start', start: a.from, end: a.to });
    const from = maxDate(a.from, contract.start);
    const to = minDate(a.to, contract.end);
    if (from <= to) periods.push({ from, to, days: daysBetween(from, to) + 1, reason: a.reason });
  });
  if (periods.length === 0) return undefined;
  const contractDays = daysBetween(contract.start, contract.end) + 1;
  const absentDays = unionDays(periods);
  return { contractDays, absentDays, presence: (contractDays - absentDays) / contractDays, periods };
}

/** Days covered by the union of periods (two overlapping absences count their common days once). */
function unionDays(periods: ReadonlyArray<{ from: string; to: string }>): number {
  const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let total = 0;
  let end: string | undefined;
  for (const p of sorted) {
    const start = end !== undefined && p.from <= end ? addDays(end, 1) : p.from;
    if (start <= p.to) total += daysBetween(start, p.to) + 1;
    if (end === undefined || p.to > end) end = p.to;
  }
  return total;
}
