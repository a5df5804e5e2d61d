import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvaluator, EvaluationError, type Employee, type Referential } from '../src/core/index.ts';
import { prng } from '../bench/generate.ts';
import { randomCompany, randomReferential, randomStaff } from './support/random-referential.ts';

/*
 * A referential built in code never went through the loader. Whatever is wrong with it — a missing
 * field, a value of the wrong type, a reference to nothing, a loop, a number that is not finite — the
 * evaluator throws `EvaluationError` and nothing else (no `TypeError` halfway through an employee),
 * on every path: the general one, with and without the trace, the specialised one, the staff stream.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const REPLACEMENTS: Array<(r: ReturnType<typeof prng>, ids: string[]) => unknown> = [
  () => undefined,
  () => null,
  () => 7,
  () => -1,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => 'x',
  () => '',
  () => ({}),
  () => [],
  () => [null],
  () => true,
  (r, ids) => r.pick(ids),
  () => 'nowhere',
  () => 'constructor',
  () => '__proto__',
];

/** Every place in the document: a path of keys and indices. */
function places(value: unknown, path: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return out;
  for (const key of Object.keys(value)) {
    const next = [...path, Array.isArray(value) ? Number(key) : key];
    out.push(next);
    places((value as Record<string, unknown>)[key], next, out);
  }
  return out;
}

/** The referential with one to three places damaged (deleted, or replaced by a value of another kind or an id of something else). */
function damaged(referential: Referential, seed: number): Referential {
  const r = prng(seed);
  const copy = JSON.parse(JSON.stringify(referential)) as Json;
  const ids = [...referential.nodes.map((n) => n.id), ...referential.situations.map((s) => s.id), ...referential.questions.map((q) => q.id), ...referential.jobs.map((j) => j.id)];
  for (let k = r.int(1, 3); k > 0; k--) {
    const all = places(copy);
    const path = r.pick(all);
    let parent = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    const replacement = r.pick(REPLACEMENTS)(r, ids);
    if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
    else parent[last] = replacement;
  }
  return copy as unknown as Referential;
}

describe('the evaluator throws only EvaluationError on referentials that skipped the loader', () => {
  it('random damage to random referentials: createEvaluator, evaluate (with and without trace), evaluateCompact, streamStaff', () => {
    let evaluated = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.constantFrom(2016, 2017, 2024), (seed, year) => {
        const original = randomReferential(seed);
        const referential = damaged(original, seed + 1);
        const staff: Employee[] = randomStaff(original, 12, seed + 2, year);
        const only = (run: () => unknown) => {
          try {
            run();
            evaluated++;
          } catch (error) {
            if (!(error instanceof EvaluationError)) throw error;
            expect(error.field.length).toBeGreaterThan(0);
            refused++;
          }
        };
        for (const trace of [false, true]) {
          let evaluator: ReturnType<typeof createEvaluator> | undefined;
          only(() => (evaluator = createEvaluator(referential, randomCompany(seed + 3), { year, trace })));
          if (!evaluator) continue;
          for (const employee of staff) {
            only(() => evaluator!.evaluate(employee));
            only(() => evaluator!.evaluateCompact(employee));
          }
          only(() => [...evaluator!.streamStaff(staff)]);
        }
      }),
      { seed: 5, numRuns: 300 },
    );
    expect(evaluated).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(1000);
  });

  it('a branch to a node that does not exist is a located error, not a TypeError', () => {
    const referential = randomReferential(3);
    const broken: Referential = { ...referential, jobs: [{ id: 'j', label: 'J', tasks: [{ id: 't', label: 'T', defaultShare: 100, entry: 'nowhere' }] }] };
    const evaluator = createEvaluator(broken, randomCompany(4), { year: 2024 });
    const employee: Employee = { id: 'E', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'j', share: 100 }] };
    for (const run of [() => evaluator.evaluate(employee), () => evaluator.evaluateCompact(employee)]) {
      let thrown: unknown;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EvaluationError);
      expect((thrown as EvaluationError).code).toBe('referential_invalid');
      expect((thrown as EvaluationError).field).toBe('nodes.nowhere');
    }
  });
});
