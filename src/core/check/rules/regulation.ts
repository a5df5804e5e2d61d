import { FACTOR_CODES, QUANTITY_UNITS, type Quantity } from '../../regulation/types.ts';
import type { Exposure } from '../../referential/schema.ts';
import type { CheckContext } from '../context.ts';
import { reaches, round6 } from '../../util/round.ts';
import { MAX_ANNUAL_HOURS } from '../../util/constants.ts';

/** Share of a duration threshold within which a situation should be left "to analyse in the company". */
export const NEAR_THRESHOLD = 0.1;

/**
 * Physically or legally impossible values. Night hours are the hours worked between 0 h and 5 h, so at
 * most 5; a Lex,8h above 140 dB(A) is beyond the pain threshold of any workplace.
 */
const INTENSITY_BOUNDS: Record<Quantity, [number, number]> = {
  load: [0, 10_000],
  daily_tonnage: [0, 1_000],
  angle: [0, 180],
  acceleration: [0, 50],
  pressure: [0, 100_000],
  temperature: [-90, 150],
  sound_level: [0, 140],
  peak_level: [0, 194],
  night_hours: [0, 5],
  cycle_time: [0, 86_400],
  actions_per_cycle: [0, 100_000],
  actions_per_minute: [0, 1_000],
};
const DURATION_MAX: Record<string, number> = {
  'h/day': 24,
  'h/year': MAX_ANNUAL_HOURS,
  percent_of_working_time: 100,
  'nights/year': 366,
  'days/year': 366,
  'events/year': 1_000_000,
};

