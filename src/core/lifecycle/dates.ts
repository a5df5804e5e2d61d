import { addMonths, daysBetween, isIsoDate } from '../util/dates.ts';

/*
 * The homologation calendar. Since décret 2025-277 (27 March 2025) the joint arrêté homologating a branch
 * referential lasts five years, and the branch must have re-evaluated its referential at least six months
 * before it expires. Dates are ISO strings (`YYYY-MM-DD`); the clock is never read here: "today" is passed in.
 */

/** Date of décret 2025-277, which limited homologations to five years. */
export const DECREE_2025_277 = '2025-03-27';
export const HOMOLOGATION_YEARS = 5;
export const REEVALUATION_MONTHS_BEFORE_EXPIRY = 6;

/**
 * Expiry of a homologation: the arrêté's date plus five years (a 29 February gives 28 February).
 *
 * @example homologationExpiry('2026-03-15') // '2031-03-15'
 */
export function homologationExpiry(arreteDate: string): string {
  return addMonths(arreteDate, HOMOLOGATION_YEARS * 12);
}

/**
 * Latest date by which the referential must have been re-evaluated: six months before it expires
 * (the end of a shorter month when the day does not exist: 31 August − 6 months is 28 or 29 February).
 *
 * @example reevaluationDue('2031-03-15') // '2030-09-15'
 */
export function reevaluationDue(expires: string): string {
  return addMonths(expires, -REEVALUATION_MONTHS_BEFORE_EXPIRY);
}

export interface HomologationCalendar {
  arreteDate: string;
  expires: string;
  reevaluationDue: string;
  /** The arrêté predates décret 2025-277: its duration depends on transitional rules this app does not model. */
  beforeDecree: boolean;
}

export function homologationCalendar(arreteDate: string): HomologationCalendar {
  const expires = homologationExpiry(arreteDate);
  return { arreteDate, expires, reevaluationDue: reevaluationDue(expires), beforeDecree: arreteDate < DECREE_2025_277 };
}

/**
 * Where a homologation stands on `today`: `valid`, `reevaluation_due` (from six months before expiry) or
 * `expired` (on and after the expiry date). `daysToExpiry` is negative once expired.
 */
export type HomologationStanding = HomologationCalendar & {
  kind: 'valid' | 'reevaluation_due' | 'expired';
  daysToExpiry: number;
  daysToReevaluation: number;
};

export function homologationStanding(arreteDate: string, today: string): HomologationStanding {
  const calendar = homologationCalendar(arreteDate);
  const kind = today >= calendar.expires ? 'expired' : today >= calendar.reevaluationDue ? 'reevaluation_due' : 'valid';
  return { ...calendar, kind, daysToExpiry: daysBetween(today, calendar.expires), daysToReevaluation: daysBetween(today, calendar.reevaluationDue) };
}

export { daysBetween };

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The calendar date of an ISO timestamp as written (its own offset's date, not UTC): a user in Paris
 * recording a transition at 00:30 on 1 March gets 1 March. `undefined` when the text is not a timestamp.
 */
export function dateOfTimestamp(at: string): string | undefined {
  const m = TIMESTAMP.exec(at);
  return m && isIsoDate(m[1]!) ? m[1] : undefined;
}
