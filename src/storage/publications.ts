import { contentHash, loadReferential, type Referential } from '../core/index.ts';
import {
  appendPublication,
  emptyPublicationLog,
  PublicationLogSchema,
  verifyPublicationLog,
  verifyPublications,
  type ChainBreak,
  type LifecycleState,
  type LoggedHomologation,
  type LogHead,
  type PublicationCheck,
  type PublicationEntry,
  type PublicationFacts,
  type PublicationLog,
  type StoredVersionFacts,
  type VersionProblem,
} from '../core/lifecycle/index.ts';
import type { LogigrammeDb, MetaRecord, StoredReferential } from './db.ts';

/*
 * The publication log of this browser's database: one hash chain (src/core/lifecycle/chain.ts) in the
 * `meta` record `publicationLog`, appended in the same transaction as the change it records. A stored
 * version the log does not vouch for is put in quarantine (`StoredReferential.quarantine`): it stays
 * stored, refuses to open (`openStored`), and waits for the user to re-import its original file or
 * delete it. The app checks the whole log at start (`checkPublications`).
 */

export const PUBLICATION_LOG_KEY = 'publicationLog';

/** Why a stored version is in quarantine, as found by the last check. */
export interface Quarantine {
  /** ISO timestamp of the check that first found it. */
  since: string;
  problems: VersionProblem[];
  /** The log entry it was compared with (the state it should be in). */
  entry: PublicationEntry | null;
}

/** The log as stored; anything that is not one is kept as a single damaged entry, so the check reports it. */
export function logFromStored(value: unknown): PublicationLog {
  if (value === undefined) return emptyPublicationLog();
  const parsed = PublicationLogSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const entries = value !== null && typeof value === 'object' && Array.isArray((value as { entries?: unknown }).entries) ? (value as { entries: unknown[] }).entries : [value];
  return { ...emptyPublicationLog(), entries };
}

export async function readPublicationLog(db: LogigrammeDb): Promise<PublicationLog> {
  return logFromStored((await db.meta.get(PUBLICATION_LOG_KEY))?.value);
}

/** The arrêté as the log records it: what the document states, outside the content hash. */
export function homologationOf(r: Referential): LoggedHomologation | undefined {
  const h = r.identity.homologation;
  return h ? { arreteDate: h.arreteDate, arreteReference: h.arreteReference, ...(h.expires ? { expires: h.expires } : {}) } : undefined;
}

/** What the check compares with the log: the document loaded again and hashed, never the record's own fields. */
export function versionFacts(record: StoredReferential): StoredVersionFacts {
  const loaded = loadReferential(record.document);
  return {
    key: record.key,
    id: record.id,
    version: record.version,
    status: record.status as LifecycleState,
    computedHash: loaded.ok ? contentHash(loaded.value) : null,
    recordedHash: record.contentHash,
    homologation: loaded.ok ? homologationOf(loaded.value) : undefined,
  };
}

/** Facts of an event about a stored version. */
export function factsFor(
  record: Pick<StoredReferential, 'key' | 'id' | 'version'>,
  event: { action: PublicationFacts['action']; from: LifecycleState | null; to: LifecycleState | null; contentHash: string; at: string; author?: string; homologation?: LoggedHomologation | undefined; by?: string; note?: string },
): PublicationFacts {
  return {
    action: event.action,
    key: record.key,
    id: record.id,
    version: record.version,
    from: event.from,
    to: event.to,
    contentHash: event.contentHash,
    at: event.at,
    author: event.author ?? '',
    ...(event.homologation ? { homologation: event.homologation } : {}),
    ...(event.by ? { by: event.by } : {}),
    ...(event.note ? { note: event.note } : {}),
  };
}

