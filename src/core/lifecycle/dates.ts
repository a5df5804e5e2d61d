import { addDays, addMonths, daysBetween, isIsoDate } from '../util/dates.ts';

/*
 * The homologation calendar of a branch referential (D4163-6 of the Code du travail).
 *
 * Décret 2025-277 of 25 March 2025 (JO of 27 March 2025, in force on 28 March 2025, NOR TSST2503021D,
 * https://www.legifrance.gouv.fr/eli/decret/2025/3/25/TSST2503021D/jo/texte):
 * - art. 1: a referential is homologated "pour une durée de cinq ans"; the branch may ask for renewal
 *   after re-evaluating it, "au plus tard six mois avant l'expiration de l'homologation"; renewal is
 *   granted for five years;
 * - art. 2 (transitional): I. a referential whose homologation was granted and had expired before the
 *   decree's publication is deemed homologated, II. one granted before and expiring within the twelve
 *   months after it is extended — both until 27 March 2026 (sources differ between 27 and 28 March 2026:
 *   the earlier date is kept, the conservative one).
 * Before the decree the Code fixed no expiry, only a re-evaluation at least every five years (D4163-6 in
 * its former wording): an arrêté of 2016 or 2017 is not "expired in 2021" — its five years are the
 * re-evaluation date, and the transitional rule takes it to 27 March 2026.
 *
 * Dates are ISO strings; `expires` is the first day no longer homologated (`lastDay` the day before).
 * The clock is never read here: "today" is passed in.
 */

export const DECREE_2025_277 = { signed: '2025-03-25', published: '2025-03-27', inForce: '2025-03-28' } as const;
/** Last day of homologation of the referentials deemed homologated or extended by art. 2 of the decree. */
export const TRANSITION_LAST_DAY = '2026-03-27';
export const HOMOLOGATION_YEARS = 5;
export const RENEWAL_MONTHS_BEFORE_EXPIRY = 6;
/** The renewal warning starts a year before expiry: time to re-evaluate before the six-month deadline. */
export const PREPARE_MONTHS_BEFORE_EXPIRY = 12;

export interface HomologationCalendar {
  arreteDate: string;
  /** `decree_2025_277`: an arrêté from 2025-03-28 (five years, renewable); `before_decree`: an earlier one. */
  regime: 'before_decree' | 'decree_2025_277';
  beforeDecree: boolean;
  /** Before the decree: the arrêté's own term when it stated one, otherwise its five years. */
  originalTerm?: string;
  /** The transitional rule that set the end: `deemed` (had expired), `extended` (was expiring), or none. */
  transitional: 'deemed' | 'extended' | null;
  /** First day no longer homologated. */
  expires: string;
  /** Last day homologated. */
  lastDay: string;
  /** From this day, "préparer la réévaluation" (a year before expiry). */
  prepareFrom: string;
  /** The last day a renewal may be requested: six months before expiry (D4163-6). */
  renewalDeadline: string;
  /**
   * The date by which the referential must have been re-evaluated: the renewal deadline under the
   * decree; before it, the arrêté's fifth anniversary (re-evaluation at least every five years).
   */
  reevaluationDue: string;
}

/**
 * The homologation calendar of an arrêté, with the transitional rule of décret 2025-277 applied to
 * earlier arrêtés. `statedTerm`: the first day an earlier arrêté no longer applied, when it said so.
 *
 * @example homologationCalendar('2026-03-15').expires // '2031-03-15'
 * @example homologationCalendar('2016-11-30').lastDay // '2026-03-27' (deemed homologated, art. 2 I)
 */
