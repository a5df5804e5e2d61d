import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactOf, createEvaluator, EvaluationError, loadReferential, type CompanyAnswers, type Employee, type EmployeeResult, type EvaluationOptions, type Referential } from '../src/core/index.ts';
import { createSetup } from '../src/core/evaluate/setup.ts';
import { createSpecialised } from '../src/core/evaluate/specialised.ts';
import { generateEmployees, generateReferential } from '../bench/generate.ts';
import { randomCompany, randomReferential, randomStaff } from './support/random-referential.ts';
import { formatIssues } from '../src/present/issues.ts';

/*
 * The specialised path (precomputed vectors, compact results) against the general one (the tree
 * walked per employee, detailed results) on generated referentials, companies and staff: for every
 * employee, either the general path refuses it and the specialised one hands it over (`null`), or the
 * specialised result is the general result in compact form, figure for figure (same order of
 * arithmetic: equal to the last bit, not within a tolerance), or the specialised path handed over an
 * employee the general path evaluates (allowed, counted: it must stay rare).
 */

interface Tally {
  taken: number;
  handedOver: number;
  refused: number;
}

function compare(referential: Referential, company: CompanyAnswers, options: EvaluationOptions, staff: readonly Employee[], tally: Tally): void {
  let general: ReturnType<typeof createEvaluator>;
  try {
    general = createEvaluator(referential, company, options);
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationError);
    return;
  }
  const specialised = createSpecialised(createSetup(referential, company, options));
  for (const employee of staff) {
    const fast = specialised.evaluate(employee);
    let detailed: EmployeeResult | undefined;
    try {
      detailed = general.evaluate(employee);
    } catch (error) {
      expect(error).toBeInstanceOf(EvaluationError);
      expect(fast, `${employee.id}: the general path refuses it (${(error as Error).message})`).toBeNull();
      tally.refused++;
      continue;
    }
    if (fast === null) {
      tally.handedOver++;
      continue;
    }
    tally.taken++;
    expect(fast, employee.id).toEqual(compactOf(detailed, employee.contract.reference));
  }
}

describe('the specialised path agrees with the general one', () => {
  it('on the bench’s generated referentials (3 × 4 to 20 × 8 jobs × tasks, depth-4 trees), 3 companies, 2 years', () => {
    const tally: Tally = { taken: 0, handedOver: 0, refused: 0 };
    for (const [jobs, tasks, seed] of [[3, 4, 1], [20, 8, 2], [7, 3, 3]] as const) {
      const referential = generateReferential({ jobs, tasks, seed });
      expect(loadReferential(referential).ok).toBe(true);
      const staff = generateEmployees(referential, 1500, seed + 10);
      for (const company of [
        { answers: { 'q-activity': 'workshop', 'q-load': 25 }, measures: [{ measure: 'm-lift' }] },
        { answers: { 'q-activity': 'site', 'q-load': 20 }, measures: [] },
        { answers: { 'q-activity': 'site', 'q-load': 19.5 }, measures: [{ measure: 'm-lift', since: '2024-05-01' }] },
      ]) {
        for (const year of [2016, 2024]) compare(referential, company, { year }, staff, tally);
      }
    }
    // Refused: the generated contracts of March–November 2024, evaluated for 2016 (outside the year).
    expect(tally.handedOver).toBe(0);
    expect(tally.taken + tally.refused).toBe(3 * 1500 * 3 * 2);
    expect(tally.taken).toBeGreaterThan(0.9 * 3 * 1500 * 3 * 2);
  });

  it('on random referentials, companies, years, regulations, rules and staff (fast-check seeds)', () => {
    const tally: Tally = { taken: 0, handedOver: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: 2015, max: 2027 }),
        fc.constantFrom(undefined, undefined, undefined, '2015-01-01', '2017-10-01', '2023-09-01'),
        fc.record({
          removedFactors2017: fc.constantFrom('old_article_q1_q3' as const, 'not_declared' as const),
          lateFactors2016: fc.constantFrom('from_entry_into_force' as const, 'whole_year' as const),
          points2023: fc.constantFrom('per_period' as const, 'former_rule' as const, 'new_rule' as const),
        }),
        (seed, year, regulation, rules) => {
          const referential = randomReferential(seed);
          const loaded = loadReferential(referential);
          if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
          const options: EvaluationOptions = { year, rules, ...(regulation ? { regulation } : {}) };
          compare(loaded.value, randomCompany(seed + 1), options, randomStaff(loaded.value, 60, seed + 2, year), tally);
        },
      ),
      { seed: 13, numRuns: 150 },
    );
    // Every outcome was exercised, and the specialised path took nearly every employee the general one evaluates.
    expect(tally.taken).toBeGreaterThan(3000);
    expect(tally.refused).toBeGreaterThan(1000);
    expect(tally.handedOver).toBeLessThan(tally.taken / 50);
  });

  it('evaluateCompact gives the specialised result, or the general one in compact form, and refuses what evaluate refuses', () => {
    const referential = randomReferential(7);
    const company = randomCompany(8);
    const evaluator = createEvaluator(referential, company, { year: 2024 });
    let accepted = 0;
    for (const employee of randomStaff(referential, 400, 9)) {
      let detailed: EmployeeResult | undefined;
      let refused: unknown;
      try {
        detailed = evaluator.evaluate(employee);
      } catch (error) {
        refused = error;
      }
      if (refused) {
        expect(() => evaluator.evaluateCompact(employee)).toThrow(EvaluationError);
        // The same error: code, field, employee and parameters.
        let compactRefusal: unknown;
        try {
          evaluator.evaluateCompact(employee);
        } catch (error) {
          compactRefusal = error;
        }
        const same = (e: unknown) => {
          const x = e as EvaluationError;
          return { code: x.code, field: x.field, employee: x.employee, params: x.params };
        };
        expect(same(compactRefusal)).toEqual(same(refused));
      } else {
        accepted++;
        expect(evaluator.evaluateCompact(employee)).toEqual(compactOf(detailed!, employee.contract.reference));
      }
    }
    // Every employee the general path evaluates went through the specialised one.
    expect(accepted).toBeGreaterThan(50);
    expect(evaluator.paths.specialised).toBe(accepted);
  });
});

