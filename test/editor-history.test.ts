import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTransition, boundHistory, createDraft, HISTORY_LIMITS, idUses, importReferentialText, openDraft, renameStaffIds, revisionOf, saveDraftGraph, type StoredStep } from '../src/storage/index.ts';
import { layoutGraph } from '../src/core/layout.ts';
import { openDraftOrStored, createDraftFrom } from '../src/ui/editor/persistence.ts';
import { EditorStore, type EditorHistory } from '../src/ui/editor/store.ts';
import { fixture } from './commands/fixture.ts';
import { freshDbMaker } from './support/fresh-db.ts';

/*
 * What the editor keeps beside a draft: its undo history (saved with the draft, bounded, still there
 * after a reload and a lifecycle step), published versions opened read-only until a new version is
 * asked for, and what a rename of an id touches outside the draft (stored versions, companies' staff).
 */

const SAMPLE_TEXT = readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8');
const NOW = () => '2026-01-15T10:00:00.000+01:00';
const freshDb = freshDbMaker('history-test');

describe('undo history kept with the draft', () => {
  it('survives a reload: a new store built from the saved steps undoes and redoes them', async () => {
    const db = freshDb();
    await createDraft(db, { id: 'fixture', title: 'Essai', branch: 'Branche' }, NOW);
    const saved: Array<{ history: EditorHistory }> = [];
    const store = new EditorStore(fixture(), { onChange: (_graph, history) => saved.push({ history }) });
    store.execute({ type: 'node/update', id: 'j1', changes: { label: 'Mécanicien PL' } }, 'libellé');
    store.execute({ type: 'id/rename', from: 'j1', to: 'mecanicien-pl' }, 'renommer');
    const last = saved.at(-1)!.history;
    await saveDraftGraph(db, 'fixture', store.graph, { baseRevision: 1, now: NOW, history: last as { past: StoredStep[]; future: StoredStep[] } });
    const record = (await openDraft(db, 'fixture'))!;
    // Through IndexedDB (structured clone), then a new store: the same two steps.
    const reloaded = new EditorStore(record.graph, { history: record.history as EditorHistory });
    expect(reloaded.getSnapshot().undoLabel).toBe('renommer');
    reloaded.undo();
    expect(reloaded.graph.nodes[0]).toMatchObject({ id: 'j1', label: 'Mécanicien PL' });
    reloaded.undo();
    expect(reloaded.graph).toEqual(fixture());
    reloaded.redo();
    reloaded.redo();
    expect(reloaded.graph.nodes[0]).toMatchObject({ id: 'mecanicien-pl' });
  });

  it('is bounded: the newest steps within the step and patch limits', () => {
    const step = (n: number, patches = 1): StoredStep => ({ label: `pas ${n}`, patches: Array(patches).fill({ op: 'replace', path: ['x'], value: n }), inversePatches: Array(patches).fill({ op: 'replace', path: ['x'], value: n - 1 }), at: n });
    const many = Array.from({ length: HISTORY_LIMITS.steps + 30 }, (_, i) => step(i));
    const bounded = boundHistory({ past: many, future: [] });
    expect(bounded.past).toHaveLength(HISTORY_LIMITS.steps);
    expect(bounded.past.at(-1)!.label).toBe(`pas ${HISTORY_LIMITS.steps + 29}`);
    // A huge step (a layout of thousands of nodes) pushes the older ones out.
    const big = boundHistory({ past: [step(1), step(2), step(3, HISTORY_LIMITS.patches / 4)], future: [] });
    expect(big.past.map((s) => s.label)).toEqual(['pas 3']);
  });

  it('survives a lifecycle step: the record keeps its history, and a store replaced with it still undoes', async () => {
    const db = freshDb();
    await importReferentialText(db, SAMPLE_TEXT, NOW);
    const opened = await openDraftOrStored(db, 'exemple-atelier', NOW, { layout: layoutGraph });
    const draft = await createDraftFrom(db, (opened as { stored: { key: string } }).stored.key, { layout: layoutGraph }, NOW);
    const store = new EditorStore(draft.graph);
    store.execute({ type: 'node/update', id: 'mecanicien', changes: { label: 'Mécanicien PL' } }, 'libellé');
    await saveDraftGraph(db, 'exemple-atelier', store.graph, { baseRevision: revisionOf(draft), now: NOW, history: store.getHistory() as { past: StoredStep[]; future: StoredStep[] } });
    const step = await applyTransition(db, 'exemple-atelier', { type: 'review.request', at: '2026-01-16T10:00:00.000Z', author: 'A. Auteur', note: 'Pour relecture' });
    expect(step.kind).toBe('applied');
    const record = (await openDraft(db, 'exemple-atelier'))!;
    expect(record.lifecycle.state).toBe('in_review');
    expect(record.history?.past.map((s) => s.label)).toEqual(['libellé']);
    // Back to draft: the editor takes the record with its history, and the step still undoes.
    store.replace(record.graph, record.history as EditorHistory);
    expect(store.getSnapshot().undoLabel).toBe('libellé');
    store.undo();
    expect(store.graph.nodes.find((n) => n.id === 'mecanicien')).toMatchObject({ label: 'Mécanicien' });
  });
});

