import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadReferentialText } from '../src/core/index.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { parseStaffCsvSlices } from '../src/ui/company/csvChunks.ts';
import { evaluateCompanySync } from '../src/ui/company/evaluation.ts';
import { generatedStaffCsv } from '../test/e2e/support/company-staff.ts';

/*
 * The company workspace in Node: parse a generated 10 000-line staff file for the sample referential
 * (as the Web Worker does, in slices, and in one go as the CLI does), then evaluate it (as the app
 * does, keeping the compact per-employee summaries). Best of several passes after a warm-up.
 */

const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const ROOT = join(import.meta.dirname, '..');

function best(run: () => unknown): number {
  run();
  let min = Infinity;
  for (let p = 0; p < PASSES; p++) {
    const t0 = performance.now();
    run();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

export interface CompanyBenchLine {
  label: string;
  ms: number;
  rows: number;
}

/** Parse + evaluate of a generated staff file (10 000 lines by default); each line's best time in ms. */
export function runCompanyBench(rows = 10_000): CompanyBenchLine[] {
  const loaded = loadReferentialText(readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8'));
  if (!loaded.ok) throw new Error('the sample referential does not load');
  const referential = loaded.value;
  const text = generatedStaffCsv(rows);
  const company = { answers: { 'q-activite': 'atelier' }, measures: [] };

  const sliced = () => {
    const parsing = parseStaffCsvSlices(text, referential);
    let step = parsing.next();
    while (!step.done) step = parsing.next();
    return step.value;
  };
  const employees = sliced().employees;
  if (employees.length !== rows) throw new Error(`expected ${rows} employees, parsed ${employees.length}`);
  const evaluate = () => evaluateCompanySync({ referential, company, year: 2024 }, employees);
  const parse = best(sliced);
  const whole = best(() => parseStaffCsv(text, referential));
  const evaluation = best(evaluate);
  const both = best(() => evaluateCompanySync({ referential, company, year: 2024 }, sliced().employees));
  return [
    { label: `parse ${rows.toLocaleString('en-US')}-line staff CSV, in slices (the worker)`, ms: parse, rows },
    { label: `parse ${rows.toLocaleString('en-US')}-line staff CSV, in one go (the CLI)`, ms: whole, rows },
    { label: `evaluate ${rows.toLocaleString('en-US')} employees with summaries (the app)`, ms: evaluation, rows },
    { label: `parse + evaluate ${rows.toLocaleString('en-US')} employees`, ms: both, rows },
  ];
}
