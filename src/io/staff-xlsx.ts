import type { Referential } from '../core/index.ts';
import { parseStaffRecordsSteps, runSteps, type CsvIssue, type ParseProgress, type StaffCsvResult, type StaffParseOptions } from './staff-csv.ts';

/*
 * The staff file as an Excel workbook (.xlsx): the first sheet, or the one chosen, read with
 * read-excel-file (its `universal` build: pure JavaScript, so the same code runs in the app's Web Worker
 * and in Node; loaded only when a workbook is opened, so it never weighs on the CSV path). Each row
 * becomes the cells the CSV reader takes, and line numbers are the sheet's row numbers, so every
 * problem is located as Excel shows it.
 */

/** A workbook's rows as text cells, with the sheet row of each. */
export interface SheetRecords {
  sheets: string[];
  sheet: string;
  records: string[][];
  lines: number[];
}

export type WorkbookResult = { ok: true; value: SheetRecords } | { ok: false; issue: CsvIssue };

type Cell = string | number | boolean | Date | null | undefined;

/** A spreadsheet cell as the staff reader reads text: dates as ISO, numbers with all their digits. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'boolean') return cell ? 'oui' : 'non';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(Math.round(cell * 1e9) / 1e9) : '';
  return String(cell);
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Whether bytes are a zip archive, as an .xlsx file is (a CSV never starts with « PK\x03\x04 »). */
export const looksLikeXlsx = (bytes: Uint8Array) => XLSX_MAGIC.every((b, i) => bytes[i] === b);

/** The workbook reader, loaded on first use (it is larger than the rest of a staff-file reader). */
export const loadWorkbookReader = () => import('read-excel-file/universal');

/**
 * Reads one sheet of a workbook (by name; the first by default) into text records. A file that is not
 * a workbook, or a sheet that does not exist, is one located issue.
 */
export async function readWorkbook(bytes: ArrayBuffer, sheet?: string): Promise<WorkbookResult> {
  const { default: readXlsxFile } = await loadWorkbookReader();
  let sheets: Array<{ sheet: string; data: Cell[][] }>;
  try {
    sheets = (await readXlsxFile(bytes, { trim: false })) as unknown as Array<{ sheet: string; data: Cell[][] }>;
  } catch {
    return { ok: false, issue: { row: 1, column: '', message: 'Classeur Excel illisible : le fichier n’est pas un .xlsx valide (un fichier .xls ancien format doit être enregistré en .xlsx ou en CSV)' } };
  }
  const names = sheets.map((s) => s.sheet);
  const chosen = sheet === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheet);
  if (!chosen) {
    return { ok: false, issue: { row: 1, column: '', message: sheet === undefined ? 'Le classeur ne contient aucune feuille' : `Feuille « ${sheet} » absente du classeur (feuilles : ${names.join(', ')})` } };
  }
  const records = chosen.data.map((row) => row.map(cellText));
  return { ok: true, value: { sheets: names, sheet: chosen.sheet, records, lines: records.map((_, i) => i + 1) } };
}

/** A workbook's staff, parsed as the CSV reader parses a file, progress between batches of lines. */
export function* parseStaffSheetSteps(sheet: SheetRecords, referential: Referential, options: StaffParseOptions = {}): Generator<ParseProgress, StaffCsvResult, void> {
  return yield* parseStaffRecordsSteps(sheet.records, sheet.lines, referential, options);
}

export const parseStaffSheet = (sheet: SheetRecords, referential: Referential, options: StaffParseOptions = {}) => runSteps(parseStaffSheetSteps(sheet, referential, options));
