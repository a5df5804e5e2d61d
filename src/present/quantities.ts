import type { Quantity } from '../core/index.ts';

/*
 * The intensity quantities of the decree in French, for the messages that ask for a missing one (the
 * loader's issues, the evaluator's errors). The core names a quantity by its code (`cycle_time`).
 */

export const QUANTITY_NAMES: Record<Quantity, string> = {
  load: 'la charge unitaire (kg)',
  daily_tonnage: 'le tonnage cumulé par jour (t)',
  angle: 'l’angle du torse (°)',
  acceleration: 'l’accélération A(8) (m/s²)',
  pressure: 'la pression (hPa)',
  temperature: 'la température (°C)',
  sound_level: 'le niveau Lex,8h (dB(A))',
  peak_level: 'le niveau de crête (dB(C))',
  night_hours: 'les heures travaillées entre 0 h et 5 h',
  cycle_time: 'le temps de cycle (s)',
  actions_per_cycle: 'le nombre d’actions techniques par cycle',
  actions_per_minute: 'le nombre d’actions techniques par minute',
};

/**
 * What to state so that an intensity test can be decided. For repetitive work, two of cycle time,
 * actions per cycle and actions per minute are enough: the third is derived.
 *
 * @example missingQuantitiesText(['load']) // « indiquez la charge unitaire (kg) »
 */
export function missingQuantitiesText(quantities: readonly Quantity[]): string {
  const names = quantities.map((q) => QUANTITY_NAMES[q]);
  const repetitive = quantities.some((q) => q === 'cycle_time' || q === 'actions_per_cycle' || q === 'actions_per_minute');
  return `indiquez ${names.join(' et ')}${repetitive ? ' (deux des trois grandeurs temps de cycle, actions par cycle, actions par minute suffisent : la troisième s’en déduit)' : ''}`;
}
