import * as z from 'zod';
import { canonicalSha256 } from '../referential/canonical.ts';
import { LIFECYCLE_STATES, type LifecycleState } from './rules.ts';

/*
 * The publication log as a hash chain. Every event that gives a stored version a lifecycle status
 * (submission, homologation, supersession, expiry, a homologated file imported, a repair, a deletion)
 * is one entry stating the version's whole expected state — its content hash, its status, its arrêté —
 * with the date and the author; each entry's `hash` fingerprints the entry itself, including the
 * `previous` entry's hash. Editing, removing or reordering an entry, or editing a version's content
 * without a new entry, then shows: `verifyPublications` compares the chain with itself, with its
 * recorded head, and every stored version with its last entry.
 *
 * A chain without a secret can be rewritten whole, consistently, by whoever can write the database: the
 * head printed in a homologation dossier, and the log of the database a backup is restored into, are
 * the anchors outside it. Pure: dates and authors are passed in.
 */

export const PUBLICATION_LOG_FORMAT_VERSION = 1;
/** `previous` of the first entry. */
export const GENESIS_HASH = `sha256:${'0'.repeat(64)}`;

/**
 * `publish`: a snapshot stored from the editor (submission, homologation). `status`: a stored version's
 * status changed, its content not (superseded, expired). `record`: a version with a lifecycle status
 * stored from a file, or found unlogged when the log was first built. `repair`: a version put back from
 * the original file, whose content hash is the logged one. `delete`: a version removed from the browser.
 */
export const PUBLICATION_ACTIONS = ['publish', 'status', 'record', 'repair', 'delete'] as const;
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number];

const HashString = z.string().regex(/^sha256:[0-9a-f]{64}$/);
export const LoggedHomologationSchema = z.strictObject({ arreteDate: z.string(), arreteReference: z.string(), expires: z.string().optional() });
export type LoggedHomologation = z.infer<typeof LoggedHomologationSchema>;

export const PublicationEntrySchema = z.strictObject({
  /** Position in the chain, from 0. */
  seq: z.number().int().min(0),
  /** `hash` of the entry before, `GENESIS_HASH` for the first. */
  previous: HashString,
  action: z.enum(PUBLICATION_ACTIONS),
  /** `id@version` of the stored version. */
  key: z.string().min(1),
  id: z.string().min(1),
  version: z.string().min(1),
  /** The version's status before and after (`null`: not stored). */
  from: z.enum(LIFECYCLE_STATES).nullable(),
  to: z.enum(LIFECYCLE_STATES).nullable(),
  /** The version's content hash (`contentHash` of the referential). */
  contentHash: z.string().min(1),
  /** ISO timestamp, as the caller gave it. */
  at: z.string().min(1),
  author: z.string(),
  /** The arrêté of a homologated version, as its document states it (outside the content hash). */
  homologation: LoggedHomologationSchema.optional(),
  /** Version that superseded this one. */
  by: z.string().optional(),
  note: z.string().optional(),
  /** `sha256:` of the RFC 8785 canonical JSON of the entry without `hash`. */
  hash: HashString,
});
export type PublicationEntry = z.infer<typeof PublicationEntrySchema>;
/** What the caller states about an event; the chain adds `seq`, `previous` and `hash`. */
export type PublicationFacts = Omit<PublicationEntry, 'seq' | 'previous' | 'hash'>;

export interface LogHead {
  seq: number;
  hash: string;
}

/**
 * The log as stored. Entries stay `unknown` until verified, so that a damaged entry is reported at its
 * place instead of making the whole log unreadable.
 */
export interface PublicationLog {
  formatVersion: typeof PUBLICATION_LOG_FORMAT_VERSION;
  entries: readonly unknown[];
  /** The last entry's position and hash, recorded with every append. */
  head: LogHead | null;
}

export const PublicationLogSchema = z.strictObject({
  formatVersion: z.literal(PUBLICATION_LOG_FORMAT_VERSION),
  entries: z.array(z.unknown()),
  head: z.strictObject({ seq: z.number().int().min(0), hash: HashString }).nullable(),
});

export function emptyPublicationLog(): PublicationLog {
  return { formatVersion: PUBLICATION_LOG_FORMAT_VERSION, entries: [], head: null };
}

/** The link hash of an entry: SHA-256 of its canonical JSON without its own `hash`. */
export function publicationEntryHash(entry: Omit<PublicationEntry, 'hash'> | PublicationEntry): string {
  const { hash: _own, ...rest } = entry as PublicationEntry;
  return canonicalSha256(rest);
}

