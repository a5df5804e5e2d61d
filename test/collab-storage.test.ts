import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addThread,
  applyCommand,
  baseOfGraph,
  baseOfReferential,
  canApply,
  contentHash,
  decompile,
  exportComments,
  findCommonBase,
  loadGraphText,
  loadReferential,
  mergeGraphs,
  parseJsonText,
  resolveThread,
  type GraphCommand,
  type GraphDocument,
  type Referential,
} from '../src/core/index.ts';
import { layoutGraph } from '../src/core/layout.ts';
import { commonBaseMessage } from '../src/present/merge.ts';
import { freshDbMaker } from './support/fresh-db.ts';
import {
  changeVersionThreads,
  createDraft,
  draftFromStored,
  draftSnapshots,
  exportableDraft,
  exportBackup,
  exportGraph,
  importBackup,
  importDraftText,
  importReferentialText,
  importVersionThreads,
  keepSnapshot,
  LogigrammeDb,
  openDraft,
  revisionOf,
  saveDraftGraph,
  SNAPSHOT_LIMIT,
  versionThreads,
  withAncestry,
} from '../src/storage/index.ts';

/*
 * The storage side of issue 14: comments written beside a version (never changing it), carried by the
 * backup; drafts recording where they started; snapshots kept for a merge; the database upgrade.
 */

const ROOT = join(import.meta.dirname, '..');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
const NOW = () => '2026-03-02T09:30:00.000Z';
const layout = { layout: layoutGraph };

const freshDb = freshDbMaker('collab-storage');

const sample = (): Referential => {
  const json = parseJsonText(SAMPLE_TEXT);
  const loaded = json.ok ? loadReferential(json.value) : undefined;
  if (!loaded?.ok) throw new Error('sample');
  return loaded.value;
};

async function withSample(db: LogigrammeDb) {
  const imported = await importReferentialText(db, SAMPLE_TEXT, NOW);
  if (imported.kind !== 'stored') throw new Error(imported.kind);
  return imported.record;
}

/** An autosave from the revision stored now (one writer). */
async function save(db: LogigrammeDb, id: string, graph: GraphDocument): Promise<void> {
  const stored = await db.drafts.get(id);
  if (!stored) throw new Error(`no draft ${id}`);
  expect(await saveDraftGraph(db, id, graph, { baseRevision: revisionOf(stored), now: NOW })).toMatchObject({ kind: 'saved' });
}

function edited(g: GraphDocument, commands: GraphCommand[]): GraphDocument {
  const copy = structuredClone(g);
  for (const c of commands) {
    const verdict = canApply(copy, c);
    if (!verdict.ok) throw new Error(`${c.type}: ${verdict.code} ${JSON.stringify(verdict.params)}`);
    applyCommand(copy, c);
  }
  return copy;
}

