import Dexie, { type Table } from 'dexie';
import type { CommentThread, CompanyInput, Employee, GraphDocument } from '../core/index.ts';
import { upgradeStoredHashes } from './hashes.ts';

/** Where a stored referential came from: a sample shipped with the app, a file the user imported, or a version published from the editor. */
export type ReferentialSource = 'sample' | 'import' | 'published';

/**
 * One referential version in the browser's database. The summary fields are copied out of the
 * document so that the list screen can be drawn without loading (and migrating) every document.
 */
export interface StoredReferential {
  /** `${id}@${identity.version}`: one record per referential version. */
  key: string;
  id: string;
  version: string;
  title: string;
  branch: string;
  status: string;
  /** Regulation version id the referential targets, e.g. `2023-09-01`. */
  regulation: string;
  /** `sha256:<hex>` of the loaded referential's content (see core `contentHash`). */
  contentHash: string;
  /**
   * Hashes this version was known by under the former definition (database versions 1–2: lifecycle
   * fields included), e.g. the submitted and the homologated snapshots' ones; see `hashMatches`.
   */
  legacyHashes?: string[];
  /** The referential JSON exactly as it was given (loaded again, with migrations, when opened). */
  document: unknown;
  source: ReferentialSource;
  /** ISO timestamp of the moment it was stored. */
  storedAt: string;
}

/** Small key/value records: the sample seeding flag, the persistent-storage request. */
export interface MetaRecord {
  key: string;
  value: unknown;
}

/** States of a referential version's lifecycle (the XState machine in src/ui/lifecycle drives them). */
export type LifecycleState = 'draft' | 'in_review' | 'submitted' | 'homologated' | 'expired' | 'superseded';

export interface LifecycleTransition {
  from: LifecycleState;
  to: LifecycleState;
  /** ISO timestamp. */
  at: string;
  author: string;
  note: string;
}

/**
 * The working draft of one referential (the logigramme being edited), saved on every change. Its
 * published versions are immutable snapshots in `referentials` (same `id`, one record per version).
 */
export interface DraftRecord {
  /** The referential id. */
  id: string;
  graph: GraphDocument;
  lifecycle: {
    state: LifecycleState;
    transitions: LifecycleTransition[];
    homologation?: { arreteDate: string; arreteReference: string; expires: string };
    /** The note of the reviewers when the version was returned to draft. */
    reviewNote?: string;
    /** The renewal request of the homologated version (date, author, note). */
    renewalRequested?: { on: string; author: string; note: string };
  };
  /** ISO timestamp of the last save. */
  updatedAt: string;
  /**
   * Increases by one with every write, whoever writes (the editor's autosave, a lifecycle step, an
   * import). A save states the revision it was based on and is refused when the stored one moved on
   * (another tab wrote meanwhile), so two tabs never overwrite each other's edits. Absent on records
   * written before revisions existed: read as 0. A plain field, not an index: records are read by id.
   */
  revision?: number;
  /** The editor's undo and redo steps, kept with the draft so that they survive a reload (bounded). */
  history?: StoredHistory;
}

/** One undoable step of the editor: its name and the Immer patches that redo and revert it. */
export interface StoredStep {
  label: string;
  patches: unknown[];
  inversePatches: unknown[];
  at: number;
}

export interface StoredHistory {
  past: StoredStep[];
  future: StoredStep[];
}

/** A company applying a referential (the company workspace); its staff and results are separate records. */
export interface CompanyRecord {
  id: string;
  profile: {
    name: string;
    siret?: string;
    headcount?: number;
    groupHeadcount?: number;
    extendedBranchAgreement?: boolean;
    claimsIndex?: number;
  };
  /** Key (`id@version`) of the referential applied, in `referentials`. */
  referentialKey?: string;
  year: number;
  answers: CompanyInput['answers'];
  measures: CompanyInput['measures'];
  /** Where the guided flow stands (the XState machine's state value), to resume it. */
  step?: string;
  /**
   * Staff-file headers the user mapped to a column (normalised header → `annual_hours`, `q:<id>`, or ''
   * to ignore it), remembered for the next file. Optional: records written before it read as none.
   */
  staffColumns?: Record<string, string>;
  updatedAt: string;
}

/** The staff of a company for one year, replaced as a whole (an import either lands whole or not at all). */
export interface StaffRecord {
  /** `${companyId}@${year}`. */
  key: string;
  companyId: string;
  year: number;
  employees: Employee[];
  source?: { file?: string; importedAt: string };
  updatedAt: string;
}

/** A company's evaluation for one year, kept to compare with the next year's. */
export interface EvaluationRecord {
  /** `${companyId}@${year}`. */
  key: string;
  companyId: string;
  year: number;
  referentialKey: string;
  contentHash: string;
  /** The evaluator's per-employee results and totals (JSON). */
  results: unknown;
  evaluatedAt: string;
}

/**
 * Comment threads written on a version without changing it: a published or homologated version, or a
 * draft while it is read-only (in review, submitted). One record per version key; the version's
 * document, and so its content hash, are never touched.
 */
export interface VersionCommentsRecord {
  /** `${id}@${version}`, the key of the version in `referentials` (also before it is stored there). */
  key: string;
  id: string;
  version: string;
  threads: CommentThread[];
  /** ISO timestamp of the last change. */
  updatedAt: string;
}

export const DB_NAME = 'logigramme';

export class LogigrammeDb extends Dexie {
  // `declare`, not class fields: a field initializer would run after Dexie's constructor and hide
  // the tables it defines.
  declare referentials: Table<StoredReferential, string>;
  declare meta: Table<MetaRecord, string>;
  declare drafts: Table<DraftRecord, string>;
  declare companies: Table<CompanyRecord, string>;
  declare staff: Table<StaffRecord, string>;
  declare evaluations: Table<EvaluationRecord, string>;
  declare versionComments: Table<VersionCommentsRecord, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      referentials: 'key, id, storedAt',
      meta: 'key',
    });
    // Version 2: the editor's drafts and the company workspace. Existing data is kept as it is.
    this.version(2).stores({
      referentials: 'key, id, storedAt',
      meta: 'key',
      drafts: 'id, updatedAt',
      companies: 'id, updatedAt',
      staff: 'key, companyId, year',
      evaluations: 'key, companyId, year',
    });
    // Version 3: the content hash leaves out the lifecycle fields (status, homologation). Stored versions
    // get their hash recomputed and keep the former ones readable (`legacyHashes`); evaluations follow.
    this.version(3)
      .stores({
        referentials: 'key, id, storedAt',
        meta: 'key',
        drafts: 'id, updatedAt',
        companies: 'id, updatedAt',
        staff: 'key, companyId, year',
        evaluations: 'key, companyId, year',
      })
      .upgrade(async (tx) => {
        const referentials = tx.table<StoredReferential, string>('referentials');
        const evaluations = tx.table<EvaluationRecord, string>('evaluations');
        const upgraded = upgradeStoredHashes(await referentials.toArray(), await tx.table<MetaRecord, string>('meta').toArray(), await evaluations.toArray());
        await referentials.bulkPut(upgraded.referentials);
        await evaluations.bulkPut(upgraded.evaluations);
      });
    // Version 4: comments written on versions, beside them. A new table only: existing data stays as it is.
    this.version(4).stores({
      referentials: 'key, id, storedAt',
      meta: 'key',
      drafts: 'id, updatedAt',
      companies: 'id, updatedAt',
      staff: 'key, companyId, year',
      evaluations: 'key, companyId, year',
      versionComments: 'key, id',
    });
  }
}

export function referentialKey(id: string, version: string): string {
  return `${id}@${version}`;
}
