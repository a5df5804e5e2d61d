import 'fake-indexeddb/auto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyBackupFile } from '../scripts/verify-backup.ts';
import { describe, expect, it, vi } from 'vitest';
import { contentHash, loadReferential } from '../src/core/index.ts';
import { layoutGraph } from '../src/core/layout.ts';
import { freshDbMaker } from './support/fresh-db.ts';
import {
  appendPublication,
  emptyPublicationLog,
  GENESIS_HASH,
  publicationEntryHash,
  verifyPublicationLog,
  type LifecycleCommand,
  type PublicationFacts,
  type PublicationLog,
} from '../src/core/lifecycle/index.ts';
import {
  applyTransition,
  checkPublications,
  draftFromStored,
  exportBackup,
  importBackup,
  importReferentialText,
  LogigrammeDb,
  openStored,
  publicationOverview,
  publishVersion,
  PUBLICATION_LOG_KEY,
  readPublicationLog,
  removeQuarantined,
  repairFromFile,
  type StoredReferential,
} from '../src/storage/index.ts';
import { issueMessage } from '../src/present/issues.ts';

/*
 * Issue 10, point 2: a homologated version could be replaced by restoring an edited backup whose record
 * hash was recomputed. The publication log is now a hash chain checked on restore and at start; these
 * tests replay the attack and its variants.
 */

const ROOT = join(import.meta.dirname, '..');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
const NOW = () => '2026-01-15T10:00:00.000+01:00';
const KEY = 'exemple-atelier@1.1.0';

const freshDb = freshDbMaker('chain-test');

const signed = (at: string) => ({ at, author: 'Claire Martin', note: '' });
const commands: LifecycleCommand[] = [
  { type: 'review.request', ...signed('2026-01-20T09:00:00+01:00') },
  { type: 'submit', ...signed('2026-02-01T09:00:00+01:00') },
  { type: 'homologate', arreteDate: '2026-06-01', arreteReference: 'Arrêté du 1er juin 2026', ...signed('2026-06-10T09:00:00+02:00') },
];

/** The sample imported as 1.0.0, then 1.1.0 driven to homologation: three log entries. */
async function homologatedDb(): Promise<LogigrammeDb> {
  const db = freshDb();
  await importReferentialText(db, SAMPLE_TEXT, NOW);
  const created = await draftFromStored(db, 'exemple-atelier@1.0.0', NOW, { layout: layoutGraph });
  if (created.kind !== 'created') throw new Error(created.kind);
  for (const command of commands) {
    const outcome = await applyTransition(db, 'exemple-atelier', command);
    if (outcome.kind !== 'applied') throw new Error(`${command.type}: ${outcome.kind}`);
  }
  return db;
}

/** The attack: a label changed in the homologated document, and every hash the record states recomputed. */
function tamper(record: StoredReferential): StoredReferential {
  const document = structuredClone(record.document) as Record<string, any>;
  document.jobs[0].label = 'Poste réécrit en douce';
  const { contentHash: _stated, ...unstated } = document;
  const loaded = loadReferential(unstated);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const hash = contentHash(loaded.value);
  if ('contentHash' in document) document.contentHash = hash;
  return { ...record, document, contentHash: hash };
}

async function snapshot(db: LogigrammeDb) {
  return { referentials: await db.referentials.toArray(), drafts: await db.drafts.toArray(), meta: await db.meta.toArray() };
}

const facts = (n: number): PublicationFacts => ({
  action: 'publish',
  key: `r@1.${n}.0`,
  id: 'r',
  version: `1.${n}.0`,
  from: null,
  to: 'submitted',
  contentHash: `sha256:${String(n).repeat(64).slice(0, 64)}`,
  at: `2026-0${n + 1}-01T00:00:00Z`,
  author: 'A',
});

function logOf(n: number): PublicationLog {
  let log = emptyPublicationLog();
  for (let i = 0; i < n; i++) log = appendPublication(log, facts(i)).log;
  return log;
}
const kinds = (log: PublicationLog) => verifyPublicationLog(log).breaks.map((b) => [b.kind, b.position]);
const entries = (log: PublicationLog) => log.entries as Array<Record<string, unknown>>;

