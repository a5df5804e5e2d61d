import { contentHash, legacyContentHash, loadReferential, type Referential } from '../core/index.ts';
import { appendPublication, emptyPublicationLog, GENESIS_HASH, LIFECYCLE_STATES, type LifecycleState, type PublicationLog } from '../core/lifecycle/index.ts';
import type { Transaction } from 'dexie';
import type { DraftRecord, MetaRecord, StoredReferential } from './records.ts';
import { publicationsKey } from './hashes.ts';
import { factsFor, homologationOf, PUBLICATION_LOG_KEY, versionFacts, withQuarantine } from './publication-facts.ts';
import { verifyPublications } from '../core/lifecycle/index.ts';

/*
 * Databases before version 7 (and their backups) kept one unchained list of events per stored version
 * in `meta` (`publications:<id@version>`: status, date, and for a stored snapshot its hash). The chain
 * is built from them in time order — after each recorded hash is checked against the stored content, so
 * that a mismatch already there is chained as recorded (and the version then fails the check) rather
 * than vouched for. Versions with a lifecycle status and no event (homologated files imported) get a
 * `record` entry from their stored content.
 */

const PREFIX = publicationsKey('');

export interface LegacyMismatch {
  key: string;
  /** Index of the meta record and of the event in it (for a located restore error); `null` for a `record` entry. */
  metaIndex: number | null;
  eventIndex: number | null;
  recorded: string;
  /** The stored content's hash now; `null` when missing or unreadable. */
  actual: string | null;
  at: string;
  status: LifecycleState;
}

interface LegacyEvent {
  key: string;
  status: LifecycleState;
  at: string;
  contentHash?: string;
  by?: string;
  metaIndex: number | null;
  eventIndex: number | null;
  order: number;
}

const isState = (s: unknown): s is LifecycleState => typeof s === 'string' && (LIFECYCLE_STATES as readonly string[]).includes(s);

/**
 * The hashes a snapshot of this content could have been recorded with: the current definition, and the
 * format-1 one (status and arrêté included) at the event's status — the submitted snapshot had no arrêté.
 */
function acceptedHashes(r: Referential, status: LifecycleState): string[] {
  const { homologation, ...identity } = r.identity;
  const atStatus = { ...r, identity: { ...identity, status, ...(homologation && status !== 'submitted' && status !== 'in_review' ? { homologation } : {}) } };
  return [contentHash(r), legacyContentHash(atStatus), legacyContentHash(r)];
}

