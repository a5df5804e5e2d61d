import type { CommentThread, CompanyInput, CorrectionLine, DeclarationLine, Employee, GraphDocument } from '../core/index.ts';
import type { PublicationEntry, VersionProblem } from '../core/lifecycle/index.ts';

/*
 * The shapes of the records the database stores, apart from the Dexie class (db.ts), so that the
 * modules db.ts runs during an upgrade can name them without importing db.ts back.
 */

/** Why a stored version is in quarantine, as found by the last check of the publication log. */
export interface Quarantine {
  /** ISO timestamp of the check that first found it. */
  since: string;
  problems: VersionProblem[];
  /** The log entry it was compared with (the state it should be in). */
  entry: PublicationEntry | null;
}

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
  /**
   * Set when the publication log does not vouch for this version (content, status or arrêté not those
   * of its last log entry, or the log broken after it): it stays stored but does not open until the
   * user re-imports its original file or deletes it (src/storage/publications.ts).
   */
  quarantine?: Quarantine;
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
 * A declaration file as the company exported it (the company workspace), kept to correct it later:
 * the lines in force after that export (the whole declaration of the year), and what the file held
 * (the whole declaration, or the corrections: code 99 then the factors due).
 */
export interface DeclarationRecord {
  /** `${companyId}@${year}@${declaredAt}`: every export of a year is kept. */
  key: string;
  companyId: string;
  year: number;
  /** ISO timestamp of the export. */
  declaredAt: string;
  channel: 'dads' | 'dsn';
  /** The lines in force after this export (the core's `StoredDeclaration` lines). */
  lines: DeclarationLine[];
  /** `declaration`: the whole year; `correction`: the lines of a rectification. */
  kind: 'declaration' | 'correction';
  /** The lines the exported file held, when they differ from `lines` (a correction). */
  sent?: CorrectionLine[];
  /** Content hash of the referential applied. */
  contentHash: string;
}

/** A company's agreement or action plan on the prevention of the effects of exposure (core `ActionPlan`, as JSON). */
export interface ActionPlanRecord {
  id: string;
  companyId: string;
  /** The year of the diagnosis it starts from. */
  year: number;
  /** The core's `ActionPlan` (validated again by the screen that opens it). */
  plan: unknown;
  /** The remuneration the user entered to estimate the penalty at stake, when given. */
  penalty?: { remuneration: number; months: number };
  createdAt: string;
  updatedAt: string;
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
