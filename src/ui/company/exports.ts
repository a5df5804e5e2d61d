import { factorOf, FACTOR_CODES, REGULATION_VERSIONS, regulationById, type Employee, type FactorCode, type Referential } from '../../core/index.ts';
import { writeCsv, type CsvCell } from '../../present/csv.ts';
import { formatDate, formatPercent, plural } from '../../present/fr.ts';
import type { CompanyEvaluation } from './evaluation.ts';
import type { DuerMatrix, DuerRow, HardshipState } from './duer.ts';

export type { DuerMatrix, DuerRow, HardshipState };

/*
 * What the company takes away: the declaration file (one line per employee and declared factor), the
 * DUER's hardship matrix (jobs × factors), as CSV for French spreadsheets (`;`, UTF-8 with BOM, French
 * headers, dates JJ/MM/AAAA, percentages, labelled total rows) through the one formula-safe CSV writer;
 * the declaration also in a machine-readable variant with stable codes (documented in the README) for
 * payroll software. Pure: the screens turn the text into a download; nothing leaves the browser.
 */

export interface CsvOptions {
  /** `fr` (default): French headers and values; `codes`: the stable machine-readable columns. */
  variant?: 'fr' | 'codes';
  /** French variant only: lines of text after the total (the channel of the year, the presumption of good faith). */
  notes?: readonly string[];
  bom?: boolean;
}

const toCsv = (fields: readonly string[], data: CsvCell[][], options: CsvOptions = {}) => writeCsv(fields, data, { delimiter: ';', bom: options.bom !== false });

export const labelOf = (regulation: string, factor: FactorCode) => factorOf(regulationById(regulation) ?? REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!, factor).label;

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

/** The machine-readable variant's columns: stable codes, ISO dates (documented in the README). */
export const DECLARATION_COLUMNS = ['employee', 'contract_ref', 'factor', 'factor_label', 'S21.G00.34.001', 'year', 'period_start', 'period_end', 'points'] as const;
/** The French variant's columns, same order. */
export const DECLARATION_HEADERS_FR = ['Matricule', 'N° de contrat', 'Code facteur', 'Facteur de risques', 'Code DSN (S21.G00.34.001)', 'Année', 'Début de période', 'Fin de période', 'Points de l’année'] as const;

/**
 * One row per employee and declared factor, in staff order then in the evaluator's factor order.
 * Temporary workers are left out: their agency declares them (L4163-1 IV; see declarationFiles.ts).
 */
