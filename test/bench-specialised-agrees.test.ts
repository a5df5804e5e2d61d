import { describe, expect, it } from 'vitest';
import { createEvaluator, loadReferential } from '../src/core/index.ts';
import { evaluateFixed, FIXED_REFERENTIAL } from '../bench/fixed.ts';
import { generateEmployees, generateReferential } from '../bench/generate.ts';

// The benchmark compares the general evaluator with a hand-written function; the comparison only
// means something if both give the same answers on the same employees.
describe('benchmark fixtures', () => {
  it('the fixed referential is a valid portable referential', () => {
    expect(loadReferential(FIXED_REFERENTIAL).ok).toBe(true);
  });

  it('the generated 50 × 8 referential is valid and every employee evaluates', () => {
    const referential = generateReferential({ jobs: 50, tasks: 8, seed: 1 });
    const loaded = loadReferential(referential);
    expect(loaded.ok).toBe(true);
    // Depth-4 full binary trees: 15 decision nodes and 16 situations per task.
    expect(referential.nodes.length).toBe(50 * 8 * 15);
    expect(referential.situations.length).toBe(50 * 8 * 16);
    const evaluator = createEvaluator(referential, { answers: { 'q-activity': 'workshop', 'q-load': 25 }, measures: [{ measure: 'm-lift' }] }, { year: 2024 });
    const staff = evaluator.evaluateStaff(generateEmployees(referential, 2000, 2));
    expect(staff.errors).toEqual([]);
    expect(staff.results.length).toBe(2000);
  });

  it('the hand-written function agrees with the general evaluator on 5 000 employees', () => {
    const evaluator = createEvaluator(FIXED_REFERENTIAL, { answers: {}, measures: [] }, { year: 2024 });
    const factors = ['noise', 'awkward_postures', 'night_work', 'alternating_shifts', 'extreme_temperatures'] as const;
    const groups = ['noise_level', 'forced_positions', 'night_count', 'shift_night_count', 'temperature_hours'] as const;
    let exposedSeen = 0;
    for (const employee of generateEmployees(FIXED_REFERENTIAL, 5000, 3)) {
      const general = evaluator.evaluate(employee);
      const special = evaluateFixed(employee);
      factors.forEach((factor, i) => {
        const group = general.factors.find((f) => f.factor === factor)!.groups.find((g) => g.code === groups[i]);
        expect(special.exposures[i]).toBeCloseTo(group!.exposure, 6);
      });
      expect(special.exposedFactors).toEqual(general.exposedFactors.filter((f) => (factors as readonly string[]).includes(f)));
      expect(special.points).toBe(general.points.total);
      expect(special.dsn).toEqual(general.dsn.map((d) => d.code));
      if (general.exposedFactors.length > 0) exposedSeen++;
    }
    // The comparison is only meaningful if a good part of the staff is exposed to something.
    expect(exposedSeen).toBeGreaterThan(1000);
  });
});