export function homologationCalendar(arreteDate: string, statedTerm?: string): HomologationCalendar {
  const fiveYears = addMonths(arreteDate, HOMOLOGATION_YEARS * 12);
  if (arreteDate >= DECREE_2025_277.inForce) return withWarnings({ arreteDate, regime: 'decree_2025_277', beforeDecree: false, transitional: null, expires: fiveYears, reevaluationDue: '' });
  const term = statedTerm ?? fiveYears;
  const transitionEnd = addDays(TRANSITION_LAST_DAY, 1);
  // Expired before publication (its last day before 2025-03-27) → deemed homologated; expiring in the
  // twelve months after → extended; both to 2026-03-27. A later term is not affected.
  const transitional = term <= DECREE_2025_277.published ? 'deemed' : term <= transitionEnd ? 'extended' : null;
  const expires = transitional ? transitionEnd : term;
  return withWarnings({ arreteDate, regime: 'before_decree', beforeDecree: true, originalTerm: term, transitional, expires, reevaluationDue: fiveYears });
}

function withWarnings(c: Omit<HomologationCalendar, 'lastDay' | 'prepareFrom' | 'renewalDeadline'>): HomologationCalendar {
  const renewalDeadline = addMonths(c.expires, -RENEWAL_MONTHS_BEFORE_EXPIRY);
  return {
    ...c,
    lastDay: addDays(c.expires, -1),
    prepareFrom: addMonths(c.expires, -PREPARE_MONTHS_BEFORE_EXPIRY),
    renewalDeadline,
    reevaluationDue: c.reevaluationDue || renewalDeadline,
  };
}

/**
 * Expiry of a homologation granted on `arreteDate`: five years under décret 2025-277, the transitional
 * end (2026-03-28, homologated until 27 March 2026) or the arrêté's five years for an earlier one.
 *
 * @example homologationExpiry('2026-03-15') // '2031-03-15'
 */
export function homologationExpiry(arreteDate: string): string {
  return homologationCalendar(arreteDate).expires;
}

/**
 * The date by which a referential must have been re-evaluated: six months before `expires` (the end of
 * a shorter month when the day does not exist: 31 August − 6 months is 28 or 29 February).
 *
 * @example reevaluationDue('2031-03-15') // '2030-09-15'
 */
export function reevaluationDue(expires: string): string {
  return addMonths(expires, -RENEWAL_MONTHS_BEFORE_EXPIRY);
}

/**
 * Where a homologation stands on `today`:
 * - `valid`;
 * - `reevaluation_overdue`: before décret 2025-277, five years passed without re-evaluation (still
 *   homologated: the former Code fixed no expiry);
 * - `prepare_reevaluation`: from a year before expiry, « préparer la réévaluation »;
 * - `renewal_requested`: a renewal request is recorded;
 * - `renewal_deadline_passed`: after the last day to ask for renewal (expiry − 6 months), « échéance de
 *   demande de renouvellement dépassée » — the deadline day itself is still in time ("au plus tard");
 * - `expired`: on and after the expiry date.
 */
export type HomologationStanding = HomologationCalendar & {
  kind: 'valid' | 'reevaluation_overdue' | 'prepare_reevaluation' | 'renewal_requested' | 'renewal_deadline_passed' | 'expired';
  daysToExpiry: number;
  daysToRenewalDeadline: number;
  /** When a renewal request is recorded: its date, and whether it came after the deadline. */
  renewal?: { requestedOn: string; late: boolean };
};

export function homologationStanding(arreteDate: string, today: string, options: { statedTerm?: string; renewalRequestedOn?: string } = {}): HomologationStanding {
  const calendar = homologationCalendar(arreteDate, options.statedTerm);
  const requested = options.renewalRequestedOn;
  const renewal = requested ? { requestedOn: requested, late: requested > calendar.renewalDeadline } : undefined;
  let kind: HomologationStanding['kind'];
  if (today >= calendar.expires) kind = 'expired';
  else if (renewal) kind = 'renewal_requested';
  else if (today > calendar.renewalDeadline) kind = 'renewal_deadline_passed';
  else if (today >= calendar.prepareFrom) kind = 'prepare_reevaluation';
  else if (calendar.beforeDecree && today < DECREE_2025_277.inForce && today >= calendar.reevaluationDue) kind = 'reevaluation_overdue';
  else kind = 'valid';
  return { ...calendar, kind, daysToExpiry: daysBetween(today, calendar.expires), daysToRenewalDeadline: daysBetween(today, calendar.renewalDeadline), ...(renewal ? { renewal } : {}) };
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
