import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, legacyContentHash, loadReferential } from '../src/core/index.ts';
import { GENESIS_HASH, verifyPublicationLog } from '../src/core/lifecycle/index.ts';
import { hashMatches, LogigrammeDb, openStored, readPublicationLog } from '../src/storage/index.ts';

const V2_STORES = {
  referentials: 'key, id, storedAt',
  meta: 'key',
  drafts: 'id, updatedAt',
  companies: 'id, updatedAt',
  staff: 'key, companyId, year',
  evaluations: 'key, companyId, year',
};

// Browsers keep a user's database across app updates: a schema change must keep what was stored.
describe('database schema upgrade', () => {
  it('a version 1 database opens as the latest version with its referentials and meta intact, and the new tables empty', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ referentials: 'key, id, storedAt', meta: 'key' });
    await v1.table('referentials').add({ key: 'x@1.0.0', id: 'x', storedAt: '2026-01-01T00:00:00Z', document: { formatVersion: 1 } });
    await v1.table('meta').put({ key: 'seededSamples', value: ['x@1.0.0'] });
    v1.close();

    const db = new LogigrammeDb(name);
    await db.open();
    expect(db.verno).toBe(7);
    // A document that does not load is left as it was.
    expect(await db.referentials.get('x@1.0.0')).toMatchObject({ id: 'x' });
    expect((await db.meta.get('seededSamples'))?.value).toEqual(['x@1.0.0']);
    expect(await db.drafts.count()).toBe(0);
    expect(await db.companies.count()).toBe(0);
    expect(await db.staff.count()).toBe(0);
    expect(await db.evaluations.count()).toBe(0);
    expect(await db.declarations.count()).toBe(0);
    expect(await db.actionPlans.count()).toBe(0);
    db.close();
  });

  /*
   * Version 3: the content hash leaves out status and homologation. A version stored as homologated in a
   * version 2 database carries the format-1 hash of the homologated document, and its publication log the
   * hash of the submitted one: both stay readable in `legacyHashes`, the record takes the new hash, and
   * the evaluation made with it follows.
   */
  it('a version 2 database: hashes recomputed, both former hashes kept readable, evaluations follow', async () => {
    // What a version 2 database holds: a format-1 document (no L4163-2-1 list, which format 1 lacks).
    const { particularlyExposed: _list, ...file } = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')) as Record<string, any>;
    const sample: Record<string, any> = { ...file, formatVersion: 1 };
    const submitted = { ...sample, identity: { ...sample.identity, status: 'submitted' } };
    const homologated = { ...sample, identity: { ...sample.identity, status: 'homologated', homologation: { arreteDate: '2026-03-02', arreteReference: 'Arrêté du 2 mars 2026', expires: '2031-03-02' } } };
    const submittedHash = legacyContentHash(loadOk(submitted));
    const homologatedHash = legacyContentHash(loadOk(homologated));
    expect(submittedHash).not.toBe(homologatedHash);
    const document = { ...homologated, contentHash: homologatedHash };

    const name = `upgrade-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores({ referentials: 'key, id, storedAt', meta: 'key' });
    v2.version(2).stores(V2_STORES);
    const key = 'exemple-atelier@1.0.0';
    await v2.table('referentials').add({ key, id: 'exemple-atelier', version: '1.0.0', title: 't', branch: 'b', status: 'homologated', regulation: '2023-09-01', contentHash: homologatedHash, document, source: 'published', storedAt: '2026-03-02T00:00:00Z' });
    await v2.table('meta').put({ key: `publications:${key}`, value: [{ status: 'submitted', at: '2026-01-02T00:00:00Z', contentHash: submittedHash }, { status: 'homologated', at: '2026-03-02T00:00:00Z', contentHash: homologatedHash }] });
    await v2.table('evaluations').put({ key: 'c1@2024', companyId: 'c1', year: 2024, referentialKey: key, contentHash: homologatedHash, results: {}, evaluatedAt: '2026-03-03T00:00:00Z' });
    v2.close();

    const db = new LogigrammeDb(name);
    await db.open();
    const record = (await db.referentials.get(key))!;
    const current = contentHash(loadOk(sample));
    expect(record.contentHash).toBe(current);
    expect(record.legacyHashes).toEqual([homologatedHash, submittedHash]);
    expect([current, submittedHash, homologatedHash].every((h) => hashMatches(record, h))).toBe(true);
    expect(hashMatches(record, `sha256:${'0'.repeat(64)}`)).toBe(false);
    // The stored document is kept as it was given, and still opens: its format-1 hash is verified as such.
    expect(record.document).toEqual(document);
    const opened = openStored(record);
    expect(opened.ok && opened.value.contentHash).toBe(current);
    expect((await db.evaluations.get('c1@2024'))?.contentHash).toBe(current);
    // Version 7: the two events became the first two entries of the chain, under the current hash, and
    // the former list is gone; the version is vouched for (not in quarantine).
    const log = await readPublicationLog(db);
    const chain = verifyPublicationLog(log);
    expect(chain.breaks).toEqual([]);
    expect(chain.entries.map((e) => [e?.seq, e?.action, e?.key, e?.from, e?.to, e?.contentHash, e?.at])).toEqual([
      [0, 'publish', key, null, 'submitted', current, '2026-01-02T00:00:00Z'],
      [1, 'publish', key, 'submitted', 'homologated', current, '2026-03-02T00:00:00Z'],
    ]);
    expect(chain.entries[0]?.previous).toBe(GENESIS_HASH);
    expect(chain.entries[1]?.previous).toBe(chain.entries[0]?.hash);
    expect(log.head).toEqual({ seq: 1, hash: chain.entries[1]!.hash });
    expect(chain.entries[1]?.homologation).toEqual({ arreteDate: '2026-03-02', arreteReference: 'Arrêté du 2 mars 2026', expires: '2031-03-02' });
    expect(await db.meta.get(`publications:${key}`)).toBeUndefined();
    expect(record.quarantine).toBeUndefined();
    db.close();
  });
});

/*
 * Issue 10, point 2, on a database written by the previous version: the attack (a homologated document
 * edited, the record's hash recomputed) was already made before the upgrade. The former list still holds
 * the filed hash; building the chain compares it with the content and the version is quarantined.
 */
describe('database version 7: the publication chain built from a version 3 database', () => {
  const V3 = (name: string) => {
    const v3 = new Dexie(name);
    v3.version(1).stores({ referentials: 'key, id, storedAt', meta: 'key' });
    v3.version(2).stores(V2_STORES);
    v3.version(3).stores(V2_STORES);
    return v3;
  };
  const sample = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')) as Record<string, any>;
  const homologated: Record<string, any> = { ...sample, identity: { ...sample.identity, status: 'homologated', homologation: { arreteDate: '2026-03-02', arreteReference: 'Arrêté du 2 mars 2026', expires: '2031-03-02' } } };
  const key = 'exemple-atelier@1.0.0';
  const row = (document: Record<string, any>) => ({ key, id: 'exemple-atelier', version: '1.0.0', title: 't', branch: 'b', status: 'homologated', regulation: document.regulation, contentHash: contentHash(loadOk(document)), document, source: 'published', storedAt: '2026-03-02T00:00:00Z' });
  const events = (hash: string) => [
    { status: 'submitted', at: '2026-01-02T00:00:00Z', contentHash: hash },
    { status: 'homologated', at: '2026-03-02T00:00:00Z', contentHash: hash },
    { status: 'expired', at: '2031-03-03T00:00:00Z' },
  ];

  it('an intact version 3 database: three chained entries, nothing in quarantine', async () => {
    const name = `upgrade-${Math.random()}`;
    const v3 = V3(name);
    const record = { ...row(homologated), status: 'expired' };
    await v3.table('referentials').add(record);
    await v3.table('meta').put({ key: `publications:${key}`, value: events(record.contentHash) });
    v3.close();
    const db = new LogigrammeDb(name);
    await db.open();
    const chain = verifyPublicationLog(await readPublicationLog(db));
    expect(chain.breaks).toEqual([]);
    expect(chain.entries.map((e) => [e?.action, e?.from, e?.to, e?.contentHash])).toEqual([
      ['publish', null, 'submitted', record.contentHash],
      ['publish', 'submitted', 'homologated', record.contentHash],
      ['status', 'homologated', 'expired', record.contentHash],
    ]);
    expect((await db.referentials.get(key))?.quarantine).toBeUndefined();
    expect(openStored((await db.referentials.get(key))!).ok).toBe(true);
    db.close();
  });

  it('a version 3 database holding the attack: the edited version is quarantined, not vouched for', async () => {
    const name = `upgrade-${Math.random()}`;
    const v3 = V3(name);
    const filedHash = row(homologated).contentHash;
    const edited = structuredClone(homologated);
    edited.jobs[0].label = 'Poste réécrit en douce';
    const record = row(edited);
    expect(record.contentHash).not.toBe(filedHash);
    await v3.table('referentials').add(record);
    await v3.table('meta').put({ key: `publications:${key}`, value: events(filedHash).slice(0, 2) });
    v3.close();
    const db = new LogigrammeDb(name);
    await db.open();
    const stored = (await db.referentials.get(key))!;
    // Chained as recorded (the filed hash), never with the edited content's.
    const chain = verifyPublicationLog(await readPublicationLog(db));
    expect(chain.entries.map((e) => e?.contentHash)).toEqual([filedHash, filedHash]);
    expect(stored.quarantine?.problems).toEqual([{ code: 'content_mismatch', seq: 1, expected: filedHash, actual: record.contentHash }]);
    const opened = openStored(stored);
    expect(!opened.ok && opened.issues[0]!.code).toBe('storage.quarantined');
    db.close();
  });
});

function loadOk(data: unknown) {
  const loaded = loadReferential(data);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value;
}
