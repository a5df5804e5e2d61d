import type { Condition, CriterionDef, Quantity } from '../regulation/types.ts';
import type { Exposure } from '../referential/schema.ts';
import { round6 } from '../util/round.ts';

/*
 * The intensity gate of a criterion, decided on what a situation states plus what arithmetic derives
 * from it. Repetitive work is defined through three linked quantities (D4161-2 as written by décret
 * 2014-1159, then by décret 2015-1888, now D4163-2): a cycle of `c` seconds holding `n` technical
 * actions runs at `n × 60 / c` actions per minute. A situation that states any two of them states the
 * third: a 20 s cycle at 45 actions per minute is 15 actions per cycle.
 *
 * A criterion whose test cannot be decided because a quantity it needs is neither stated nor derivable
 * is reported as `missing` — the loader, the checker and the evaluator turn that into a located error,
 * never into a silent "0 h".
 */

export type IntensityOutcome = { kind: 'met'; derived: DerivedQuantity[] } | { kind: 'not_met'; derived: DerivedQuantity[] } | { kind: 'missing'; quantities: Quantity[] };

/**
 * A quantity the situation does not state, computed from the two it does: `value` (rounded to a
 * millionth) and the two operands, as stated. The presentation layer writes the arithmetic
 * (`45 actions/min × 20 s ÷ 60 = 15 actions par cycle`).
 */
export type DerivedQuantity =
  /** actionsPerMinute × cycleTime ÷ 60 */
  | { quantity: 'actions_per_cycle'; value: number; actionsPerMinute: number; cycleTime: number }
  /** actionsPerCycle × 60 ÷ cycleTime */
  | { quantity: 'actions_per_minute'; value: number; actionsPerCycle: number; cycleTime: number }
  /** actionsPerCycle × 60 ÷ actionsPerMinute */
  | { quantity: 'cycle_time'; value: number; actionsPerCycle: number; actionsPerMinute: number };

/**
 * The quantities of an exposure as stated, completed by arithmetic where two of cycle time, actions
 * per cycle and actions per minute are given and the third is not. Derived values are rounded to a
 * millionth, like exposures, so that 45 × 20 ÷ 60 is the 15 it is.
 *
 * @example intensityValues({ intensity: [{ quantity: 'cycle_time', value: 20, unit: 's' }, { quantity: 'actions_per_minute', value: 45, unit: 'actions/min' }], … }).values.get('actions_per_cycle') // 15
 */
export function intensityValues(exposure: Pick<Exposure, 'intensity'>): { values: Map<Quantity, number>; derived: DerivedQuantity[] } {
  const values = new Map<Quantity, number>();
  for (const m of exposure.intensity) if (!values.has(m.quantity as Quantity)) values.set(m.quantity as Quantity, m.value);
  const derived: DerivedQuantity[] = [];
  const cycle = values.get('cycle_time');
  const perCycle = values.get('actions_per_cycle');
  const perMinute = values.get('actions_per_minute');
  const add = (d: DerivedQuantity) => {
    d.value = round6(d.value);
    values.set(d.quantity, d.value);
    derived.push(d);
  };
  if (perCycle === undefined && cycle !== undefined && perMinute !== undefined && cycle > 0) {
    add({ quantity: 'actions_per_cycle', value: (perMinute * cycle) / 60, actionsPerMinute: perMinute, cycleTime: cycle });
  } else if (perMinute === undefined && cycle !== undefined && perCycle !== undefined && cycle > 0) {
    add({ quantity: 'actions_per_minute', value: (perCycle * 60) / cycle, actionsPerCycle: perCycle, cycleTime: cycle });
  } else if (cycle === undefined && perCycle !== undefined && perMinute !== undefined && perMinute > 0) {
    add({ quantity: 'cycle_time', value: (perCycle * 60) / perMinute, actionsPerCycle: perCycle, actionsPerMinute: perMinute });
  }
  return { values, derived };
}

type Truth = true | false | 'unknown';

/**
 * Decides a criterion's intensity test (disjunctive normal form) in three-valued logic: a comparison on
 * a quantity the situation neither states nor derives is unknown — except for the quantities whose
 * absence is itself a case of the text (`absenceDecides`, the cycle time of repetitive work), where the
 * comparison is simply false. The test holds when one alternative holds, fails when every alternative
 * fails, and is `missing` otherwise (with the quantities that would decide it).
 */
export function assessIntensity(criterion: Pick<CriterionDef, 'intensity' | 'absenceDecides'>, exposure: Pick<Exposure, 'intensity'>): IntensityOutcome {
  const test = criterion.intensity;
  if (test === null) return { kind: 'met', derived: [] };
  const { values, derived } = intensityValues(exposure);
  const optional = criterion.absenceDecides ?? [];
  const unknown = new Set<Quantity>();
  let undecided = false;
  for (const alternative of test) {
    let all: Truth = true;
    const missingHere: Quantity[] = [];
    for (const condition of alternative) {
      const truth = conditionTruth(condition, values, optional);
      if (truth === false) {
        all = false;
        break;
      }
      if (truth === 'unknown') {
        all = 'unknown';
        missingHere.push(condition.quantity);
      }
    }
    if (all === true) return { kind: 'met', derived };
    if (all === 'unknown') {
      undecided = true;
      for (const q of missingHere) unknown.add(q);
    }
  }
  return undecided ? { kind: 'missing', quantities: [...unknown] } : { kind: 'not_met', derived };
}

function conditionTruth(condition: Condition, values: ReadonlyMap<Quantity, number>, optional: readonly Quantity[]): Truth {
  const measured = values.get(condition.quantity);
  if (condition.comparison === 'absent') return measured === undefined;
  if (measured === undefined) return optional.includes(condition.quantity) ? false : 'unknown';
  const value = condition.value!;
  switch (condition.comparison) {
    case '>=':
      return measured >= value;
    case '<=':
      return measured <= value;
    case '>':
      return measured > value;
    case '<':
      return measured < value;
  }
}
