export * from './schema.ts';
export { canonicalJson, contentHash, legacyContentHash, shortHash } from './canonical.ts';
export { loadReferential, loadReferentialText, parseWith, integrityIssues, zodIssues } from './load.ts';
export { answerProblem, referenceProblems, type ReferenceProblem } from './references.ts';
export { parseJsonText, sizeIssue, valueLimitIssues, WHOLE_FILE_CODES } from './json.ts';
// The resource limits of every JSON document (exported here rather than from util/, with the reader that applies them).
export { DOCUMENT_LIMITS, BACKUP_LIMITS, type JsonLimits } from '../util/limits.ts';
export { migrateReferential, migrateDocument, REFERENTIAL_MIGRATIONS } from './migrations.ts';
export {
  issue,
  issueOf,
  ISSUE_CODES,
  LOAD_RULES,
  type CataloguedIssue,
  type CataloguedIssueCode,
  type DocumentKind,
  type IssueCode,
  type IssueParams,
  type IssueParamsByCode,
  type LoadIssue,
  type LoadRuleIssueCode,
  type VersionRef,
  type WordedIssue,
  type WordedIssueCode,
} from './issue.ts';
export { toThresholdUnit, durationConvertible, UNIT_LABELS, type WorkingYear } from './units.ts';
