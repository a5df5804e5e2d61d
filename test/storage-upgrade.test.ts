import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { LogigrammeDb } from '../src/storage/index.ts';

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
    expect(await db.referentials.get('x@1.0.0')).toMatchObject({ id: 'x' });
    expect((await db.meta.get('seededSamples'))?.value).toEqual(['x@1.0.0']);
    expect(await db.drafts.count()).toBe(0);
    expect(await db.companies.count()).toBe(0);
    expect(await db.staff.count()).toBe(0);
    expect(await db.evaluations.count()).toBe(0);
    db.close();
  });
});
