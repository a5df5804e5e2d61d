import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvaluator, loadReferential, measureDaysInYear, measurePeriods, type Employee } from '../src/core/index.ts';

const loaded = loadReferential(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')));
if (!loaded.ok) throw new Error('sample does not load');
const sample = loaded.value;
const mechanic: Employee = { id: 'M', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] };
const noiseOf = (measures: Array<{ measure: string; since?: string }>, year = 2024) => {
  const result = createEvaluator(sample, { answers: { 'q-activite': 'atelier' }, measures }, { year, trace: true }).evaluate(mechanic);
  return { result, hours: result.factors.find((f) => f.factor === 'noise')!.groups[0]!.exposure };
};

/*
 * Exposure is averaged over the calendar year (D4163-3): a prevention measure put in place during the
 * year counts from its `since` date. The sample mechanic in the workshop (tasks 60 % engines, 40 % body):
 *   without the noise measure: 0.6 × 7 h × 228 = 957.6 h (85 dB(A)) + 0.4 × 3 × 228 = 273.6 h → 1 231.2 h
 *   with it all year:          engines at 79 dB(A) < 81 count 0 h                    → 273.6 h
 */
describe('a prevention measure counts from its since date', () => {
  it('no date, or a date before the year: in place all year (273.6 h)', () => {
    expect(noiseOf([{ measure: 'm-bruit-80' }]).hours).toBeCloseTo(273.6, 6);
    expect(noiseOf([{ measure: 'm-bruit-80', since: '2020-05-01' }]).hours).toBeCloseTo(273.6, 6);
    expect(noiseOf([{ measure: 'm-bruit-80', since: '2024-01-01' }]).hours).toBeCloseTo(273.6, 6);
  });

  it('a date after the year: not in place (1 231.2 h)', () => {
    expect(noiseOf([{ measure: 'm-bruit-80', since: '2025-01-01' }]).hours).toBeCloseTo(1231.2, 6);
  });

  it('2024-09-01 in a leap year: 122 days of 366 with the measure, 244 without', () => {
    // 957.6 h × 244/366 + 0 × 122/366 = 638.4 h from the engines; + 273.6 h of bodywork = 912 h ≥ 600 → exposed.
    const { result, hours } = noiseOf([{ measure: 'm-bruit-80', since: '2024-09-01' }]);
    expect(hours).toBeCloseTo(912, 6);
    expect(result.exposedFactors).toContain('noise');
    const engines = result.trace!.filter((c) => c.task === 'moteurs-thermiques' && c.factor === 'noise');
    expect(engines.map((c) => [c.period?.from, c.period?.to, c.situation])).toEqual([
      ['2024-01-01', '2024-08-31', 's-moteurs-bruit'],
      ['2024-09-01', '2024-12-31', 's-moteurs-protege'],
    ]);
    expect(engines[0]!.arithmetic).toContainEqual({ kind: 'period', fraction: 244 / 366, from: '2024-01-01', to: '2024-08-31' });
  });

  it('2024-03-01: 306 of 366 days protected → 957.6 × 60/366 + 273.6 = 430.58… h < 600, not exposed', () => {
    // Jan 1 → Feb 29 is 31 + 29 = 60 days without the measure.
    const { result, hours } = noiseOf([{ measure: 'm-bruit-80', since: '2024-03-01' }]);
    expect(hours).toBeCloseTo((957.6 * 60) / 366 + 273.6, 5);
    expect(result.exposedFactors).not.toContain('noise');
  });

  it('periods: one per distinct date in the year, fractions summing to 1', () => {
    const periods = measurePeriods({ answers: {}, measures: [{ measure: 'a', since: '2023-04-01' }, { measure: 'b', since: '2023-10-01' }, { measure: 'c' }] }, 2023);
    // 2023 has 365 days: Jan–Mar 90, Apr–Sep 183, Oct–Dec 92.
    expect(periods.map((p) => [p.from, p.to, Math.round(p.fraction * 365), [...p.measures].sort()])).toEqual([
      ['2023-01-01', '2023-03-31', 90, ['c']],
      ['2023-04-01', '2023-09-30', 183, ['a', 'c']],
      ['2023-10-01', '2023-12-31', 92, ['a', 'b', 'c']],
    ]);
  });

  it('the days a measure counts for, as the CLI and the company screen state them', () => {
    // 2024 is a leap year: 366 days; from 2024-09-01: September 30 + October 31 + November 30 + December 31 = 122.
    expect(measureDaysInYear('2024-09-01', 2024)).toEqual({ days: 122, yearDays: 366 });
    expect(measureDaysInYear(undefined, 2024)).toEqual({ days: 366, yearDays: 366 });
    expect(measureDaysInYear('2024-01-01', 2024)).toEqual({ days: 366, yearDays: 366 });
    expect(measureDaysInYear('2025-01-01', 2024)).toEqual({ days: 0, yearDays: 366 });
    // 2023: 365 days; from 2023-12-31: 1 day.
    expect(measureDaysInYear('2023-12-31', 2023)).toEqual({ days: 1, yearDays: 365 });
  });
});
