import {
  contentHash,
  DOCUMENT_LIMITS,
  loadReferential,
  parseJsonText,
  type LoadIssue,
  type Referential,
  type Result,
} from '../core/index.ts';
import { logRecorded } from './publications.ts';
import { referentialKey, type LogigrammeDb, type ReferentialSource, type StoredReferential } from './db.ts';

/** A file of the repository's `referentials/` folder, as the bundler gives it. */
export interface SampleFile {
  file: string;
  data: unknown;
}

export type Clock = () => string;
const isoNow: Clock = () => new Date().toISOString();

/** Largest file the import accepts: the loader's size limit (one table, src/core/util/limits.ts). */
export const MAX_IMPORT_BYTES = DOCUMENT_LIMITS.bytes;

/**
 * The referentials/ folder will also hold editor graphs (`*.graph.json`) and what-if inputs: only the
 * other JSON files are referential samples.
 */
export function isSampleFileName(path: string): boolean {
  const name = path.split('/').pop() ?? path;
  return name.endsWith('.json') && !name.endsWith('.graph.json') && !name.toLowerCase().includes('whatif');
}

/** `import.meta.glob` result → sample files, filtered and in a stable order. */
export function samplesFromModules(modules: Record<string, unknown>): SampleFile[] {
  return Object.keys(modules)
    .filter(isSampleFileName)
    .sort()
    .map((file) => ({ file, data: modules[file] }));
}

export function recordFor(referential: Referential, document: unknown, source: ReferentialSource, storedAt: string): StoredReferential {
  return {
    key: referentialKey(referential.id, referential.identity.version),
    id: referential.id,
    version: referential.identity.version,
    title: referential.identity.title,
    branch: referential.identity.branch,
    status: referential.identity.status,
    regulation: referential.regulation,
    contentHash: contentHash(referential),
    document,
    source,
    storedAt,
  };
}

/** The id@version a referential document says it is, without loading it (undefined when it says none). */
function keyWritten(document: unknown): string | undefined {
  const d = document as { id?: unknown; identity?: { version?: unknown } } | null;
  return typeof d === 'object' && d !== null && typeof d.id === 'string' && typeof d.identity === 'object' && d.identity !== null && typeof d.identity.version === 'string' ? referentialKey(d.id, d.identity.version) : undefined;
}

/** Keys of the samples this database has already received, so that a deleted one never comes back. */
const SEEDED_KEYS = 'seededSamples';

export interface SeedReport {
  /** False when every sample had already been seeded in this database: nothing was done. */
  ran: boolean;
  stored: string[];
  rejected: Array<{ file: string; issues: LoadIssue[] }>;
}

/**
 * Stores every valid sample this database has not received yet: on the first start all of them, and
 * later the samples added to the repository since (a new referential version is a new sample). The
 * list of received keys in `meta`, updated in the same transaction, makes a second call (another tab,
 * React's double effects) a no-op and keeps a sample the user deleted from coming back.
 */
export async function seedSamples(db: LogigrammeDb, samples: readonly SampleFile[], now: Clock = isoNow): Promise<SeedReport> {
  const report: SeedReport = { ran: false, stored: [], rejected: [] };
  const storedAt = now();
  const candidates: StoredReferential[] = [];
  const received = new Set(((await db.meta.get(SEEDED_KEYS))?.value as string[] | undefined) ?? []);
  for (const sample of samples) {
    // A sample this database already received is not loaded again: each start would otherwise parse and
    // hash every sample in one task of the page (85 ms at half speed) for nothing.
    const key = keyWritten(sample.data);
    if (key !== undefined && received.has(key)) continue;
    const loaded = loadReferential(sample.data);
    if (loaded.ok) candidates.push(recordFor(loaded.value, sample.data, 'sample', storedAt));
    else report.rejected.push({ file: sample.file, issues: loaded.issues });
  }
  await db.transaction('rw', db.referentials, db.meta, async () => {
    const seeded = new Set(((await db.meta.get(SEEDED_KEYS))?.value as string[] | undefined) ?? []);
    const fresh = candidates.filter((record) => !seeded.has(record.key));
    if (fresh.length === 0) return;
    report.ran = true;
    const added: StoredReferential[] = [];
    for (const record of fresh) {
      seeded.add(record.key);
      if (await db.referentials.get(record.key)) continue;
      await db.referentials.add(record);
      added.push(record);
      report.stored.push(record.key);
    }
    await logRecorded(db, added, storedAt);
    await db.meta.put({ key: SEEDED_KEYS, value: [...seeded].sort() });
  });
  return report;
}

export type ImportOutcome =
  | { kind: 'stored'; record: StoredReferential }
  /** The same id@version with the same content is already stored: nothing to do. */
  | { kind: 'unchanged'; record: StoredReferential }
  | { kind: 'invalid'; issues: LoadIssue[] }
  /** The same id@version is stored with other content: a new content needs a new version number. */
  | { kind: 'conflict'; existing: StoredReferential; contentHash: string };

/**
 * Imports a referential file's text. It is validated in full first; an invalid file stores nothing.
 * A version, once stored, is never silently replaced.
 */
export async function importReferentialText(db: LogigrammeDb, text: string, now: Clock = isoNow): Promise<ImportOutcome> {
  // Parsed once, by the one JSON reader (limits, BOM, duplicate keys); the document is kept exactly as
  // written, the loader working on its own copy.
  const json = parseJsonText(text);
  if (!json.ok) return { kind: 'invalid', issues: json.issues };
  const loaded = loadReferential(json.value);
  if (!loaded.ok) return { kind: 'invalid', issues: loaded.issues };
  const record = recordFor(loaded.value, json.value, 'import', now());
  return db.transaction('rw', db.referentials, db.meta, async (): Promise<ImportOutcome> => {
    const existing = await db.referentials.get(record.key);
    if (existing) {
      return existing.contentHash === record.contentHash
        ? { kind: 'unchanged', record: existing }
        : { kind: 'conflict', existing, contentHash: record.contentHash };
    }
    await db.referentials.add(record);
    await logRecorded(db, [record], record.storedAt);
    return { kind: 'stored', record };
  });
}

/** All stored referentials, by title then version. */
export async function listReferentials(db: LogigrammeDb): Promise<StoredReferential[]> {
  const all = await db.referentials.toArray();
  return all.sort((a, b) => a.title.localeCompare(b.title, 'fr') || compareVersions(a.version, b.version) || a.id.localeCompare(b.id));
}

/**
 * The stored document loaded again through the core (migrations, validation): never trusted as is. A
 * version whose integrity the publication log does not vouch for (`quarantine`) does not open: every
 * screen that evaluates, prints or builds on it goes through here.
 */
export function openStored(record: StoredReferential): Result<Referential, LoadIssue> {
  const quarantined = quarantineIssue(record);
  if (quarantined) return { ok: false, issues: [quarantined] };
  return loadReferential(record.document);
}

/** The issue of a stored version that refuses to open while its integrity is not verified. */
export function quarantineIssue(record: StoredReferential): LoadIssue | null {
  const q = record.quarantine;
  return q ? { code: 'storage.quarantined', path: '$', params: { version: { key: record.key, version: record.version, title: record.title }, problems: q.problems, entry: q.entry } } : null;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
