import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, legacyContentHash, loadReferential } from '../src/core/index.ts';
import { hashMatches, LogigrammeDb, openStored } from '../src/storage/index.ts';

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
    expect(db.verno).toBe(4);
    // A document that does not load is left as it was.
    expect(await db.referentials.get('x@1.0.0')).toMatchObject({ id: 'x' });
    expect((await db.meta.get('seededSamples'))?.value).toEqual(['x@1.0.0']);
    expect(await db.drafts.count()).toBe(0);
    expect(await db.companies.count()).toBe(0);
    expect(await db.staff.count()).toBe(0);
    expect(await db.evaluations.count()).toBe(0);
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
    db.close();
  });
});

function loadOk(data: unknown) {
  const loaded = loadReferential(data);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value;
}
