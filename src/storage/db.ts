import Dexie, { type Table } from 'dexie';
import { upgradeStoredHashes } from './hashes.ts';
import { upgradeToPublicationChain } from './publication-legacy.ts';
import type { ActionPlanRecord, CompanyRecord, DeclarationRecord, DraftRecord, EvaluationRecord, MetaRecord, StaffRecord, StoredReferential, VersionCommentsRecord } from './records.ts';

export * from './records.ts';

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
  declare declarations: Table<DeclarationRecord, string>;
  declare actionPlans: Table<ActionPlanRecord, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    // Each version states its whole schema; each one adds to the one before, so it is written as that addition.
    const v1 = { referentials: 'key, id, storedAt', meta: 'key' };
    const v2 = { ...v1, drafts: 'id, updatedAt', companies: 'id, updatedAt', staff: 'key, companyId, year', evaluations: 'key, companyId, year' };
    const v4 = { ...v2, versionComments: 'key, id' };
    const v6 = { ...v4, declarations: 'key, companyId, [companyId+year], declaredAt', actionPlans: 'id, companyId, updatedAt' };
    this.version(1).stores(v1);
    // Version 2: the editor's drafts and the company workspace. Existing data is kept as it is.
    this.version(2).stores(v2);
    // Version 3: the content hash leaves out the lifecycle fields (status, homologation). Stored versions
    // get their hash recomputed and keep the former ones readable (`legacyHashes`); evaluations follow.
    this.version(3)
      .stores(v2)
      .upgrade(async (tx) => {
        const referentials = tx.table<StoredReferential, string>('referentials');
        const evaluations = tx.table<EvaluationRecord, string>('evaluations');
        const upgraded = upgradeStoredHashes(await referentials.toArray(), await tx.table<MetaRecord, string>('meta').toArray(), await evaluations.toArray());
        await referentials.bulkPut(upgraded.referentials);
        await evaluations.bulkPut(upgraded.evaluations);
      });
    // Version 4: comments written on versions, beside them. A new table only: existing data stays as it is.
    this.version(4).stores(v4);
    // Version 6 (5 was never used; Dexie allows the gap): the declarations a company exported, kept to
    // correct them, and its agreements or action plans. New tables only.
    this.version(6).stores(v6);
    // Version 7: the publication log becomes one hash chain, built from the former per-version event
    // lists after checking each recorded hash against the stored content; a mismatch already there is
    // chained as recorded and the version put in quarantine, never vouched for. Same tables as version 6.
    this.version(7)
      .stores(v6)
      .upgrade((tx) => upgradeToPublicationChain(tx, new Date().toISOString()));
  }
}

export function referentialKey(id: string, version: string): string {
  return `${id}@${version}`;
}
