import * as z from 'zod';
import { BACKUP_LIMITS, CommentThreadSchema, EmployeeSchema, contentHash, legacyContentHash, loadGraph, loadReferential, parseJsonText, parseWith, type CataloguedIssueCode, type IssueParamsByCode, type LoadIssue } from '../core/index.ts';
import { LIFECYCLE_STATES, type LogHead } from '../core/lifecycle/index.ts';
import { referentialKey, type DraftRecord, type EvaluationRecord, type LogigrammeDb, type MetaRecord, type StoredReferential } from './db.ts';
import { upgradeStoredHashes } from './hashes.ts';
import { checkBackupChain } from './backup-chain.ts';
import { PUBLICATION_LOG_KEY, readPublicationLog } from './publications.ts';

/*
 * One JSON file with everything the browser holds: published referentials, drafts, companies, staff,
 * evaluations, the declarations filed and the action plans, the comments written on versions and the small meta records (snapshots kept with drafts among them). Restoring validates the whole file first — every record, each
 * problem with its JSON path — and then replaces the database's content in one transaction: a file with
 * any problem changes nothing.
 */

export const BACKUP_FORMAT = 'logigramme-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Meta records that belong to this browser, not to the data: never exported, kept on restore. */
const LOCAL_META = new Set(['persistenceRequested']);

const TABLES = ['referentials', 'drafts', 'companies', 'staff', 'evaluations', 'meta', 'versionComments', 'declarations', 'actionPlans'] as const;
/** Tables added after the first backups: a file written before them has none, and restores them empty. */
const LATER_TABLES = new Set<TableName>(['versionComments', 'declarations', 'actionPlans']);
type TableName = (typeof TABLES)[number];

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  formatVersion: typeof BACKUP_FORMAT_VERSION;
  exportedAt: string;
  /** Dexie schema version of the database that wrote it. */
  databaseVersion: number;
  tables: Record<TableName, unknown[]>;
}

/** Everything, read in one transaction so the file is a consistent picture. */
export async function exportBackup(db: LogigrammeDb, now: () => string = () => new Date().toISOString()): Promise<{ name: string; text: string; counts: Record<TableName, number> }> {
  const tables = await db.transaction('r', [db.referentials, db.drafts, db.companies, db.staff, db.evaluations, db.meta, db.versionComments, db.declarations, db.actionPlans], async () => ({
    referentials: await db.referentials.toArray(),
    drafts: await db.drafts.toArray(),
    companies: await db.companies.toArray(),
    staff: await db.staff.toArray(),
    evaluations: await db.evaluations.toArray(),
    meta: (await db.meta.toArray()).filter((m) => !LOCAL_META.has(m.key)),
    versionComments: await db.versionComments.toArray(),
    declarations: await db.declarations.toArray(),
    actionPlans: await db.actionPlans.toArray(),
  }));
  const exportedAt = now();
  const file: BackupFile = { format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, exportedAt, databaseVersion: db.verno, tables };
  const counts = Object.fromEntries(TABLES.map((t) => [t, tables[t].length])) as Record<TableName, number>;
  return { name: `logigramme-sauvegarde-${exportedAt.slice(0, 10)}.json`, text: `${JSON.stringify(file, null, 2)}\n`, counts };
}

const Timestamp = z.string().min(1);
const Header = z.looseObject({
  format: z.literal(BACKUP_FORMAT, { error: `Ce fichier n’est pas une sauvegarde Logigramme (« format » : « ${BACKUP_FORMAT} » attendu)` }),
  formatVersion: z.number().int(),
  exportedAt: Timestamp,
  tables: z.strictObject(Object.fromEntries(TABLES.map((t) => [t, LATER_TABLES.has(t) ? z.array(z.unknown()).default([]) : z.array(z.unknown())])) as unknown as Record<TableName, z.ZodArray<z.ZodUnknown>>),
});

const StoredReferentialSchema = z.looseObject({
  key: z.string(),
  id: z.string(),
  version: z.string(),
  title: z.string(),
  branch: z.string(),
  status: z.enum(LIFECYCLE_STATES),
  regulation: z.string(),
  contentHash: z.string(),
  legacyHashes: z.array(z.string()).optional(),
  document: z.unknown(),
  source: z.enum(['sample', 'import', 'published']),
  storedAt: Timestamp,
});

