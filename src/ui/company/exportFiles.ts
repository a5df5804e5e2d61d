import type { DeclarationLine, Employee, FactorCode } from '../../core/index.ts';
import { companyDeclarationLines } from './declarationFiles.ts';
import type { CompanyEvaluation } from './evaluation.ts';
import { declarationCsv } from './exports.ts';
import { resultsSheet, workbookBlob } from './xlsxExports.ts';

/*
 * The files made from the whole staff and its results (the declaration, the results workbook), one
 * function for both places that make them: the evaluation worker, which keeps the lists of the
 * evaluation it made (a pass over 100 000 packed results on the page is a long task), and the page
 * itself where there is no worker.
 */

export type ExportRequest =
  /** The declaration file in French, its notes below the total; its lines are returned to be recorded. */
  | { kind: 'declaration'; notes: string[] }
  /** The declaration file with the stable codes (payroll software). */
  | { kind: 'declaration-codes' }
  /** One row per employee, as an Excel workbook. */
  | { kind: 'results-xlsx'; factors: FactorCode[] };

export interface ExportedFile {
  blob: Blob;
  /** The declaration's lines (kind `declaration`), recorded when the file is downloaded. */
  lines?: DeclarationLine[];
}

const CSV_TYPE = 'text/csv;charset=utf-8';

export async function exportFile(request: ExportRequest, employees: readonly Employee[], evaluation: CompanyEvaluation): Promise<ExportedFile> {
  switch (request.kind) {
    case 'declaration':
      return { blob: new Blob([declarationCsv(employees, evaluation, { notes: request.notes })], { type: CSV_TYPE }), lines: companyDeclarationLines(employees, evaluation) };
    case 'declaration-codes':
      return { blob: new Blob([declarationCsv(employees, evaluation, { variant: 'codes' })], { type: CSV_TYPE }) };
    case 'results-xlsx':
      return { blob: await workbookBlob(resultsSheet(evaluation, request.factors)) };
  }
}
