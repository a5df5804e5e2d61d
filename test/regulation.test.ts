import { describe, it, expect } from 'vitest';
import {
  DSN_CANCELLATION_CODE,
  DSN_CODES_STATUS,
  declarationChannel,
  DSN_FACTOR_CODES,
  FACTOR_CODES,
  QUANTITY_UNITS,
  REGULATION_VERSIONS,
  evaluate,
  factorOf,
  findCriterion,
  loadReferential,
  regulationById,
  regulationInForce,
  resolveRegulation,
  transitionThresholds,
  type DurationUnit,
  type Employee,
  type EmployeeResult,
  type Exposure,
  type FactorCode,
  type Quantity,
  type Referential,
  type RegulationVersion,
} from '../src/core/index.ts';
import { formatIssues } from '../src/present/issues.ts';

/*
 * Every number of every dated regulation table, each test citing its source: the section of
 * /work/shared/regulation-digest.md ("digest §n") and the legal text it quotes. Expected values are
 * written literally here, never read back from the tables under test.
 */

const ALL = ['2015-01-01', '2016-01-01', '2016-07-01', '2017-10-01', '2023-09-01'] as const;
const FROM_2016 = ['2016-01-01', '2016-07-01', '2017-10-01', '2023-09-01'] as const;
const BEFORE_2023 = ['2015-01-01', '2016-01-01', '2016-07-01', '2017-10-01'] as const;

function version(id: string): RegulationVersion {
  const v = regulationById(id);
  if (!v) throw new Error(`no regulation version ${id}`);
  return v;
}

function criterion(id: string, factor: FactorCode, code: string) {
  const found = findCriterion(version(id), factor, code);
  if (!found) throw new Error(`no criterion ${factor}/${code} in ${id}`);
  return found;
}

function group(id: string, factor: FactorCode, code: string) {
  const found = factorOf(version(id), factor).groups.find((g) => g.code === code);
  if (!found) throw new Error(`no group ${factor}/${code} in ${id}`);
  return found;
}

const ge = (quantity: Quantity, value: number) => ({ quantity, comparison: '>=', value });
const le = (quantity: Quantity, value: number) => ({ quantity, comparison: '<=', value });
const gt = (quantity: Quantity, value: number) => ({ quantity, comparison: '>', value });

