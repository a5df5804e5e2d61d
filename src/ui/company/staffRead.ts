import type { Referential } from '../../core/index.ts';
import { decodeStaffBytes, ENCODING_LABELS, type StaffEncoding } from '../../io/decode.ts';
import { parseStaffCsvSteps, type ColumnMapping, type ParseProgress, type StaffCsvResult } from '../../io/staff-csv.ts';
import { looksLikeXlsx, parseStaffSheetSteps, readWorkbook } from '../../io/staff-xlsx.ts';

/*
 * A chosen staff file, bytes → stepwise parse: a workbook's first sheet (or the chosen one), or CSV
 * text whose encoding is detected (src/io/decode.ts, the CLI's decoder). Runs in the Web Worker, or on
 * the main thread where there is none; the workbook reader is loaded only for a workbook.
 */

export interface StaffReadRequest {
  /** The chosen file (the app), read where it is parsed. */
  blob?: Blob;
  /** The file's bytes; or its text, already decoded (tests, the staff editor). */
  bytes?: ArrayBuffer;
  text?: string;
  referential: Referential;
  sliceLines: number;
  mapping?: ColumnMapping;
  sheet?: string;
  /** Where a Web Worker stores an accepted staff itself (the page then writes nothing). */
  store?: { dbName: string; companyId: string; year: number; file: string; importedAt: string };
}

/** What the file was, said to the user: « CSV, Windows-1252 », « classeur Excel, feuille Personnel ». */
export interface StaffSourceInfo {
  format: 'csv' | 'xlsx';
  encoding?: StaffEncoding;
  sheet?: string;
  sheets?: string[];
}

export const sourceText = (s: StaffSourceInfo) =>
  s.format === 'xlsx' ? `classeur Excel, feuille « ${s.sheet ?? ''} »${s.sheets && s.sheets.length > 1 ? ` (sur ${s.sheets.length})` : ''}` : `CSV, encodage ${s.encoding ? ENCODING_LABELS[s.encoding] : 'UTF-8'}`;

/** Bytes are decoded (and the source said); a text is read as it is (no source). */
export async function prepareStaffRead(request: StaffReadRequest): Promise<{ source?: StaffSourceInfo; steps: Generator<ParseProgress, StaffCsvResult, void> }> {
  const options = { progressEvery: request.sliceLines, ...(request.mapping ? { mapping: request.mapping } : {}) };
  const failed = (source: StaffSourceInfo, message: string) => ({
    source,
    // A refusal as a parse result: nothing read, one located issue, no progress to report.
    // eslint-disable-next-line require-yield
    steps: (function* (): Generator<ParseProgress, StaffCsvResult, void> {
      return { employees: [], rows: [], issues: [{ row: 1, column: '', message }] };
    })(),
  });
  const buffer = request.blob ? await request.blob.arrayBuffer() : request.bytes;
  if (buffer === undefined) return { steps: parseStaffCsvSteps(request.text ?? '', request.referential, options) };
  const bytes = new Uint8Array(buffer);
  if (looksLikeXlsx(bytes)) {
    const book = await readWorkbook(buffer, request.sheet);
    if (!book.ok) return failed({ format: 'xlsx' }, book.issue.message);
    return { source: { format: 'xlsx', sheet: book.value.sheet, sheets: book.value.sheets }, steps: parseStaffSheetSteps(book.value, request.referential, options) };
  }
  const decoded = decodeStaffBytes(bytes);
  if (!decoded.ok) return failed({ format: 'csv' }, decoded.message);
  return { source: { format: 'csv', encoding: decoded.encoding }, steps: parseStaffCsvSteps(decoded.text, request.referential, options) };
}
