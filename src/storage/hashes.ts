import { contentHash, loadReferential } from '../core/index.ts';

/*
 * The shapes of db.ts's records that the upgrade reads, stated here so that db.ts (which runs the
 * upgrade) and this module do not import each other; db.ts's records satisfy them.
 */
interface HashedRecord {
  key: string;
  document: unknown;
  contentHash: string;
  legacyHashes?: string[];
}
interface MetaEntry {
  key: string;
  value: unknown;
}

/*
 * Database version 3 changed what a referential's content hash covers: the lifecycle fields (status,
 * homologation) are left out, so the homologated version keeps the hash of the submitted one. Hashes
 * recorded before stay readable: a stored version keeps them in `legacyHashes` (the hash it was stored
 * with and those its publication log recorded — typically the submitted and the homologated ones), and
 * `hashMatches` accepts them. The documents themselves stay as they were given: the loader reads a
 * format-1 document through the migration ledger and checks its stated hash under the format-1 rule.
 */

/** Key of a stored version's publication log in `meta` (one event per submission, homologation, …). */
export const publicationsKey = (key: string) => `publications:${key}`;

/** A recorded hash designates this stored version: its content hash, or one it was known by before. */
export function hashMatches(record: Pick<HashedRecord, 'contentHash' | 'legacyHashes'>, hash: string): boolean {
  return record.contentHash === hash || (record.legacyHashes ?? []).includes(hash);
}

/**
 * One stored version with its hash recomputed under the current definition; the former ones (its own and
 * `recorded`, those of its publication log) kept in `legacyHashes`. A document that no longer loads is
 * left as it is (opening it reports why).
 */
export function upgradeRecordHashes<R extends HashedRecord>(record: R, recorded: readonly string[] = []): R {
  const loaded = loadReferential(record.document);
  if (!loaded.ok) return record;
  const current = contentHash(loaded.value);
  const legacy = [...new Set([...(record.legacyHashes ?? []), record.contentHash, ...recorded])].filter((h) => h !== current);
  const { legacyHashes: _old, ...rest } = record;
  return (legacy.length > 0 ? { ...rest, contentHash: current, legacyHashes: legacy } : { ...rest, contentHash: current }) as R;
}

/**
 * The hash upgrade over whole tables (the Dexie upgrade to version 3, and the restore of an older
 * backup): every stored version, and every evaluation that recorded the hash of the referential it used.
 */
export function upgradeStoredHashes<R extends HashedRecord, E extends { contentHash: string }>(
  referentials: readonly R[],
  meta: readonly MetaEntry[],
  evaluations: readonly E[],
): { referentials: R[]; evaluations: E[] } {
  const logs = new Map(meta.map((m) => [m.key, m.value]));
  const renamed = new Map<string, string>();
  const upgraded = referentials.map((record) => {
    const events = logs.get(publicationsKey(record.key));
    const recorded = Array.isArray(events) ? events.flatMap((e) => (e && typeof e === 'object' && typeof (e as { contentHash?: unknown }).contentHash === 'string' ? [(e as { contentHash: string }).contentHash] : [])) : [];
    const next = upgradeRecordHashes(record, recorded);
    for (const old of next.legacyHashes ?? []) renamed.set(old, next.contentHash);
    return next;
  });
  return {
    referentials: upgraded,
    evaluations: evaluations.map((e) => {
      const current = renamed.get(e.contentHash);
      return current ? { ...e, contentHash: current } : e;
    }),
  };
}
