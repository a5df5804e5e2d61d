import { createEvaluator, type Employee, type Referential } from '../src/core/index.ts';
import { evaluateFixed, FIXED_REFERENTIAL } from './fixed.ts';
import { generateEmployees, generateReferential } from './generate.ts';

/*
 * One evaluator measure in a process of its own: `node <bundle> '<json spec>'` prints one line of JSON
 * (best wall and CPU time of the passes). bench/run.ts bundles this file with esbuild, the core taken
 * from the built library (dist/index.mjs, what `npm pack` ships and the CLI runs), and starts one
 * process per measure, so that no measure inherits another's heap, inline caches or compiled code
 * (in one process, whichever referential ran later paid for the garbage of the earlier ones).
 */

export interface EvaluatorMeasure {
  /** general: detailed results; specialised: compact results; hand: bench/fixed.ts. */
  kind: 'general' | 'general-trace' | 'specialised' | 'hand';
  /** The generated referential's number of jobs (8 tasks each, depth-4 trees), or the fixed 4-job one. */
  referential: number | 'fixed';
  employees: number;
  passes: number;
}

export interface EvaluatorFigures {
  bestMs: number;
  bestCpuMs: number;
}

const COMPANY = { answers: { 'q-activity': 'workshop', 'q-load': 25 }, measures: [{ measure: 'm-lift' }] };
const NO_ANSWERS = { answers: {}, measures: [] };

function runner(spec: EvaluatorMeasure): () => number {
  const fixed = spec.referential === 'fixed';
  const referential: Referential = fixed ? FIXED_REFERENTIAL : generateReferential({ jobs: spec.referential as number, tasks: 8, seed: 1 });
  const staff: Employee[] = generateEmployees(referential, spec.employees, fixed ? 3 : 2);
  const company = fixed ? NO_ANSWERS : COMPANY;
  switch (spec.kind) {
    case 'hand':
      return () => {
        let checksum = 0;
        for (const e of staff) checksum += evaluateFixed(e).points;
        return checksum;
      };
    case 'specialised': {
      const evaluator = createEvaluator(referential, company, { year: 2024 });
      return () => {
        let checksum = 0;
        for (const e of staff) checksum += evaluator.evaluateCompact(e).points;
        if (evaluator.paths.general > 0) throw new Error('an employee left the specialised path');
        return checksum;
      };
    }
    default: {
      const evaluator = createEvaluator(referential, company, { year: 2024, trace: spec.kind === 'general-trace' });
      return () => {
        let checksum = 0;
        for (const e of staff) checksum += evaluator.evaluate(e).points.total;
        return checksum;
      };
    }
  }
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const spec = JSON.parse(process.argv[2] ?? '') as EvaluatorMeasure;
const run = runner(spec);
// A warm-up pass (compiled code, filled blocks), then the best of the timed ones.
run();
let bestMs = Infinity;
let bestCpuMs = Infinity;
for (let p = 0; p < spec.passes; p++) {
  const t0 = performance.now();
  const c0 = cpuMs();
  const checksum = run();
  bestMs = Math.min(bestMs, performance.now() - t0);
  bestCpuMs = Math.min(bestCpuMs, cpuMs() - c0);
  if (!Number.isFinite(checksum)) throw new Error('bad checksum');
}
console.log(JSON.stringify({ bestMs, bestCpuMs } satisfies EvaluatorFigures));
