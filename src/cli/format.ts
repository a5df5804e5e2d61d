import type { LoadIssue, Verdict } from '../core/index.ts';
import type { CsvIssue } from '../io/staff-csv.ts';

/** French number: decimal comma, space between thousands, at most `digits` decimals. */
export function num(value: number, digits = 1): string {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  const [whole = '0', decimals] = String(Math.abs(rounded)).split('.');
  const grouped = whole.length > 4 ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : whole;
  return `${rounded < 0 ? '−' : ''}${grouped}${decimals ? `,${decimals}` : ''}`;
}

/** A share (0 to 1) as a French percentage. */
export const percent = (share: number) => `${num(share * 100, 1)} %`;

export const VERDICT_LABELS: Record<Verdict, string> = {
  exposed: 'exposé',
  not_exposed: 'non exposé',
  to_analyse: 'à analyser',
  no_legal_threshold: 'hors déclaration (aucun seuil légal)',
};

export const STATUS_LABELS: Record<string, string> = {
  draft: 'brouillon',
  in_review: 'en relecture',
  submitted: 'déposé pour homologation',
  homologated: 'homologué',
  expired: 'expiré',
  superseded: 'remplacé',
};

/** `2024-03-01` → `01/03/2024`. */
export const frenchDate = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');

export const plural = (n: number, one: string, many: string) => `${num(n, 0)} ${n > 1 ? many : one}`;

/** `<file> <path> : <message>`, one line per issue of a JSON document. */
export const formatJsonIssues = (file: string, issues: readonly LoadIssue[]) => issues.map((i) => `${file} ${i.path} : ${i.message}`).join('\n');

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