describe('streaming a staff gives evaluateStaff’s totals, one row per employee', () => {
  it('on random referentials and staff: rows in order, errors where evaluateStaff has them, equal totals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 2016, max: 2026 }), (seed, year) => {
        const referential = randomReferential(seed);
        const company = randomCompany(seed + 1);
        let evaluator: ReturnType<typeof createEvaluator>;
        try {
          evaluator = createEvaluator(referential, company, { year });
        } catch (error) {
          expect(error).toBeInstanceOf(EvaluationError);
          return;
        }
        const staff = randomStaff(referential, 40, seed + 2);
        const whole = evaluator.evaluateStaff(staff);
        // A generator, as a file reader would be: the stream never holds the list.
        function* source() {
          yield* staff;
        }
        const stream = evaluator.streamStaff(source());
        const rows = [...stream];
        expect(rows.map((row) => row.index)).toEqual(staff.map((_, i) => i));
        expect(rows.filter((row) => row.error).map((row) => [row.index, row.error!.code, row.error!.field])).toEqual(whole.errors.map((e) => [e.index, e.error.code, e.error.field]));
        const results = rows.filter((row) => row.result).map((row) => row.result!);
        expect(results).toEqual(whole.results.map((r, i) => compactOf(r, staff[rows.filter((row) => row.result)[i]!.index]!.contract.reference)));
        expect(stream.totals).toEqual(whole.totals);
      }),
      { seed: 21, numRuns: 60 },
    );
  });

  it('the asynchronous form gives the same rows and totals', async () => {
    const referential = randomReferential(11);
    const company = randomCompany(12);
    const evaluator = createEvaluator(referential, company, { year: 2024 });
    const staff = randomStaff(referential, 200, 13);
    async function* source() {
      for (const employee of staff) yield employee;
    }
    const stream = evaluator.streamStaffAsync(source());
    const rows = [];
    for await (const row of stream) rows.push(row);
    const sync = evaluator.streamStaff(staff);
    expect(rows).toEqual([...sync]);
    expect(stream.totals).toEqual(sync.totals);
    expect(stream.totals).toEqual(evaluator.evaluateStaff(staff).totals);
  });
});
