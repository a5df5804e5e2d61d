import type * as z from 'zod';
import { formatPath, type PathSegment } from '../util/path.ts';
import type { Quantity } from '../regulation/types.ts';
import type { FindingParams, RuleCode } from '../check/codes.ts';
import type { AnswerExpectation } from './references.ts';
import type { AnswerValue } from './schema.ts';
import type { ChainBreak, PublicationEntry, VersionProblem } from '../lifecycle/chain.ts';

/**
 * Every code a loaded document can be refused with, by family: the one catalogue of load issues. A code
 * not listed does not compile (`IssueCode`); the catalogued ones carry parameters, never a sentence.
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
  backup: ['backup.newer', 'backup.duplicate', 'backup.key_mismatch', 'backup.hash_mismatch', 'backup.publication_mismatch', 'backup.chain_broken', 'backup.publication_missing', 'backup.publication_conflict'],
  // A stored version whose content no longer matches the publication log (src/storage/referentials.ts).
  storage: ['storage.quarantined'],
} as const satisfies Record<string, readonly string[]>;

/** Zod's issue codes, as `schema.<code>`. */
export type SchemaIssueCode = `schema.${z.core.$ZodIssueCode}`;

/** A code a document can be refused with: a code not in `ISSUE_CODES` does not compile. */
export type IssueCode = (typeof ISSUE_CODES)[keyof typeof ISSUE_CODES][number] | SchemaIssueCode;

/** Parameters of an issue: ids, labels and values as strings, figures as numbers. */
export type IssueParams = Record<string, string | number>;

/** A stored version, for people: its key (`id@version`), version and title when known. */
export interface VersionRef {
  key: string;
  version: string;
  title?: string;
}

/** The documents a format version, a migration or a resource limit speaks of. */
export type DocumentKind = 'referential' | 'graph' | 'company_answers' | 'company_file' | 'comments';

/**
 * The figures, ids and codes each catalogued load issue carries. The presentation layer writes its
 * French message from them (`issueMessage`, src/present/issues.ts, whose catalogue must cover every
 * code here to compile). Numbers stay numbers: the one French formatter writes them.
 */
export type IssueParamsByCode = {
  'limit.size': { size: number; limit: number };
  /** `of`: a property name or a string value; the place, when known, is the issue's line and column. */
  'limit.string': { of: 'name' | 'text'; length: number; limit: number };
  /** `depth`: how deep the text goes, when the text was scanned (a value met in memory stops at the limit). */
  'limit.depth': { limit: number; depth?: number };
  /** `error`: jsonc-parser's error name (`CommaExpected`…); `detail`: the engine's message when no position is known. */
  'json.syntax': { error: string } | { detail: string };
  'json.reserved_key': { key: string };
  'json.duplicate_key': { key: string; firstLine: number; firstColumn: number };
  'json.number_range': { value: string };
  /** The first invalid byte (offset from 0, value), and what the file looks like instead. */
  'encoding.utf8': { offset: number; byte: number; looksLike: 'utf16' | 'latin1' | 'unknown' } | Record<string, never>;
  'format.not_object': { document: DocumentKind };
  'format.version_missing': { document: DocumentKind };
  'format.version_newer': { document: DocumentKind; version: number; current: number };
  'format.no_migration': { from: number; to: number };
  'hash.mismatch': { declared: string; computed: string };
  'ref.regulation': { regulation: string };
  'ref.criterion': { criterion: string; factor: string };
  'ref.intensity_missing': { criterion: string; factor: string; quantities: readonly Quantity[] };
  'ref.duration': Record<string, never>;
  'unit.intensity': { unit: string; quantity: string; expected: string };
  'unit.duration': { unit: string; expected: string };
  'structure.duplicate_id': { id: string };
  'structure.dangling_edge': { target: string };
  'structure.unknown_question': { question: string };
  'structure.unknown_measure': { measure: string };
  'comments.other_referential': { commented: string; target: string };
  'comments.other_version': { commented: string; target: string };
  /** `thread`: an incoming discussion clashing with a stored one; `reply`: its id names a reply of `owner`; `used`: taken, in `owner` when known. */
  'comments.id_clash': { clash: 'thread'; id: string } | { clash: 'reply'; id: string; owner: string } | { clash: 'used'; id: string; owner?: string };
  /** The file's name, as the user chose it. */
  'file.unreadable': { file: string };
  /** `first`: the index of the element that has the id already. */
  'staff.duplicate_id': { id: string; first: number };
  /** `declared`: the referential the file is for; `target`: the one it is checked against. */
  'company.referential': { declared: string; target: string };
  'company.unknown_question': { question: string };
  /** `question`: its label; `id`: its id (the staff file's column is `q:<id>`). */
  'company.employee_question': { question: string; id: string };
  /** `answer`: the value as given (a list or an object as its JSON text); what is expected, flattened (`AnswerExpectation`). */
  'company.answer_invalid': { question: string; answer: string | number | boolean | null } & AnswerExpectation;
  'company.unknown_measure': { measure: string };
  /** The first job and task (labels) whose decision tree needs the answer. */
  'company.answer_missing': { question: string; job: string; task: string };
  /** `answer`: the company's answer; `node`: the question node with no branch for it, and its label (its id when it has none). */
  'company.no_branch': { question: string; answer: AnswerValue; node: string; nodeLabel: string; job: string; task: string };
  /** `of`: the database's version or the backup format's, newer than this application's `current`. */
  'backup.newer': { of: 'database' | 'format'; version: number; current: number };
  'backup.duplicate': { key: string; table: string };
  /**
   * A record stored under a key that is not its document's: a stored version (`key`, `expected`), a
   * draft holding another referential's logigramme (`draft`, `contains`), another record (`expected`).
   */
  'backup.key_mismatch': { of: 'referential'; key: string; expected: string } | { of: 'draft'; draft: string; contains: string } | { of: 'record'; expected: string };
  'backup.hash_mismatch': { recorded: string; computed: string };
  /** A break of the backup's publication log. */
  'backup.chain_broken': { break: ChainBreak };
  /**
   * A stored version of the backup that its publication log does not vouch for: the log's problems with
   * it and the last entry about it, or (a backup before the log) the hash recorded in the former lists
   * against the content's (`actual`: null when the content is missing or unreadable).
   */
  'backup.publication_mismatch':
    | { version: VersionRef; problems: readonly VersionProblem[]; entry: PublicationEntry | null }
    | { version: VersionRef; legacy: { actual: string | null; recorded: string; at: string } };
  /** A version the backup's log records but the backup does not hold. */
  'backup.publication_missing': { entry: PublicationEntry };
  /** A version the current database's log recorded with another content hash (`hash`: the backup's). */
  'backup.publication_conflict': { version: VersionRef; hash: string; entry: PublicationEntry };
  /** A stored version whose content the publication log does not vouch for: it does not open. */
  'storage.quarantined': { version: VersionRef; problems: readonly VersionProblem[]; entry: PublicationEntry | null };
} & { [C in LoadRuleIssueCode]: FindingParams };

