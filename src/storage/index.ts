export {
  DB_NAME,
  LogigrammeDb,
  referentialKey,
  type CompanyRecord,
  type DraftRecord,
  type EvaluationRecord,
  type LifecycleState,
  type LifecycleTransition,
  type MetaRecord,
  type ReferentialSource,
  type StaffRecord,
  type StoredReferential,
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
