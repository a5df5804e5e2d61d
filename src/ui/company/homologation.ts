import { goodFaithPresumption, type GoodFaithPresumption, type HomologationFacts, type Referential } from '../../core/index.ts';

/*
 * The presumption of good faith for the year a company evaluates (L4163-2 II and IV): the core judges
 * it (goodFaithPresumption) from the referential's homologation — its arrêté as the document states it
 * — and how its life ended, as the app's publication log recorded it (an `expired` or `superseded`
 * event ends it on its date). A referential that was never homologated (draft, in review, submitted)
 * gives neither the presumption nor the protection from the penalty, whatever its identity says.
 */

/** An event of the stored version's publication log, as much as this check reads of it. */
export interface LoggedStatus {
  status: string;
  at: string;
}

const HOMOLOGATED_STATES = new Set(['homologated', 'expired', 'superseded']);

/** What the core needs: the arrêté when the version was homologated, and the end of its life. */
export function homologationFacts(referential: Referential, storedStatus: string, log: readonly LoggedStatus[] = []): HomologationFacts {
  const h = referential.identity.homologation;
  const homologated = HOMOLOGATED_STATES.has(storedStatus) || HOMOLOGATED_STATES.has(referential.identity.status);
  if (!h || !homologated) return {};
  return {
    homologation: { arreteDate: h.arreteDate, ...(h.expires ? { expires: h.expires } : {}) },
    transitions: log.filter((e) => e.status === 'expired' || e.status === 'superseded').map((e) => ({ to: e.status, at: e.at })),
  };
}

/** The presumption for `year`, judged on its declaration date (31 December). */
export function presumptionFor(referential: Referential, storedStatus: string, log: readonly LoggedStatus[], year: number): GoodFaithPresumption {
  return goodFaithPresumption(homologationFacts(referential, storedStatus, log), year);
}

/** A stored publication log read loosely: only well-formed `{status, at}` events count. */
export function readPublicationLog(value: unknown): LoggedStatus[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e: unknown) => {
    if (typeof e !== 'object' || e === null) return [];
    const { status, at } = e as { status?: unknown; at?: unknown };
    return typeof status === 'string' && typeof at === 'string' ? [{ status, at }] : [];
  });
}
