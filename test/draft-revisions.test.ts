import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import type { GraphDocument, GraphNode } from '../src/core/index.ts';
import { layoutGraph } from '../src/core/layout.ts';
import { applyCommand, type GraphCommand } from '../src/core/graph/commands/index.ts';
import {
  applyTransition,
  createDraft,
  draftFromStored,
  importDraftText,
  importReferentialText,
  LogigrammeDb,
  openDraft,
  revisionOf,
  saveDraftGraph,
  type DraftRecord,
} from '../src/storage/index.ts';
import { rebaseGraph } from '../src/ui/editor/tabs.ts';
import { freshDbMaker } from './support/fresh-db.ts';

/*
 * Issue 10, point 3: two tabs adding nodes at the same moment lost edits (whole-graph writes, last
 * writer wins). Every draft write now carries a revision; a save states the revision it was edited
 * from and is refused, with the stored record, when another writer moved on — the writer then replays
 * its edit on top and writes again. Over fake-indexeddb, one fresh database per test.
 */

const ROOT = join(import.meta.dirname, '..');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
const NOW = () => '2026-01-15T10:00:00.000+01:00';

const freshDb = freshDbMaker('draft-revisions');

async function newDraft(db: LogigrammeDb): Promise<DraftRecord> {
  const created = await createDraft(db, { id: 'atelier', title: 'Atelier', branch: 'Métallurgie' }, NOW);
  if (created.kind !== 'created') throw new Error(created.kind);
  return created.record;
}

const note = (id: string): GraphNode => ({ id, kind: 'note', text: id });
const apply = (graph: GraphDocument, command: GraphCommand) => produce(graph, (d) => applyCommand(d, command));
const addNote = (graph: GraphDocument, id: string, y = 0) => apply(graph, { type: 'node/add', node: note(id), position: { x: 0, y } });
const ids = (graph: GraphDocument) => graph.nodes.map((n) => n.id).sort();

/**
 * One tab as the storage sees it: the revision and graph it last wrote or read, and its own edits.
 * On a refusal it replays its own edit on the stored graph (the simplest replay there is) and retries.
 */
class Writer {
  revision: number;
  graph: GraphDocument;
  refusals = 0;
  constructor(
    readonly db: LogigrammeDb,
    record: DraftRecord,
  ) {
    this.revision = revisionOf(record);
    this.graph = record.graph;
  }
  async add(id: string): Promise<void> {
    let graph = addNote(this.graph, id);
    for (;;) {
      const outcome = await saveDraftGraph(this.db, 'atelier', graph, { baseRevision: this.revision, now: NOW });
      if (outcome.kind === 'saved') {
        this.revision = revisionOf(outcome.record);
        this.graph = graph;
        return;
      }
      if (outcome.kind !== 'conflict') throw new Error(outcome.kind);
      this.refusals++;
      this.revision = revisionOf(outcome.record);
      this.graph = outcome.record.graph;
      graph = addNote(this.graph, id);
    }
  }
}

