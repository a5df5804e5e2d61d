import type * as z from 'zod';
import { formatPath, type PathSegment } from '../util/path.ts';

/**
 * Every code a loaded document can be refused with, by family: the one catalogue of load issues. A code
 * not listed does not compile (`IssueCode`); each issue carries its French message.
 */
export const ISSUE_CODES = {
  // Reading the text (the one JSON reader, src/core/referential/json.ts) and its resource limits.
  json: ['json.syntax', 'json.duplicate_key', 'json.reserved_key', 'json.number_range'],
  limit: ['limit.size', 'limit.depth', 'limit.string'],
  encoding: ['encoding.utf8'],
  // The format version (the schema's issues are Zod's own codes: `SchemaIssueCode`).
  format: ['format.not_object', 'format.version_missing', 'format.version_newer', 'format.no_migration'],
  // Integrity of a referential (the checker's integrity rules, then the regulation's criteria and units).
  ref: [
    'ref.regulation',
    'ref.duplicate_id',
    'ref.target',
    'ref.measure',
    'ref.question',
    'ref.branch_type',
    'ref.choice',
    'ref.cycle',
    'ref.criterion',
    'ref.intensity_missing',
    'ref.duration',
    'ref.particularly_exposed_job',
    'ref.particularly_exposed_task',
    'ref.particularly_exposed_factor',
    'ref.duplicate_choice',
    'ref.scenario_regulation',
    'ref.scenario_unknown_question',
    'ref.scenario_question_scope',
    'ref.scenario_invalid_answer',
    'ref.scenario_unknown_measure',
    'ref.scenario_unknown_job',
    'ref.scenario_unknown_task',
  ],
  unit: ['unit.intensity', 'unit.duration'],
  hash: ['hash.mismatch'],
  // A pasted fragment of a logigramme.
  fragment: ['structure.duplicate_id', 'structure.dangling_edge', 'structure.unknown_question', 'structure.unknown_measure'],
  // A comments-only file.
  comments: ['comments.other_referential', 'comments.other_version', 'comments.id_clash', 'comments.refused'],
  // A file the browser could not read at all.
  file: ['file.unreadable'],
  // The staff list as JSON (src/cli/staff-json.ts).
  staff: ['staff.duplicate_id'],
  // A company-answers file checked against its referential (src/io/company.ts).
  company: ['company.referential', 'company.unknown_question', 'company.employee_question', 'company.answer_invalid', 'company.unknown_measure', 'company.answer_missing', 'company.no_branch'],
  // A backup of the browser's database (src/storage/backup.ts).
  backup: ['backup.invalid', 'backup.newer', 'backup.duplicate', 'backup.key_mismatch', 'backup.hash_mismatch', 'backup.publication_mismatch', 'backup.chain_broken', 'backup.publication_missing', 'backup.publication_conflict'],
  // A stored version whose content no longer matches the publication log (src/storage/referentials.ts).
  storage: ['storage.quarantined'],
} as const satisfies Record<string, readonly string[]>;

/** Zod's issue codes, as `schema.<code>`. */
export type SchemaIssueCode = `schema.${z.core.$ZodIssueCode}`;

/** A code a document can be refused with: a code not in `ISSUE_CODES` does not compile. */
export type IssueCode = (typeof ISSUE_CODES)[keyof typeof ISSUE_CODES][number] | SchemaIssueCode;

/** Parameters of an issue: ids, labels and values as strings, figures as numbers. */
export type IssueParams = Record<string, string | number>;

/**
 * A located problem found while loading a document: a stable code (tests and programs match on it),
 * the JSON path, the French `message` for users, and the parameters it was built from when the code
 * has any worth matching on.
 */
export interface LoadIssue {
  code: IssueCode;
  path: string;
  message: string;
  params?: IssueParams;
  /** Line and column (from 1) in the file's text, when the problem was found while reading the text. */
  line?: number;
  column?: number;
}

export function issue(code: IssueCode, path: readonly PathSegment[], message: string, params?: IssueParams): LoadIssue {
  return params ? { code, path: formatPath(path), message, params } : { code, path: formatPath(path), message };
}

/** An issue found in the text itself: its JSON path when known, and where it is in the text. */
export function textIssue(code: IssueCode, path: readonly PathSegment[], message: string, line: number, column: number): LoadIssue {
  return { code, path: formatPath(path), message, line, column };
}

/** One line per issue, `$.jobs[0].id : message`, for the CLI and plain-text reports. */
export function formatIssues(issues: readonly LoadIssue[], file?: string): string {
  const prefix = file ? `${file} ` : '';
  return issues.map((i) => `${prefix}${i.path} : ${i.message}`).join('\n');
}