describe('the publication log as a hash chain (core)', () => {
  it('links each entry to the one before and records the head', () => {
    const log = logOf(3);
    const [a, b, c] = entries(log);
    expect(a!.previous).toBe(GENESIS_HASH);
    expect(b!.previous).toBe(a!.hash);
    expect(c!.previous).toBe(b!.hash);
    expect(log.head).toEqual({ seq: 2, hash: c!.hash });
    expect(verifyPublicationLog(log).breaks).toEqual([]);
  });

  it('detects an edited entry, a rewritten one (hash recomputed), a removed one, a reordering and a forged head', () => {
    const edited = structuredClone(logOf(3));
    entries(edited)[1]!.contentHash = `sha256:${'f'.repeat(64)}`;
    expect(kinds(edited)).toEqual([['edited', 1]]);

    // The attacker recomputes the entry's own hash: the next entry no longer links to it.
    const rewritten = structuredClone(logOf(3));
    const e = entries(rewritten)[1]!;
    e.contentHash = `sha256:${'f'.repeat(64)}`;
    e.hash = publicationEntryHash(e as never);
    expect(kinds(rewritten)).toEqual([['link', 2]]);

    const removed = structuredClone(logOf(3));
    (removed.entries as unknown[]).splice(1, 1);
    expect(kinds(removed)).toEqual([['removed', 1]]);

    const reordered = structuredClone(logOf(3));
    (reordered.entries as unknown[]).reverse();
    expect(kinds(reordered).map(([k]) => k)).toContain('reordered');

    // Cutting the last entry leaves a consistent chain: only the recorded head tells.
    const cut = structuredClone(logOf(3));
    (cut.entries as unknown[]).pop();
    expect(kinds(cut)).toEqual([['head', 2]]);
  });
});

describe('every publication is logged in the same transaction', () => {
  it('submission and homologation are chained entries with the content hash, author and arrêté', async () => {
    const db = await homologatedDb();
    const chain = verifyPublicationLog(await readPublicationLog(db));
    expect(chain.breaks).toEqual([]);
    expect(chain.entries.map((e) => [e?.action, e?.key, e?.to])).toEqual([
      ['publish', KEY, 'submitted'],
      ['publish', KEY, 'homologated'],
    ]);
    const record = (await db.referentials.get(KEY))!;
    expect(chain.entries.every((e) => e?.contentHash === record.contentHash)).toBe(true);
    expect((await checkPublications(db)).ok).toBe(true);
  });
});

