import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, loadReferential } from '../src/core/index.ts';
import {
  importReferentialText,
  isSampleFileName,
  listReferentials,
  openStored,
  requestPersistenceOnce,
  samplesFromModules,
  seedSamples,
} from '../src/storage/index.ts';
import { SAMPLE_FILES as REPOSITORY_SAMPLES } from '../src/storage/samples.ts';
import { freshDbMaker } from './support/fresh-db.ts';
import { issueMessage } from '../src/present/issues.ts';

// These tests reason about one sample; every repository sample is checked to load just below.
const SAMPLE_FILES = REPOSITORY_SAMPLES.filter((s) => s.file.endsWith('/exemple-atelier.json'));

/*
 * The browser storage (Dexie over IndexedDB, here fake-indexeddb): samples are seeded once, an import is
 * validated in full before anything is stored, and a stored version is never replaced by other content.
 */

const SAMPLE_TEXT = readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8');
const SAMPLE = JSON.parse(SAMPLE_TEXT) as Record<string, any>;
const NOW = () => '2026-01-15T10:00:00.000Z';

const freshDb = freshDbMaker('logigramme-test');

function variant(mutate: (doc: any) => void): string {
  const doc = structuredClone(SAMPLE);
  mutate(doc);
  return JSON.stringify(doc, null, 2);
}

describe('sample files', () => {
  it('keeps referential files and leaves out editor graphs and what-if inputs', () => {
    expect(isSampleFileName('/referentials/exemple-atelier.json')).toBe(true);
    expect(isSampleFileName('/referentials/exemple-atelier.graph.json')).toBe(false);
    expect(isSampleFileName('/referentials/exemple-atelier.whatif.json')).toBe(false);
    expect(isSampleFileName('/referentials/whatif-2017.json')).toBe(false);
    expect(isSampleFileName('/referentials/notes.md')).toBe(false);
    const modules = { '/referentials/b.json': { n: 2 }, '/referentials/a.graph.json': {}, '/referentials/a.json': { n: 1 } };
    expect(samplesFromModules(modules)).toEqual([
      { file: '/referentials/a.json', data: { n: 1 } },
      { file: '/referentials/b.json', data: { n: 2 } },
    ]);
  });

  it('bundles the repository samples through import.meta.glob', () => {
    expect(SAMPLE_FILES.map((s) => s.file)).toContain('/referentials/exemple-atelier.json');
    expect(SAMPLE_FILES.every((s) => isSampleFileName(s.file))).toBe(true);
  });
});

