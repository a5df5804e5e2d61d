import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBackup, importBackup, importDraftText, importReferentialText, LogigrammeDb, samplesFromModules, seedSamples } from '../src/storage/index.ts';
import { freshDbMaker } from './support/fresh-db.ts';

/*
 * Issue 10, point 4 in the browser's storage: a hostile file is refused with located issues and changes
 * nothing stored. Each test fails on main e472799: a deeply nested referential, logigramme or backup
 * threw RangeError out of the import (the app then said only « n’a pas pu être lu »), and a referential
 * starting with a UTF-8 byte order mark threw SyntaxError after passing the loader (found by the fuzzer).
 */

const ROOT = join(import.meta.dirname, '..');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
const GRAPH_TEXT = readFileSync(join(ROOT, 'referentials', 'fp2e-eau.graph.json'), 'utf8');
const NOW = () => '2026-01-15T10:00:00.000Z';
const DEEP = `${'['.repeat(4100)}${']'.repeat(4100)}`;

const freshDb = freshDbMaker('storage-hostile');
async function seededDb(): Promise<LogigrammeDb> {
  const db = freshDb();
  await seedSamples(db, samplesFromModules({ '/referentials/exemple-atelier.json': JSON.parse(SAMPLE_TEXT) as unknown }), NOW);
  return db;
}
const contents = async (db: LogigrammeDb) => JSON.stringify(await Promise.all([db.referentials.toArray(), db.drafts.toArray(), db.companies.toArray(), db.staff.toArray(), db.evaluations.toArray(), db.meta.toArray()]));

describe('a hostile file changes nothing stored', () => {
  it('a referential nested 4 100 levels deep: refused, located, nothing stored', async () => {
    const db = await seededDb();
    const before = await contents(db);
    const outcome = await importReferentialText(db, SAMPLE_TEXT.replace(/"title": "[^"]*"/, `"title": ${DEEP}`), NOW);
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' ? outcome.issues.map((i) => i.code) : []).toEqual(['limit.depth']);
    expect(await contents(db)).toBe(before);
  });

  it('a logigramme nested deep, imported into a draft: refused, nothing stored', async () => {
    const db = await seededDb();
    const before = await contents(db);
    const outcome = await importDraftText(db, GRAPH_TEXT.replace('"formatVersion": 1', `"formatVersion": 1, "x": ${DEEP}`), { now: NOW, layout: async () => ({}) });
    expect(outcome.kind === 'invalid' ? outcome.issues.map((i) => i.code) : outcome.kind).toEqual(['limit.depth']);
    expect(await contents(db)).toBe(before);
  });

  it('a backup whose stored document is nested deep: refused at its path, the database untouched', async () => {
    const db = await seededDb();
    const before = await contents(db);
    const backup = JSON.parse((await exportBackup(db, NOW)).text) as { tables: { referentials: Array<{ document: Record<string, unknown> }> } };
    const text = JSON.stringify(backup).replace('"document":{', `"document":{"x":${DEEP},`);
    const outcome = await importBackup(db, text);
    expect(outcome.ok ? [] : outcome.issues.map((i) => [i.code, i.path.slice(0, 40)])).toEqual([['limit.depth', '$.tables.referentials[0].document.x[0][0']]);
    expect(await contents(db)).toBe(before);
  });

  it('a duplicate key in a backup is refused (JSON would keep the last one silently)', async () => {
    const db = await seededDb();
    const text = (await exportBackup(db, NOW)).text.replace('"format": "logigramme-backup",', '"format": "logigramme-backup",\n  "format": "logigramme-backup",');
    const outcome = await importBackup(db, text);
    expect(outcome.ok ? [] : outcome.issues.map((i) => [i.code, i.path, i.line])).toEqual([['json.duplicate_key', '$.format', 3]]);
  });
});

describe('a UTF-8 byte order mark', () => {
  it('a referential file starting with a BOM is imported (the loader and the stored copy read the same text)', async () => {
    const db = await seededDb();
    const text = `\uFEFF${SAMPLE_TEXT.replace('"version": "1.0.0"', '"version": "1.0.1"').replace(/,\s*"contentHash": "[^"]*"/, '')}`;
    const outcome = await importReferentialText(db, text, NOW);
    expect(outcome.kind).toBe('stored');
  });
});
