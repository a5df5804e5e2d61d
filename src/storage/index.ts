export { DB_NAME, LogigrammeDb, referentialKey, type MetaRecord, type ReferentialSource, type StoredReferential } from './db.ts';
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