export function chainFromLegacy(
  referentials: readonly StoredReferential[],
  meta: readonly MetaRecord[],
  drafts: readonly Pick<DraftRecord, 'id' | 'lifecycle'>[] = [],
): { log: PublicationLog; legacyKeys: string[]; mismatches: LegacyMismatch[] } {
  const byKey = new Map(referentials.map((r) => [r.key, r]));
  const loaded = new Map<string, Referential | null>();
  const content = (key: string) => {
    if (!loaded.has(key)) {
      const record = byKey.get(key);
      const result = record ? loadReferential(record.document) : null;
      loaded.set(key, result?.ok ? result.value : null);
    }
    return loaded.get(key) ?? null;
  };
  const events: LegacyEvent[] = [];
  const legacyKeys: string[] = [];
  meta.forEach((m, metaIndex) => {
    if (typeof m?.key !== 'string' || !m.key.startsWith(PREFIX)) return;
    legacyKeys.push(m.key);
    if (!Array.isArray(m.value)) return;
    m.value.forEach((raw: unknown, eventIndex) => {
      if (!raw || typeof raw !== 'object') return;
      const e = raw as Record<string, unknown>;
      if (!isState(e.status) || typeof e.at !== 'string' || e.at === '') return;
      events.push({
        key: m.key.slice(PREFIX.length),
        status: e.status,
        at: e.at,
        ...(typeof e.contentHash === 'string' && e.contentHash !== '' ? { contentHash: e.contentHash } : {}),
        ...(typeof e.by === 'string' ? { by: e.by } : {}),
        metaIndex,
        eventIndex,
        order: events.length,
      });
    });
  });
  // A version with a lifecycle status whose events do not start with a stored snapshot: a `record` entry first.
  const first = new Map<string, LegacyEvent>();
  for (const e of events) if (!first.has(e.key) || e.order < first.get(e.key)!.order) first.set(e.key, e);
  for (const r of referentials) {
    const start = first.get(r.key);
    if (start?.contentHash || (!start && r.status === 'draft') || !isState(r.status)) continue;
    const status: LifecycleState = start ? (start.status === 'superseded' || start.status === 'expired' ? 'homologated' : start.status) : r.status;
    events.push({ key: r.key, status, at: r.storedAt, contentHash: r.contentHash, metaIndex: null, eventIndex: null, order: -1 });
  }
  const time = (at: string) => {
    const t = Date.parse(at);
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  events.sort((a, b) => time(a.at) - time(b.at) || a.order - b.order);

  const author = (key: string, at: string, status: LifecycleState) => {
    const id = byKey.get(key)?.id ?? key.slice(0, key.lastIndexOf('@'));
    const draft = drafts.find((d) => d.id === id);
    return draft?.lifecycle?.transitions?.find((t) => t.at === at && t.to === status)?.author ?? '';
  };
  let log = emptyPublicationLog();
  const mismatches: LegacyMismatch[] = [];
  const state = new Map<string, { status: LifecycleState; hash: string }>();
  for (const e of events) {
    const record = byKey.get(e.key);
    const r = content(e.key);
    const previous = state.get(e.key);
    let hash: string;
    if (e.contentHash !== undefined) {
      const matches = r !== null && acceptedHashes(r, e.status).includes(e.contentHash);
      hash = matches ? contentHash(r) : e.contentHash;
      if (!matches) mismatches.push({ key: e.key, metaIndex: e.metaIndex, eventIndex: e.eventIndex, recorded: e.contentHash, actual: r ? contentHash(r) : null, at: e.at, status: e.status });
    } else {
      hash = previous?.hash ?? (r ? contentHash(r) : (record?.contentHash ?? GENESIS_HASH));
    }
    const where = record ?? { key: e.key, id: e.key.slice(0, e.key.lastIndexOf('@')) || e.key, version: e.key.slice(e.key.lastIndexOf('@') + 1) || e.key };
    const homologation = e.status !== 'submitted' && e.status !== 'in_review' && r ? homologationOf(r) : undefined;
    log = appendPublication(
      log,
      factsFor(where, {
        action: e.metaIndex === null ? 'record' : e.contentHash !== undefined ? 'publish' : 'status',
        from: previous?.status ?? null,
        to: e.status,
        contentHash: hash,
        at: e.at,
        author: author(e.key, e.at, e.status),
        homologation,
        ...(e.by ? { by: e.by } : {}),
      }),
    ).log;
    state.set(e.key, { status: e.status, hash });
  }
  return { log, legacyKeys, mismatches };
}

/** The Dexie upgrade to version 7: the chain from the legacy lists, the lists removed, mismatches in quarantine. */
export async function upgradeToPublicationChain(tx: Transaction, at: string): Promise<void> {
  const referentials = tx.table<StoredReferential, string>('referentials');
  const meta = tx.table<MetaRecord, string>('meta');
  const records = await referentials.toArray();
  const built = chainFromLegacy(records, await meta.toArray(), await tx.table<DraftRecord, string>('drafts').toArray());
  await meta.bulkDelete(built.legacyKeys);
  await meta.put({ key: PUBLICATION_LOG_KEY, value: built.log });
  const changed = withQuarantine(records, verifyPublications(built.log, records.map(versionFacts)), at);
  if (changed.length > 0) await referentials.bulkPut(changed);
}