describe('seeding the samples', () => {
  it('every sample referential of the repository loads and is stored', async () => {
    const db = freshDb();
    const report = await seedSamples(db, REPOSITORY_SAMPLES, NOW);
    expect(report.rejected).toEqual([]);
    expect(report.stored.length).toBe(REPOSITORY_SAMPLES.length);
    expect(REPOSITORY_SAMPLES.length).toBeGreaterThanOrEqual(4);
  });

  it('stores every valid sample on the first start, with its summary and hash', async () => {
    const db = freshDb();
    const report = await seedSamples(db, SAMPLE_FILES, NOW);
    expect(report.ran).toBe(true);
    expect(report.rejected).toEqual([]);
    expect(report.stored).toContain('exemple-atelier@1.0.0');

    const record = await db.referentials.get('exemple-atelier@1.0.0');
    const loaded = loadReferential(SAMPLE);
    if (!loaded.ok) throw new Error('sample does not load');
    expect(record).toMatchObject({
      key: 'exemple-atelier@1.0.0',
      id: 'exemple-atelier',
      version: '1.0.0',
      title: 'Atelier de maintenance — référentiel d’exemple',
      branch: 'Exemple pédagogique (branche fictive)',
      status: 'draft',
      regulation: '2023-09-01',
      contentHash: contentHash(loaded.value),
      source: 'sample',
      storedAt: '2026-01-15T10:00:00.000Z',
    });
    expect(record?.document).toEqual(SAMPLE);
    expect(record && openStored(record).ok).toBe(true);
  });

  it('seeds only once, even when called concurrently (two tabs, double effects)', async () => {
    const db = freshDb();
    const [a, b] = await Promise.all([seedSamples(db, SAMPLE_FILES, NOW), seedSamples(db, SAMPLE_FILES, NOW)]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    const again = await seedSamples(db, SAMPLE_FILES, NOW);
    expect(again.ran).toBe(false);
    expect(await db.referentials.count()).toBe(SAMPLE_FILES.length);
  });

  it('seeds a sample added to the repository after the first start, and only that one', async () => {
    const db = freshDb();
    await seedSamples(db, SAMPLE_FILES, NOW);
    const first = SAMPLE_FILES[0]!;
    const newVersion = { file: '/referentials/nouvelle-version.json', data: { ...(first.data as object), identity: { ...((first.data as { identity: object }).identity), version: '2.0.0' } } };
    const report = await seedSamples(db, [...SAMPLE_FILES, newVersion], NOW);
    expect(report.ran).toBe(true);
    expect(report.stored).toEqual(['exemple-atelier@2.0.0']);
    expect(await db.referentials.count()).toBe(SAMPLE_FILES.length + 1);
  });

  it('does not bring back a sample once seeded (the list of received samples, not the table, decides)', async () => {
    const db = freshDb();
    await seedSamples(db, SAMPLE_FILES, NOW);
    await db.referentials.clear();
    await seedSamples(db, SAMPLE_FILES, NOW);
    expect(await db.referentials.count()).toBe(0);
  });

  it('does not load again a sample already received: a later start reads only its id and version', async () => {
    const db = freshDb();
    await seedSamples(db, SAMPLE_FILES, NOW);
    // The same id@version, its content broken: loaded, it would be reported as rejected; it is not read.
    const first = SAMPLE_FILES[0]!;
    const broken = { file: first.file, data: { ...(first.data as object), jobs: 'pas une liste' } };
    const report = await seedSamples(db, [broken, ...SAMPLE_FILES.slice(1)], NOW);
    expect(report).toEqual({ ran: false, stored: [], rejected: [] });
    // A new database loads it, and refuses it.
    const rejected = await seedSamples(freshDb(), [broken], NOW);
    expect(rejected.rejected.map((r) => r.file)).toEqual([first.file]);
  });

  it('leaves out a sample that does not load, and reports it', async () => {
    const db = freshDb();
    const broken = { file: '/referentials/casse.json', data: { formatVersion: 1, id: 'casse' } };
    const report = await seedSamples(db, [broken, ...SAMPLE_FILES], NOW);
    expect(report.rejected.map((r) => r.file)).toEqual(['/referentials/casse.json']);
    expect(report.rejected[0]?.issues.length).toBeGreaterThan(0);
    expect((await listReferentials(db)).map((r) => r.id)).toEqual(['exemple-atelier']);
  });
});

describe('importing a referential file', () => {
  it('validates, then stores the document as written with source "import"', async () => {
    const db = freshDb();
    const text = variant((d) => {
      d.id = 'atelier-importe';
      d.identity.title = 'Atelier importé';
    });
    const outcome = await importReferentialText(db, text, NOW);
    expect(outcome.kind).toBe('stored');
    const record = await db.referentials.get('atelier-importe@1.0.0');
    expect(record).toMatchObject({ source: 'import', title: 'Atelier importé', version: '1.0.0', storedAt: NOW() });
    expect(record?.document).toEqual(JSON.parse(text));
    expect(record?.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('stores nothing when the file is not JSON, and locates the problem', async () => {
    const db = freshDb();
    const outcome = await importReferentialText(db, '{ "formatVersion": 1, ', NOW);
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind !== 'invalid') return;
    expect(outcome.issues[0]).toMatchObject({ code: 'json.syntax', path: '$' });
    expect(outcome.issues[0]?.code).toBe('json.syntax');
    expect(await db.referentials.count()).toBe(0);
  });

  it('stores nothing when the referential is invalid, and lists located French issues', async () => {
    const db = freshDb();
    const text = variant((d) => {
      d.id = 'atelier-casse';
      d.jobs[0].tasks[0].entry = 'nulle-part';
      d.identity.version = '1.0';
    });
    const outcome = await importReferentialText(db, text, NOW);
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind !== 'invalid') return;
    expect(outcome.issues.map((i) => i.path)).toContain('$.identity.version');
    expect(issueMessage(outcome.issues.find((i) => i.path === '$.identity.version')!)).toMatch(/Version sémantique attendue/);
    expect(await db.referentials.count()).toBe(0);
  });

  it('refuses the same id@version with other content, and keeps the stored one', async () => {
    const db = freshDb();
    await seedSamples(db, SAMPLE_FILES, NOW);
    const before = await db.referentials.get('exemple-atelier@1.0.0');
    const text = variant((d) => {
      d.identity.title = 'Atelier modifié sans changer de version';
    });
    const outcome = await importReferentialText(db, text, NOW);
    expect(outcome.kind).toBe('conflict');
    if (outcome.kind !== 'conflict') return;
    expect(outcome.existing.contentHash).toBe(before?.contentHash);
    expect(outcome.contentHash).not.toBe(before?.contentHash);
    expect(await db.referentials.get('exemple-atelier@1.0.0')).toEqual(before);
    expect(await db.referentials.count()).toBe(1);
  });

  it('accepts the same content again as a no-op, whatever its formatting', async () => {
    const db = freshDb();
    await seedSamples(db, SAMPLE_FILES, NOW);
    const outcome = await importReferentialText(db, JSON.stringify(SAMPLE), NOW);
    expect(outcome.kind).toBe('unchanged');
    expect((await db.referentials.get('exemple-atelier@1.0.0'))?.source).toBe('sample');
  });

  it('stores a new version of the same referential beside the old one', async () => {
    const db = freshDb();
    await seedSamples(db, SAMPLE_FILES, NOW);
    const outcome = await importReferentialText(db, variant((d) => (d.identity.version = '1.1.0')), NOW);
    expect(outcome.kind).toBe('stored');
    expect((await listReferentials(db)).map((r) => r.key)).toEqual(['exemple-atelier@1.0.0', 'exemple-atelier@1.1.0']);
  });
});

describe('persistent storage', () => {
  it('asks the browser once, then only reads the state', async () => {
    const db = freshDb();
    let asked = 0;
    const storage = {
      persisted: async () => false,
      persist: async () => {
        asked++;
        return false;
      },
    };
    expect(await requestPersistenceOnce(db, storage, NOW)).toBe('denied');
    expect(await requestPersistenceOnce(db, storage, NOW)).toBe('denied');
    // A new page (a new connection to the same database) does not ask again either.
    const reopened = freshDb(db.name);
    expect(await requestPersistenceOnce(reopened, storage, NOW)).toBe('denied');
    expect(asked).toBe(1);
    expect(await requestPersistenceOnce(freshDb(), undefined)).toBe('unsupported');
  });
});
