import Papa from 'papaparse';
import { formatNumber } from './fr.ts';

/*
 * The one CSV writer of the project: every CSV file the app or the command line writes goes through
 * it. It neutralises spreadsheet formulas (OWASP « CSV injection »): a text cell that starts with `=`,
 * `+`, `-`, `@`, a tab or a carriage return is written with a leading apostrophe, which Excel and
 * LibreOffice show as text and never evaluate. Number cells are written as numbers (a negative number
 * is a number, not a formula), with the decimal separator of the file: a comma for `;` and tab files
 * (French spreadsheets), a point for `,` files. Quoting and escaping are papaparse's.
 *
 * Reading back: `restoreCell` removes that apostrophe again (the staff file reader does), so a staff
 * file written here re-imports to the same employees.
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvWriteOptions {
  /** `;` by default (French Excel); `,` for machine-readable files; tab for « texte Unicode ». */
  delimiter?: ',' | ';' | '\t';
  /** Start with a UTF-8 BOM, so that Excel reads accents right. Default false. */
  bom?: boolean;
  /** Default `\r\n` (what spreadsheets write). */
  newline?: '\n' | '\r\n';
  /** Decimal separator of number cells; by default `,` unless the delimiter is `,`. */
  decimal?: ',' | '.';
  /** Most decimals of number cells (default 6). */
  digits?: number;
}

/** The first characters that make a spreadsheet read a cell as a formula (or a DDE command). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets: a leading apostrophe when it could start a formula. */
export const neutraliseCell = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

/** The inverse of neutraliseCell, for readers of our own files: `'=x` → `=x`, anything else unchanged. */
export const restoreCell = (text: string) => (text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

function cellText(cell: CsvCell, decimal: ',' | '.', digits: number): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    const text = formatNumber(cell, { digits, grouping: false });
    // Intl writes a comma in French; a `,` file wants a point, and U+2212 would not read as a number.
    return (decimal === '.' ? text.replace(',', '.') : text).replace('\u2212', '-');
  }
  return neutraliseCell(cell);
}

/**
 * Header and rows → CSV text. Header cells are neutralised too (a column may be named after a label).
 *
 * @example writeCsv(['Salarié', 'Heures'], [['=HYPERLINK(…)', 803.5]]) // "Salarié;Heures\r\n'=HYPERLINK(…);803,5\r\n"
 */
export function writeCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>, options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ';';
  const newline = options.newline ?? '\r\n';
  const decimal = options.decimal ?? (delimiter === ',' ? '.' : ',');
  const digits = options.digits ?? 6;
  const data: string[][] = [];
  for (const row of rows) data.push(row.map((c) => cellText(c, decimal, digits)));
  const body = Papa.unparse({ fields: header.map(neutraliseCell), data }, { delimiter, newline, escapeFormulae: false });
  return `${options.bom ? '\uFEFF' : ''}${body}${newline}`;
}
