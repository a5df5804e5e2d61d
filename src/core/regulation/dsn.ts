import type { FactorCode } from './types.ts';

/**
 * DSN bloc S21.G00.34, rubric .001 "Facteur d'exposition".
 *
 * BEST RECONSTRUCTION, NOT VERIFIED: only '08' (night work) is confirmed by evidence found so far
 * (digest §4 and §8.1). This is the one place the codes live; check them against the net-entreprises
 * DSN cahier technique before a real declaration.
 */
export const DSN_FACTOR_CODES: Record<FactorCode, string> = {
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
};

/** Codes confirmed by a primary or operator source; the others are reconstructions. */
export const DSN_CONFIRMED_CODES: readonly string[] = ['08'];
export const DSN_CANCELLATION_CODE = '99';
