export {
  DB_NAME,
  LogigrammeDb,
  referentialKey,
  type ActionPlanRecord,
  type CompanyRecord,
  type DeclarationRecord,
  type DraftRecord,
  type StoredHistory,
  type StoredStep,
  type EvaluationRecord,
  type LifecycleState,
  type LifecycleTransition,
  type MetaRecord,
  type ReferentialSource,
  type StaffRecord,
  type StoredReferential,
  type VersionCommentsRecord,
} from './db.ts';
export {
  importReferentialText,
  isSampleFileName,
  listReferentials,
  MAX_IMPORT_BYTES,
  openStored,
  recordFor,
  samplesFromModules,
  seedSamples,
  type Clock,
  type ImportOutcome,
  type SampleFile,
  type SeedReport,
} from './referentials.ts';
export { requestPersistenceOnce, type PersistenceState } from './persistence.ts';
export {
  applyTransition,
  createDraft,
  DEFAULT_WORKING_YEAR,
  draftFromStored,
  emptyGraph,
  expireStoredVersions,
  exportCheckReport,
  exportGraph,
  exportReferential,
  importDraftText,
  openDraft,
  publicationsKey,
  publishVersion,
  saveDraftGraph,
  revisionOf,
  boundHistory,
  HISTORY_LIMITS,
  startNewVersion,
  versionHistory,
  type CreateDraftOutcome,
  type DraftFromStoredOutcome,
  type DraftImportOptions,
  type DraftImportOutcome,
  type ExportFile,
  type NewDraft,
  type PublishOutcome,
  type SaveDraftWrite,
  type SaveOutcome,
  type TransitionOutcome,
  type VersionEntry,
} from './drafts.ts';
export { hashMatches, upgradeRecordHashes, upgradeStoredHashes } from './hashes.ts';
export {
  checkPublications,
  PUBLICATION_LOG_KEY,
  publicationOverview,
  readPublicationLog,
  type PublicationOverview,
  type Quarantine,
  type QuarantinedVersion,
} from './publications.ts';
export { removeQuarantined, repairFromFile, type RemoveOutcome, type RepairOutcome, type Signed } from './publication-repair.ts';
export type { PublicationEntry } from '../core/lifecycle/index.ts';
export { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, exportBackup, importBackup, validateBackup, verifyBackupText, type BackupFile, type BackupVerification, type RestoreOutcome } from './backup.ts';
export { idUses, renameStaffIds, type IdUses } from './renames.ts';
export { versionThreads, changeVersionThreads, importVersionThreads, type CommentedVersionKey } from './comments.ts';
export { baseCandidates, draftSnapshots, keepSnapshot, exportableDraft, withAncestry, snapshotsKey, SNAPSHOT_LIMIT, type DraftSnapshot } from './snapshots.ts';
