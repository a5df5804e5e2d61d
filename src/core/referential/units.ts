import type { ThresholdUnit } from '../regulation/types.ts';
import type { DurationUnit } from './schema.ts';

export interface WorkingYear {
  annualHours: number;
  workingDays: number;
}

/**
 * Which stated duration units can be turned into a threshold's unit. Hours per day and a share of
 * working time go through the referential's reference working year (1 607 h, 228 days by default).
 */
const CONVERTIBLE: Record<ThresholdUnit, readonly DurationUnit[]> = {
  'h/year': ['h/year', 'h/day', 'percent_of_working_time'],
  'days/year': ['days/year', 'percent_of_working_time'],
  'nights/year': ['nights/year', 'percent_of_working_time'],
  'events/year': ['events/year'],
};

export function durationConvertible(from: DurationUnit, to: ThresholdUnit): boolean {
  return CONVERTIBLE[to].includes(from);
}

/**
 * A stated duration (on a 100 %-time basis) in the threshold's unit, or `undefined` when the units do
 * not fit. A share of working time counts hours for hour thresholds and working days otherwise (one
 * night or one day per working day).
 */
export function toThresholdUnit(value: number, from: DurationUnit, to: ThresholdUnit, year: WorkingYear): number | undefined {
  if (!durationConvertible(from, to)) return undefined;
  switch (from) {
    case 'h/day':
      return value * year.workingDays;
    case 'percent_of_working_time':
      return (value / 100) * (to === 'h/year' ? year.annualHours : year.workingDays);
    default:
      return value;
  }
}

/** Readable French unit, for messages and traces. */
export const UNIT_LABELS: Record<DurationUnit | ThresholdUnit, string> = {
  'h/day': 'h/jour',
  'h/year': 'h/an',
  percent_of_working_time: '% du temps de travail',
  'nights/year': 'nuits/an',
  'events/year': 'fois/an',
  'days/year': 'jours/an',
};