describe('comments on a stored version', () => {
  it('are stored beside it: the version’s record, document and content hash never change', async () => {
    const db = freshDb();
    const stored = await withSample(db);
    const before = structuredClone(await db.referentials.get(stored.key));
    const at = { id: stored.id, version: stored.version };
    const added = await changeVersionThreads(db, at, (threads) => addThread(threads, { id: 'c-1', anchor: { on: 'node', node: 'carrosserie', label: 'Carrosserie' }, author: 'INRS', date: '2026-03-02T09:30:00Z', text: 'Durée à justifier.' }), NOW);
    expect(added.ok).toBe(true);
    const resolved = await changeVersionThreads(db, at, (threads) => resolveThread(threads, 'c-1', { id: 'e-1', author: 'Branche', date: '2026-03-03T09:30:00Z', note: 'Mesures jointes.' }), NOW);
    expect(resolved.ok).toBe(true);
    expect(await db.referentials.get(stored.key)).toEqual(before);
    const loaded = loadReferential((await db.referentials.get(stored.key))!.document);
    expect(loaded.ok && contentHash(loaded.value)).toBe(stored.contentHash);
    expect((await versionThreads(db, at)).map((t) => [t.id, t.history.length])).toEqual([['c-1', 1]]);
    // A refusal writes nothing.
    const refused = await changeVersionThreads(db, at, (threads) => resolveThread(threads, 'c-1', { id: 'e-2', author: 'Branche', date: '2026-03-04T09:30:00Z' }), NOW);
    expect(refused.ok).toBe(false);
    expect((await versionThreads(db, at))[0]!.history).toHaveLength(1);
  });

  it('a reviewer’s file imports onto the same version in another browser: added, then unchanged; a removed element is detached', async () => {
    const reviewer = freshDb();
    const author = freshDb();
    const stored = await withSample(reviewer);
    await withSample(author);
    const graph = decompile(sample());
    const at = { id: stored.id, version: stored.version };
    await changeVersionThreads(reviewer, at, (t) => addThread(t, { id: 'c-1', anchor: { on: 'node', node: 'carrosserie', label: 'Carrosserie' }, author: 'INRS', date: '2026-03-02T09:30:00Z', text: 'Durée ?' }), NOW);
    await changeVersionThreads(reviewer, at, (t) => addThread(t, { id: 'c-2', anchor: { on: 'node', node: 'disparu', label: 'Ancienne tâche' }, author: 'INRS', date: '2026-03-02T09:31:00Z', text: 'À supprimer ?' }), NOW);
    const version = { id: stored.id, version: stored.version, contentHash: stored.contentHash };
    const file = JSON.parse(JSON.stringify(exportComments(await versionThreads(reviewer, at), version, { author: 'INRS' })));
    const first = await importVersionThreads(author, { graph, version }, file, {}, NOW);
    expect(first).toMatchObject({ added: ['c-1', 'c-2'], updated: [], unchanged: [], detached: ['c-2'], refused: [], version: 'same' });
    const second = await importVersionThreads(author, { graph, version }, file, {}, NOW);
    expect(second).toMatchObject({ added: [], unchanged: ['c-1', 'c-2'] });
    expect((await versionThreads(author, at)).map((t) => t.id)).toEqual(['c-1', 'c-2']);
    // Another version is refused whole, nothing written.
    const other = await importVersionThreads(author, { graph, version: { ...version, version: '9.0.0' } }, file, {}, NOW);
    expect(other.refused[0]).toMatchObject({ code: 'comments.other_version', params: { commented: '1.0.0', target: '9.0.0' } });
    expect(await versionThreads(author, { id: stored.id, version: '9.0.0' })).toEqual([]);
  });

  it('travel in the backup and come back; a backup written before them restores with none', async () => {
    const db = freshDb();
    const stored = await withSample(db);
    await changeVersionThreads(db, { id: stored.id, version: stored.version }, (t) => addThread(t, { id: 'c-1', anchor: { on: 'referential' }, author: 'DGT', date: '2026-03-02T09:30:00Z', text: 'Périmètre ?' }), NOW);
    const backup = await exportBackup(db, NOW);
    expect(backup.counts.versionComments).toBe(1);
    const target = freshDb();
    expect(await importBackup(target, backup.text)).toMatchObject({ ok: true, counts: { versionComments: 1 } });
    expect((await versionThreads(target, { id: stored.id, version: stored.version })).map((t) => t.text)).toEqual(['Périmètre ?']);

    const old = JSON.parse(backup.text) as { tables: Record<string, unknown>; databaseVersion: number };
    delete old.tables.versionComments;
    old.databaseVersion = 2;
    expect(await importBackup(target, JSON.stringify(old))).toMatchObject({ ok: true, counts: { versionComments: 0 } });
    expect(await target.versionComments.count()).toBe(0);

    const broken = JSON.parse(backup.text) as { tables: { versionComments: Array<{ key: string; threads: Array<{ text: string }> }> } };
    broken.tables.versionComments[0]!.key = 'autre@1.0.0';
    broken.tables.versionComments[0]!.threads[0]!.text = '';
    const refused = await importBackup(target, JSON.stringify(broken));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues.map((i) => i.path)).toEqual(['$.tables.versionComments[0].threads[0].text']);
  });
});