function parseEntry(raw: unknown): PublicationEntry | null {
  const parsed = PublicationEntrySchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** What the next entry links to: the last entry's stated hash (or the fingerprint of whatever is there). */
function linkOf(raw: unknown): string {
  const hash = raw !== null && typeof raw === 'object' ? (raw as { hash?: unknown }).hash : undefined;
  if (typeof hash === 'string' && HashString.safeParse(hash).success) return hash;
  try {
    return canonicalSha256(raw ?? null);
  } catch {
    // Not JSON at all (a value written by hand into the database): nothing can link to it.
    return GENESIS_HASH;
  }
}

/** Appends one event: the new log (the given one is not changed) and the entry written. */
export function appendPublication(log: PublicationLog, facts: PublicationFacts): { log: PublicationLog; entry: PublicationEntry } {
  const last = log.entries.at(-1);
  const lastSeq = last === undefined ? -1 : (parseEntry(last)?.seq ?? log.entries.length - 1);
  const unsigned = dropUndefined({ seq: lastSeq + 1, previous: last === undefined ? GENESIS_HASH : linkOf(last), ...facts });
  const entry = { ...unsigned, hash: publicationEntryHash(unsigned) } as PublicationEntry;
  return { log: { formatVersion: PUBLICATION_LOG_FORMAT_VERSION, entries: [...log.entries, entry], head: { seq: entry.seq, hash: entry.hash } }, entry };
}

// Canonical JSON has no `undefined`: an optional field left undefined must not exist at all.
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ─── Verification ─────────────────────────────────────────────────────────────────────────────

/**
 * Where the chain does not hold, at a position of the stored array:
 * - `malformed`: not an entry at all;
 * - `edited`: the entry's content no longer gives its own hash;
 * - `removed`: entries are missing just before (its `seq` skips numbers no entry has);
 * - `reordered`: its `seq` is not the next one, and the missing number is elsewhere in the log;
 * - `link`: the right number, but it does not link to the entry before (that one was rewritten);
 * - `head`: the recorded head is not the last entry (the head forged, or entries added or cut at the end).
 */
export type ChainBreak =
  | { kind: 'malformed'; position: number }
  | { kind: 'edited'; position: number; seq: number; stated: string; computed: string }
  | { kind: 'removed'; position: number; seq: number; expectedSeq: number }
  | { kind: 'reordered'; position: number; seq: number; expectedSeq: number }
  | { kind: 'link'; position: number; seq: number; stated: string; expected: string }
  | { kind: 'head'; position: number; head: LogHead | null; last: LogHead | null };

export interface ChainReport {
  /** Each stored entry, parsed; `null` where malformed. */
  entries: Array<PublicationEntry | null>;
  breaks: ChainBreak[];
  /** The actual last entry (what a dossier prints). */
  head: LogHead | null;
  length: number;
}

/** Checks every entry's own hash, every link and number, and the recorded head. */
export function verifyPublicationLog(log: PublicationLog): ChainReport {
  const entries = log.entries.map(parseEntry);
  const seqs = new Set(entries.flatMap((e) => (e ? [e.seq] : [])));
  const breaks: ChainBreak[] = [];
  entries.forEach((entry, position) => {
    if (!entry) return void breaks.push({ kind: 'malformed', position });
    const computed = publicationEntryHash(entry);
    if (computed !== entry.hash) return void breaks.push({ kind: 'edited', position, seq: entry.seq, stated: entry.hash, computed });
    const before = position === 0 ? undefined : entries[position - 1];
    const expectedSeq = position === 0 ? 0 : before ? before.seq + 1 : entry.seq;
    if (entry.seq !== expectedSeq) {
      const skipped = entry.seq > expectedSeq && !range(expectedSeq, entry.seq).some((s) => seqs.has(s));
      return void breaks.push({ kind: skipped ? 'removed' : 'reordered', position, seq: entry.seq, expectedSeq });
    }
    const expected = position === 0 ? GENESIS_HASH : linkOf(log.entries[position - 1]);
    if (entry.previous !== expected) breaks.push({ kind: 'link', position, seq: entry.seq, stated: entry.previous, expected });
  });
  const lastEntry = entries.at(-1);
  const last: LogHead | null = lastEntry ? { seq: lastEntry.seq, hash: lastEntry.hash } : entries.length > 0 ? { seq: entries.length - 1, hash: linkOf(log.entries.at(-1)) } : null;
  const head = log.head;
  if (!sameHead(head, last)) {
    // Entries after the recorded head are unaccounted for; a head beyond the last entry means entries were cut.
    const at = head ? entries.findIndex((e) => e?.seq === head.seq && e.hash === head.hash) : -1;
    const position = at >= 0 ? at + 1 : head && last && head.seq > last.seq ? entries.length : Math.max(0, entries.length - 1);
    breaks.push({ kind: 'head', position, head, last });
  }
  return { entries, breaks, head: last, length: entries.length };
}

const sameHead = (a: LogHead | null, b: LogHead | null) => (a === null || b === null ? a === b : a.seq === b.seq && a.hash === b.hash);
const range = (from: number, to: number) => Array.from({ length: Math.max(0, Math.min(to - from, 10_000)) }, (_, i) => from + i);

/** What the database holds for one stored version, as the caller read it. */
export interface StoredVersionFacts {
  key: string;
  id: string;
  version: string;
  status: LifecycleState;
  /** `contentHash` of the document as loaded now; `null` when it no longer loads. */
  computedHash: string | null;
  /** The hash the record displays (`StoredReferential.contentHash`). */
  recordedHash: string;
  homologation?: LoggedHomologation | undefined;
}

/** Why a stored version cannot be vouched for by the log (each names the log entry it is compared with). */
export type VersionProblem =
  | { code: 'content_mismatch'; seq: number; expected: string; actual: string }
  | { code: 'record_hash_mismatch'; seq: number; expected: string; actual: string }
  | { code: 'status_mismatch'; seq: number; expected: LifecycleState | null; actual: LifecycleState }
  | { code: 'homologation_mismatch'; seq: number; expected: LoggedHomologation | null; actual: LoggedHomologation | null }
  | { code: 'unreadable'; seq: number | null }
  | { code: 'not_logged'; status: LifecycleState }
  | { code: 'chain_untrusted'; seq: number; breakPosition: number; breakKind: ChainBreak['kind'] };

export interface VersionCheck {
  key: string;
  /** The last entry about it: the state it must be in. */
  entry: PublicationEntry | null;
  problems: VersionProblem[];
}

export interface PublicationCheck {
  chain: ChainReport;
  /** One per stored version that has a lifecycle status or a log entry. */
  versions: VersionCheck[];
  /** Versions whose last entry says they are stored, and are not. */
  missing: PublicationEntry[];
  ok: boolean;
}

/**
 * The chain, then every stored version against its last entry: content hash (computed and displayed),
 * status and arrêté. A version's last entry states all of it, so a break before that entry does not
 * concern it; a break at or after it might hide a later event about it (`chain_untrusted`). A version
 * with a lifecycle status beyond draft must be in the log.
 */
export function verifyPublications(log: PublicationLog, versions: readonly StoredVersionFacts[]): PublicationCheck {
  const chain = verifyPublicationLog(log);
  const lastOf = new Map<string, { entry: PublicationEntry; position: number }>();
  chain.entries.forEach((entry, position) => {
    if (entry) lastOf.set(entry.key, { entry, position });
  });
  const stored = new Set(versions.map((v) => v.key));
  const checks: VersionCheck[] = [];
  for (const v of versions) {
    const last = lastOf.get(v.key);
    const live = last && last.entry.to !== null ? last : undefined;
    if (!live) {
      if (v.status !== 'draft') checks.push({ key: v.key, entry: last?.entry ?? null, problems: [{ code: 'not_logged', status: v.status }] });
      continue;
    }
    const { entry, position } = live;
    const problems: VersionProblem[] = [];
    const breakAfter = chain.breaks.find((b) => b.position >= position);
    if (breakAfter) problems.push({ code: 'chain_untrusted', seq: entry.seq, breakPosition: breakAfter.position, breakKind: breakAfter.kind });
    if (v.computedHash === null) problems.push({ code: 'unreadable', seq: entry.seq });
    else if (v.computedHash !== entry.contentHash) problems.push({ code: 'content_mismatch', seq: entry.seq, expected: entry.contentHash, actual: v.computedHash });
    else if (v.recordedHash !== entry.contentHash) problems.push({ code: 'record_hash_mismatch', seq: entry.seq, expected: entry.contentHash, actual: v.recordedHash });
    if (v.status !== entry.to) problems.push({ code: 'status_mismatch', seq: entry.seq, expected: entry.to, actual: v.status });
    const expectedHomologation = entry.homologation ?? null;
    const actualHomologation = v.homologation ?? null;
    if (canonicalSha256(expectedHomologation) !== canonicalSha256(actualHomologation)) {
      problems.push({ code: 'homologation_mismatch', seq: entry.seq, expected: expectedHomologation, actual: actualHomologation });
    }
    checks.push({ key: v.key, entry, problems });
  }
  const missing = [...lastOf.values()].filter(({ entry }) => entry.to !== null && !stored.has(entry.key)).map(({ entry }) => entry);
  return { chain, versions: checks, missing, ok: chain.breaks.length === 0 && missing.length === 0 && checks.every((c) => c.problems.length === 0) };
}

/** The last entry about each version, in chain order (what a restore compares a backup with). */
export function loggedStates(chain: ChainReport): Map<string, { entry: PublicationEntry; position: number; trusted: boolean }> {
  const out = new Map<string, { entry: PublicationEntry; position: number; trusted: boolean }>();
  chain.entries.forEach((entry, position) => {
    if (entry) out.set(entry.key, { entry, position, trusted: !chain.breaks.some((b) => b.position >= position) });
  });
  return out;
}
