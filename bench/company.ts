import { readFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { join } from 'node:path';
import { loadReferentialText } from '../src/core/index.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { parseStaffCsvSlices } from '../src/ui/company/csvChunks.ts';
import { decodeStaffBytes } from '../src/io/decode.ts';
import { compactEvaluation, evaluateCompanySync, shareEqualParts } from '../src/ui/company/evaluation.ts';
import { shareEmployeeParts } from '../src/ui/company/sharedParts.ts';
import { declarationCsv, duerCsv, duerMatrix } from '../src/ui/company/exports.ts';
import { generatedStaffCsv } from '../test/e2e/support/company-staff.ts';

/*
 * The company workspace in Node: parse a generated staff file for the sample referential (as the Web
 * Worker does, in slices, and in one go as the CLI does) — also as a French payroll export in
 * Windows-1252 with French headers —, evaluate it (as the evaluation worker does, keeping the compact
 * per-employee summaries), and write the exports. Best of several passes after a warm-up.
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
  // The same file as HR has it: French headers, Windows-1252 (every byte of this text is Latin-1).
  const french = text.replace(/^[^\n]*/, "Matricule;Heures annuelles;Date d'entrée;Date de sortie;N° de contrat;Année de naissance;Postes;Tâches;q:q-equipes-alternantes");
  const bytes = Uint8Array.from(french, (c) => c.charCodeAt(0));
  const frenchParse = best(() => {
    const decoded = decodeStaffBytes(bytes);
    if (!decoded.ok || decoded.encoding !== 'windows-1252') throw new Error('not read as Windows-1252');
    return parseStaffCsv(decoded.text, referential);
  });
  const evaluated = compactEvaluation(evaluateCompanySync({ referential, company, year: 2024 }, employees));
  const exports = best(() => {
    duerCsv(duerMatrix(referential, employees, evaluated));
    declarationCsv(employees, evaluated);
  });
  // What the page pays for the results: the structured clone of 1 000-row messages (V8's serializer,
  // as postMessage), read back and kept — with and without the workers' shared parts.
  const messages = (list: readonly unknown[]) => {
    const out: Buffer[] = [];
    for (let i = 0; i < list.length; i += 1000) out.push(serialize(list.slice(i, i + 1000)));
    return out;
  };
  const receive = (chunks: readonly Buffer[]) => () => {
    const kept: unknown[] = [];
    for (const c of chunks) for (const x of deserialize(c) as unknown[]) kept.push(x);
    return kept;
  };
  const share = best(() => [shareEmployeeParts(employees), shareEqualParts(evaluated.summaries)]);
  const plain = messages(evaluated.summaries);
  const shared = messages(shareEqualParts(evaluated.summaries));
  const mb = (chunks: readonly Buffer[]) => chunks.reduce((n, c) => n + c.length, 0) / 1e6;
  const receivePlain = best(receive(plain));
  const receiveShared = best(receive(shared));
  return [
    { label: `parse ${rows.toLocaleString('en-US')}-line staff CSV, in slices (the worker)`, ms: parse, rows },
    { label: `parse ${rows.toLocaleString('en-US')}-line staff CSV, in one go (the CLI)`, ms: whole, rows },
    { label: `evaluate ${rows.toLocaleString('en-US')} employees with summaries (the app)`, ms: evaluation, rows },
    { label: `parse + evaluate ${rows.toLocaleString('en-US')} employees`, ms: both, rows },
    { label: `decode Windows-1252 + parse French headers, ${rows.toLocaleString('en-US')} lines`, ms: frenchParse, rows },
    { label: `DUER matrix + declaration CSV, ${rows.toLocaleString('en-US')} employees`, ms: exports, rows },
    { label: `share equal parts of ${rows.toLocaleString('en-US')} employees + summaries (workers)`, ms: share, rows },
    { label: `page reads ${rows.toLocaleString('en-US')} summaries, as sent before (${mb(plain).toFixed(0)} MB)`, ms: receivePlain, rows },
    { label: `page reads ${rows.toLocaleString('en-US')} summaries, parts shared (${mb(shared).toFixed(0)} MB)`, ms: receiveShared, rows },
  ];
}