describe('restore verifies the backup against the chain (issue 10, point 2)', () => {
  async function editedBackup(db: LogigrammeDb, edit: (file: any) => void = () => {}) {
    const file = JSON.parse((await exportBackup(db, NOW)).text);
    const i = file.tables.referentials.findIndex((r: StoredReferential) => r.key === KEY);
    file.tables.referentials[i] = tamper(file.tables.referentials[i]);
    edit(file);
    return { text: JSON.stringify(file), index: i };
  }

  it('refuses the issue’s attack (document edited, record hash recomputed), naming the version, changing nothing', async () => {
    const db = await homologatedDb();
    const { text, index } = await editedBackup(db);
    const before = await snapshot(db);
    const outcome = await importBackup(db, text);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const issue = outcome.issues.find((i) => i.code === 'backup.publication_mismatch')!;
    expect(issue.path).toBe(`$.tables.referentials[${index}]`);
    expect(issueMessage(issue)).toContain('La version 1.1.0');
    expect(issueMessage(issue)).toContain(KEY);
    expect(issueMessage(issue)).toMatch(/contenu modifié : son empreinte est sha256:[0-9a-f]{64} et non sha256:[0-9a-f]{64}/);
    expect(issueMessage(issue)).toContain('rien n’a été modifié');
    expect(await snapshot(db)).toEqual(before);
    // Into an empty browser too: the backup's own log refuses it.
    const empty = freshDb();
    expect((await importBackup(empty, text)).ok).toBe(false);
    expect(await empty.referentials.count()).toBe(0);
  });

  it('refuses the attack when the log entries are edited to match (the chain breaks)', async () => {
    const db = await homologatedDb();
    const { text } = await editedBackup(db, (file) => {
      const log = file.tables.meta.find((m: { key: string }) => m.key === PUBLICATION_LOG_KEY).value;
      const hash = file.tables.referentials.find((r: StoredReferential) => r.key === KEY).contentHash;
      for (const e of log.entries) if (e.key === KEY) e.contentHash = hash;
    });
    const outcome = await importBackup(freshDb(), text);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.issues[0]).toMatchObject({ code: 'backup.chain_broken', path: expect.stringMatching(/^\$\.tables\.meta\[\d+\]\.value\.entries\[0\]$/) });
      expect(issueMessage(outcome.issues[0]!)).toContain('L’entrée n° 1 du journal a été modifiée');
    }
  });

  it('refuses a whole chain rewritten consistently when this browser’s log recorded the version; an empty browser shows another head', async () => {
    const db = await homologatedDb();
    const originalHead = (await readPublicationLog(db)).head;
    const { text } = await editedBackup(db, (file) => {
      const m = file.tables.meta.find((x: { key: string }) => x.key === PUBLICATION_LOG_KEY);
      const hash = file.tables.referentials.find((r: StoredReferential) => r.key === KEY).contentHash;
      let log = emptyPublicationLog();
      for (const e of m.value.entries) {
        const { seq: _s, previous: _p, hash: _h, ...rest } = e;
        log = appendPublication(log, { ...rest, contentHash: rest.key === KEY ? hash : rest.contentHash }).log;
      }
      m.value = log;
    });
    const before = await snapshot(db);
    const outcome = await importBackup(db, text);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.issues).toHaveLength(1);
      expect(outcome.issues[0]).toMatchObject({ code: 'backup.publication_conflict' });
      expect(issueMessage(outcome.issues[0]!)).toContain('n’a pas dans la sauvegarde le contenu que le journal des publications de ce navigateur a inscrit');
    }
    expect(await snapshot(db)).toEqual(before);
    // Without an anchor the forged file is consistent; the head it reports differs from the dossier's.
    const empty = await importBackup(freshDb(), text);
    expect(empty.ok && empty.head?.hash).not.toBe(originalHead?.hash);
    expect(empty.ok && empty.head?.hash).toMatch(/^sha256:/);
  });

  it('refuses a backup from before version 7 (per-version lists) whose document was edited, at the list’s entry', async () => {
    const db = await homologatedDb();
    const record = (await db.referentials.get(KEY))!;
    // What main (database version 3) exported: the unchained lists, which nothing compared.
    const { text } = await editedBackup(db, (file) => {
      file.databaseVersion = 3;
      file.tables.meta = file.tables.meta.filter((m: { key: string }) => m.key !== PUBLICATION_LOG_KEY);
      file.tables.meta.push({
        key: `publications:${KEY}`,
        value: [
          { status: 'submitted', at: '2026-02-01T09:00:00+01:00', contentHash: record.contentHash },
          { status: 'homologated', at: '2026-06-10T09:00:00+02:00', contentHash: record.contentHash },
        ],
      });
    });
    const outcome = await importBackup(freshDb(), text);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      const paths = outcome.issues.filter((i) => i.code === 'backup.publication_mismatch').map((i) => i.path);
      expect(paths).toContain('$.tables.meta[0].value[0].contentHash');
      expect(issueMessage(outcome.issues[0]!)).toContain(`La version 1.1.0`);
    }
    // The same backup, not edited, restores: its lists become the chain.
    const clean = JSON.parse((await exportBackup(db, NOW)).text);
    clean.databaseVersion = 3;
    clean.tables.meta = [{ key: `publications:${KEY}`, value: [{ status: 'submitted', at: '2026-02-01T09:00:00+01:00', contentHash: record.contentHash }, { status: 'homologated', at: '2026-06-10T09:00:00+02:00', contentHash: record.contentHash }] }];
    const target = freshDb();
    const restored = await importBackup(target, JSON.stringify(clean));
    expect(restored.ok).toBe(true);
    expect(await target.meta.get(`publications:${KEY}`)).toBeUndefined();
    expect(verifyPublicationLog(await readPublicationLog(target)).entries.map((e) => e?.to)).toEqual(['submitted', 'homologated']);
    expect((await checkPublications(target)).ok).toBe(true);
  });

  it('refuses a backup whose log lists a version the file no longer holds', async () => {
    const db = await homologatedDb();
    const file = JSON.parse((await exportBackup(db, NOW)).text);
    file.tables.referentials = file.tables.referentials.filter((r: StoredReferential) => r.key !== KEY);
    const outcome = await importBackup(freshDb(), JSON.stringify(file));
    expect(!outcome.ok && outcome.issues.map((i) => i.code)).toEqual(['backup.publication_missing']);
  });
});

