import Papa from 'papaparse';
import { factorOf, FACTOR_CODES, REGULATION_VERSIONS, regulationById, type Employee, type FactorCode, type Referential } from '../../core/index.ts';
import type { CompanyEvaluation } from './evaluation.ts';

/*
 * What the company takes away: the declaration file (one line per employee and declared factor), the
 * DUER's hardship matrix (jobs × factors), both as CSV for French spreadsheets (`;`, UTF-8 with BOM).
 * Pure: the screens turn the text into a download; nothing leaves the browser.
 */

export interface CsvOptions {
  delimiter?: ',' | ';';
  bom?: boolean;
}

const toCsv = (fields: string[], data: Array<Array<string | number>>, options: CsvOptions = {}) => {
  const delimiter = options.delimiter ?? ';';
  const decimal = (v: string | number) => (typeof v === 'number' && delimiter === ';' ? String(v).replace('.', ',') : v);
  const body = Papa.unparse({ fields, data: data.map((row) => row.map(decimal)) }, { delimiter, newline: '\r\n' });
  return `${options.bom === false ? '' : '\uFEFF'}${body}\r\n`;
};

const labelOf = (regulation: string, factor: FactorCode) => factorOf(regulationById(regulation) ?? REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!, factor).label;

/** The contract's days within the year: from its start (or 1 January) to its end (or 31 December). */
export function periodInYear(employee: Employee, year: number): { start: string; end: string } {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const start = employee.contract.start && employee.contract.start > first ? employee.contract.start : first;
  const end = employee.contract.end && employee.contract.end < last ? employee.contract.end : last;
  return { start, end };
}

export interface DeclarationRow {
  employee: string;
  contract: string;
  factor: FactorCode;
  factorLabel: string;
  /** S21.G00.34.001 */
  code: string;
  /** S21.G00.34.003 */
  year: number;
  periodStart: string;
  periodEnd: string;
  /** The employee's points for the year (all factors: before 2023-09-01 they are not per factor). */
  points: number;
}

export const DECLARATION_COLUMNS = ['employee', 'contract_ref', 'factor', 'factor_label', 'S21.G00.34.001', 'year', 'period_start', 'period_end', 'points'] as const;

/** One row per employee and declared factor, in staff order then in the evaluator's factor order. */
export function declarationRows(employees: readonly Employee[], evaluation: CompanyEvaluation): DeclarationRow[] {
  const byId = new Map(employees.map((e) => [e.id, e]));
  const rows: DeclarationRow[] = [];
  for (const s of evaluation.summaries) {
    const employee = byId.get(s.employee);
    if (!employee) continue;
    const period = periodInYear(employee, evaluation.year);
    s.declared.forEach((factor, i) => {
      rows.push({
        employee: s.employee,
        contract: employee.contract.reference ?? '',
        factor,
        factorLabel: labelOf(s.regulation, factor),
        code: s.dsn[i]!,
        year: evaluation.year,
        periodStart: period.start,
        periodEnd: period.end,
        points: s.points,
      });
    });
  }
  return rows;
}

export function declarationCsv(employees: readonly Employee[], evaluation: CompanyEvaluation, options?: CsvOptions): string {
  const rows = declarationRows(employees, evaluation);
  return toCsv(
    [...DECLARATION_COLUMNS],
    rows.map((r) => [r.employee, r.contract, r.factor, r.factorLabel, r.code, r.year, r.periodStart, r.periodEnd, r.points]),
    options,
  );
}

export interface DuerRow {
  job: string;
  label: string;
  /** Employees holding the job (any share). */
  headcount: number;
  exposed: Record<FactorCode, number>;
}

export interface DuerMatrix {
  factors: FactorCode[];
  rows: DuerRow[];
  total: { headcount: number; exposed: Record<FactorCode, number> };
  regulation: string;
}

const zeros = () => Object.fromEntries(FACTOR_CODES.map((f) => [f, 0])) as Record<FactorCode, number>;

/**
 * The DUER's hardship annex as a matrix (R4121-1-1; digest §5, "DUER link"): for each job of the
 * referential, how many of the employees who hold it are exposed to each factor. A polyvalent employee
 * counts in each of the jobs of the mission profile; the total row counts each employee once.
 * Factors shown: those the referential retains, and any other someone is exposed to.
 */
export function duerMatrix(referential: Referential, employees: readonly Employee[], evaluation: CompanyEvaluation): DuerMatrix {
  const summaries = new Map(evaluation.summaries.map((s) => [s.employee, s]));
  const rows: DuerRow[] = referential.jobs.map((j) => ({ job: j.id, label: j.label, headcount: 0, exposed: zeros() }));
  const byJob = new Map(rows.map((r) => [r.job, r]));
  const total = { headcount: 0, exposed: zeros() };
  for (const e of employees) {
    const s = summaries.get(e.id);
    if (!s) continue;
    total.headcount++;
    for (const f of s.exposed) total.exposed[f]++;
    for (const mj of e.jobs) {
      const row = byJob.get(mj.job);
      if (!row || mj.share <= 0) continue;
      row.headcount++;
      for (const f of s.exposed) row.exposed[f]++;
    }
  }
  const factors = FACTOR_CODES.filter((f) => referential.factors.retained.includes(f) || total.exposed[f] > 0);
  const regulation = evaluation.regulation ?? evaluation.summaries[0]?.regulation ?? referential.regulation;
  return { factors, rows, total, regulation };
}

export function duerCsv(matrix: DuerMatrix, options?: CsvOptions): string {
  const fields = ['job', 'job_label', 'headcount', ...matrix.factors.flatMap((f) => [`${f}_exposed`, `${f}_share`])];
  const share = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10000) / 10000);
  const line = (job: string, label: string, headcount: number, exposed: Record<FactorCode, number>) => [
    job,
    label,
    headcount,
    ...matrix.factors.flatMap((f) => [exposed[f], share(exposed[f], headcount)]),
  ];
  const data = matrix.rows.map((r) => line(r.job, r.label, r.headcount, r.exposed));
  data.push(line('*', 'Total entreprise', matrix.total.headcount, matrix.total.exposed));
  return toCsv(fields, data, options);
}

/** A file name without characters that file systems refuse. */
export function safeFileName(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'entreprise'
  );
}
