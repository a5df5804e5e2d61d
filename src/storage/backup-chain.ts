import type { LoadIssue, VersionRef } from '../core/index.ts';
import { verifyPublicationLog, verifyPublications, type PublicationEntry, type PublicationLog } from '../core/lifecycle/index.ts';
import type { DraftRecord, MetaRecord, StoredReferential } from './db.ts';
import { chainFromLegacy } from './publication-legacy.ts';
import { logFromStored, PUBLICATION_LOG_KEY, versionFacts } from './publications.ts';

/*
 * A backup's published versions checked against its publication log before anything is restored, and
 * against the log of the database it is restored into. The backup's log must hold (every entry's hash,
 * every link, its head), every version it holds must be the one its last entry states (content hash,
 * displayed hash, status, arrêté), and every version that log says is stored must be there. A backup of
 * a database before version 7 carries the former per-version lists: the chain is built from them, and a
 * recorded hash that no longer matches the content is refused at its place.
 *
 * A chain without a secret can be rewritten whole by whoever edits the file; the database restored into
 * is the anchor: a version its log recorded must come back with the content hash it recorded. Restoring
 * into an empty browser has no anchor but the chain head printed in the homologation dossier, which the
 * restore reports so that it can be compared.
 */

export interface BackupChain {
  /** The log the restored database gets (built from the former lists for an older backup). */
  log: PublicationLog;
  /** Meta keys of the former lists, dropped on restore (the chain replaces them). */
  legacyKeys: string[];
}

interface Tables {
  referentials: readonly StoredReferential[];
  drafts: readonly DraftRecord[];
  meta: readonly MetaRecord[];
}

/**
 * The backup's log, checked. `current` is the log of the database the backup would replace (the anchor);
 * `null` when there is none to compare with (a command-line check of the file alone).
 */
export function checkBackupChain(tables: Tables, current: PublicationLog | null): { ok: true; chain: BackupChain } | { ok: false; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const refIndex = new Map(tables.referentials.map((r, i) => [r.key, i]));
  const logIndex = tables.meta.findIndex((m) => m.key === PUBLICATION_LOG_KEY);
  let chain: BackupChain;
  if (logIndex >= 0) {
    chain = { log: logFromStored(tables.meta[logIndex]!.value), legacyKeys: [] };
  } else {
    const built = chainFromLegacy(tables.referentials, tables.meta, tables.drafts);
    chain = { log: built.log, legacyKeys: built.legacyKeys };
    for (const m of built.mismatches) {
      const record = tables.referentials[refIndex.get(m.key) ?? -1];
      const version = versionRef(record ?? { key: m.key, version: m.key.slice(m.key.lastIndexOf('@') + 1) });
      const path = m.metaIndex === null ? `$.tables.referentials[${refIndex.get(m.key) ?? 0}].contentHash` : `$.tables.meta[${m.metaIndex}].value[${m.eventIndex}].contentHash`;
      issues.push({ code: 'backup.publication_mismatch', path, params: { version, legacy: { actual: m.actual ?? null, recorded: m.recorded, at: m.at } } });
    }
  }
  const logPath = logIndex >= 0 ? `$.tables.meta[${logIndex}].value` : '$.tables.meta';
  const check = verifyPublications(chain.log, tables.referentials.map(versionFacts));
  for (const b of check.chain.breaks) {
    issues.push({ code: 'backup.chain_broken', path: logIndex >= 0 ? `${logPath}.entries[${Math.min(b.position, Math.max(0, check.chain.length - 1))}]` : logPath, params: { break: b } });
  }
  for (const v of check.versions) {
    // A break of the chain is reported once, above; the versions it leaves unvouched are not repeated.
    const problems = v.problems.filter((p) => p.code !== 'chain_untrusted');
    if (problems.length === 0) continue;
    const i = refIndex.get(v.key) ?? 0;
    const record = tables.referentials[i]!;
    issues.push({ code: 'backup.publication_mismatch', path: `$.tables.referentials[${i}]`, params: { version: versionRef(record), problems, entry: v.entry } });
  }
  for (const e of check.missing) {
    issues.push({ code: 'backup.publication_missing', path: logPath, params: { entry: e } });
  }
  if (current) issues.push(...againstCurrent(tables, current));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, chain };
}

/**
 * A version the current database's log recorded must come back with a content hash that log recorded
 * for it: a published version never changes, whatever the backup's own log says.
 */
function againstCurrent(tables: Tables, current: PublicationLog): LoadIssue[] {
  const known = new Map<string, PublicationEntry[]>();
  for (const e of verifyPublicationLog(current).entries) {
    // Only entries that still give their own hash: a damaged entry of this browser's log proves nothing.
    if (e && e.to !== null) known.set(e.key, [...(known.get(e.key) ?? []), e]);
  }
  const issues: LoadIssue[] = [];
  const reported = new Set<string>();
  const compare = (key: string, hash: string, path: string, version: VersionRef) => {
    const entries = known.get(key);
    if (!entries || reported.has(key) || entries.some((e) => e.contentHash === hash)) return;
    reported.add(key);
    const last = entries.at(-1)!;
    issues.push({ code: 'backup.publication_conflict', path, params: { version, hash, entry: last } });
  };
  tables.referentials.forEach((r, i) => {
    const facts = versionFacts(r);
    compare(r.key, facts.computedHash ?? r.contentHash, `$.tables.referentials[${i}]`, versionRef(r));
  });
  return issues;
}

/** A stored version for the issues (worded by src/present/issues.ts): key, version and title. */
const versionRef = (r: { key: string; version: string; title?: string | undefined }): VersionRef => (r.title ? { key: r.key, version: r.version, title: r.title } : { key: r.key, version: r.version });