describe('a published version opens read-only', () => {
  it('gives the stored version and the next number, and stores no draft until asked', async () => {
    const db = freshDb();
    await importReferentialText(db, SAMPLE_TEXT, NOW);
    const opened = await openDraftOrStored(db, 'exemple-atelier', NOW, { layout: layoutGraph });
    expect(opened.kind).toBe('stored');
    if (opened.kind !== 'stored') return;
    expect(opened.next).toBe('1.1.0');
    expect(opened.graph.nodes.length).toBeGreaterThan(5);
    expect(await db.drafts.count()).toBe(0);
    const draft = await createDraftFrom(db, opened.stored.key, { layout: layoutGraph }, NOW);
    expect(draft.graph.referential.identity.version).toBe('1.1.0');
    expect((await openDraftOrStored(db, 'exemple-atelier', NOW, { layout: layoutGraph })).kind).toBe('draft');
  });
});

describe('what a rename touches outside the draft', () => {
  it('finds stored versions and companies’ staff using an id, and renames it in the staff', async () => {
    const db = freshDb();
    const imported = await importReferentialText(db, SAMPLE_TEXT, NOW);
    const key = (imported as { record: { key: string } }).record.key;
    await db.companies.put({ id: 'garage', profile: { name: 'Garage Martin' }, referentialKey: key, year: 2024, answers: {}, measures: [], updatedAt: NOW() });
    await db.companies.put({ id: 'autre', profile: { name: 'Autre branche' }, referentialKey: 'autre@1.0.0', year: 2024, answers: {}, measures: [], updatedAt: NOW() });
    const employee = (id: string, jobs: Array<{ job: string; share: number; tasks?: Array<{ task: string; share: number }> }>) => ({ id, annualHours: 1607, contract: {}, jobs });
    await db.staff.put({ key: 'garage@2024', companyId: 'garage', year: 2024, employees: [employee('A', [{ job: 'mecanicien', share: 100 }]), employee('B', [{ job: 'agent-nuit', share: 100 }])], updatedAt: NOW() });
    await db.staff.put({ key: 'autre@2024', companyId: 'autre', year: 2024, employees: [employee('C', [{ job: 'mecanicien', share: 100 }])], updatedAt: NOW() });

    expect(await idUses(db, 'exemple-atelier', 'mecanicien')).toEqual({ versions: ['1.0.0'], staff: [{ companyId: 'garage', company: 'Garage Martin', year: 2024, employees: 1 }] });
    expect(await idUses(db, 'exemple-atelier', 'nulle-part')).toEqual({ versions: [], staff: [] });
    expect(await renameStaffIds(db, 'exemple-atelier', 'mecanicien', 'mecanicien-atelier', NOW())).toBe(1);
    expect((await db.staff.get('garage@2024'))!.employees.map((e) => e.jobs[0]!.job)).toEqual(['mecanicien-atelier', 'agent-nuit']);
    // Another referential's company is left alone.
    expect((await db.staff.get('autre@2024'))!.employees[0]!.jobs[0]!.job).toBe('mecanicien');
  });
});
