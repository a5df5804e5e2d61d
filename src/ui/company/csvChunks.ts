import type { Referential } from '../../core/index.ts';
import { parseStaffCsvSteps, type ColumnMapping, type ParseProgress, type StaffCsvResult } from '../../io/staff-csv.ts';

/*
 * The staff file parsed with progress reports, so that the Web Worker can show how far it is on large
 * files: parseStaffCsv's own stepwise form (src/io), the same result by construction.
 */

export type { ParseProgress } from '../../io/staff-csv.ts';

/** Lines between two progress reports: a few dozen redraws of the page for 100 000 lines. */
export const DEFAULT_SLICE_LINES = 5000;

/**
 * Parses the staff file, yielding progress every `sliceLines` data lines and returning parseStaffCsv's result.
 *
 * @example
 * const parsing = parseStaffCsvSlices(text, referential);
 * let step = parsing.next();
 * while (!step.done) { report(step.value); step = parsing.next(); }
 * const result = step.value;
 */
export function parseStaffCsvSlices(text: string, referential: Referential, sliceLines = DEFAULT_SLICE_LINES, mapping?: ColumnMapping): Generator<ParseProgress, StaffCsvResult, void> {
  return parseStaffCsvSteps(text, referential, { progressEvery: sliceLines, ...(mapping ? { mapping } : {}) });
}