describe('the database upgrade', () => {
  it('a version 2 database opens at the current version with everything kept, and no comments', async () => {
    const name = `collab-upgrade-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores({ referentials: 'key, id, storedAt', meta: 'key', drafts: 'id, updatedAt', companies: 'id, updatedAt', staff: 'key, companyId, year', evaluations: 'key, companyId, year' });
    await v2.table('referentials').add({ key: 'x@1.0.0', id: 'x', storedAt: '2026-01-01T00:00:00Z', document: { formatVersion: 1 } });
    await v2.table('drafts').add({ id: 'x', graph: { kind: 'logigramme' }, updatedAt: '2026-01-01T00:00:00Z' });
    v2.close();
    const db = freshDb(name);
    await db.open();
    // Version 4 added the comments table; version 7 the publication chain (nothing to chain here).
    expect(db.verno).toBe(7);
    expect(await db.referentials.get('x@1.0.0')).toMatchObject({ id: 'x' });
    expect(await db.drafts.get('x')).toMatchObject({ graph: { kind: 'logigramme' } });
    expect(await db.versionComments.count()).toBe(0);
  });
});

describe('where a draft started', () => {
  it('a draft made from a stored version records it, and its export carries it', async () => {
    const db = freshDb();
    const stored = await withSample(db);
    const made = await draftFromStored(db, stored.key, NOW, layout);
    if (made.kind !== 'created') throw new Error(made.kind);
    expect(made.record.graph.base).toEqual(baseOfReferential(sample()));
    expect(made.record.graph.base?.contentHash).toBe(stored.contentHash);
    const file = loadGraphText(exportGraph(made.record.graph).text);
    expect(file.ok && file.value.base).toEqual(baseOfReferential(sample()));
    expect(await exportableDraft(db, stored.id)).toEqual({ ...made.record.graph });
  });

  it('a draft made from a referential file records that referential; one made from a colleague’s logigramme keeps the file’s base and the file', async () => {
    const db = freshDb();
    const imported = await importDraftText(db, SAMPLE_TEXT, layout);
    if (imported.kind !== 'imported') throw new Error(imported.kind);
    expect(imported.record.graph.base).toEqual(baseOfReferential(sample()));

    const other = freshDb();
    const file = exportGraph(imported.record.graph);
    const received = await importDraftText(other, file.text, layout);
    if (received.kind !== 'imported') throw new Error(received.kind);
    expect(received.record.graph.base).toEqual(baseOfReferential(sample()));
    const kept = await draftSnapshots(other, 'exemple-atelier');
    expect(kept.map((s) => s.reason)).toEqual(['received']);
    expect(baseOfGraph(kept[0]!.graph)).toEqual(baseOfGraph(imported.record.graph));
  });

  it('a draft started from nothing: its first export becomes the root every copy records, and a colleague’s copy merges back against it', async () => {
    const a = freshDb();
    const created = await createDraft(a, { id: 'neuf', title: 'Nouveau référentiel', branch: 'Essai' }, NOW);
    if (created.kind !== 'created') throw new Error(created.kind);
    const drawn = edited(created.record.graph, [
      { type: 'node/add', node: { id: 'poste', kind: 'job', label: 'Soudeur' }, position: { x: 0, y: 0 } },
      { type: 'node/add', node: { id: 'soudure', kind: 'task', label: 'Soudure' }, position: { x: 300, y: 0 } },
      { type: 'edge/add', edge: { id: 'soudure.weighting', kind: 'weighting', source: 'poste', target: 'soudure', share: 100 } },
    ]);
    await save(a, 'neuf', drawn);
    const exported = await exportableDraft(a, 'neuf', NOW);
    const root = (await draftSnapshots(a, 'neuf')).find((s) => s.reason === 'root')!;
    expect(exported?.base).toEqual(baseOfGraph(root.graph));
    // A later export records the same root.
    await save(a, 'neuf', edited(drawn, [{ type: 'node/update', id: 'poste', changes: { label: 'Soudeur qualifié' } }]));
    expect((await exportableDraft(a, 'neuf', NOW))?.base).toEqual(exported?.base);

    // B takes the first file, edits; A edits too; A merges B's file against the root.
    const b = freshDb();
    const inB = await importDraftText(b, exportGraph(exported!).text, layout);
    if (inB.kind !== 'imported') throw new Error(inB.kind);
    const theirs = edited(inB.record.graph, [{ type: 'node/update', id: 'soudure', changes: { label: 'Soudure à l’arc' } }]);
    await save(b, 'neuf', theirs);
    const fromB = loadGraphText(exportGraph((await exportableDraft(b, 'neuf', NOW))!).text);
    if (!fromB.ok) throw new Error('B file');
    const ours = (await openDraft(a, 'neuf'))!.graph;
    const candidates = (await draftSnapshots(a, 'neuf')).map((s) => s.graph);
    expect(findCommonBase(ours, fromB.value, candidates).found).toBe(false);
    const common = findCommonBase(await withAncestry(a, ours), fromB.value, candidates);
    if (!common.found) throw new Error(commonBaseMessage(common));
    const merged = mergeGraphs(common.base, ours, fromB.value);
    expect(merged.conflicts).toEqual([]);
    expect(merged.document.nodes.map((n) => (n.kind === 'job' || n.kind === 'task' ? n.label : n.id))).toEqual(['Soudeur qualifié', 'Soudure à l’arc']);
  });

  it('snapshots are bounded, the root is never dropped, and the same state is kept once', async () => {
    const db = freshDb();
    const g = decompile(sample());
    await keepSnapshot(db, 'exemple-atelier', { at: '2026-01-01T00:00:00Z', reason: 'root', graph: g });
    for (let i = 0; i < SNAPSHOT_LIMIT + 3; i++) {
      const v = edited(g, [{ type: 'node/update', id: 'carrosserie', changes: { label: `Carrosserie ${i}` } }]);
      await keepSnapshot(db, 'exemple-atelier', { at: `2026-01-02T00:00:${String(i).padStart(2, '0')}Z`, reason: 'received', graph: v });
      await keepSnapshot(db, 'exemple-atelier', { at: `2026-01-02T00:01:${String(i).padStart(2, '0')}Z`, reason: 'received', graph: { ...v, comments: [] } });
    }
    const kept = await draftSnapshots(db, 'exemple-atelier');
    expect(kept).toHaveLength(SNAPSHOT_LIMIT);
    expect(kept[0]!.reason).toBe('root');
    expect(kept.at(-1)!.graph.nodes.find((n) => n.id === 'carrosserie')).toMatchObject({ label: `Carrosserie ${SNAPSHOT_LIMIT + 2}` });
    expect(kept.every((s) => s.graph.comments === undefined)).toBe(true);
  });
});
