import { contentHash, loadReferential, type Referential } from '../core/index.ts';
import { emptyPublicationLog, PublicationLogSchema, type LifecycleState, type LoggedHomologation, type PublicationCheck, type PublicationFacts, type PublicationLog, type StoredVersionFacts } from '../core/lifecycle/index.ts';
import type { Quarantine, StoredReferential } from './records.ts';

/*
 * The pure half of the publication log's storage (publications.ts has the database half): what is read
 * from and written to the records, without the database, so the version 7 upgrade can use it.
 */

export const PUBLICATION_LOG_KEY = 'publicationLog';


/** The log as stored; anything that is not one is kept as a single damaged entry, so the check reports it. */
export function logFromStored(value: unknown): PublicationLog {
  if (value === undefined) return emptyPublicationLog();
  const parsed = PublicationLogSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const entries = value !== null && typeof value === 'object' && Array.isArray((value as { entries?: unknown }).entries) ? (value as { entries: unknown[] }).entries : [value];
  return { ...emptyPublicationLog(), entries };
}

/** The arrêté as the log records it: what the document states, outside the content hash. */
export function homologationOf(r: Referential): LoggedHomologation | undefined {
  const h = r.identity.homologation;
  return h ? { arreteDate: h.arreteDate, arreteReference: h.arreteReference, ...(h.expires ? { expires: h.expires } : {}) } : undefined;
}

/** What the check compares with the log: the document loaded again and hashed, never the record's own fields. */
export function versionFacts(record: StoredReferential): StoredVersionFacts {
  const steps = versionFactSteps(record);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * The same in two steps, the load then the hash (each 15–30 ms for a real-size referential here), so
 * that a caller can give the page its turn between them (the check at start).
 */
export function* versionFactSteps(record: StoredReferential): Generator<void, StoredVersionFacts, void> {
  const loaded = loadReferential(record.document);
  if (loaded.ok) yield;
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
