/*
 * What only the command line prints: located issue lines and plain-text tables. Numbers, counts, dates
 * and French labels come from the presentation layer (src/present).
 */
import type { LoadIssue } from '../core/index.ts';
import type { CsvIssue } from '../io/staff-csv.ts';
import { issueMessage } from '../present/issues.ts';

/** `<file> <path> : <message>`, one line per issue of a JSON document. */
export const formatJsonIssues = (file: string, issues: readonly LoadIssue[]) => issues.map((i) => `${file} ${i.path} : ${issueMessage(i)}`).join('\n');

/** `<file> ligne <n>, colonne <c> : <message>`, one line per issue of the staff file. */
export const formatCsvIssues = (file: string, issues: readonly CsvIssue[]) =>
  issues.map((i) => `${file} ligne ${i.row}${i.column ? `, colonne ${i.column}` : ''} : ${i.message}`).join('\n');

/** Left-aligned text columns separated by two spaces (right-aligned where asked). */
export function textTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, right: readonly number[] = []): string {
  const widths = headers.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i]! - [...c].length));
        return right.includes(i) ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
