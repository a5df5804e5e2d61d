export * from './schema.ts';
export { canonicalJson, contentHash, legacyContentHash, shortHash } from './canonical.ts';
export { loadReferential, loadReferentialText, parseJsonText, parseWith, integrityIssues, zodIssues } from './load.ts';
export { migrateReferential, migrateDocument, REFERENTIAL_MIGRATIONS } from './migrations.ts';
export { formatIssues, type LoadIssue } from './issue.ts';
export { toThresholdUnit, durationConvertible, UNIT_LABELS, type WorkingYear } from './units.ts';