const TransitionSchema = z.strictObject({ from: z.enum(LIFECYCLE_STATES), to: z.enum(LIFECYCLE_STATES), at: Timestamp, author: z.string(), note: z.string() });
const DraftSchema = z.looseObject({
  id: z.string(),
  graph: z.unknown(),
  lifecycle: z.strictObject({
    state: z.enum(LIFECYCLE_STATES),
    transitions: z.array(TransitionSchema),
    homologation: z.strictObject({ arreteDate: z.iso.date(), arreteReference: z.string(), expires: z.iso.date() }).optional(),
    reviewNote: z.string().optional(),
    renewalRequested: z.strictObject({ on: z.iso.date(), author: z.string(), note: z.string() }).optional(),
  }),
  updatedAt: Timestamp,
});

const Answers = z.record(z.string(), z.union([z.boolean(), z.string(), z.number()]));
const CompanySchema = z.looseObject({
  id: z.string().min(1),
  profile: z.looseObject({ name: z.string() }),
  referentialKey: z.string().optional(),
  year: z.number().int(),
  answers: Answers,
  measures: z.array(z.looseObject({ measure: z.string(), since: z.string().optional() })),
  step: z.string().optional(),
  updatedAt: Timestamp,
});
const StaffSchema = z.looseObject({
  key: z.string(),
  companyId: z.string().min(1),
  year: z.number().int(),
  employees: z.array(EmployeeSchema),
  updatedAt: Timestamp,
});
const EvaluationSchema = z.looseObject({
  key: z.string(),
  companyId: z.string().min(1),
  year: z.number().int(),
  referentialKey: z.string(),
  contentHash: z.string(),
  results: z.unknown(),
  evaluatedAt: Timestamp,
});
const DeclarationLineSchema = z.strictObject({ employee: z.string(), contract: z.string().optional(), year: z.number().int(), code: z.string().regex(/^\d{2}$/), factor: z.string().optional() });
const DeclarationSchema = z.strictObject({
  key: z.string(),
  companyId: z.string().min(1),
  year: z.number().int(),
  declaredAt: Timestamp,
  channel: z.enum(['dads', 'dsn']),
  kind: z.enum(['declaration', 'correction']),
  lines: z.array(DeclarationLineSchema),
  sent: z.array(DeclarationLineSchema.extend({ kind: z.enum(['cancellation', 'redeclared', 'new']) })).optional(),
  contentHash: z.string(),
});
const ActionPlanSchema = z.strictObject({
  id: z.string().min(1),
  companyId: z.string().min(1),
  year: z.number().int(),
  plan: z.record(z.string(), z.unknown()),
  penalty: z.strictObject({ remuneration: z.number().min(0), months: z.number().int().min(1).max(36) }).optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
const MetaSchema = z.strictObject({ key: z.string().min(1), value: z.unknown() });
const VersionCommentsSchema = z.strictObject({ key: z.string(), id: z.string().min(1), version: z.string().min(1), threads: z.array(CommentThreadSchema), updatedAt: Timestamp });

const issue = <C extends CataloguedIssueCode>(code: C, path: string, params: IssueParamsByCode[C]): LoadIssue => ({ code, path, params }) as LoadIssue;
/** `$.nodes[0]` of an inner document, located inside the backup file. */
const under = (base: string, issues: readonly LoadIssue[]) => issues.map((i) => ({ ...i, path: `${base}${i.path.slice(1)}` }));

export type RestoreOutcome =
  /** `head`: the restored publication log's last entry, to compare with the one printed in a dossier. */
  | { ok: true; counts: Record<TableName, number>; head: LogHead | null }
  | { ok: false; issues: LoadIssue[] };

/** Validates every record of a backup file; the records, typed, when there is no problem at all. */
export function validateBackup(text: string, currentDatabaseVersion = Number.POSITIVE_INFINITY): { ok: true; tables: BackupFile['tables'] } | { ok: false; issues: LoadIssue[] } {
  // A backup holds every document of the browser: a larger size limit, the same nesting and string limits.
  const json = parseJsonText(text, BACKUP_LIMITS);
  if (!json.ok) return json;
  const header = parseWith(Header, json.value);
  if (!header.ok) return header;
  const databaseVersion = (header.value as { databaseVersion?: unknown }).databaseVersion;
  if (typeof databaseVersion === 'number' && databaseVersion > currentDatabaseVersion) {
    return { ok: false, issues: [issue('backup.newer', '$.databaseVersion', { of: 'database', version: databaseVersion, current: currentDatabaseVersion })] };
  }
  if (header.value.formatVersion > BACKUP_FORMAT_VERSION) {
    return { ok: false, issues: [issue('backup.newer', '$.formatVersion', { of: 'format', version: header.value.formatVersion, current: BACKUP_FORMAT_VERSION })] };
  }
  const t = header.value.tables;
  const issues: LoadIssue[] = [];
  const check = <S extends z.ZodType>(table: TableName, schema: S, more: (record: z.infer<S>, path: string) => void) => {
    const seen = new Set<string>();
    t[table].forEach((raw, i) => {
      const path = `$.tables.${table}[${i}]`;
      const parsed = parseWith(schema, raw, ['tables', table, i]);
      if (!parsed.ok) return void issues.push(...parsed.issues);
      const record = parsed.value as z.infer<S> & { key?: string; id?: string };
      const key = table === 'drafts' || table === 'companies' || table === 'actionPlans' ? record.id! : record.key!;
      if (seen.has(key)) issues.push(issue('backup.duplicate', path, { key, table }));
      seen.add(key);
      more(parsed.value, path);
    });
  };
  check('referentials', StoredReferentialSchema, (r, path) => {
    const loaded = loadReferential(r.document);
    if (!loaded.ok) return void issues.push(...under(`${path}.document`, loaded.issues));
    if (r.key !== referentialKey(loaded.value.id, loaded.value.identity.version) || r.id !== loaded.value.id || r.version !== loaded.value.identity.version) {
      issues.push(issue('backup.key_mismatch', `${path}.key`, { of: 'referential', key: r.key, expected: referentialKey(loaded.value.id, loaded.value.identity.version) }));
    }
    // A backup of a database before version 3 records the format-1 hash (lifecycle fields included).
    const hash = contentHash(loaded.value);
    if (r.contentHash !== hash && r.contentHash !== legacyContentHash(loaded.value)) {
      issues.push(issue('backup.hash_mismatch', `${path}.contentHash`, { recorded: r.contentHash, computed: hash }));
    }
  });
  check('drafts', DraftSchema, (d, path) => {
    const loaded = loadGraph(d.graph);
    if (!loaded.ok) return void issues.push(...under(`${path}.graph`, loaded.issues));
    if (loaded.value.referential.id !== d.id) issues.push(issue('backup.key_mismatch', `${path}.id`, { of: 'draft', draft: d.id, contains: loaded.value.referential.id }));
  });
  check('companies', CompanySchema, () => {});
  check('staff', StaffSchema, (s, path) => {
    if (s.key !== `${s.companyId}@${s.year}`) issues.push(issue('backup.key_mismatch', `${path}.key`, { of: 'record', expected: `${s.companyId}@${s.year}` }));
  });
  check('evaluations', EvaluationSchema, (e, path) => {
    if (e.key !== `${e.companyId}@${e.year}`) issues.push(issue('backup.key_mismatch', `${path}.key`, { of: 'record', expected: `${e.companyId}@${e.year}` }));
  });
  check('meta', MetaSchema, () => {});
  check('versionComments', VersionCommentsSchema, (c, path) => {
    if (c.key !== referentialKey(c.id, c.version)) issues.push(issue('backup.key_mismatch', `${path}.key`, { of: 'record', expected: referentialKey(c.id, c.version) }));
  });
  check('declarations', DeclarationSchema, (d, path) => {
    if (d.key !== `${d.companyId}@${d.year}@${d.declaredAt}`) issues.push(issue('backup.key_mismatch', `${path}.key`, { of: 'record', expected: `${d.companyId}@${d.year}@${d.declaredAt}` }));
  });
  check('actionPlans', ActionPlanSchema, () => {});
  return issues.length > 0 ? { ok: false, issues } : { ok: true, tables: t };
}

/**
 * Restores a backup: validated in full first, then the database's content is replaced in one
 * transaction (the browser's own meta records excepted). On any problem nothing is changed.
 */
export async function importBackup(db: LogigrammeDb, text: string): Promise<RestoreOutcome> {
  // The schema version is known once the database is open.
  if (!db.isOpen()) await db.open();
  const valid = validateBackup(text, db.verno);
  if (!valid.ok) return valid;
  // Hashes recorded under the former definition are brought to the current one, as the database upgrade does.
  const upgraded = upgradeStoredHashes(valid.tables.referentials as StoredReferential[], valid.tables.meta as MetaRecord[], valid.tables.evaluations as EvaluationRecord[]);
  const t = { ...valid.tables, referentials: upgraded.referentials, evaluations: upgraded.evaluations };
  return db.transaction('rw', [db.referentials, db.drafts, db.companies, db.staff, db.evaluations, db.meta, db.versionComments, db.declarations, db.actionPlans], async (): Promise<RestoreOutcome> => {
    // Checked inside the transaction, against this database's log as it is now: a refusal writes nothing.
    const checked = checkBackupChain(
      { referentials: t.referentials, drafts: valid.tables.drafts as DraftRecord[], meta: valid.tables.meta as MetaRecord[] },
      await readPublicationLog(db),
    );
    if (!checked.ok) return checked;
    const meta = (t.meta as MetaRecord[]).filter((m) => !LOCAL_META.has(m.key) && !checked.chain.legacyKeys.includes(m.key) && m.key !== PUBLICATION_LOG_KEY);
    await Promise.all([db.referentials.clear(), db.drafts.clear(), db.companies.clear(), db.staff.clear(), db.evaluations.clear(), db.versionComments.clear(), db.declarations.clear(), db.actionPlans.clear()]);
    await db.meta.where('key').noneOf([...LOCAL_META]).delete();
    // Every version was just vouched for by the log: a quarantine mark carried by the file is stale.
    await db.referentials.bulkAdd(t.referentials.map(({ quarantine: _checked, ...r }) => r));
    await db.drafts.bulkAdd(t.drafts as never[]);
    await db.companies.bulkAdd(t.companies as never[]);
    await db.staff.bulkAdd(t.staff as never[]);
    await db.evaluations.bulkAdd(t.evaluations as never[]);
    await db.versionComments.bulkAdd(t.versionComments as never[]);
    await db.declarations.bulkAdd(t.declarations as never[]);
    await db.actionPlans.bulkAdd(t.actionPlans as never[]);
    // An empty log is written only if the file had one: a restore gives back the database the file describes.
    const hadLog = (t.meta as MetaRecord[]).some((m) => m.key === PUBLICATION_LOG_KEY);
    const log = checked.chain.log.entries.length > 0 || hadLog ? [{ key: PUBLICATION_LOG_KEY, value: checked.chain.log }] : [];
    await db.meta.bulkPut([...meta, ...log]);
    return { ok: true, counts: Object.fromEntries(TABLES.map((name) => [name, t[name].length])) as Record<TableName, number>, head: checked.chain.log.head };
  });
}

export type BackupVerification =
  | { ok: true; versions: number; entries: number; head: LogHead | null }
  | { ok: false; issues: LoadIssue[] };

/**
 * A backup file checked on its own, as the restore would check it but without a database to compare
 * with (`npm run verify-backup`): every record, and its published versions against its publication log.
 * The head it reports is to be compared with the one printed in the homologation dossier.
 */
export function verifyBackupText(text: string): BackupVerification {
  const valid = validateBackup(text);
  if (!valid.ok) return valid;
  const upgraded = upgradeStoredHashes(valid.tables.referentials as StoredReferential[], valid.tables.meta as MetaRecord[], valid.tables.evaluations as EvaluationRecord[]);
  const checked = checkBackupChain({ referentials: upgraded.referentials, drafts: valid.tables.drafts as DraftRecord[], meta: valid.tables.meta as MetaRecord[] }, null);
  if (!checked.ok) return checked;
  return { ok: true, versions: upgraded.referentials.length, entries: checked.chain.log.entries.length, head: checked.chain.log.head };
}
