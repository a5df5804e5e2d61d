import { contentHash, type Employee, type Referential } from '../../core/index.ts';
import { openStored, publicationsKey, type ActionPlanRecord, type CompanyRecord, type DeclarationRecord, type EvaluationRecord, type LogigrammeDb, type StaffRecord, type StoredReferential } from '../../storage/index.ts';
import { buildCompanyFile, recordsFromCompanyFile, type CompanyFile } from './companyFile.ts';
import { compactEvaluation, type CompanyEvaluation } from './evaluation.ts';
import { readPublicationLog, type LoggedStatus } from './homologation.ts';
import { cloneable } from './packedList.ts';
import { readEvaluationOffThread, readStaffOffThread } from './evaluationClient.ts';

/*
 * The company workspace's reads and writes, over the Dexie tables as they are (schema v2): one
 * `companies` record, one `staff` record per year (`${companyId}@${year}`), one `evaluations` record
 * per year. Writes are whole records: a staff import lands whole or not at all.
 */

export const staffKey = (companyId: string, year: number) => `${companyId}@${year}`;

export function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

export const isoNow = () => new Date().toISOString();

export async function createCompany(db: LogigrammeDb, name: string, year: number, now = isoNow()): Promise<CompanyRecord> {
  const record: CompanyRecord = { id: newId(), profile: { name }, year, answers: {}, measures: [], step: 'profile', updatedAt: now };
  await db.companies.add(record);
  return record;
}

export async function listCompanies(db: LogigrammeDb): Promise<CompanyRecord[]> {
  const all = await db.companies.toArray();
  return all.sort((a, b) => a.profile.name.localeCompare(b.profile.name, 'fr') || a.id.localeCompare(b.id));
}

/** The referential applied, loaded again through the core (never trusted as stored). */
export interface LoadedReferential {
  key: string;
  record: StoredReferential;
  referential: Referential;
  contentHash: string;
}

export function loadStoredReferential(record: StoredReferential): LoadedReferential | undefined {
  const loaded = openStored(record);
  return loaded.ok ? { key: record.key, record, referential: loaded.value, contentHash: contentHash(loaded.value) } : undefined;
}

export interface Workspace {
  company: CompanyRecord;
  referential?: LoadedReferential;
  /** The referential key is set but the record is missing or no longer loads. */
  referentialMissing: boolean;
  staff?: StaffRecord;
  previousEvaluation?: EvaluationRecord;
  /** The staff of the year before, to start from when this year's is empty (0 when this year has a staff: not read then). */
  previousStaffCount: number;
  /** The publication log of the referential applied (its expiry or replacement ends the homologation). */
  publicationLog: LoggedStatus[];
}

/** A staff record: read in the evaluation worker where there is one (a large staff never deserialised on the page), else by Dexie. */
function readStaff(db: LogigrammeDb, key: string): Promise<StaffRecord | undefined> {
  return typeof Worker === 'undefined' ? db.staff.get(key) : readStaffOffThread(db.name, key);
}

function readPreviousEvaluation(db: LogigrammeDb, key: string): Promise<EvaluationRecord | undefined> {
  return typeof Worker === 'undefined' ? db.evaluations.get(key) : readEvaluationOffThread(db.name, key);
}

export async function loadWorkspace(db: LogigrammeDb, companyId: string): Promise<Workspace | undefined> {
  const company = await db.companies.get(companyId);
  if (!company) return undefined;
  const year = company.year;
  // Each record read here is deserialised on the page, in one task: this year's stored evaluation is not
  // (the workspace evaluates again, off the page), nor the year before's staff once this year has one
  // (only its size is shown, to offer it as a start).
  const [record, staff, previousEvaluation] = await Promise.all([
    company.referentialKey ? db.referentials.get(company.referentialKey) : Promise.resolve(undefined),
    readStaff(db, staffKey(companyId, year)),
    readPreviousEvaluation(db, staffKey(companyId, year - 1)),
  ]);
  const previousStaff = staff && staff.employees.length > 0 ? undefined : await db.staff.get(staffKey(companyId, year - 1));
  const referential = record ? loadStoredReferential(record) : undefined;
  const log = record ? await db.meta.get(publicationsKey(record.key)) : undefined;
  return {
    company,
    ...(referential ? { referential } : {}),
    referentialMissing: company.referentialKey !== undefined && !referential,
    ...(staff ? { staff } : {}),
    ...(previousEvaluation ? { previousEvaluation } : {}),
    previousStaffCount: previousStaff?.employees.length ?? 0,
    publicationLog: readPublicationLog(log?.value),
  };
}

export async function updateCompany(db: LogigrammeDb, id: string, patch: Partial<Omit<CompanyRecord, 'id'>>, now = isoNow()): Promise<void> {
  await db.companies.update(id, { ...patch, updatedAt: now });
}

