/**
 * The company file and the staff CSV, for software that runs a referential without the app (the
 * package's `logigramme/io` entry). Pure TypeScript (papaparse only), like the core.
 */
export { COMPANY_FORMAT_VERSION, companyIssues, loadCompanyText } from './company.ts';
export { formatStaffCsv, parseStaffCsv, STAFF_COLUMNS, type CsvIssue, type StaffCsvFormatOptions, type StaffCsvResult } from './staff-csv.ts';
