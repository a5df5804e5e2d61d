import Dexie, { type Table } from 'dexie';

/** Where a stored referential came from: a sample shipped with the app, or a file the user imported. */
export type ReferentialSource = 'sample' | 'import';

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
  /** `sha256:<hex>` of the canonical form of the loaded referential (see core `contentHash`). */
  contentHash: string;
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

export const DB_NAME = 'logigramme';

export class LogigrammeDb extends Dexie {
  // `declare`, not class fields: a field initializer would run after Dexie's constructor and hide
  // the tables it defines.
  declare referentials: Table<StoredReferential, string>;
  declare meta: Table<MetaRecord, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      referentials: 'key, id, storedAt',
      meta: 'key',
    });
  }
}

export function referentialKey(id: string, version: string): string {
  return `${id}@${version}`;
}
