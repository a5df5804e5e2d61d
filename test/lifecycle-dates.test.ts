import { describe, expect, it } from 'vitest';
import { presumptionText } from '../src/present/presumption.ts';
import {
  compareVersions,
  DECREE_2025_277,
  goodFaithPresumption,
  dateOfTimestamp,
  daysBetween,
  homologationCalendar,
  homologationExpiry,
  homologationStanding,
  nextVersion,
  reevaluationDue,
} from '../src/core/lifecycle/index.ts';

/*
 * Décret n° 2025-277 du 25 mars 2025 (JO du 27 mars 2025, en vigueur le 28 mars 2025), NOR TSST2503021D,
 * https://www.legifrance.gouv.fr/eli/decret/2025/3/25/TSST2503021D/jo/texte — art. 1 (D4163-6): five
 * years, renewal asked at the latest six months before expiry; art. 2: transitional, until 27 March 2026.
 */
describe('homologation calendar (décret 2025-277 of 25 March 2025)', () => {
  it('dates the decree right: signed 25 March, published 27 March, in force 28 March 2025', () => {
    expect(DECREE_2025_277).toEqual({ signed: '2025-03-25', published: '2025-03-27', inForce: '2025-03-28' });
  });
  it('an arrêté from 28 March 2025: five years; warnings a year and six months before expiry', () => {
    expect(homologationExpiry('2026-03-15')).toBe('2031-03-15');
    expect(reevaluationDue('2031-03-15')).toBe('2030-09-15');
    expect(homologationCalendar('2026-03-15')).toEqual({
      arreteDate: '2026-03-15',
      regime: 'decree_2025_277',
      beforeDecree: false,
      transitional: null,
      expires: '2031-03-15',
      lastDay: '2031-03-14',
      prepareFrom: '2030-03-15',
      renewalDeadline: '2030-09-15',
      reevaluationDue: '2030-09-15',
    });
    // the first day in force is under the decree, the day before is not
    expect(homologationCalendar('2025-03-28').regime).toBe('decree_2025_277');
    expect(homologationCalendar('2025-03-27').regime).toBe('before_decree');
  });
  it('clamps to the end of shorter months', () => {
    // 29 February plus five years: no 29 February in 2029 (a 2024 arrêté ends after the transitional window).
    expect(homologationExpiry('2024-02-29')).toBe('2029-02-28');
    expect(homologationExpiry('2028-02-29')).toBe('2033-02-28');
    // 31 August minus six months: the end of February.
    expect(reevaluationDue('2031-08-31')).toBe('2031-02-28');
    expect(reevaluationDue('2032-08-31')).toBe('2032-02-29');
    expect(homologationCalendar('2026-08-31').renewalDeadline).toBe('2031-02-28');
  });
  it('art. 2 I: a 2016 arrêté (five years to 30 November 2021) is deemed homologated until 27 March 2026, not "expired in 2021"', () => {
    const c = homologationCalendar('2016-11-30');
    expect(c).toMatchObject({ regime: 'before_decree', originalTerm: '2021-11-30', transitional: 'deemed', expires: '2026-03-28', lastDay: '2026-03-27', reevaluationDue: '2021-11-30' });
    expect(homologationStanding('2016-11-30', '2022-06-01').kind).toBe('reevaluation_overdue');
    expect(homologationStanding('2016-11-30', '2021-11-29').kind).toBe('valid');
    expect(homologationStanding('2016-11-30', '2026-03-27').kind).not.toBe('expired');
    expect(homologationStanding('2016-11-30', '2026-03-28').kind).toBe('expired');
  });
  it('art. 2: the boundaries of "expired before publication" and "expiring within twelve months"', () => {
    // term (first day not homologated) on the publication day: expired before it → deemed
    expect(homologationCalendar('2020-03-27')).toMatchObject({ originalTerm: '2025-03-27', transitional: 'deemed', lastDay: '2026-03-27' });
    // term the day after: expiring within the twelve months → extended
    expect(homologationCalendar('2020-03-28')).toMatchObject({ originalTerm: '2025-03-28', transitional: 'extended', lastDay: '2026-03-27' });
    // term 2026-03-28 (last day 27 March 2026): within the twelve months, same end
    expect(homologationCalendar('2021-03-28')).toMatchObject({ originalTerm: '2026-03-28', transitional: 'extended', expires: '2026-03-28' });
    // one day later: not affected, expires on its own term (the digest's example: expiry 2026-06-01)
    expect(homologationCalendar('2021-03-29')).toMatchObject({ originalTerm: '2026-03-29', transitional: null, expires: '2026-03-29' });
    expect(homologationCalendar('2021-06-01')).toMatchObject({ transitional: null, expires: '2026-06-01' });
    // an arrêté stating its own term: a term in 2025-09-01 is extended to 27 March 2026
    expect(homologationCalendar('2022-01-10', '2025-09-01')).toMatchObject({ transitional: 'extended', lastDay: '2026-03-27' });
  });
  it('stands valid, prepare (a year before), deadline passed (after expiry − 6 months), expired — on the boundary days', () => {
    expect(homologationStanding('2026-03-15', '2030-03-14')).toMatchObject({ kind: 'valid' });
    expect(homologationStanding('2026-03-15', '2030-03-15')).toMatchObject({ kind: 'prepare_reevaluation' });
    // the deadline day itself is still in time ("au plus tard six mois avant l'expiration")
    expect(homologationStanding('2026-03-15', '2030-09-15')).toMatchObject({ kind: 'prepare_reevaluation', daysToRenewalDeadline: 0, daysToExpiry: 181 });
    expect(homologationStanding('2026-03-15', '2030-09-16')).toMatchObject({ kind: 'renewal_deadline_passed', daysToRenewalDeadline: -1 });
    expect(homologationStanding('2026-03-15', '2031-03-14')).toMatchObject({ kind: 'renewal_deadline_passed', daysToExpiry: 1 });
    expect(homologationStanding('2026-03-15', '2031-03-15')).toMatchObject({ kind: 'expired', daysToExpiry: 0 });
    expect(homologationStanding('2026-03-15', '2031-04-15')).toMatchObject({ kind: 'expired', daysToExpiry: -31 });
  });
  it('a recorded renewal request: in time or late', () => {
    expect(homologationStanding('2026-03-15', '2030-10-01', { renewalRequestedOn: '2030-09-15' })).toMatchObject({ kind: 'renewal_requested', renewal: { requestedOn: '2030-09-15', late: false } });
    expect(homologationStanding('2026-03-15', '2030-10-01', { renewalRequestedOn: '2030-09-16' })).toMatchObject({ kind: 'renewal_requested', renewal: { late: true } });
    expect(homologationStanding('2026-03-15', '2031-03-15', { renewalRequestedOn: '2030-09-01' }).kind).toBe('expired');
  });
  it('counts days across leap years', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });
  it('takes the date of a timestamp in its own offset', () => {
    expect(dateOfTimestamp('2026-03-01T00:30:00+01:00')).toBe('2026-03-01');
    expect(dateOfTimestamp('2026-02-28T23:30:00.000Z')).toBe('2026-02-28');
    expect(dateOfTimestamp('2026-02-30T10:00:00Z')).toBeUndefined();
    expect(dateOfTimestamp('2026-03-01')).toBeUndefined();
    expect(dateOfTimestamp('hier')).toBeUndefined();
  });
});