export function declarationRows(employees: readonly Employee[], evaluation: CompanyEvaluation): DeclarationRow[] {
  const byId = new Map(employees.map((e) => [e.id, e]));
  const rows: DeclarationRow[] = [];
  for (const s of evaluation.summaries) {
    const employee = byId.get(s.employee);
    if (!employee || s.temporary) continue;
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

export function declarationCsv(employees: readonly Employee[], evaluation: CompanyEvaluation, options: CsvOptions = {}): string {
  const rows = declarationRows(employees, evaluation);
  if (options.variant === 'codes') {
    return toCsv(DECLARATION_COLUMNS, rows.map((r) => [r.employee, r.contract, r.factor, r.factorLabel, r.code, r.year, r.periodStart, r.periodEnd, r.points]), options);
  }
  const data: CsvCell[][] = rows.map((r) => [r.employee, r.contract, r.factor, r.factorLabel, r.code, r.year, formatDate(r.periodStart), formatDate(r.periodEnd), r.points]);
  // The employee's points are repeated on each of their lines: the total counts each employee once.
  const points = new Map(rows.map((r) => [r.employee, r.points]));
  const total = [...points.values()].reduce((n, p) => n + p, 0);
  data.push([`Total : ${plural(rows.length, 'ligne', 'lignes')}, ${plural(points.size, 'salarié déclaré', 'salariés déclarés')}`, '', '', '', '', evaluation.year, '', '', total]);
  for (const note of options.notes ?? []) data.push([note, '', '', '', '', '', '', '', '']);
  return toCsv(DECLARATION_HEADERS_FR, data, options);
}

export const HARDSHIP_LABELS: Record<HardshipState, string> = {
  exposed: 'exposé',
  prevention: 'non exposé mais prévention à mettre en place',
  none: 'non exposé',
};


const zeros = () => Object.fromEntries(FACTOR_CODES.map((f) => [f, 0])) as Record<FactorCode, number>;
const nones = () => Object.fromEntries(FACTOR_CODES.map((f) => [f, 'none'])) as Record<FactorCode, HardshipState>;

/**
 * The DUER's hardship annex as a matrix (R4121-1-1; digest §5, "DUER link"): for each job of the
 * referential, how many of the employees who hold it are exposed to each factor. A polyvalent employee
 * counts in each of the jobs of the mission profile; the total row counts each employee once.
 * Factors shown: those the referential retains, and any other someone is exposed to.
 */
export function duerMatrix(referential: Referential, employees: readonly Employee[], evaluation: CompanyEvaluation): DuerMatrix {
  const summaries = new Map(evaluation.summaries.map((s) => [s.employee, s]));
  const rows: DuerRow[] = referential.jobs.map((j) => ({ job: j.id, label: j.label, headcount: 0, exposed: zeros(), state: nones() }));
  const byJob = new Map(rows.map((r) => [r.job, r]));
  const total = { headcount: 0, exposed: zeros(), state: nones() };
  const mark = (state: Record<FactorCode, HardshipState>, f: FactorCode, to: HardshipState) => {
    if (to === 'exposed' || state[f] === 'none') state[f] = to;
  };
  for (const e of employees) {
    const s = summaries.get(e.id);
    if (!s) continue;
    // Some exposure without reaching the threshold (or a factor to analyse): prevention to put in place.
    const someExposure = s.factors.filter((f) => f.verdict !== 'exposed' && (f.exposure > 0 || f.verdict === 'to_analyse')).map((f) => f.factor);
    total.headcount++;
    for (const f of s.exposed) total.exposed[f]++;
    for (const f of someExposure) mark(total.state, f, 'prevention');
    for (const f of s.exposed) mark(total.state, f, 'exposed');
    for (const mj of e.jobs) {
      const row = byJob.get(mj.job);
      if (!row || mj.share <= 0) continue;
      row.headcount++;
      for (const f of s.exposed) row.exposed[f]++;
      for (const f of someExposure) mark(row.state, f, 'prevention');
      for (const f of s.exposed) mark(row.state, f, 'exposed');
    }
  }
  const factors = FACTOR_CODES.filter((f) => referential.factors.retained.includes(f) || total.exposed[f] > 0);
  const regulation = evaluation.regulation ?? evaluation.summaries[0]?.regulation ?? referential.regulation;
  return { factors, rows, total, regulation };
}

/** The DUER matrix as CSV: French headers, exposed counts, shares as percentages and the three-state cell per factor. */
export function duerCsv(matrix: DuerMatrix, options: CsvOptions = {}): string {
  const label = (f: FactorCode) => labelOf(matrix.regulation, f);
  if (options.variant === 'codes') {
    const fields = ['job', 'job_label', 'headcount', ...matrix.factors.flatMap((f) => [`${f}_exposed`, `${f}_share`, `${f}_state`])];
    const share = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10000) / 10000);
    const line = (job: string, name: string, r: { headcount: number; exposed: Record<FactorCode, number>; state: Record<FactorCode, HardshipState> }): CsvCell[] => [
      job,
      name,
      r.headcount,
      ...matrix.factors.flatMap((f) => [r.exposed[f], share(r.exposed[f], r.headcount), r.state[f]]),
    ];
    return toCsv(fields, [...matrix.rows.map((r) => line(r.job, r.label, r)), line('*', 'Total entreprise', matrix.total)], options);
  }
  const fields = ['Poste', 'Effectif', ...matrix.factors.flatMap((f) => [`${label(f)} — exposés`, `${label(f)} — part`, `${label(f)} — situation`])];
  const line = (name: string, r: { headcount: number; exposed: Record<FactorCode, number>; state: Record<FactorCode, HardshipState> }): CsvCell[] => [
    name,
    r.headcount,
    ...matrix.factors.flatMap((f) => [r.exposed[f], formatPercent(r.headcount === 0 ? 0 : r.exposed[f] / r.headcount, { grouping: false }), HARDSHIP_LABELS[r.state[f]]]),
  ];
  return toCsv(fields, [...matrix.rows.map((r) => line(r.label, r)), line('Total entreprise (chaque salarié compté une fois)', matrix.total)], options);
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
