import { describe, expect, it } from 'vitest';
import { compactOf, createEvaluator, EvaluationError, loadReferential } from '../src/core/index.ts';
import { createSetup } from '../src/core/evaluate/setup.ts';
import { createSpecialised } from '../src/core/evaluate/specialised.ts';
import { listedJobsOf, rowSummary, summarize, summarizeCompact } from '../src/ui/company/evaluation.ts';
import { randomCompany, randomReferential, randomStaff } from './support/random-referential.ts';

/*
 * The company workspace summarises each employee from the compact result of the specialised path (the
 * evaluation worker streams the staff); the summary must be the one the detailed result gives.
 */
describe('an employee summary from a compact result equals the summary of the detailed result', () => {
  it('on random referentials, companies and staff, for several years', () => {
    let compared = 0;
    let listings = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const loaded = loadReferential(randomReferential(seed));
      if (!loaded.ok) throw new Error('random referential refused');
      const year = 2015 + (seed % 12);
      const company = randomCompany(seed + 1);
      let evaluator: ReturnType<typeof createEvaluator>;
      try {
        evaluator = createEvaluator(loaded.value, company, { year });
      } catch (error) {
        expect(error).toBeInstanceOf(EvaluationError);
        continue;
      }
      const specialised = createSpecialised(createSetup(loaded.value, company, { year }));
      for (const employee of randomStaff(loaded.value, 50, seed + 2, year)) {
        let detailed;
        try {
          detailed = evaluator.evaluate(employee);
        } catch {
          continue;
        }
        const expected = summarize(detailed);
        // The compact result has everything but the L4163-2-1 listing; the row summary the app keeps has it all.
        const { listed: _listing, ...compactPart } = expected;
        expect(summarizeCompact(compactOf(detailed, employee.contract.reference))).toEqual(compactPart);
        const fast = specialised.evaluate(employee);
        if (fast) {
          expect(summarizeCompact(fast)).toEqual(compactPart);
          expect(rowSummary(evaluator, listedJobsOf(loaded.value), employee, fast)).toEqual(expected);
          if (_listing) listings++;
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
    expect(listings).toBeGreaterThan(0);
  });
});