/*
 * L4163-2 II and IV of the Code du travail: the employer applying a homologated referential is presumed
 * in good faith and cannot incur the penalty. Judged on the declaration date of the year (31 December).
 */
describe('presumption of good faith for a year (L4163-2 II and IV)', () => {
  it('never homologated: does not apply', () => {
    expect(goodFaithPresumption({}, 2024)).toMatchObject({ applies: false, reason: 'never_homologated', during: 'not_at_all' });
  });
  it('a 2016 arrêté: applies in 2016 (from 30 November) to 2025; not in 2026 (deemed homologated until 27 March 2026 only)', () => {
    const facts = { homologation: { arreteDate: '2016-11-30', expires: '2021-11-30' } };
    expect(goodFaithPresumption(facts, 2016)).toMatchObject({ applies: true, during: 'part_of_year' });
    expect(goodFaithPresumption(facts, 2021)).toMatchObject({ applies: true, during: 'whole_year' });
    expect(goodFaithPresumption(facts, 2025)).toMatchObject({ applies: true, during: 'whole_year', homologated: { from: '2016-11-30', to: '2026-03-27' } });
    const y2026 = goodFaithPresumption(facts, 2026);
    expect(y2026).toMatchObject({ applies: false, reason: 'expired', during: 'part_of_year' });
    expect(presumptionText(y2026)).toBe(
      'Référentiel homologué du 30/11/2016 au 27/03/2026 (réputé homologué jusqu’au 27/03/2026 par l’article 2 du décret n° 2025-277 du 25 mars 2025), plus homologué au 31/12/2026 : pour 2026, la présomption de bonne foi et la protection contre la pénalité ne s’appliquent pas (L4163-2 II et IV du code du travail).',
    );
    expect(goodFaithPresumption(facts, 2015)).toMatchObject({ applies: false, reason: 'not_yet_homologated', during: 'not_at_all' });
  });
  it('at, just before and just after the end: a contract declared with its last pay is judged on its end', () => {
    const facts = { homologation: { arreteDate: '2016-11-30' } };
    expect(goodFaithPresumption(facts, 2026, '2026-03-27').applies).toBe(true);
    expect(goodFaithPresumption(facts, 2026, '2026-03-26').applies).toBe(true);
    expect(goodFaithPresumption(facts, 2026, '2026-03-28').applies).toBe(false);
  });
  it('an arrêté of 2026-06-01: applies for 2026 (homologated on 31 December), part of the year only, and until 2031', () => {
    const facts = { homologation: { arreteDate: '2026-06-01' } };
    const p = goodFaithPresumption(facts, 2026);
    expect(p).toMatchObject({ applies: true, during: 'part_of_year', homologated: { from: '2026-06-01', to: '2031-05-31' } });
    expect(presumptionText(p)).toContain('Homologation sur une partie de 2026 seulement (01/06/2026 – 31/12/2026).');
    expect(goodFaithPresumption(facts, 2031).applies).toBe(false);
  });
  it('a version superseded or recorded expired ends on that step’s date', () => {
    const facts = { homologation: { arreteDate: '2026-06-01' }, transitions: [{ to: 'superseded', at: '2028-04-10T09:00:00+02:00' }] };
    expect(goodFaithPresumption(facts, 2027).applies).toBe(true);
    expect(goodFaithPresumption(facts, 2028)).toMatchObject({ applies: false, homologated: { to: '2028-04-09' } });
  });
});

describe('version numbers', () => {
  it('bumps minor by default, major or patch on request, above every version given', () => {
    expect(nextVersion(['1.2.3'])).toBe('1.3.0');
    expect(nextVersion(['1.2.3'], 'major')).toBe('2.0.0');
    expect(nextVersion(['1.2.3'], 'patch')).toBe('1.2.4');
    expect(nextVersion(['1.2.3', '1.10.0', '1.9.9'], 'minor')).toBe('1.11.0');
    expect(nextVersion([], 'minor')).toBe('0.1.0');
  });
  it('compares numerically, not as text', () => {
    expect(['1.10.0', '1.2.0', '2.0.0', '1.2.10'].sort(compareVersions)).toEqual(['1.2.0', '1.2.10', '1.10.0', '2.0.0']);
  });
});
