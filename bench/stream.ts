import { createEvaluator } from '../src/core/index.ts';
import { employeeStream, generateReferential } from './generate.ts';

/*
 * One streaming run in a process of its own (so that its peak memory is its own): `count` generated
 * employees, made one at a time, through `streamStaff`, each row dropped once counted. Prints one line
 * of JSON: time, rows, peak resident memory. Run by bench/run.ts at 1 M and 10 M employees.
 */

const count = Number(process.argv[2] ?? 1_000_000);
const referential = generateReferential({ jobs: 50, tasks: 8, seed: 1 });
const evaluator = createEvaluator(referential, { answers: { 'q-activity': 'workshop', 'q-load': 25 }, measures: [{ measure: 'm-lift' }] }, { year: 2024 });
const t0 = performance.now();
const stream = evaluator.streamStaff(employeeStream(referential, count, 2));
let rows = 0;
let points = 0;
for (const row of stream) {
  rows++;
  if (row.result) points += row.result.points;
}
const ms = performance.now() - t0;
const totals = stream.totals;
if (totals.employees !== count || totals.points !== points) throw new Error('the totals do not match the rows');
console.log(JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, heapUsedMb: process.memoryUsage().heapUsed / 1048576 }));