describe('versioned draft writes', () => {
  it('gives every written draft a revision, one more at each write of any kind', async () => {
    const db = freshDb();
    expect(revisionOf(await newDraft(db))).toBe(1);
    // A draft started from a stored version, replaced by an imported file, saved, sent to review.
    await importReferentialText(db, SAMPLE_TEXT, NOW);
    const started = await draftFromStored(db, 'exemple-atelier@1.0.0', NOW, { layout: layoutGraph });
    expect(started.kind === 'created' && revisionOf(started.record)).toBe(1);
    const imported = await importDraftText(db, SAMPLE_TEXT, { replace: true, now: NOW, layout: layoutGraph });
    expect(imported.kind === 'imported' && revisionOf(imported.record)).toBe(2);
    if (imported.kind !== 'imported') return;
    const saved = await saveDraftGraph(db, 'exemple-atelier', addNote(imported.record.graph, 'a', 5000), { baseRevision: 2, now: NOW });
    expect(saved.kind === 'saved' && revisionOf(saved.record)).toBe(3);
    const transition = await applyTransition(db, 'exemple-atelier', { type: 'review.request', at: '2026-01-20T09:00:00+01:00', author: 'A', note: '' });
    expect(transition.kind === 'applied' && revisionOf(transition.record)).toBe(4);
    expect(revisionOf((await openDraft(db, 'exemple-atelier'))!)).toBe(4);
  });

  it('refuses a save based on an older revision, writes nothing, and returns the stored draft to replay on', async () => {
    const db = freshDb();
    const draft = await newDraft(db);
    const first = await saveDraftGraph(db, 'atelier', addNote(draft.graph, 'tab-a'), { baseRevision: 1, now: NOW });
    expect(first.kind).toBe('saved');
    const stale = await saveDraftGraph(db, 'atelier', addNote(draft.graph, 'tab-b'), { baseRevision: 1, now: NOW });
    expect(stale.kind).toBe('conflict');
    if (stale.kind !== 'conflict') return;
    expect(revisionOf(stale.record)).toBe(2);
    expect(ids(stale.record.graph)).toEqual(['tab-a']);
    expect(ids((await openDraft(db, 'atelier'))!.graph)).toEqual(['tab-a']);
    // Replayed on top of what is stored: both edits are there.
    const replayed = await saveDraftGraph(db, 'atelier', addNote(stale.record.graph, 'tab-b'), { baseRevision: 2, now: NOW });
    expect(replayed.kind === 'saved' && revisionOf(replayed.record)).toBe(3);
    expect(ids((await openDraft(db, 'atelier'))!.graph)).toEqual(['tab-a', 'tab-b']);
  });

  it('lets exactly one of two saves started together from the same revision through', async () => {
    const db = freshDb();
    const draft = await newDraft(db);
    const outcomes = await Promise.all([
      saveDraftGraph(db, 'atelier', addNote(draft.graph, 'a'), { baseRevision: 1, now: NOW }),
      saveDraftGraph(db, 'atelier', addNote(draft.graph, 'b'), { baseRevision: 1, now: NOW }),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['conflict', 'saved']);
    const stored = (await openDraft(db, 'atelier'))!;
    expect(revisionOf(stored)).toBe(2);
    const winner = outcomes.find((o) => o.kind === 'saved')!;
    expect(winner.kind === 'saved' && winner.record).toEqual(stored);
  });

  it('two writers adding ten nodes each, interleaved, lose none: every refusal is replayed', async () => {
    const db = freshDb();
    const draft = await newDraft(db);
    const a = new Writer(db, draft);
    const b = new Writer(db, draft);
    // Started together, step after step: each writer's save races the other's.
    await Promise.all([
      (async () => {
        for (let i = 0; i < 10; i++) await a.add(`a-${i}`);
      })(),
      (async () => {
        for (let i = 0; i < 10; i++) await b.add(`b-${i}`);
      })(),
    ]);
    const stored = (await openDraft(db, 'atelier'))!;
    expect(stored.graph.nodes).toHaveLength(20);
    expect(ids(stored.graph)).toEqual([...Array.from({ length: 10 }, (_, i) => `a-${i}`), ...Array.from({ length: 10 }, (_, i) => `b-${i}`)].sort());
    // The race did happen: writes were refused and replayed, never overwritten.
    expect(a.refusals + b.refusals).toBeGreaterThan(0);
    expect(revisionOf(stored)).toBe(21);
  });

  it('refuses a save made before an import replaced the graph: the import is not overwritten', async () => {
    const db = freshDb();
    await importReferentialText(db, SAMPLE_TEXT, NOW);
    const started = await draftFromStored(db, 'exemple-atelier@1.0.0', NOW, { layout: layoutGraph });
    if (started.kind !== 'created') throw new Error(started.kind);
    const edited = addNote(started.record.graph, 'pendant-l-import');
    const imported = await importDraftText(db, SAMPLE_TEXT, { replace: true, now: NOW, layout: layoutGraph });
    expect(imported.kind).toBe('imported');
    const outcome = await saveDraftGraph(db, 'exemple-atelier', edited, { baseRevision: revisionOf(started.record), now: NOW });
    expect(outcome.kind).toBe('conflict');
  });

  it('reads a draft stored before revisions existed as revision 0, and moves it to 1 at the next save', async () => {
    const db = freshDb();
    const draft = await newDraft(db);
    const { revision: _revision, ...legacy } = draft;
    await db.drafts.put(legacy);
    const outcome = await saveDraftGraph(db, 'atelier', addNote(draft.graph, 'a'), { baseRevision: 0, now: NOW });
    expect(outcome.kind === 'saved' && revisionOf(outcome.record)).toBe(1);
  });
});

describe('replaying one tab’s edits on top of another’s (rebaseGraph)', () => {
  it('keeps both nodes when two tabs added the same readable id, renaming this tab’s and moving it off the other', async () => {
    const db = freshDb();
    const base = (await newDraft(db)).graph;
    const ours = apply(base, { type: 'node/add', node: { id: 'nouveau-poste', kind: 'job', label: 'Nouveau poste' }, position: { x: 0, y: 0 } });
    const theirs = apply(base, { type: 'node/add', node: { id: 'nouveau-poste', kind: 'job', label: 'Nouveau poste' }, position: { x: 0, y: 0 } });
    const rebased = rebaseGraph(base, ours, theirs);
    expect(rebased.renamed).toEqual([{ from: 'nouveau-poste', to: 'nouveau-poste-2' }]);
    expect(ids(rebased.graph)).toEqual(['nouveau-poste', 'nouveau-poste-2']);
    expect(rebased.graph.layout.nodes['nouveau-poste-2']).not.toEqual(rebased.graph.layout.nodes['nouveau-poste']);
    expect(rebased.conflicts).toEqual([]);
  });

  it('combines edits of different elements, and reports the same field changed both ways, keeping this tab’s value', async () => {
    const db = freshDb();
    let base = (await newDraft(db)).graph;
    base = apply(addNote(base, 'n1'), { type: 'node/add', node: { id: 'j1', kind: 'job', label: 'Mécanicien' }, position: { x: 0, y: 200 } });
    const ours = apply(apply(base, { type: 'node/update', id: 'j1', changes: { label: 'Mécanicien PL' } }), { type: 'node/update', id: 'n1', changes: { text: 'À revoir' } });
    const theirs = apply(base, { type: 'node/update', id: 'j1', changes: { label: 'Mécanicien VL', description: 'Atelier' } });
    const rebased = rebaseGraph(base, ours, theirs);
    const j1 = rebased.graph.nodes.find((n) => n.id === 'j1');
    expect(j1).toMatchObject({ label: 'Mécanicien PL', description: 'Atelier' });
    expect(rebased.graph.nodes.find((n) => n.id === 'n1')).toMatchObject({ text: 'À revoir' });
    expect(rebased.conflicts.map((c) => [c.id, c.chosen, c.theirs.value])).toEqual([['node:j1:label', 'ours', 'Mécanicien VL']]);
  });
});