export function regulationRules(ctx: CheckContext): void {
  const { r, version, table } = ctx;
  if (!version || !table) {
    ctx.emit('regulation.unknown_version', { path: ['regulation'] }, { regulation: r.regulation });
    return;
  }
  const retained = new Set(r.factors.retained);
  const excluded = new Map(r.factors.excluded.map((e) => [e.factor, e.justification]));

  for (const code of FACTOR_CODES) {
    const def = version.factors.find((f) => f.code === code)!;
    if (retained.has(code) && excluded.has(code)) ctx.emit('regulation.factor_retained_and_excluded', { path: ['factors'] }, { factor: def.label });
    if (!retained.has(code)) {
      const justification = excluded.get(code);
      if (justification === undefined || justification.trim() === '') {
        const i = r.factors.excluded.findIndex((e) => e.factor === code);
        ctx.emit('regulation.excluded_without_justification', { path: i >= 0 ? ['factors', 'excluded', i, 'justification'] : ['factors', 'excluded'] }, { factor: def.label });
      }
    }
    if (retained.has(code)) {
      const i = r.factors.retained.indexOf(code);
      if (!def.inForce) ctx.emit('regulation.factor_not_in_force', { path: ['factors', 'retained', i] }, { factor: def.label, version: version.id, from: def.inForceFrom });
      else if (!def.earnsPoints) ctx.emit('regulation.factor_without_points', { path: ['factors', 'retained', i] }, { factor: def.label, version: version.id });
      if (!r.situations.some((s) => s.exposures.some((e) => e.factor === code))) ctx.emit('regulation.retained_without_situation', { path: ['factors', 'retained', i] }, { factor: def.label });
    }
  }

  for (const u of ctx.unplaced) {
    const s = r.situations[u.situation]!;
    const e = s.exposures[u.exposure]!;
    const at = ['situations', u.situation, 'exposures', u.exposure];
    if (u.reason === 'criterion') ctx.emit('regulation.unknown_criterion', { element: s.id, path: [...at, 'criterion'] }, { criterion: e.criterion, factor: e.factor });
    else if (u.reason === 'intensity') ctx.emit('regulation.intensity_missing', { element: s.id, path: [...at, 'intensity'] }, { situation: s.label, factor: e.factor, criterion: e.criterion, quantities: u.quantities.join(',') });
    else ctx.emit('regulation.unit_mismatch', { element: s.id, path: [...at, 'duration', 'unit'] }, { unit: e.duration?.unit ?? '', factor: e.factor });
  }

  r.situations.forEach((s, si) => {
    const vector = ctx.vectors.get(s.id);
    s.exposures.forEach((e, ei) => {
      const at = ['situations', si, 'exposures', ei];
      if (!retained.has(e.factor)) ctx.emit('regulation.situation_factor_not_retained', { element: s.id, path: [...at, 'factor'] }, { situation: s.label, factor: version.factors.find((f) => f.code === e.factor)!.label });
      impossibleValues(ctx, s.id, at, e);
    });
    if (!vector) return;
    // Compare each stated conclusion with what the numbers give for its threshold group at 100 % time.
    for (const entry of vector.entries) {
      const slot = table.slots[entry.slot]!;
      const minimum = slot.group.minimum;
      const ei = s.exposures.indexOf(entry.exposure);
      const at = ['situations', si, 'exposures', ei];
      // No legal threshold any more (the four factors removed on 2017-10-01): the conclusion serves
      // prevention only, and no figure can contradict it.
      if (minimum === null || !slot.factor.legalThreshold) continue;
      const value = round6(vector.values[entry.slot]!);
      const computed = reaches(value, minimum.value) ? 'exposed' : 'not_exposed';
      const params = { situation: s.label, factor: slot.factor.label, value: round(value), threshold: minimum.value, unit: minimum.unit };
      if (entry.exposure.conclusion !== 'to_analyse' && entry.exposure.conclusion !== computed) {
        ctx.emit('regulation.conclusion_contradiction', { element: s.id, path: [...at, 'conclusion'] }, { ...params, stated: entry.exposure.conclusion, computed });
      } else if (entry.exposure.conclusion !== 'to_analyse' && Math.abs(value - minimum.value) <= NEAR_THRESHOLD * minimum.value) {
        ctx.emit('regulation.near_threshold', { element: s.id, path: [...at, 'conclusion'] }, params);
      }
      if (minimum.unit === 'h/year' && entry.atFullTime > r.workingYear.annualHours) {
        ctx.emit('regulation.duration_exceeds_year', { element: s.id, path: [...at, 'duration'] }, { situation: s.label, value: round(entry.atFullTime), limit: r.workingYear.annualHours, unit: 'h/year' });
      }
      if ((minimum.unit === 'days/year' || minimum.unit === 'nights/year') && entry.atFullTime > r.workingYear.workingDays) {
        ctx.emit('regulation.duration_exceeds_year', { element: s.id, path: [...at, 'duration'] }, { situation: s.label, value: round(entry.atFullTime), limit: r.workingYear.workingDays, unit: 'days/year' });
      }
    }
  });
}

function impossibleValues(ctx: CheckContext, element: string, at: Array<string | number>, e: Exposure): void {
  e.intensity.forEach((m, k) => {
    const expected = QUANTITY_UNITS[m.quantity as Quantity];
    if (m.unit !== expected) ctx.emit('regulation.unit_mismatch', { element, path: [...at, 'intensity', k, 'unit'] }, { unit: m.unit, factor: e.factor, expected });
    const bounds = INTENSITY_BOUNDS[m.quantity as Quantity];
    if (bounds && (m.value < bounds[0] || m.value > bounds[1])) ctx.emit('regulation.impossible_value', { element, path: [...at, 'intensity', k, 'value'] }, { value: m.value, unit: m.unit, min: bounds[0], max: bounds[1] });
  });
  if (e.duration) {
    const max = DURATION_MAX[e.duration.unit]!;
    if (e.duration.value > max) ctx.emit('regulation.impossible_value', { element, path: [...at, 'duration', 'value'] }, { value: e.duration.value, unit: e.duration.unit, min: 0, max });
  }
  const group = ctx.table?.criterionSlot.get(`${e.factor}/${e.criterion}`);
  const minimum = group ? ctx.table!.slots[group.slot]!.group.minimum : null;
  if (minimum && !e.duration) ctx.emit('regulation.duration_missing', { element, path: [...at, 'duration'] }, { factor: e.factor });
}

const round = (x: number) => Math.round(x * 100) / 100;
