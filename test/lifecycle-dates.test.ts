import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  dateOfTimestamp,
  daysBetween,
  homologationCalendar,
  homologationExpiry,
  homologationStanding,
  nextVersion,
  reevaluationDue,
} from '../src/core/lifecycle/index.ts';

describe('homologation calendar (décret 2025-277: five years, re-evaluation six months before)', () => {
  it('expires five years after the arrêté, re-evaluation due six months before', () => {
    expect(homologationExpiry('2026-03-15')).toBe('2031-03-15');
    expect(reevaluationDue('2031-03-15')).toBe('2030-09-15');
    expect(homologationCalendar('2026-03-15')).toEqual({ arreteDate: '2026-03-15', expires: '2031-03-15', reevaluationDue: '2030-09-15', beforeDecree: false });
  });
  it('clamps to the end of shorter months', () => {
    // 29 February plus five years: no 29 February in 2029.
    expect(homologationExpiry('2024-02-29')).toBe('2029-02-28');
    // 31 August minus six months: the end of February.
    expect(reevaluationDue('2031-08-31')).toBe('2031-02-28');
    expect(reevaluationDue('2032-08-31')).toBe('2032-02-29');
    expect(homologationCalendar('2026-08-31').reevaluationDue).toBe('2031-02-28');
  });
  it('flags arrêtés older than the decree (transitional rules not modelled)', () => {
    expect(homologationCalendar('2016-11-30').beforeDecree).toBe(true);
    expect(homologationCalendar('2025-03-27').beforeDecree).toBe(false);
  });
  it('stands valid, then re-evaluation due, then expired, on the boundary days', () => {
    expect(homologationStanding('2026-03-15', '2030-09-14')).toMatchObject({ kind: 'valid', daysToReevaluation: 1 });
    expect(homologationStanding('2026-03-15', '2030-09-15')).toMatchObject({ kind: 'reevaluation_due', daysToReevaluation: 0, daysToExpiry: 181 });
    expect(homologationStanding('2026-03-15', '2031-03-14')).toMatchObject({ kind: 'reevaluation_due', daysToExpiry: 1 });
    expect(homologationStanding('2026-03-15', '2031-03-15')).toMatchObject({ kind: 'expired', daysToExpiry: 0 });
    expect(homologationStanding('2026-03-15', '2031-04-15')).toMatchObject({ kind: 'expired', daysToExpiry: -31 });
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
