import { contentHash, loadReferential, parseJsonText, REFERENTIAL_FORMAT_VERSION, type LoadIssue } from '../core/index.ts';
import { verifyPublicationLog, type LifecycleState, type PublicationEntry } from '../core/lifecycle/index.ts';
import type { LogigrammeDb, StoredReferential } from './db.ts';
import { checkPublicationsNow, factsFor, logPublications, readPublicationLog, versionFacts } from './publications.ts';
import { recordFor } from './referentials.ts';

/*
 * Resolving a version whose integrity is not verified: put back from its original file (whose content
 * hash must be the one the log recorded), or deleted from this browser. Either is one more log entry.
 */

export interface Signed {
  at: string;
  author: string;
  note?: string;
}

export type RepairOutcome =
  | { kind: 'repaired'; record: StoredReferential; entry: PublicationEntry }
  | { kind: 'invalid'; issues: LoadIssue[] }
  /** The file is another referential or another version. */
  | { kind: 'other_version'; expected: string; found: string }
  /** The file's content is not the one the log recorded: not the original. */
  | { kind: 'hash_differs'; expected: string; actual: string }
  /** Nothing to repair: the version is neither in quarantine nor missing. */
  | { kind: 'not_needed' };

/**
 * Puts a quarantined (or missing) version back from its original file: the file must load and have the
 * content hash the log's last entry recorded. Its status and arrêté are the log's. A `repair` entry
 * records it; the version leaves quarantine. Anything else changes nothing.
 */
export async function repairFromFile(db: LogigrammeDb, key: string, text: string, signed: Signed): Promise<RepairOutcome> {
  const json = parseJsonText(text);
  if (!json.ok) return { kind: 'invalid', issues: json.issues };
  const loaded = loadReferential(json.value);
  if (!loaded.ok) return { kind: 'invalid', issues: loaded.issues };
  const found = `${loaded.value.id}@${loaded.value.identity.version}`;
  if (found !== key) return { kind: 'other_version', expected: key, found };
  const hash = contentHash(loaded.value);
  return db.transaction('rw', db.referentials, db.meta, async (): Promise<RepairOutcome> => {
    const existing = await db.referentials.get(key);
    const chain = verifyPublicationLog(await readPublicationLog(db));
    const entry = [...chain.entries].reverse().find((e) => e?.key === key) ?? null;
    if (!entry || entry.to === null || (existing && !existing.quarantine)) return { kind: 'not_needed' };
    if (hash !== entry.contentHash) return { kind: 'hash_differs', expected: entry.contentHash, actual: hash };
    const { homologation: _fileHomologation, ...identity } = loaded.value.identity;
    // The file as given (an older format: as migrated), with the log's status and arrêté and its hash.
    const body = (json.value as { formatVersion?: unknown }).formatVersion === REFERENTIAL_FORMAT_VERSION ? (json.value as object) : loaded.value;
    const document = { ...body, identity: { ...identity, status: entry.to, ...(entry.homologation ? { homologation: entry.homologation } : {}) }, contentHash: hash };
    const reloaded = loadReferential(document);
    if (!reloaded.ok) return { kind: 'invalid', issues: reloaded.issues };
    const fresh = recordFor(reloaded.value, document, existing?.source ?? 'import', signed.at);
    const record: StoredReferential = existing ? { ...fresh, storedAt: existing.storedAt } : fresh;
    await db.referentials.put(record);
    const [written] = await logPublications(db, [
      factsFor(record, { action: 'repair', from: existing ? (existing.status as LifecycleState) : null, to: entry.to, contentHash: hash, at: signed.at, author: signed.author, homologation: entry.homologation, ...(signed.note ? { note: signed.note } : {}) }),
    ]);
    await checkPublicationsNow(db, signed.at);
    return { kind: 'repaired', record: (await db.referentials.get(key))!, entry: written! };
  });
}

export type RemoveOutcome = { kind: 'removed'; entry: PublicationEntry } | { kind: 'not_needed' };

/**
 * Deletes a quarantined version from this browser (or records that a missing one is gone): a `delete`
 * entry keeps the hash of what was removed, so the log says what happened. Only a version in quarantine
 * or missing can go: a published version otherwise never leaves.
 */
export async function removeQuarantined(db: LogigrammeDb, key: string, signed: Signed): Promise<RemoveOutcome> {
  return db.transaction('rw', db.referentials, db.meta, async (): Promise<RemoveOutcome> => {
    const existing = await db.referentials.get(key);
    const chain = verifyPublicationLog(await readPublicationLog(db));
    const entry = [...chain.entries].reverse().find((e) => e?.key === key) ?? null;
    if (existing && !existing.quarantine) return { kind: 'not_needed' };
    if (!existing && (!entry || entry.to === null)) return { kind: 'not_needed' };
    const facts = existing ? versionFacts(existing) : null;
    const where = existing ?? { key, id: entry!.id, version: entry!.version };
    if (existing) await db.referentials.delete(key);
    const [written] = await logPublications(db, [
      factsFor(where, {
        action: 'delete',
        from: existing ? (existing.status as LifecycleState) : entry!.to,
        to: null,
        contentHash: facts?.computedHash ?? existing?.contentHash ?? entry!.contentHash,
        at: signed.at,
        author: signed.author,
        ...(signed.note ? { note: signed.note } : {}),
      }),
    ]);
    await checkPublicationsNow(db, signed.at);
    return { kind: 'removed', entry: written! };
  });
}

