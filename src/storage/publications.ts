import {
  appendPublication,
  verifyPublicationLog,
  verifyPublications,
  type ChainBreak,
  type LifecycleState,
  type LogHead,
  type PublicationCheck,
  type PublicationEntry,
  type PublicationFacts,
  type PublicationLog,
  type StoredVersionFacts,
} from '../core/lifecycle/index.ts';
import type { LogigrammeDb } from './db.ts';
import type { MetaRecord, Quarantine, StoredReferential } from './records.ts';
import { factsFor, homologationOf, logFromStored, PUBLICATION_LOG_KEY, versionFacts, versionFactSteps, withQuarantine } from './publication-facts.ts';
import { nextTask } from '../io/tasks.ts';

export { factsFor, homologationOf, logFromStored, PUBLICATION_LOG_KEY, versionFacts, withQuarantine };
export type { Quarantine };

/*
 * The publication log of this browser's database: one hash chain (src/core/lifecycle/chain.ts) in the
 * `meta` record `publicationLog`, appended in the same transaction as the change it records. A stored
 * version the log does not vouch for is put in quarantine (`StoredReferential.quarantine`): it stays
 * stored, refuses to open (`openStored`), and waits for the user to re-import its original file or
 * delete it. The app checks the whole log at start (`checkPublications`).
 */

export async function readPublicationLog(db: LogigrammeDb): Promise<PublicationLog> {
  return logFromStored((await db.meta.get(PUBLICATION_LOG_KEY))?.value);
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

/**
 * The whole check: the chain, then every stored version against its last entry. Versions found wrong are
 * put in quarantine, versions found right again leave it. Run at start, after a restore and after a repair.
 */
export async function checkPublications(db: LogigrammeDb, at: string = new Date().toISOString()): Promise<PublicationCheck> {
  // Each version's facts cost a load and a hash (10–30 ms for a large referential): worked out first, a
  // version a task, so that the start of the app holds the page in no long task. An IndexedDB transaction
  // cannot wait for the page, so this happens before it; inside it, a version stored or changed meanwhile
  // (its record's text differs) is worked out again.
  const worked: WorkedFacts = new Map();
  for (const record of await db.referentials.toArray()) {
    // The load, then the hash, each in a task of its own.
    const steps = versionFactSteps(record);
    let step = steps.next();
    while (!step.done) {
      await nextTask();
      step = steps.next();
    }
    worked.set(record.key, { text: JSON.stringify(record), facts: step.value });
    await nextTask();
  }
  return checkPublicationsNow(db, at, worked);
}

type WorkedFacts = Map<string, { text: string; facts: StoredVersionFacts }>;

/** The same check in one transaction, which may be the caller's (a repair checks within its own). */
export async function checkPublicationsNow(db: LogigrammeDb, at: string, worked: WorkedFacts = new Map()): Promise<PublicationCheck> {
  return db.transaction('rw', db.referentials, db.meta, async () => {
    const records = await db.referentials.toArray();
    const facts = records.map((record) => {
      const seen = worked.get(record.key);
      return seen && seen.text === JSON.stringify(record) ? seen.facts : versionFacts(record);
    });
    const check = verifyPublications(await readPublicationLog(db), facts);
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
