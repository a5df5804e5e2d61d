import type { Referential } from '../../core/index.ts';
import { parseStaffCsv, type CsvIssue, type StaffCsvResult } from '../../io/staff-csv.ts';

/*
 * The staff file parsed in slices of lines, so that the Web Worker can report its progress on large
 * files. The result is exactly parseStaffCsv's on the whole file (a test compares them on valid,
 * broken and generated files): each slice is parsed by parseStaffCsv under the header line, then its
 * line numbers are put back, the header's issues kept once, and an id already used in an earlier
 * slice reported as parseStaffCsv would have.
 *
 * Slicing needs one record per line: a file with a quote character (a value that may span lines) or
 * with mixed line endings is parsed in one go, with no intermediate progress.
 */

export interface ParseProgress {
  /** Data lines parsed so far. */
  done: number;
  total: number;
}

export const DEFAULT_SLICE_LINES = 2000;

const DUPLICATE_ID = /^Identifiant « (.*) » déjà utilisé ligne (\d+) : /;
const BLANK_HEADER_FILLED = /^La colonne n° (\d+) a des valeurs/;

/** The header's delimiter, read as parseStaffCsv reads it. */
function detectDelimiter(source: string): ',' | ';' {
  const first = /^.*\S.*$/m.exec(source)?.[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** One kind of line ending throughout, so that lines are records. */
function splitLines(source: string): string[] | undefined {
  const crlf = (source.match(/\r\n/g) ?? []).length;
  const cr = (source.match(/\r/g) ?? []).length;
  const lf = (source.match(/\n/g) ?? []).length;
  if (cr === 0) return source.split('\n');
  if (lf === 0) return source.split('\r');
  if (crlf === cr && crlf === lf) return source.split('\r\n');
  return undefined;
}

/**
 * Parses the staff file, yielding progress after each slice and returning parseStaffCsv's result.
 *
 * @example
 * const parsing = parseStaffCsvSlices(text, referential);
 * let step = parsing.next();
 * while (!step.done) { report(step.value); step = parsing.next(); }
 * const result = step.value;
 */
export function* parseStaffCsvSlices(text: string, referential: Referential, sliceLines = DEFAULT_SLICE_LINES): Generator<ParseProgress, StaffCsvResult, void> {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = source.includes('"') ? undefined : splitLines(source);
  const delimiter = detectDelimiter(source);
  const blank = (line: string) => line.split(delimiter).every((f) => f.trim() === '');
  const headerIndex = lines ? lines.findIndex((l) => !blank(l)) : -1;
  const dataLines = lines && headerIndex >= 0 ? lines.slice(headerIndex + 1).filter((l) => !blank(l)).length : 0;
  if (!lines || headerIndex < 0 || dataLines === 0) {
    yield { done: 0, total: 1 };
    return parseStaffCsv(text, referential);
  }

  const header = lines[headerIndex]!;
  const headerLine = headerIndex + 1;
  const idColumn = header.split(delimiter).findIndex((h) => h.trim().toLowerCase() === 'id');
  const firstLineOf = new Map<string, number>();
  const headerIssues: CsvIssue[] = [];
  const headerSeen = new Set<string>();
  const blankHeaderIssues: CsvIssue[] = [];
  const rowIssues: CsvIssue[] = [];
  const employees: StaffCsvResult['employees'] = [];
  const rows: number[] = [];
  let done = 0;

  for (let start = headerIndex + 1; start < lines.length; start += sliceLines) {
    const slice = lines.slice(start, start + sliceLines);
    const count = slice.filter((l) => !blank(l)).length;
    if (count === 0) continue;
    // Line k (k ≥ 2) of the slice's text is line start + k - 1 of the file (1-based); line 1 is the header.
    const lineOf = (k: number) => (k === 1 ? headerLine : start + k - 1);
    const parsed = parseStaffCsv(`${header}\n${slice.join('\n')}`, referential);

    // Ids used in an earlier slice: parseStaffCsv saw this slice alone.
    const earlier = new Map<number, { id: string; first: number }>();
    if (idColumn >= 0) {
      slice.forEach((line, i) => {
        if (blank(line)) return;
        const id = (line.split(delimiter)[idColumn] ?? '').trim();
        if (id === '') return;
        const first = firstLineOf.get(id);
        if (first !== undefined) earlier.set(start + i + 1, { id, first });
      });
    }

    const byRow = new Map<number, CsvIssue[]>();
    for (const issue of parsed.issues) {
      const row = lineOf(issue.row);
      if (row === headerLine) {
        const key = `${issue.column}\u0000${issue.message}`;
        if (headerSeen.has(key)) continue;
        headerSeen.add(key);
        (BLANK_HEADER_FILLED.test(issue.message) ? blankHeaderIssues : headerIssues).push({ ...issue, row });
        continue;
      }
      // A duplicate inside the slice names the id's first line in the whole file.
      const dup = DUPLICATE_ID.exec(issue.message);
      const message = dup ? duplicateMessage(dup[1]!, firstLineOf.get(dup[1]!) ?? lineOf(Number(dup[2]))) : issue.message;
      const list = byRow.get(row) ?? [];
      list.push({ ...issue, row, message });
      byRow.set(row, list);
    }
    for (const [row, dup] of earlier) {
      const list = byRow.get(row) ?? [];
      // A second use inside the slice is already reported (naming the first line of the file).
      if (list.some((i) => i.column === 'id' && DUPLICATE_ID.test(i.message))) continue;
      // parseStaffCsv reports a line's width first (column ''), then its id.
      let at = 0;
      while (at < list.length && list[at]!.column === '') at++;
      list.splice(at, 0, { row, column: 'id', message: duplicateMessage(dup.id, dup.first) });
      byRow.set(row, list);
    }
    for (const row of [...byRow.keys()].sort((a, b) => a - b)) rowIssues.push(...byRow.get(row)!);

    const rejected = new Set(earlier.keys());
    parsed.employees.forEach((employee, i) => {
      const row = lineOf(parsed.rows[i]!);
      if (rejected.has(row)) return;
      employees.push(employee);
      rows.push(row);
    });
    if (idColumn >= 0) {
      slice.forEach((line, i) => {
        if (blank(line)) return;
        const id = (line.split(delimiter)[idColumn] ?? '').trim();
        if (id !== '' && !firstLineOf.has(id)) firstLineOf.set(id, start + i + 1);
      });
    }
    done += count;
    yield { done, total: dataLines };
  }

  blankHeaderIssues.sort((a, b) => Number(BLANK_HEADER_FILLED.exec(a.message)![1]) - Number(BLANK_HEADER_FILLED.exec(b.message)![1]));
  const issues = [...headerIssues, ...blankHeaderIssues, ...rowIssues];
  // Stable: by line, then in the order parseStaffCsv reports them.
  const sorted = issues.map((issue, i) => ({ issue, i })).sort((a, b) => a.issue.row - b.issue.row || a.i - b.i).map((x) => x.issue);
  return { employees, rows, issues: sorted };
}

const duplicateMessage = (id: string, first: number) => `Identifiant « ${id} » déjà utilisé ligne ${first} : chaque salarié doit avoir un identifiant unique`;