/** Appends events to the log. Run inside a transaction over `meta` (and whatever the events record). */
export async function logPublications(db: LogigrammeDb, events: readonly PublicationFacts[]): Promise<PublicationEntry[]> {
  if (events.length === 0) return [];
  let log = await readPublicationLog(db);
  const written: PublicationEntry[] = [];
  for (const facts of events) {
    const next = appendPublication(log, facts);
    log = next.log;
    written.push(next.entry);
  }
  await db.meta.put({ key: PUBLICATION_LOG_KEY, value: log });
  return written;
}

/**
 * A version stored from a file (import, sample, restore) that already carries a lifecycle status beyond
 * draft — a homologated referential received from the branch — enters the log as it is, so that the
 * check vouches for it from then on. Run inside the transaction that stores it, over `meta` too.
 */
export async function logRecorded(db: LogigrammeDb, records: readonly StoredReferential[], at: string): Promise<void> {
  const events = records
    .filter((r) => r.status !== 'draft')
    .map((r) => {
      const facts = versionFacts(r);
      return factsFor(r, { action: 'record', from: null, to: r.status as LifecycleState, contentHash: facts.computedHash ?? r.contentHash, at, homologation: facts.homologation });
    });
  await logPublications(db, events);
}

/** The quarantine marks that follow from a check: records to write back (changed ones only). */
export function withQuarantine(records: readonly StoredReferential[], check: PublicationCheck, at: string): StoredReferential[] {
  const byKey = new Map(check.versions.map((v) => [v.key, v]));
  const changed: StoredReferential[] = [];
  for (const record of records) {
    const found = byKey.get(record.key);
    const problems = found?.problems ?? [];
    if (problems.length === 0) {
      if (record.quarantine) {
        const { quarantine: _cleared, ...rest } = record;
        changed.push(rest);
      }
      continue;
    }
    const quarantine: Quarantine = { since: record.quarantine?.since ?? at, problems, entry: found?.entry ?? null };
    if (JSON.stringify(quarantine) !== JSON.stringify(record.quarantine)) changed.push({ ...record, quarantine });
  }
  return changed;
}

/**
 * The whole check: the chain, then every stored version against its last entry. Versions found wrong are
 * put in quarantine, versions found right again leave it. Run at start, after a restore and after a repair.
 */
export async function checkPublications(db: LogigrammeDb, at: string = new Date().toISOString()): Promise<PublicationCheck> {
  return db.transaction('rw', db.referentials, db.meta, async () => {
    const records = await db.referentials.toArray();
    const check = verifyPublications(await readPublicationLog(db), records.map(versionFacts));
    const changed = withQuarantine(records, check, at);
    if (changed.length > 0) await db.referentials.bulkPut(changed);
    return check;
  });
}

export interface QuarantinedVersion {
  key: string;
  id: string;
  version: string;
  title: string;
  status: string;
  quarantine: Quarantine;
}

/** What the app shows about the log: its head, its breaks, the versions in quarantine and those missing. */
export interface PublicationOverview {
  head: LogHead | null;
  length: number;
  breaks: ChainBreak[];
  quarantined: QuarantinedVersion[];
  missing: PublicationEntry[];
}

/** Cheap enough for a live query: the chain is verified, the versions' contents are not hashed again (the flags say). */
export async function publicationOverview(db: LogigrammeDb): Promise<PublicationOverview> {
  const [log, records] = await Promise.all([readPublicationLog(db), db.referentials.toArray()]);
  const chain = verifyPublicationLog(log);
  const stored = new Set(records.map((r) => r.key));
  const last = new Map<string, PublicationEntry>();
  for (const e of chain.entries) if (e) last.set(e.key, e);
  return {
    head: chain.head,
    length: chain.length,
    breaks: chain.breaks,
    quarantined: records.flatMap((r) => (r.quarantine ? [{ key: r.key, id: r.id, version: r.version, title: r.title, status: r.status, quarantine: r.quarantine }] : [])),
    missing: [...last.values()].filter((e) => e.to !== null && !stored.has(e.key)),
  };
}

/** The meta records of a database or a backup, as the log and the legacy logs are read from them. */
export type MetaRecords = readonly MetaRecord[];
