/*
 * The company files of the comparison screen (staff CSV or workbook, company answers JSON), read and checked
 * against both versions compared; each problem located (line and column, or JSON path) and said once
 * when both versions agree on it. Pure.
 */
import type { CompanyInput, Employee, LoadIssue, Measure, Question, Referential } from '../../core/index.ts';
import { companyIssues, loadCompanyText } from '../../io/company.ts';
import { parseStaffCsv, type ColumnMapping, type CsvIssue, type HeaderInfo } from '../../io/staff-csv.ts';
import { parseStaffSheet, type SheetRecords } from '../../io/staff-xlsx.ts';

/** A loaded file: its name and its text. */
export interface TextFile {
  name: string;
  text: string;
}

/** A staff file as read: CSV text (already decoded), or the records of a workbook's sheet. */
export type StaffSource = { kind: 'csv'; text: string } | { kind: 'xlsx'; sheet: SheetRecords };

/** A loaded staff file: its name and what it holds. */
export interface StaffFile {
  name: string;
  source: StaffSource;
}

/** Which of the two versions an issue concerns. */
export type IssueSide = 'both' | 'before' | 'after';
export interface Located<T> {
  issue: T;
  side: IssueSide;
}

/** The issues of both versions, each said once: `both` when the two versions report it alike. */
export function mergeIssues<T>(before: readonly T[], after: readonly T[]): Array<Located<T>> {
  const key = (x: T) => JSON.stringify(x);
  const inAfter = new Set(after.map(key));
  const inBefore = new Set(before.map(key));
  return [
    ...before.map((issue) => ({ issue, side: inAfter.has(key(issue)) ? ('both' as const) : ('before' as const) })),
    ...after.filter((issue) => !inBefore.has(key(issue))).map((issue) => ({ issue, side: 'after' as const })),
  ];
}

export interface StaffCheck {
  /** The employees, when the file has no problem for either version. */
  employees: Employee[] | null;
  /** Line of each employee id in the file. */
  rows: Map<string, number>;
  issues: Array<Located<CsvIssue>>;
  /** The header line as the new version's reader understood it (its unknown columns can be mapped). */
  headers?: HeaderInfo[];
}

/** The staff file read for both versions; `mapping`: headers the reviewer matched to columns. */
export function checkStaff(source: StaffSource, a: Referential, b: Referential, mapping?: ColumnMapping): StaffCheck {
  const options = mapping ? { mapping } : {};
  const parse = (r: Referential) => (source.kind === 'csv' ? parseStaffCsv(source.text, r, options) : parseStaffSheet(source.sheet, r, options));
  const before = parse(a);
  const after = a === b ? before : parse(b);
  const issues = mergeIssues(before.issues, after.issues).sort((x, y) => x.issue.row - y.issue.row);
  const rows = new Map(before.employees.map((e, i) => [e.id, before.rows[i]!]));
  return { employees: issues.length === 0 ? before.employees : null, rows, issues, ...(after.headers ? { headers: after.headers } : {}) };
}

export interface CompanyCheck {
  company: CompanyInput | null;
  issues: Array<Located<LoadIssue>>;
}

export function checkCompany(text: string, a: Referential, b: Referential): CompanyCheck {
  const loaded = loadCompanyText(text);
  if (!loaded.ok) return { company: null, issues: loaded.issues.map((issue) => ({ issue, side: 'both' })) };
  return checkCompanyInput(loaded.value, a, b);
}

/** Company answers given in the form (or read from a file) checked against both versions. */
export function checkCompanyInput(company: CompanyInput, a: Referential, b: Referential): CompanyCheck {
  const issues = mergeIssues(companyIssues(company, a), a === b ? companyIssues(company, a) : companyIssues(company, b));
  return { company: issues.length === 0 ? company : null, issues };
}

/** The company-level questions and the measures of both versions (the new version's wording first). */
export function companyCatalogue(a: Referential, b: Referential): { questions: Question[]; measures: Measure[] } {
  const questions = new Map<string, Question>();
  for (const r of [b, a]) for (const q of r.questions) if (q.scope === 'company' && !questions.has(q.id)) questions.set(q.id, q);
  const measures = new Map<string, Measure>();
  for (const r of [b, a]) for (const m of r.measures) if (!measures.has(m.id)) measures.set(m.id, m);
  return { questions: [...questions.values()], measures: [...measures.values()] };
}

/** A year of evaluation typed by a user: an integer from 2015 (first thresholds in force) to 2100. */
export function parseYear(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{4}$/.test(t)) return undefined;
  const year = Number(t);
  return year >= 2015 && year <= 2100 ? year : undefined;
}
