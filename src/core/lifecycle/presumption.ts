import { addDays, minDate } from '../util/dates.ts';
import { dateOfTimestamp, homologationCalendar, type HomologationCalendar } from './dates.ts';

/*
 * L4163-2 of the Code du travail: failing an extended branch agreement, exposed posts may be defined by
 * a branch referential homologated by joint arrêté (II); the employer who applies it to determine the
 * exposure of its workers is presumed in good faith (II) and cannot incur the penalty for a wrong
 * declaration (IV). A referential that is not homologated — never, not yet, or no longer — gives neither.
 *
 * When: the annual exposure is assessed for the calendar year and declared with the December pay, or
 * with the last pay of a contract that ends earlier (R4163-8). The presumption is therefore judged on
 * the declaration date of the year: 31 December by default. The result also says whether the referential
 * was homologated for the whole year or only part of it, so that a screen can say so (in French:
 * `presumptionText`, src/present/presumption.ts).
 */

/** What the check needs of a referential's homologation: its arrêté, and how its life ended if it did. */
export interface HomologationFacts {
  /** `identity.homologation` of the referential, or the lifecycle's homologation record. */
  homologation?: { arreteDate: string; expires?: string } | undefined;
  /** The lifecycle's transitions: an `expire` or `supersede` step ends the homologation on its date. */
  transitions?: ReadonlyArray<{ to: string; at: string }>;
}

export type PresumptionReason = 'homologated' | 'never_homologated' | 'not_yet_homologated' | 'expired';

export interface GoodFaithPresumption {
  applies: boolean;
  reason: PresumptionReason;
  year: number;
  /** The day judged: the declaration date (31 December, or the end of a contract declared earlier). */
  assessedOn: string;
  /** How much of the year the referential was homologated. */
  during: 'whole_year' | 'part_of_year' | 'not_at_all';
  /** The homologation period (first and last day), when there is one. */
  homologated?: { from: string; to: string };
  calendar?: HomologationCalendar;
}

/**
 * Whether the employer applying this referential for `year` is presumed in good faith and protected
 * from the penalty (L4163-2 II and IV): the referential must be homologated on the declaration date.
 *
 * @example
 * goodFaithPresumption({ homologation: { arreteDate: '2016-11-30' } }, 2026).applies // false: deemed homologated until 2026-03-27 only
 * goodFaithPresumption({ homologation: { arreteDate: '2016-11-30' } }, 2025).applies // true
 */
export function goodFaithPresumption(facts: HomologationFacts, year: number, declarationDate: string = `${year}-12-31`): GoodFaithPresumption {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const h = facts.homologation;
  if (!h) {
    return { applies: false, reason: 'never_homologated', year, assessedOn: declarationDate, during: 'not_at_all' };
  }
  const calendar = homologationCalendar(h.arreteDate, h.expires !== undefined && h.arreteDate < '2025-03-28' ? h.expires : undefined);
  let lastDay = calendar.lastDay;
  for (const t of facts.transitions ?? []) {
    const day = dateOfTimestamp(t.at);
    if ((t.to === 'expired' || t.to === 'superseded') && day && day > h.arreteDate) lastDay = minDate(lastDay, addDays(day, -1));
  }
  const homologated = { from: h.arreteDate, to: lastDay };
  const overlaps = homologated.from <= last && homologated.to >= first;
  const during = !overlaps ? 'not_at_all' : homologated.from <= first && homologated.to >= last ? 'whole_year' : 'part_of_year';
  const on = declarationDate >= homologated.from && declarationDate <= homologated.to;
  if (on) return { applies: true, reason: 'homologated', year, assessedOn: declarationDate, during, homologated, calendar };
  const reason: PresumptionReason = declarationDate < homologated.from ? 'not_yet_homologated' : 'expired';
  return { applies: false, reason, year, assessedOn: declarationDate, during, homologated, calendar };
}
