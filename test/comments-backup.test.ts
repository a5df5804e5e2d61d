import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addThread, compile, contentHash, type GraphDocument } from '../src/core/index.ts';
import { createDraft, exportBackup, importBackup, LogigrammeDb, openDraft, revisionOf, saveDraftGraph } from '../src/storage/index.ts';

/*
 * Comments are part of the draft: saved with its logigramme, carried by the one-file backup and
 * restored with it, without touching the compiled referential.
 */

const NOW = () => '2026-03-02T09:30:00.000Z';

describe('comments in the stored draft and the backup', () => {
  it('are saved with the draft, travel in the backup and come back', async () => {
    const db = new LogigrammeDb('comments-backup-source');
    const created = await createDraft(db, { id: 'atelier', title: 'Atelier', branch: 'Métallurgie' }, NOW);
    if (created.kind !== 'created') throw new Error(created.kind);
    const outcome = addThread([], { id: 'c-1', anchor: { on: 'referential' }, author: 'INRS', date: '2026-03-02T09:30:00Z', text: 'Préciser le périmètre.' });
    if (!outcome.ok) throw new Error('refused');
    const commented: GraphDocument = { ...created.record.graph, comments: outcome.value };
    expect((await saveDraftGraph(db, 'atelier', commented, { baseRevision: revisionOf(created.record), now: NOW })).kind).toBe('saved');

    const backup = await exportBackup(db, NOW);
    const target = new LogigrammeDb('comments-backup-target');
    expect(await importBackup(target, backup.text)).toMatchObject({ ok: true });
    const restored = await openDraft(target, 'atelier');
    expect(restored?.graph.comments).toEqual(outcome.value);
    expect(contentHash(compile(restored!.graph).referential)).toBe(contentHash(compile(created.record.graph).referential));
    db.close();
    target.close();
  });
});