/** The loader's codes for the checker's integrity rules: their message is the rule's (see `LOAD_RULES`). */
export type LoadRuleIssueCode = (typeof LOAD_RULES)[keyof typeof LOAD_RULES];

/**
 * The checker's integrity rules the loader refuses a referential with, under the loader's stable
 * `ref.*` codes (the same computation and message, src/core/referential/load.ts).
 */
export const LOAD_RULES = {
  'structure.duplicate_id': 'ref.duplicate_id',
  'structure.dead_end': 'ref.target',
  'structure.unknown_measure': 'ref.measure',
  'structure.unknown_question': 'ref.question',
  'structure.branch_type': 'ref.branch_type',
  'structure.unknown_answer': 'ref.choice',
  'structure.cycle': 'ref.cycle',
  'structure.duplicate_choice': 'ref.duplicate_choice',
  'structure.scenario_regulation': 'ref.scenario_regulation',
  'structure.scenario_unknown_question': 'ref.scenario_unknown_question',
  'structure.scenario_question_scope': 'ref.scenario_question_scope',
  'structure.scenario_invalid_answer': 'ref.scenario_invalid_answer',
  'structure.scenario_unknown_measure': 'ref.scenario_unknown_measure',
  'structure.scenario_unknown_job': 'ref.scenario_unknown_job',
  'structure.scenario_unknown_task': 'ref.scenario_unknown_task',
  'structure.particularly_exposed_job': 'ref.particularly_exposed_job',
  'structure.particularly_exposed_task': 'ref.particularly_exposed_task',
  'structure.particularly_exposed_factor': 'ref.particularly_exposed_factor',
} as const satisfies Partial<Record<RuleCode, IssueCode>>;

/** A code whose message the presentation layer writes from the issue's parameters. */
export type CataloguedIssueCode = keyof IssueParamsByCode;

/**
 * A code whose French message is worded where the issue is found: Zod's own messages (French locale,
 * written on purpose in the schemas) for `schema.*`, and `comments.refused`, which carries the comments'
 * own refusal (src/core/comments). A catalogued code cannot be given a message: it does not compile.
 */
export type WordedIssueCode = Exclude<IssueCode, CataloguedIssueCode>;

interface Located {
  path: string;
  /** Line and column (from 1) in the file's text, when the problem was found while reading the text. */
  line?: number;
  column?: number;
}

/** An issue of the catalogue: its code and parameters; `issueMessage` (src/present/issues.ts) writes it. */
export type CataloguedIssue = { [C in CataloguedIssueCode]: Located & { code: C; params: IssueParamsByCode[C] } }[CataloguedIssueCode];

/** An issue worded where it is found (see `WordedIssueCode`). */
export type WordedIssue = Located & { code: WordedIssueCode; message: string; params?: IssueParams };

/**
 * A located problem found while loading a document: a stable code (tests and programs match on it),
 * the JSON path, and either the parameters the presentation layer writes the French message from, or
 * (codes not catalogued yet) the French message itself.
 */
export type LoadIssue = CataloguedIssue | WordedIssue;

/** A catalogued issue: code, JSON path, parameters (typed by code). */
export function issueOf<C extends CataloguedIssueCode>(code: C, path: readonly PathSegment[], params: IssueParamsByCode[C], at?: { line: number; column: number }): LoadIssue {
  return { code, path: formatPath(path), params, ...at } as LoadIssue;
}

/** An issue worded where it is found (codes outside the catalogue only). */
export function issue(code: WordedIssueCode, path: readonly PathSegment[], message: string, params?: IssueParams): LoadIssue {
  return params ? { code, path: formatPath(path), message, params } : { code, path: formatPath(path), message };
}