export async function saveStaff(db: LogigrammeDb, companyId: string, year: number, employees: Employee[], source: StaffRecord['source'] | undefined, now = isoNow()): Promise<void> {
  await db.staff.put({ key: staffKey(companyId, year), companyId, year, employees: cloneable(employees), ...(source ? { source } : {}), updatedAt: now });
}

export async function previousStaff(db: LogigrammeDb, companyId: string, year: number): Promise<Employee[]> {
  return (await db.staff.get(staffKey(companyId, year - 1)))?.employees ?? [];
}

export async function saveEvaluation(db: LogigrammeDb, companyId: string, referential: { key: string; contentHash: string }, evaluation: CompanyEvaluation, now = isoNow()): Promise<void> {
  await db.evaluations.put({
    key: staffKey(companyId, evaluation.year),
    companyId,
    year: evaluation.year,
    referentialKey: referential.key,
    contentHash: referential.contentHash,
    results: compactEvaluation(evaluation),
    evaluatedAt: now,
  });
}

/** Everything the app holds about a company, in one transaction. */
export async function deleteCompanyData(db: LogigrammeDb, companyId: string): Promise<void> {
  await db.transaction('rw', [db.companies, db.staff, db.evaluations, db.declarations, db.actionPlans], async () => {
    await db.staff.where('companyId').equals(companyId).delete();
    await db.evaluations.where('companyId').equals(companyId).delete();
    await db.declarations.where('companyId').equals(companyId).delete();
    await db.actionPlans.where('companyId').equals(companyId).delete();
    await db.companies.delete(companyId);
  });
}

export async function exportCompany(db: LogigrammeDb, companyId: string, now = isoNow()): Promise<CompanyFile | undefined> {
  const company = await db.companies.get(companyId);
  if (!company) return undefined;
  const [staff, evaluations, record, declarations, actionPlans] = await Promise.all([
    db.staff.where('companyId').equals(companyId).toArray(),
    db.evaluations.where('companyId').equals(companyId).toArray(),
    company.referentialKey ? db.referentials.get(company.referentialKey) : Promise.resolve(undefined),
    db.declarations.where('companyId').equals(companyId).toArray(),
    db.actionPlans.where('companyId').equals(companyId).toArray(),
  ]);
  const referential = record ? { key: record.key, id: record.id, version: record.version, contentHash: record.contentHash } : undefined;
  return buildCompanyFile(company, staff, evaluations, referential, now, { declarations, actionPlans });
}

/** Stores an imported company file under a new id; returns that id. */
export async function importCompany(db: LogigrammeDb, file: CompanyFile, now = isoNow()): Promise<string> {
  const id = newId();
  const records = recordsFromCompanyFile(file, id, now);
  await db.transaction('rw', [db.companies, db.staff, db.evaluations, db.declarations, db.actionPlans], async () => {
    await db.companies.add(records.company);
    if (records.staff.length > 0) await db.staff.bulkAdd(records.staff);
    if (records.evaluations.length > 0) await db.evaluations.bulkAdd(records.evaluations);
    if (records.declarations.length > 0) await db.declarations.bulkAdd(records.declarations);
    if (records.actionPlans.length > 0) await db.actionPlans.bulkAdd(records.actionPlans);
  });
  return id;
}

// ─── Declarations filed, agreements and action plans ──────────────────────────────────────────

export const declarationKey = (companyId: string, year: number, declaredAt: string) => `${companyId}@${year}@${declaredAt}`;

/** Every declaration file exported for the year, oldest first. */
export async function listDeclarations(db: LogigrammeDb, companyId: string, year: number): Promise<DeclarationRecord[]> {
  const all = await db.declarations.where('[companyId+year]').equals([companyId, year]).toArray();
  return all.sort((a, b) => a.declaredAt.localeCompare(b.declaredAt));
}

/** Records a declaration (or a correction) as the file exported held it; returns the record. */
export async function saveDeclaration(db: LogigrammeDb, companyId: string, record: Omit<DeclarationRecord, 'key' | 'companyId'>): Promise<DeclarationRecord> {
  const full: DeclarationRecord = { ...record, key: declarationKey(companyId, record.year, record.declaredAt), companyId };
  await db.declarations.put(full);
  return full;
}

export async function listActionPlans(db: LogigrammeDb, companyId: string): Promise<ActionPlanRecord[]> {
  const all = await db.actionPlans.where('companyId').equals(companyId).toArray();
  return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function saveActionPlan(db: LogigrammeDb, record: Omit<ActionPlanRecord, 'createdAt' | 'updatedAt'> & { createdAt?: string }, now = isoNow()): Promise<void> {
  await db.actionPlans.put({ ...record, createdAt: record.createdAt ?? now, updatedAt: now });
}