// ---------------------------------------------------------------------------------------------
describe('the five dated versions', () => {
  it('are 2015-01-01, 2016-01-01, 2016-07-01, 2017-10-01, 2023-09-01 in date order, id = start date (digest §9 "versions")', () => {
    expect(REGULATION_VERSIONS.map((v) => v.id)).toEqual(['2015-01-01', '2016-01-01', '2016-07-01', '2017-10-01', '2023-09-01']);
    expect(REGULATION_VERSIONS.map((v) => v.from)).toEqual(['2015-01-01', '2016-01-01', '2016-07-01', '2017-10-01', '2023-09-01']);
  });

  it('2015-01-01 is décret 2014-1159, article D4161-2 (digest §1)', () => {
    expect(version('2015-01-01').legalBasis).toContain('2014-1159');
    expect(version('2015-01-01').article).toBe('D4161-2');
  });

  it.each(['2016-01-01', '2016-07-01'])('%s is décret 2015-1888, article D4161-2 (digest §2.2)', (id) => {
    expect(version(id).legalBasis).toContain('2015-1888');
    expect(version(id).article).toBe('D4161-2');
  });

  it('2017-10-01 is ordonnance 2017-1389 + décret 2017-1769, thresholds recodified in D4163-2 (digest §2.3)', () => {
    expect(version('2017-10-01').legalBasis).toContain('2017-1389');
    expect(version('2017-10-01').legalBasis).toContain('2017-1769');
    expect(version('2017-10-01').article).toBe('D4163-2');
  });

  it('2023-09-01 is décrets 2023-759 (points) and 2023-760 (thresholds), article D4163-2 (digest §2.5)', () => {
    expect(version('2023-09-01').legalBasis).toContain('2023-759');
    expect(version('2023-09-01').legalBasis).toContain('2023-760');
    expect(version('2023-09-01').article).toBe('D4163-2');
  });

  it.each(ALL)('%s lists the ten factors of D4161-2 / L4161-1, in force or not (digest §1, §2.3)', (id) => {
    expect(version(id).factors.map((f) => f.code)).toEqual([
      'manual_handling',
      'awkward_postures',
      'mechanical_vibrations',
      'hazardous_chemicals',
      'hyperbaric',
      'extreme_temperatures',
      'noise',
      'night_work',
      'alternating_shifts',
      'repetitive_work',
    ]);
    expect(FACTOR_CODES).toHaveLength(10);
  });

  it.each([
    ['2015-01-01', 'D4161-2 (décret 2014-1159 du 9 octobre 2014)'],
    ['2016-01-01', 'D4161-2 (décret 2015-1888 du 30 décembre 2015)'],
    ['2016-07-01', 'D4161-2 (décret 2015-1888 du 30 décembre 2015)'],
    ['2017-10-01', 'décret 2017-1769 du 27 décembre 2017'],
    ['2023-09-01', 'D4163-2 (décret 2023-760 du 10 août 2023)'],
  ])('every factor of %s cites its legal text and date', (id, legal) => {
    for (const f of version(id).factors) {
      expect(f.source).toContain(legal);
      expect(f.source).not.toMatch(/digest/);
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('factors in force, their start dates, and which earn points', () => {
  const EARLY_FOUR: FactorCode[] = ['hyperbaric', 'night_work', 'alternating_shifts', 'repetitive_work'];
  const LATE_SIX: FactorCode[] = ['manual_handling', 'awkward_postures', 'mechanical_vibrations', 'hazardous_chemicals', 'extreme_temperatures', 'noise'];
  const C2P_SIX: FactorCode[] = ['hyperbaric', 'extreme_temperatures', 'noise', 'night_work', 'alternating_shifts', 'repetitive_work'];
  const inForce = (id: string) => version(id).factors.filter((f) => f.inForce).map((f) => f.code).sort();
  const earning = (id: string) => version(id).factors.filter((f) => f.earnsPoints).map((f) => f.code).sort();
  const fromOf = (id: string, code: FactorCode) => factorOf(version(id), code).inForceFrom;

  it('2015-01-01: only night work, alternating shifts, repetitive work and hyperbaric apply (décret 2014-1159 art. 2, digest §1 "Entry into force")', () => {
    expect(inForce('2015-01-01')).toEqual([...EARLY_FOUR].sort());
    expect(earning('2015-01-01')).toEqual([...EARLY_FOUR].sort());
    for (const code of EARLY_FOUR) expect(fromOf('2015-01-01', code)).toBe('2015-01-01');
  });

  it('2015-01-01: the six other factors are scheduled by that text for 2016-01-01 (digest §1 "Entry into force", §9 V2015 note)', () => {
    for (const code of LATE_SIX) {
      expect(fromOf('2015-01-01', code)).toBe('2016-01-01');
      expect(factorOf(version('2015-01-01'), code).inForce).toBe(false);
      expect(factorOf(version('2015-01-01'), code).earnsPoints).toBe(false);
    }
  });

  it('2016-01-01: the six are postponed to 2016-07-01 by décret 2015-1888, still the same four in force (digest §2.2 "Postponement")', () => {
    expect(inForce('2016-01-01')).toEqual([...EARLY_FOUR].sort());
    expect(earning('2016-01-01')).toEqual([...EARLY_FOUR].sort());
    for (const code of LATE_SIX) expect(fromOf('2016-01-01', code)).toBe('2016-07-01');
    for (const code of EARLY_FOUR) expect(fromOf('2016-01-01', code)).toBe('2015-01-01');
  });

  it('2016-07-01: all ten factors apply and earn points (décret 2015-1888, digest §2.2, §9)', () => {
    expect(inForce('2016-07-01')).toEqual([...FACTOR_CODES].sort());
    expect(earning('2016-07-01')).toEqual([...FACTOR_CODES].sort());
    for (const code of LATE_SIX) expect(fromOf('2016-07-01', code)).toBe('2016-07-01');
    for (const code of EARLY_FOUR) expect(fromOf('2016-07-01', code)).toBe('2015-01-01');
  });

  it.each(['2017-10-01', '2023-09-01'])(
    '%s: the ten stay listed in L4161-1 (in force) but only hyperbaric, temperatures, noise, night, shifts, repetitive earn points (L4163-1 I, ord. 2017-1389, digest §2.3)',
    (id) => {
      expect(inForce(id)).toEqual([...FACTOR_CODES].sort());
      expect(earning(id)).toEqual([...C2P_SIX].sort());
      for (const code of ['manual_handling', 'awkward_postures', 'mechanical_vibrations', 'hazardous_chemicals'] as const) {
        expect(factorOf(version(id), code).earnsPoints).toBe(false);
        expect(factorOf(version(id), code).inForce).toBe(true);
      }
      for (const code of LATE_SIX) expect(fromOf(id, code)).toBe('2016-07-01');
      for (const code of EARLY_FOUR) expect(fromOf(id, code)).toBe('2015-01-01');
    },
  );
});

// ---------------------------------------------------------------------------------------------
describe.each(ALL)('manual handling, version %s (D4161-2 1°a, décret 2014-1159, unchanged by 2015-1888: digest §1 table 1a, §2.2, §9)', (id) => {
  it('lift or carry: unit load ≥ 15 kg', () => {
    expect(criterion(id, 'manual_handling', 'lift_carry').criterion.intensity).toEqual([[ge('load', 15)]]);
  });
  it('push or pull: unit load ≥ 250 kg', () => {
    expect(criterion(id, 'manual_handling', 'push_pull').criterion.intensity).toEqual([[ge('load', 250)]]);
  });
  it('move with the load, take it from the floor or above the shoulders: unit load ≥ 10 kg', () => {
    expect(criterion(id, 'manual_handling', 'move_with_load').criterion.intensity).toEqual([[ge('load', 10)]]);
  });
  it('the three actions share one 600 h/year duration (D4161-3 "en cumulant les durées", digest §1 rules)', () => {
    const g = group(id, 'manual_handling', 'handling_hours');
    expect(g.minimum).toEqual({ value: 600, unit: 'h/year' });
    expect(g.criteria.map((c) => c.code)).toEqual(['lift_carry', 'push_pull', 'move_with_load']);
    expect(criterion(id, 'manual_handling', 'push_pull').group.code).toBe('handling_hours');
  });
  it('cumulative handling: ≥ 7.5 t per day on 120 days/year', () => {
    expect(criterion(id, 'manual_handling', 'daily_tonnage').criterion.intensity).toEqual([[ge('daily_tonnage', 7.5)]]);
    expect(group(id, 'manual_handling', 'cumulative_handling').minimum).toEqual({ value: 120, unit: 'days/year' });
  });
  it('has exactly the two threshold groups (600 h or 120 days)', () => {
    expect(factorOf(version(id), 'manual_handling').groups.map((g) => g.code)).toEqual(['handling_hours', 'cumulative_handling']);
  });
});

describe.each(ALL)('awkward postures, version %s (D4161-2 1°b, digest §1 table 1b, §9)', (id) => {
  it('arms above shoulders and squatting/kneeling have no intensity', () => {
    expect(criterion(id, 'awkward_postures', 'arms_above_shoulders').criterion.intensity).toBeNull();
    expect(criterion(id, 'awkward_postures', 'squatting_kneeling').criterion.intensity).toBeNull();
  });
  it('torso twisted ≥ 30°', () => {
    expect(criterion(id, 'awkward_postures', 'torso_twisted').criterion.intensity).toEqual([[ge('angle', 30)]]);
  });
  it('torso bent ≥ 45°', () => {
    expect(criterion(id, 'awkward_postures', 'torso_bent').criterion.intensity).toEqual([[ge('angle', 45)]]);
  });
  it('the four postures cumulate toward 900 h/year', () => {
    const g = group(id, 'awkward_postures', 'forced_positions');
    expect(g.minimum).toEqual({ value: 900, unit: 'h/year' });
    expect(g.criteria.map((c) => c.code)).toEqual(['arms_above_shoulders', 'squatting_kneeling', 'torso_twisted', 'torso_bent']);
  });
});

describe.each(ALL)('mechanical vibrations, version %s (D4161-2 1°c, digest §1 table 1c, §9)', (id) => {
  it('hand-arm A(8) ≥ 2.5 m/s²', () => {
    expect(criterion(id, 'mechanical_vibrations', 'hand_arm').criterion.intensity).toEqual([[ge('acceleration', 2.5)]]);
  });
  it('whole body A(8) ≥ 0.5 m/s²', () => {
    expect(criterion(id, 'mechanical_vibrations', 'whole_body').criterion.intensity).toEqual([[ge('acceleration', 0.5)]]);
  });
  it('one shared 450 h/year duration', () => {
    expect(group(id, 'mechanical_vibrations', 'vibration_hours').minimum).toEqual({ value: 450, unit: 'h/year' });
    expect(group(id, 'mechanical_vibrations', 'vibration_hours').criteria.map((c) => c.code)).toEqual(['hand_arm', 'whole_body']);
  });
});

describe.each(ALL)('hazardous chemicals, version %s (D4161-2 2°a + arrêtés of 2015-12-30: digest §1 table 2a, §2.2 "Chemical agents")', (id) => {
  it('has no numeric threshold: the arrêté grid decides (minimum null, intensity null)', () => {
    const g = group(id, 'hazardous_chemicals', 'chemical_grid');
    expect(g.minimum).toBeNull();
    expect(criterion(id, 'hazardous_chemicals', 'grid_exposure').criterion.intensity).toBeNull();
  });
});

describe.each(ALL)('hyperbaric, version %s (D4161-2 2°b then D4163-2: digest §1 table 2b, §2.4, §9)', (id) => {
  it('pressure ≥ 1 200 hPa', () => {
    expect(criterion(id, 'hyperbaric', 'hyperbaric_intervention').criterion.intensity).toEqual([[ge('pressure', 1200)]]);
  });
  it('60 interventions or works per year', () => {
    expect(group(id, 'hyperbaric', 'interventions').minimum).toEqual({ value: 60, unit: 'events/year' });
  });
});

describe.each(ALL)('extreme temperatures, version %s (D4161-2 2°c then D4163-2: digest §1 table 2c, §2.4, §9)', (id) => {
  it('temperature ≤ 5 °C or ≥ 30 °C (two alternatives)', () => {
    expect(criterion(id, 'extreme_temperatures', 'extreme_temperature').criterion.intensity).toEqual([[le('temperature', 5)], [ge('temperature', 30)]]);
  });
  it('900 h/year', () => {
    expect(group(id, 'extreme_temperatures', 'temperature_hours').minimum).toEqual({ value: 900, unit: 'h/year' });
  });
});

describe('noise (D4161-2 2°d then D4163-2)', () => {
  it('2015-01-01: Lex,8h ≥ 80 dB(A), the décret 2014-1159 figure (digest §1 table 2d)', () => {
    expect(criterion('2015-01-01', 'noise', 'daily_level').criterion.intensity).toEqual([[ge('sound_level', 80)]]);
  });
  it.each(FROM_2016)('%s: Lex,8h ≥ 81 dB(A) from 2016-01-01 (décret 2015-1888, digest §2.2 "Noise", §2.4)', (id) => {
    expect(criterion(id, 'noise', 'daily_level').criterion.intensity).toEqual([[ge('sound_level', 81)]]);
  });
  it.each(ALL)('%s: daily level over 600 h/year (digest §1, §2.2 "600 h/an unchanged")', (id) => {
    expect(group(id, 'noise', 'noise_level').minimum).toEqual({ value: 600, unit: 'h/year' });
  });
  it.each(ALL)('%s: peak ≥ 135 dB(C), 120 times/year (digest §1 table 2d, §2.2 "unchanged")', (id) => {
    expect(criterion(id, 'noise', 'peak').criterion.intensity).toEqual([[ge('peak_level', 135)]]);
    expect(group(id, 'noise', 'noise_peak').minimum).toEqual({ value: 120, unit: 'events/year' });
  });
  it.each(ALL)('%s: level and peak are alternatives (two groups)', (id) => {
    expect(factorOf(version(id), 'noise').groups.map((g) => g.code)).toEqual(['noise_level', 'noise_peak']);
  });
});

describe('night work (D4161-2 3°a then D4163-2)', () => {
  it.each(ALL)('%s: at least 1 h of work between 0 h and 5 h (digest §1 table 3a, §2.4)', (id) => {
    expect(criterion(id, 'night_work', 'night').criterion.intensity).toEqual([[ge('night_hours', 1)]]);
  });
  it.each(BEFORE_2023)('%s: 120 nights/year (digest §1 table 3a, §9)', (id) => {
    expect(group(id, 'night_work', 'night_count').minimum).toEqual({ value: 120, unit: 'nights/year' });
  });
  it('2023-09-01: 100 nights/year (décret 2023-760, digest §2.5 "120 → 100")', () => {
    expect(group('2023-09-01', 'night_work', 'night_count').minimum).toEqual({ value: 100, unit: 'nights/year' });
  });
});

describe('alternating shifts (D4161-2 3°b then D4163-2)', () => {
  it.each(ALL)('%s: successive alternating shifts with ≥ 1 h between 0 h and 5 h (digest §1 table 3b, §2.4)', (id) => {
    expect(criterion(id, 'alternating_shifts', 'alternating_shift_night').criterion.intensity).toEqual([[ge('night_hours', 1)]]);
  });
  it.each(BEFORE_2023)('%s: 50 nights/year (digest §1 table 3b, §9)', (id) => {
    expect(group(id, 'alternating_shifts', 'shift_night_count').minimum).toEqual({ value: 50, unit: 'nights/year' });
  });
  it('2023-09-01: 30 nights/year (décret 2023-760, digest §2.5 "50 → 30")', () => {
    expect(group('2023-09-01', 'alternating_shifts', 'shift_night_count').minimum).toEqual({ value: 30, unit: 'nights/year' });
  });
});

describe('repetitive work (D4161-2 3°c then D4163-2)', () => {
  it('2015-01-01: cycle ≤ 1 min (60 s), or ≥ 30 technical actions per minute with a cycle > 1 min (décret 2014-1159, digest §1 table 3c)', () => {
    expect(criterion('2015-01-01', 'repetitive_work', 'repetitive_movements').criterion.intensity).toEqual([
      [le('cycle_time', 60)],
      [gt('cycle_time', 60), ge('actions_per_minute', 30)],
    ]);
  });
  it.each(FROM_2016)(
    '%s: ≥ 15 actions in a cycle ≤ 30 s; ≥ 30 actions/min when the cycle is > 30 s, variable or absent (décret 2015-1888, digest §2.2 "Repetitive work redefined", §2.4)',
    (id) => {
      expect(criterion(id, 'repetitive_work', 'repetitive_movements').criterion.intensity).toEqual([
        [le('cycle_time', 30), ge('actions_per_cycle', 15)],
        [gt('cycle_time', 30), ge('actions_per_minute', 30)],
        [{ quantity: 'cycle_time', comparison: 'absent' }, ge('actions_per_minute', 30)],
      ]);
    },
  );
  it.each(ALL)('%s: 900 h/year (digest §1 table 3c, §2.2, §9)', (id) => {
    expect(group(id, 'repetitive_work', 'repetitive_hours').minimum).toEqual({ value: 900, unit: 'h/year' });
  });
});

describe('units of the quantities an intensity is stated in (digest §1 table: kg, t/jour, °, m/s², hPa, °C, dB(A), dB(C), h)', () => {
  it('each quantity has its one accepted unit', () => {
    expect(QUANTITY_UNITS).toEqual({
      load: 'kg',
      daily_tonnage: 't',
      angle: '°',
      acceleration: 'm/s²',
      pressure: 'hPa',
      temperature: '°C',
      sound_level: 'dB(A)',
      peak_level: 'dB(C)',
      night_hours: 'h',
      cycle_time: 's',
      actions_per_cycle: 'actions',
      actions_per_minute: 'actions/min',
    });
  });
});

// ---------------------------------------------------------------------------------------------
describe('2023 transition year (ameli / CNAM proration, digest §2.5 "Transitional 2023 proration", §9 transition_2023)', () => {
  it('the 2023-09-01 version carries the table: 113/43 whole year or straddling, 120/50 before, 100/30 after', () => {
    expect(version('2023-09-01').transition).toMatchObject({
      year: 2023,
      straddling: { night_count: 113, shift_night_count: 43 },
      beforeOnly: { night_count: 120, shift_night_count: 50 },
      afterOnly: { night_count: 100, shift_night_count: 30 },
    });
    expect(version('2023-09-01').transition?.source).toContain('ameli.fr');
  });

  it.each(BEFORE_2023)('%s has no transition table', (id) => {
    expect(version(id).transition).toBeUndefined();
  });

  const v23 = () => version('2023-09-01');
  it('permanent contract over all 2023 → 113 / 43', () => {
    expect(transitionThresholds(v23(), 2023, '2023-01-01', '2023-12-31')).toEqual({ night_count: 113, shift_night_count: 43 });
  });
  it('contract straddling 2023-09-01 (2023-03-01 → 2023-10-31) → 113 / 43', () => {
    expect(transitionThresholds(v23(), 2023, '2023-03-01', '2023-10-31')).toEqual({ night_count: 113, shift_night_count: 43 });
  });
  it('contract entirely before (ends 2023-08-31) → 120 / 50', () => {
    expect(transitionThresholds(v23(), 2023, '2023-01-01', '2023-08-31')).toEqual({ night_count: 120, shift_night_count: 50 });
  });
  it('contract entirely after (starts 2023-09-01) → 100 / 30', () => {
    expect(transitionThresholds(v23(), 2023, '2023-09-01', '2023-12-31')).toEqual({ night_count: 100, shift_night_count: 30 });
  });
  it('from 2024 no proration: 100 / 30 of the table apply (digest §2.5 "from 1 Jan 2024: 100 / 30")', () => {
    expect(transitionThresholds(v23(), 2024, '2024-01-01', '2024-12-31')).toBeUndefined();
    expect(transitionThresholds(version('2017-10-01'), 2023, '2023-01-01', '2023-08-31')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
describe('points rules and ceilings (R4162-2 / R4163-9, décrets 2014-1156 and 2023-759: digest §3.1, §3.2, §9 point rules)', () => {
  it.each(BEFORE_2023)('%s: 1 point per period for one factor, 2 for several; 100-point career ceiling (digest §3.1 I–III)', (id) => {
    expect(version(id).pointsRule).toBe('per_period_one_or_several');
    expect(version(id).pointsCeiling).toBe(100);
  });
  it('2023-09-01: 1 point per factor per period, no ceiling (décret 2023-759, digest §3.2)', () => {
    expect(version('2023-09-01').pointsRule).toBe('per_period_per_factor');
    expect(version('2023-09-01').pointsCeiling).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
describe('DSN codes, bloc S21.G00.34.001 (R4163-8; table of two independent sources)', () => {
  it('01…10 in the order of the factors of L4161-1', () => {
    expect(DSN_FACTOR_CODES).toEqual({
      manual_handling: '01',
      awkward_postures: '02',
      mechanical_vibrations: '03',
      hazardous_chemicals: '04',
      hyperbaric: '05',
      extreme_temperatures: '06',
      noise: '07',
      night_work: '08',
      alternating_shifts: '09',
      repetitive_work: '10',
    });
  });
  it('the table is supported but still marked to verify against the official DSN specification; 99 is the cancellation code', () => {
    expect(DSN_CODES_STATUS.verifiedAgainstSpecification).toBe(false);
    expect(DSN_CODES_STATUS.evidence).toMatch(/deux sources indépendantes/);
    expect(DSN_CODES_STATUS.evidence).not.toMatch(/reconstitu|non confirm/);
    expect(DSN_CANCELLATION_CODE).toBe('99');
  });
  it('channel by year: exposures of 2015 and 2016 through the DADS (or MSA), from 2017 through the DSN', () => {
    expect([2015, 2016, 2017, 2024].map(declarationChannel)).toEqual(['dads', 'dads', 'dsn', 'dsn']);
  });
  it.each(ALL)('%s: every factor carries the one table’s code (one place for the codes)', (id) => {
    expect(Object.fromEntries(version(id).factors.map((f) => [f.code, f.dsnCode]))).toEqual({
      manual_handling: '01',
      awkward_postures: '02',
      mechanical_vibrations: '03',
      hazardous_chemicals: '04',
      hyperbaric: '05',
      extreme_temperatures: '06',
      noise: '07',
      night_work: '08',
      alternating_shifts: '09',
      repetitive_work: '10',
    });
  });
});

// ---------------------------------------------------------------------------------------------
describe('regulationInForce at the boundaries (digest §9 "versions" from dates)', () => {
  it.each([
    ['2014-12-31', undefined],
    ['2015-01-01', '2015-01-01'],
    ['2015-12-31', '2015-01-01'],
    ['2016-01-01', '2016-01-01'],
    ['2016-06-30', '2016-01-01'],
    ['2016-07-01', '2016-07-01'],
    ['2017-09-30', '2016-07-01'],
    ['2017-10-01', '2017-10-01'],
    ['2023-08-31', '2017-10-01'],
    ['2023-09-01', '2023-09-01'],
    ['2026-11-23', '2023-09-01'],
  ])('%s → %s', (date, expected) => {
    expect(regulationInForce(date)?.id).toBe(expected);
  });

  it('refuses what is not an ISO date', () => {
    expect(regulationInForce('2024')).toBeUndefined();
    expect(regulationInForce('2024-6-1')).toBeUndefined();
    expect(regulationInForce('')).toBeUndefined();
    expect(regulationInForce('01/09/2023')).toBeUndefined();
  });
});

describe('regulationById, resolveRegulation, findCriterion, factorOf', () => {
  it.each(ALL)('regulationById(%s) finds the version', (id) => {
    expect(regulationById(id)?.id).toBe(id);
    expect(regulationById(id)?.from).toBe(id);
  });
  it('regulationById only knows version ids, not dates inside a version', () => {
    expect(regulationById('2016-03-01')).toBeUndefined();
    expect(regulationById('2014-1159')).toBeUndefined();
    expect(regulationById('')).toBeUndefined();
  });
  it('resolveRegulation takes an id or a date', () => {
    expect(resolveRegulation('2017-10-01')?.id).toBe('2017-10-01');
    expect(resolveRegulation('2016-03-01')?.id).toBe('2016-01-01');
    expect(resolveRegulation('2023-08-31')?.id).toBe('2017-10-01');
    expect(resolveRegulation('2030-01-01')?.id).toBe('2023-09-01');
    expect(resolveRegulation('2014-12-31')).toBeUndefined();
    expect(resolveRegulation('latest')).toBeUndefined();
  });
  it('findCriterion returns the factor, its threshold group and the criterion', () => {
    const found = findCriterion(version('2023-09-01'), 'noise', 'peak');
    expect(found?.factor.code).toBe('noise');
    expect(found?.group.code).toBe('noise_peak');
    expect(found?.criterion.code).toBe('peak');
    expect(found?.criterion.intensityLabel).toBe('≥ 135 dB(C)');
  });
  it('findCriterion: a criterion of another factor, or an unknown code, is undefined', () => {
    expect(findCriterion(version('2023-09-01'), 'noise', 'night')).toBeUndefined();
    expect(findCriterion(version('2023-09-01'), 'night_work', 'lift_carry')).toBeUndefined();
    expect(findCriterion(version('2015-01-01'), 'repetitive_work', 'no_such_criterion')).toBeUndefined();
  });
  it('factorOf finds each factor of each version', () => {
    for (const id of ALL) for (const code of FACTOR_CODES) expect(factorOf(version(id), code).code).toBe(code);
  });
});

// ---------------------------------------------------------------------------------------------
// The tables applied: a one-situation referential evaluated for a full-time employee (1 607 h, the
// referential's reference year, so the working-time ratio is 1 and exposure = the stated duration).

function exposure(factor: FactorCode, criterionCode: string, intensity: Array<[Quantity, number]>, duration?: [number, DurationUnit]): Exposure {
  return {
    factor,
    criterion: criterionCode,
    intensity: intensity.map(([quantity, value]) => ({ quantity, value, unit: QUANTITY_UNITS[quantity] })),
    ...(duration ? { duration: { value: duration[0], unit: duration[1] } } : {}),
    conclusion: 'exposed',
  };
}

function referential(regulation: string, exposures: Exposure[]): Referential {
  const loaded = loadReferential({
    formatVersion: 1,
    id: 'essai',
    identity: { branch: 'Essai', title: 'Essai', version: '1.0.0', status: 'draft', authors: [], created: '2024-01-01' },
    regulation,
    workingYear: { annualHours: 1607, workingDays: 228 },
    factors: { retained: [], excluded: [] },
    questions: [],
    measures: [],
    jobs: [{ id: 'poste', label: 'Poste', tasks: [{ id: 'tache', label: 'Tâche', defaultShare: 100, entry: 's' }] }],
    nodes: [],
    situations: [{ id: 's', label: 'Situation', exposures }],
    scenarios: [],
  });
  if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
  return loaded.value;
}

function run(exposures: Exposure[], year: number, more: { contract?: Employee['contract']; birth?: Employee['birth']; regulation?: string } = {}): EmployeeResult {
  // The referential targets the version of the year evaluated, as a branch writing for that year would.
  const ref = referential(regulationInForce(`${year}-12-31`)!.id, exposures);
  const employee: Employee = { id: 'E', annualHours: 1607, contract: more.contract ?? {}, birth: 'birth' in more ? more.birth : 1980, jobs: [{ job: 'poste', share: 100 }] };
  return evaluate(ref, { answers: {}, measures: [] }, employee, { year, ...(more.regulation ? { regulation: more.regulation } : {}) });
}

const verdict = (r: EmployeeResult, f: FactorCode) => r.factors.find((x) => x.factor === f)!.verdict;
const exposureOf = (r: EmployeeResult, f: FactorCode, g: string) => r.factors.find((x) => x.factor === f)!.groups.find((x) => x.code === g)!.exposure;

describe('thresholds applied: "at least" means ≥ (digest §1, domain "At least means ≥")', () => {
  it('noise 2024: 81 dB(A) over 600 h/year is exposed; 599.9 h or 80.9 dB(A) is not (D4163-2, digest §2.4)', () => {
    expect(verdict(run([exposure('noise', 'daily_level', [['sound_level', 81]], [600, 'h/year'])], 2024), 'noise')).toBe('exposed');
    expect(verdict(run([exposure('noise', 'daily_level', [['sound_level', 81]], [599.9, 'h/year'])], 2024), 'noise')).toBe('not_exposed');
    expect(verdict(run([exposure('noise', 'daily_level', [['sound_level', 80.9]], [1500, 'h/year'])], 2024), 'noise')).toBe('not_exposed');
  });
  it('noise peak 2024: 135 dB(C) 120 times/year is exposed; 119 times or 134.9 dB(C) is not', () => {
    expect(verdict(run([exposure('noise', 'peak', [['peak_level', 135]], [120, 'events/year'])], 2024), 'noise')).toBe('exposed');
    expect(verdict(run([exposure('noise', 'peak', [['peak_level', 135]], [119, 'events/year'])], 2024), 'noise')).toBe('not_exposed');
    expect(verdict(run([exposure('noise', 'peak', [['peak_level', 134.9]], [200, 'events/year'])], 2024), 'noise')).toBe('not_exposed');
  });
  it('noise in the 2016 year: a contract ending 2016-06-30 falls under 2016-01-01, where noise is not yet in force (digest §2.2 "Postponement")', () => {
    const r = run([exposure('noise', 'daily_level', [['sound_level', 90]], [1500, 'h/year'])], 2016, { contract: { start: '2016-01-01', end: '2016-06-30' } });
    expect(r.regulation).toBe('2016-01-01');
    expect(verdict(r, 'noise')).toBe('not_exposed');
    expect(r.factors.find((f) => f.factor === 'noise')!.inForce).toBe(false);
  });
  it('noise in 2015 is not in force (the 80 dB(A) of décret 2014-1159 never applied: digest §9 noise row)', () => {
    const r = run([exposure('noise', 'daily_level', [['sound_level', 90]], [1500, 'h/year'])], 2015);
    expect(r.regulation).toBe('2015-01-01');
    expect(verdict(r, 'noise')).toBe('not_exposed');
    // 1 500 h/year stated, intensity 90 ≥ 80: the figure is still reported.
    expect(exposureOf(r, 'noise', 'noise_level')).toBe(1500);
  });
  it('night work 2024: 100 nights exposed, 99 not; less than 1 h between 0 h and 5 h does not count (D4163-2, digest §2.5)', () => {
    expect(verdict(run([exposure('night_work', 'night', [['night_hours', 1]], [100, 'nights/year'])], 2024), 'night_work')).toBe('exposed');
    expect(verdict(run([exposure('night_work', 'night', [['night_hours', 1]], [99, 'nights/year'])], 2024), 'night_work')).toBe('not_exposed');
    expect(verdict(run([exposure('night_work', 'night', [['night_hours', 0.5]], [200, 'nights/year'])], 2024), 'night_work')).toBe('not_exposed');
  });
  it('night work 2022: 120 nights exposed, 119 not (digest §1 table 3a)', () => {
    expect(verdict(run([exposure('night_work', 'night', [['night_hours', 2]], [120, 'nights/year'])], 2022), 'night_work')).toBe('exposed');
    expect(verdict(run([exposure('night_work', 'night', [['night_hours', 2]], [119, 'nights/year'])], 2022), 'night_work')).toBe('not_exposed');
  });
  it('alternating shifts: 30 nights exposed in 2024, 29 not; 50 in 2022, 49 not (digest §2.5, §1 table 3b)', () => {
    const alt = (n: number) => [exposure('alternating_shifts', 'alternating_shift_night', [['night_hours', 1]], [n, 'nights/year'])];
    expect(verdict(run(alt(30), 2024), 'alternating_shifts')).toBe('exposed');
    expect(verdict(run(alt(29), 2024), 'alternating_shifts')).toBe('not_exposed');
    expect(verdict(run(alt(50), 2022), 'alternating_shifts')).toBe('exposed');
    expect(verdict(run(alt(49), 2022), 'alternating_shifts')).toBe('not_exposed');
  });
  it('hyperbaric: 1 200 hPa 60 times exposed; 1 199 hPa or 59 times not (digest §1 table 2b)', () => {
    const hyp = (p: number, n: number) => [exposure('hyperbaric', 'hyperbaric_intervention', [['pressure', p]], [n, 'events/year'])];
    expect(verdict(run(hyp(1200, 60), 2024), 'hyperbaric')).toBe('exposed');
    expect(verdict(run(hyp(1199, 80), 2024), 'hyperbaric')).toBe('not_exposed');
    expect(verdict(run(hyp(1200, 59), 2024), 'hyperbaric')).toBe('not_exposed');
  });
  it('temperatures: 5 °C and 30 °C count, 5.1 °C and 29.9 °C do not, over 900 h (digest §1 table 2c)', () => {
    const t = (c: number) => [exposure('extreme_temperatures', 'extreme_temperature', [['temperature', c]], [900, 'h/year'])];
    expect(verdict(run(t(5), 2024), 'extreme_temperatures')).toBe('exposed');
    expect(verdict(run(t(30), 2024), 'extreme_temperatures')).toBe('exposed');
    expect(verdict(run(t(5.1), 2024), 'extreme_temperatures')).toBe('not_exposed');
    expect(verdict(run(t(29.9), 2024), 'extreme_temperatures')).toBe('not_exposed');
  });
  it('repetitive work 2024 (2016 definition): 15 actions in a 30 s cycle, or 30 actions/min with a longer or absent cycle (digest §2.2)', () => {
    const rep = (intensity: Array<[Quantity, number]>) => verdict(run([exposure('repetitive_work', 'repetitive_movements', intensity, [900, 'h/year'])], 2024), 'repetitive_work');
    expect(rep([['cycle_time', 30], ['actions_per_cycle', 15]])).toBe('exposed');
    expect(rep([['cycle_time', 30], ['actions_per_cycle', 14]])).toBe('not_exposed');
    expect(rep([['cycle_time', 31], ['actions_per_minute', 30]])).toBe('exposed');
    expect(rep([['cycle_time', 31], ['actions_per_minute', 29]])).toBe('not_exposed');
    expect(rep([['actions_per_minute', 30]])).toBe('exposed');
    expect(rep([['actions_per_minute', 29]])).toBe('not_exposed');
    // A 45 s cycle alone was repetitive in 2015 (cycle ≤ 1 min); under the 2016 text a cycle over 30 s
    // needs the actions per minute, which it does not state: refused at load, not counted as 0 h.
    expect(() => rep([['cycle_time', 45]])).toThrow(/intensity : Intensité indéterminée .*actions techniques par minute/);
    // With 10 actions per cycle the rate is derived: 10 × 60 ÷ 45 = 13.33 actions/min < 30.
    expect(rep([['cycle_time', 45], ['actions_per_cycle', 10]])).toBe('not_exposed');
  });
  it('repetitive work 2015 (2014 definition): cycle ≤ 60 s alone suffices; > 60 s needs 30 actions/min (digest §1 table 3c)', () => {
    const rep = (intensity: Array<[Quantity, number]>) => verdict(run([exposure('repetitive_work', 'repetitive_movements', intensity, [900, 'h/year'])], 2015), 'repetitive_work');
    expect(rep([['cycle_time', 60]])).toBe('exposed');
    expect(rep([['cycle_time', 45]])).toBe('exposed');
    expect(rep([['cycle_time', 61], ['actions_per_minute', 30]])).toBe('exposed');
    expect(rep([['cycle_time', 61], ['actions_per_minute', 29]])).toBe('not_exposed');
    expect(rep([['actions_per_minute', 40]])).toBe('not_exposed');
  });
  it('manual handling 2016: 15 kg lifted 600 h exposed, 14.9 kg not (digest §1 table 1a)', () => {
    const lift = (kg: number) => [exposure('manual_handling', 'lift_carry', [['load', kg]], [600, 'h/year'])];
    expect(verdict(run(lift(15), 2016), 'manual_handling')).toBe('exposed');
    expect(verdict(run(lift(14.9), 2016), 'manual_handling')).toBe('not_exposed');
  });
  it('manual handling 2016: 300 h lifting 15 kg + 200 h pushing 250 kg + 100 h moving 10 kg = 600 h cumulate to exposed; with 9.9 kg, 500 h are not (D4161-3, digest §1 rules)', () => {
    const cum = (moveKg: number) => [
      exposure('manual_handling', 'lift_carry', [['load', 15]], [300, 'h/year']),
      exposure('manual_handling', 'push_pull', [['load', 250]], [200, 'h/year']),
      exposure('manual_handling', 'move_with_load', [['load', moveKg]], [100, 'h/year']),
    ];
    const r = run(cum(10), 2016);
    expect(exposureOf(r, 'manual_handling', 'handling_hours')).toBe(600);
    expect(verdict(r, 'manual_handling')).toBe('exposed');
    const r2 = run(cum(9.9), 2016);
    expect(exposureOf(r2, 'manual_handling', 'handling_hours')).toBe(500);
    expect(verdict(r2, 'manual_handling')).toBe('not_exposed');
  });
  it('cumulative handling 2016: 7.5 t/day on 120 days exposed, 7.4 t not (digest §1 table 1a)', () => {
    const ton = (t: number) => [exposure('manual_handling', 'daily_tonnage', [['daily_tonnage', t]], [120, 'days/year'])];
    expect(verdict(run(ton(7.5), 2016), 'manual_handling')).toBe('exposed');
    expect(verdict(run(ton(7.4), 2016), 'manual_handling')).toBe('not_exposed');
  });
  it('postures 2016: twist 30° and bend 45° count, 29° / 44° do not; 450 + 450 h of two postures cumulate to 900 h (digest §1 table 1b)', () => {
    const two = (twist: number, bend: number) => [
      exposure('awkward_postures', 'torso_twisted', [['angle', twist]], [450, 'h/year']),
      exposure('awkward_postures', 'torso_bent', [['angle', bend]], [450, 'h/year']),
    ];
    expect(verdict(run(two(30, 45), 2016), 'awkward_postures')).toBe('exposed');
    expect(verdict(run(two(29, 45), 2016), 'awkward_postures')).toBe('not_exposed');
    expect(verdict(run(two(30, 44), 2016), 'awkward_postures')).toBe('not_exposed');
  });
  it('vibrations 2016: 2.5 m/s² hand-arm or 0.5 m/s² whole body over 450 h exposed; 2.4 / 0.49 not (digest §1 table 1c)', () => {
    const vib = (c: string, a: number) => verdict(run([exposure('mechanical_vibrations', c, [['acceleration', a]], [450, 'h/year'])], 2016), 'mechanical_vibrations');
    expect(vib('hand_arm', 2.5)).toBe('exposed');
    expect(vib('hand_arm', 2.4)).toBe('not_exposed');
    expect(vib('whole_body', 0.5)).toBe('exposed');
    expect(vib('whole_body', 0.49)).toBe('not_exposed');
  });
  it('h/day converts through the 228 working days: 3 h/day × 228 = 684 h ≥ 600 (noise exposed)', () => {
    const r = run([exposure('noise', 'daily_level', [['sound_level', 85]], [3, 'h/day'])], 2024);
    expect(exposureOf(r, 'noise', 'noise_level')).toBe(684);
    expect(verdict(r, 'noise')).toBe('exposed');
  });
});

describe('nights under alternating shifts are not counted again as night work from 2016-01-01 (D4161-3 then D4163-5 al. 3, digest §2.2, §2.4)', () => {
  const both = [
    exposure('night_work', 'night', [['night_hours', 3]], [130, 'nights/year']),
    exposure('alternating_shifts', 'alternating_shift_night', [['night_hours', 3]], [60, 'nights/year']),
  ];
  it('2015: no deduction, 130 night-work nights ≥ 120 and 60 shift nights ≥ 50', () => {
    const r = run(both, 2015);
    expect(exposureOf(r, 'night_work', 'night_count')).toBe(130);
    expect(verdict(r, 'night_work')).toBe('exposed');
    expect(verdict(r, 'alternating_shifts')).toBe('exposed');
  });
  it('2016: 130 − 60 = 70 night-work nights < 120; the 60 shift nights stay ≥ 50', () => {
    const r = run(both, 2016);
    expect(exposureOf(r, 'night_work', 'night_count')).toBe(70);
    expect(verdict(r, 'night_work')).toBe('not_exposed');
    expect(exposureOf(r, 'alternating_shifts', 'shift_night_count')).toBe(60);
    expect(verdict(r, 'alternating_shifts')).toBe('exposed');
  });
});

describe('2023 transition applied by the evaluator (digest §2.5)', () => {
  const nights = (n: number) => [exposure('night_work', 'night', [['night_hours', 2]], [n, 'nights/year'])];
  const shifts = (n: number) => [exposure('alternating_shifts', 'alternating_shift_night', [['night_hours', 2]], [n, 'nights/year'])];
  it('whole year 2023: 113 nights exposed, 112 not; threshold reported as 113', () => {
    const r = run(nights(113), 2023);
    expect(verdict(r, 'night_work')).toBe('exposed');
    expect(r.factors.find((f) => f.factor === 'night_work')!.groups[0]!.threshold).toEqual({ value: 113, unit: 'nights/year' });
    expect(verdict(run(nights(112), 2023), 'night_work')).toBe('not_exposed');
  });
  it('whole year 2023: 43 shift nights exposed, 42 not', () => {
    expect(verdict(run(shifts(43), 2023), 'alternating_shifts')).toBe('exposed');
    expect(verdict(run(shifts(42), 2023), 'alternating_shifts')).toBe('not_exposed');
  });
  it('contract 2023-01-01 → 2023-08-31: 120 / 50 (119 nights and 49 shift nights not exposed; 120 and 50 exposed)', () => {
    const contract = { start: '2023-01-01', end: '2023-08-31' };
    expect(verdict(run(nights(119), 2023, { contract }), 'night_work')).toBe('not_exposed');
    expect(verdict(run(nights(120), 2023, { contract }), 'night_work')).toBe('exposed');
    expect(verdict(run(shifts(49), 2023, { contract }), 'alternating_shifts')).toBe('not_exposed');
    expect(verdict(run(shifts(50), 2023, { contract }), 'alternating_shifts')).toBe('exposed');
  });
  it('contract 2023-09-01 → 2023-12-31: 100 / 30', () => {
    const contract = { start: '2023-09-01', end: '2023-12-31' };
    expect(verdict(run(nights(100), 2023, { contract }), 'night_work')).toBe('exposed');
    expect(verdict(run(nights(99), 2023, { contract }), 'night_work')).toBe('not_exposed');
    expect(verdict(run(shifts(30), 2023, { contract }), 'alternating_shifts')).toBe('exposed');
    expect(verdict(run(shifts(29), 2023, { contract }), 'alternating_shifts')).toBe('not_exposed');
  });
  it('contract straddling (2023-05-01 → 2023-11-30): 113 / 43', () => {
    const contract = { start: '2023-05-01', end: '2023-11-30' };
    expect(verdict(run(nights(112), 2023, { contract }), 'night_work')).toBe('not_exposed');
    expect(verdict(run(nights(113), 2023, { contract }), 'night_work')).toBe('exposed');
  });
});

describe('points applied (R4162-2, R4162-3, R4163-9: digest §3.1, §3.2, §3.3)', () => {
  const noise = exposure('noise', 'daily_level', [['sound_level', 85]], [1000, 'h/year']);
  const night = exposure('night_work', 'night', [['night_hours', 2]], [150, 'nights/year']);
  const heat = exposure('extreme_temperatures', 'extreme_temperature', [['temperature', 35]], [1000, 'h/year']);

  it('2024, full year, one factor: 4 periods × 1 = 4 points, declared with DSN code 07', () => {
    const r = run([noise], 2024, { contract: { reference: 'C-1' } });
    expect(r.points.total).toBe(4);
    expect(r.dsn).toEqual([{ factor: 'noise', code: '07', year: 2024, contract: 'C-1' }]);
  });
  it('2024, full year, three factors: 4 periods × 3 = 12 points (1 point per factor, digest §3.2)', () => {
    expect(run([noise, night, heat], 2024).points.total).toBe(12);
  });
  it('2022, full year: one factor 4 points; two factors 4 × 2 = 8; three factors still 8 (2 points for several, digest §3.1 I)', () => {
    expect(run([noise], 2022).points.total).toBe(4);
    expect(run([noise, night], 2022).points.total).toBe(8);
    expect(run([noise, night, heat], 2022).points.total).toBe(8);
  });
  it('born before 1956-07-01 doubles the points: 1950 → 4 × 2 = 8; 1956-06-30 → 8; 1956-07-01 → 4 (R4162-3, digest §3.1)', () => {
    expect(run([noise], 2024, { birth: 1950 }).points.total).toBe(8);
    expect(run([noise], 2024, { birth: '1956-06-30' }).points.total).toBe(8);
    expect(run([noise], 2024, { birth: '1956-07-01' }).points.total).toBe(4);
    expect(run([noise], 2024, { birth: 1957 }).points.total).toBe(4);
  });
  it('2016 full year: noise only applies from 2016-07-01, so only the periods ending 09-30 and 12-31 count: 2 points (digest §2.2)', () => {
    const r = run([noise], 2016);
    expect(r.regulation).toBe('2016-07-01');
    expect(r.points.total).toBe(2);
  });
  it('contract 2024-02-15 → 2024-12-31: 10 whole months → 3 periods → 3 points, the leftover month earns nothing (digest §3.1 II)', () => {
    const r = run([noise], 2024, { contract: { start: '2024-02-15', end: '2024-12-31' } });
    expect(r.points.monthsInYear).toBe(10);
    expect(r.points.periods).toBe(3);
    expect(r.points.total).toBe(3);
  });
  it('contract under one month (2024-03-01 → 2024-03-20): nothing declared, no point (digest §3.3 "contract ≥ 1 month")', () => {
    const r = run([noise], 2024, { contract: { start: '2024-03-01', end: '2024-03-20' } });
    expect(r.points.eligible).toBe(false);
    expect(r.points.total).toBe(0);
    expect(r.dsn).toEqual([]);
  });
  it('contract of exactly one month (2024-03-01 → 2024-03-31): declared, but no whole 3-month period so 0 points', () => {
    const r = run([noise], 2024, { contract: { start: '2024-03-01', end: '2024-03-31' } });
    expect(r.points.eligible).toBe(true);
    expect(r.points.total).toBe(0);
    expect(r.dsn.map((d) => d.code)).toEqual(['07']);
  });
  it('2024 manual handling removed from the C2P: no legal threshold (D4163-2), verdict no_legal_threshold, no DSN line, no point (L4163-1 I)', () => {
    const r = run([exposure('manual_handling', 'lift_carry', [['load', 20]], [700, 'h/year'])], 2024);
    expect(verdict(r, 'manual_handling')).toBe('no_legal_threshold');
    expect(r.dsn).toEqual([]);
    expect(r.points.total).toBe(0);
  });
  it('2016 manual handling earns points (digest §9 V2016 c2p): full year → periods ending 09-30 and 12-31 → 2 points, DSN code 01', () => {
    const r = run([exposure('manual_handling', 'lift_carry', [['load', 20]], [700, 'h/year'])], 2016);
    expect(r.points.total).toBe(2);
    expect(r.dsn.map((d) => d.code)).toEqual(['01']);
  });

  // A permanent contract recorded with the usual open-end marker 9999-12-31 (regression: the day
  // after it, '10000-01-01', once crashed the month count).
  it('a contract 2020-03-01 → 9999-12-31 lasts more than one month: declared, 4 points in 2024 (digest §3.3)', () => {
    const r = run([noise], 2024, { contract: { start: '2020-03-01', end: '9999-12-31' } });
    expect(r.points.eligible).toBe(true);
    expect(r.points.total).toBe(4);
    expect(r.dsn.map((d) => d.code)).toEqual(['07']);
  });
});

describe('impossible dates are not regulation dates', () => {
  // A date that matches YYYY-MM-DD but does not exist must not silently select a version.
  it.each(['2024-13-45', '2024-02-30', '2023-02-29', '2024-00-10'])('%s selects no version', (date) => {
    expect(regulationInForce(date)).toBeUndefined();
    expect(resolveRegulation(date)).toBeUndefined();
  });
  it('2024-02-29 (leap day) is a real date', () => {
    expect(regulationInForce('2024-02-29')?.id).toBe('2023-09-01');
  });
});