describe('npm run verify-backup checks an exported file on its own', () => {
  it('accepts an intact backup with its head, refuses the edited one with located problems', async () => {
    const db = await homologatedDb();
    const text = (await exportBackup(db, NOW)).text;
    const head = (await readPublicationLog(db)).head!;
    const good = verifyBackupFile('sauvegarde.json', new TextEncoder().encode(text));
    expect(good).toEqual({ code: 0, err: '', out: `sauvegarde.json : sauvegarde vérifiée — 2 versions enregistrées, journal des publications de 2 entrées (tête : entrée n° 2, ${head.hash}).\n` });

    const file = JSON.parse(text);
    const i = file.tables.referentials.findIndex((r: StoredReferential) => r.key === KEY);
    file.tables.referentials[i] = tamper(file.tables.referentials[i]);
    const bad = verifyBackupFile('sauvegarde.json', new TextEncoder().encode(JSON.stringify(file)));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`sauvegarde.json $.tables.referentials[${i}] : La version 1.1.0`);
    expect(bad.err).toContain('sauvegarde refusée (1 problème)');

    // The script itself, as run from npm, on the file written to disk.
    const dir = mkdtempSync(join(tmpdir(), 'verify-backup-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(file));
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'verify-backup.ts'), join(dir, 'bad.json')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('sauvegarde refusée');
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe('the check at start quarantines what the log does not vouch for', () => {
  it('a version edited while the check works a version a task: judged on what is stored when the check ends', async () => {
    const db = await homologatedDb();
    const original = (await db.referentials.get(KEY))!;
    // The check yields to the page after each version; at its first yield, the version is edited.
    const realSetTimeout = globalThis.setTimeout;
    let edited = false;
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void) => {
      if (edited) return realSetTimeout(fn, 0);
      edited = true;
      void db.referentials.put(tamper(original)).then(() => realSetTimeout(fn, 0));
      return 0 as unknown as ReturnType<typeof setTimeout>;
    }) as typeof setTimeout);
    try {
      const check = await checkPublications(db);
      expect(edited).toBe(true);
      expect(check.ok).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect((await db.referentials.get(KEY))!.quarantine?.problems.map((p) => p.code)).toEqual(['content_mismatch']);
  });

  it('a version edited in the database: « intégrité non vérifiée », unusable until re-imported from its original file', async () => {
    const db = await homologatedDb();
    const original = (await db.referentials.get(KEY))!;
    const originalText = JSON.stringify(original.document);
    await db.referentials.put(tamper(original));

    const check = await checkPublications(db);
    expect(check.ok).toBe(false);
    const record = (await db.referentials.get(KEY))!;
    expect(record.quarantine?.problems.map((p) => p.code)).toEqual(['content_mismatch']);
    // Not opened for evaluation, the dossier or a new version.
    const opened = openStored(record);
    expect(!opened.ok && issueMessage(opened.issues[0]!)).toMatch(/^Intégrité non vérifiée : la version 1\.1\.0 de « .+ » \(exemple-atelier@1\.1\.0\) ne correspond plus au journal des publications/);
    expect((await draftFromStored(db, KEY, NOW, { layout: layoutGraph })).kind).toBe('invalid');
    expect((await publicationOverview(db)).quarantined.map((q) => q.key)).toEqual([KEY]);
    // Nothing is published over it either.
    const draft = (await db.drafts.get('exemple-atelier'))!;
    expect((await publishVersion(db, draft.graph, NOW())).kind).toBe('quarantined');
    // The untouched version stays usable.
    expect(openStored((await db.referentials.get('exemple-atelier@1.0.0'))!).ok).toBe(true);

    // Re-importing a file that is not the original changes nothing; the original resolves it.
    const wrong = await repairFromFile(db, KEY, JSON.stringify(tamper(original).document), { at: NOW(), author: 'Claire Martin' });
    expect(wrong.kind).toBe('hash_differs');
    const repaired = await repairFromFile(db, KEY, originalText, { at: NOW(), author: 'Claire Martin' });
    expect(repaired.kind).toBe('repaired');
    expect((await db.referentials.get(KEY))!.quarantine).toBeUndefined();
    expect(openStored((await db.referentials.get(KEY))!).ok).toBe(true);
    const chain = verifyPublicationLog(await readPublicationLog(db));
    expect(chain.entries.at(-1)).toMatchObject({ action: 'repair', key: KEY, to: 'homologated', author: 'Claire Martin' });
    expect((await checkPublications(db)).ok).toBe(true);
  });

  it('a log entry edited in the database to match an edited version: the break is reported and the version quarantined', async () => {
    const db = await homologatedDb();
    const tampered = tamper((await db.referentials.get(KEY))!);
    await db.referentials.put(tampered);
    const log = structuredClone((await db.meta.get(PUBLICATION_LOG_KEY))!.value) as any;
    log.entries[1].contentHash = tampered.contentHash;
    await db.meta.put({ key: PUBLICATION_LOG_KEY, value: log });

    const check = await checkPublications(db);
    expect(check.chain.breaks).toMatchObject([{ kind: 'edited', position: 1 }]);
    expect((await db.referentials.get(KEY))!.quarantine?.problems.map((p) => p.code)).toEqual(['chain_untrusted']);
    expect((await publicationOverview(db)).breaks).toHaveLength(1);
  });

  it('a quarantined version can be deleted; the deletion is logged and the log vouches for the rest', async () => {
    const db = await homologatedDb();
    await db.referentials.put(tamper((await db.referentials.get(KEY))!));
    await checkPublications(db);
    const removed = await removeQuarantined(db, KEY, { at: NOW(), author: 'Claire Martin' });
    expect(removed.kind).toBe('removed');
    expect(await db.referentials.get(KEY)).toBeUndefined();
    expect(verifyPublicationLog(await readPublicationLog(db)).entries.at(-1)).toMatchObject({ action: 'delete', key: KEY, to: null });
    expect((await checkPublications(db)).ok).toBe(true);
  });
});
