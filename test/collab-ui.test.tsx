// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCommand, exportComments, threadStatus, type CommentThread, type GraphDocument } from '../src/core/index.ts';
import { layoutGraph } from '../src/core/layout.ts';
import { changeVersionThreads, draftFromStored, exportGraph, importReferentialText, LogigrammeDb } from '../src/storage/index.ts';
import { DbContext } from '../src/ui/context.ts';
import { App } from '../src/ui/App.tsx';
import { DossierScreen } from '../src/ui/dossier/DossierScreen.tsx';
import { installFlowShims } from './support/flow-shims.ts';

/*
 * The working group's tools in jsdom over fake-indexeddb: remarks in the editor (badges, panel,
 * undo, resolution), remarks on a published version stored beside it, a reviewer's file imported
 * with a detached remark, the merge of a colleague's logigramme with a conflict decided, the dossier's
 * annex. Chromium runs the same flows between two browser profiles (test/e2e/collab.e2e.test.ts).
 */

const ROOT = join(import.meta.dirname, '..');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
const KEY = 'exemple-atelier@1.0.0';

installFlowShims();

let counter = 0;
let db: LogigrammeDb;
beforeEach(async () => {
  db = new LogigrammeDb(`collab-ui-${++counter}-${Math.random()}`);
  localStorage.clear();
  const stored = await importReferentialText(db, SAMPLE_TEXT, () => '2026-03-01T08:00:00.000Z');
  if (stored.kind !== 'stored') throw new Error(stored.kind);
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
  window.location.hash = '';
});

async function openEditor() {
  window.location.hash = '#/editeur/exemple-atelier';
  render(<App db={db} samples={[]} />);
  await screen.findByRole('toolbar', { name: 'Outils de l’éditeur' });
}

async function withDraft(): Promise<GraphDocument> {
  const made = await draftFromStored(db, KEY, () => '2026-03-01T09:00:00.000Z', { layout: layoutGraph });
  if (made.kind !== 'created') throw new Error(made.kind);
  return made.record.graph;
}

const panel = () => within(screen.getByTestId('comments-panel'));

function search(text: string) {
  const box = screen.getByRole('searchbox', { name: 'Rechercher un nœud' });
  fireEvent.change(box, { target: { value: text } });
  fireEvent.keyDown(box, { key: 'Enter' });
}

function signAs(name: string) {
  fireEvent.change(panel().getByLabelText('Votre nom (il signe vos remarques)'), { target: { value: name } });
  fireEvent.click(panel().getByRole('button', { name: 'Retenir ce nom' }));
}

async function remark(on: string, text: string) {
  fireEvent.change(panel().getByLabelText('Sur'), { target: { value: on } });
  fireEvent.change(panel().getByLabelText('Remarque'), { target: { value: text } });
  fireEvent.click(panel().getByRole('button', { name: 'Ajouter la remarque' }));
  await panel().findByText(text);
}

function file(name: string, text: string): File {
  return new File([text], name, { type: 'application/json' });
}

describe('remarks in the editor', () => {
  it('a remark on a selected node: badge, panel, undo and redo, resolution with its note, saved with the draft', async () => {
    await withDraft();
    await openEditor();
    signAs('Fédération — Mme Roux');
    expect(localStorage.getItem('logigramme.author')).toBe('Fédération — Mme Roux');
    search('peinture et carrosserie');
    await waitFor(() => expect((panel().getByLabelText('Sur') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('tâche « Peinture et carrosserie »'));
    await remark('node:carrosserie', 'Part de 30 % à justifier par les relevés.');
    expect(panel().getByTestId('comments-summary').textContent).toBe('1 discussion ouverte sur 1');
    const badge = await screen.findByRole('img', { name: '1 remarque ouverte' });
    expect(badge.closest('.react-flow__node')?.getAttribute('data-id')).toBe('carrosserie');

    // One undoable step, like any edit.
    fireEvent.click(screen.getByRole('button', { name: /Annuler/ }));
    await waitFor(() => expect(panel().getByTestId('comments-summary').textContent).toBe('Aucune remarque pour l’instant.'));
    expect(screen.queryByRole('img', { name: /remarque ouverte/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Rétablir/ }));
    await panel().findByText('Part de 30 % à justifier par les relevés.');

    fireEvent.click(panel().getByRole('button', { name: 'Marquer comme traitée la remarque de Fédération — Mme Roux sur tâche « Peinture et carrosserie »' }));
    fireEvent.change(panel().getByLabelText('Comment la remarque a été traitée'), { target: { value: 'Relevés de 2025 ajoutés en annexe.' } });
    fireEvent.click(panel().getByRole('button', { name: 'Enregistrer la réponse' }));
    await waitFor(() => expect(panel().getByTestId('comments-summary').textContent).toBe('0 discussion ouverte sur 1'));
    expect(panel().queryByText('Part de 30 % à justifier par les relevés.')).toBeNull();
    fireEvent.click(panel().getByLabelText('Ouvertes seulement'));
    expect(panel().getByText(/Traitée par Fédération — Mme Roux le .* : Relevés de 2025 ajoutés en annexe\./)).toBeTruthy();
    await waitFor(async () => {
      const saved = (await db.drafts.get('exemple-atelier'))!.graph.comments ?? [];
      expect(saved.map((x) => [x.anchor, threadStatus(x), x.history[0]?.note])).toEqual([[{ on: 'node', node: 'carrosserie', label: 'Peinture et carrosserie' }, 'resolved', 'Relevés de 2025 ajoutés en annexe.']]);
    });
  });

  it('a published version is commented beside it: its record never changes', async () => {
    const before = structuredClone(await db.referentials.get(KEY));
    await openEditor();
    await screen.findByRole('button', { name: 'Créer la version 1.1.0' });
    expect(screen.getByTestId('comments-panel').getAttribute('data-mode')).toBe('version');
    signAs('INRS — M. Petit');
    await remark('referential', 'Justifier l’exclusion des vibrations.');
    await waitFor(async () => expect((await db.versionComments.get(KEY))?.threads.map((x) => x.text)).toEqual(['Justifier l’exclusion des vibrations.']));
    expect(await db.referentials.get(KEY)).toEqual(before);
    expect(await db.drafts.count()).toBe(0);
  });

  it('imports a reviewer’s file onto the draft: added, a remark on a removed element shown as « élément supprimé », refusals with their place', async () => {
    const graph = await withDraft();
    const threads: CommentThread[] = [
      { id: 'c-1', anchor: { on: 'node', node: 'carrosserie', label: 'Peinture et carrosserie' }, author: 'INRS', date: '2026-03-02T09:30:00Z', text: 'Durée à justifier.', replies: [], history: [] },
      { id: 'c-2', anchor: { on: 'node', node: 'ancienne-tache', label: 'Ancienne tâche' }, author: 'INRS', date: '2026-03-02T09:31:00Z', text: 'À supprimer ?', replies: [], history: [] },
    ];
    const data = exportComments(threads, { id: 'exemple-atelier', version: '1.0.0', contentHash: graph.base!.contentHash }, { author: 'INRS' });
    const broken = JSON.parse(JSON.stringify(data)) as { comments: Array<Record<string, unknown>> };
    broken.comments.push({ id: 'c-3', anchor: { on: 'referential' }, author: 'INRS', date: 'hier', text: 'x', replies: [], history: [] });
    await openEditor();
    fireEvent.change(panel().getByLabelText('Importer des commentaires (fichier JSON)'), { target: { files: [file('inrs.json', JSON.stringify(broken))] } });
    const report = await screen.findByText('Import de « inrs.json »');
    const box = within(report.closest('div')!);
    expect(box.getByText('2 discussions ajoutées.')).toBeTruthy();
    expect(box.getByText(/1 discussion porte sur un élément supprimé depuis : elle est gardée/)).toBeTruthy();
    expect(box.getByText('1 discussion refusée.')).toBeTruthy();
    expect(box.getByRole('table', { name: 'Discussions refusées et pourquoi' }).textContent).toContain('$.comments[2].date');
    expect(panel().getByText('élément supprimé — élément « Ancienne tâche »')).toBeTruthy();
    // Imported onto the draft of the version the remarks were written on (its recorded base).
    await waitFor(async () => expect(((await db.drafts.get('exemple-atelier'))!.graph.comments ?? []).map((x) => x.id)).toEqual(['c-1', 'c-2']));
  });
});

describe('the merge of a colleague’s logigramme', () => {
  it('finds the stored version both started from, shows the conflict side by side, and applies the choice as one step', async () => {
    const graph = await withDraft();
    const ours = structuredClone(graph);
    applyCommand(ours, { type: 'node/update', id: 'carrosserie', changes: { label: 'Carrosserie (notre libellé)' } });
    await db.drafts.update('exemple-atelier', { graph: ours });
    const theirs = structuredClone(graph);
    applyCommand(theirs, { type: 'node/update', id: 'carrosserie', changes: { label: 'Carrosserie et peinture' } });
    applyCommand(theirs, { type: 'node/update', id: 'maintenance-nuit', changes: { label: 'Maintenance de nuit des lignes' } });
    await openEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Fusionner le fichier d’un collègue' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Fusionner le fichier d’un collègue' }));
    fireEvent.change(dialog.getByLabelText('Logigramme du collègue (fichier JSON)'), { target: { files: [file('collegue.graph.json', exportGraph(theirs).text)] } });
    await dialog.findByText('Version de départ commune retrouvée : celle dont les deux logigrammes sont partis.');
    expect(dialog.getByTestId('merge-pending').textContent).toBe('1 conflit : choisissez pour chacun la version à garder. Il reste 1 conflit à trancher.');
    const conflict = within(dialog.getByRole('group', { name: /Tâche « Carrosserie \(notre libellé\) » : libellé/ }));
    expect(conflict.getAllByRole('cell').map((c) => c.textContent)).toEqual(['« Peinture et carrosserie »', '« Carrosserie (notre libellé) »', '« Carrosserie et peinture »']);
    const apply = dialog.getByRole('button', { name: 'Appliquer la fusion' });
    expect((apply as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(conflict.getByLabelText('Prendre celle du collègue'));
    await waitFor(() => expect(dialog.getByTestId('merge-pending').textContent).toContain('Tous les conflits sont tranchés.'));
    fireEvent.click(apply);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('editor-status').textContent).toMatch(/^Fusion appliquée en une étape \(Ctrl\+Z l’annule\) : 1 conflit tranché\. Vérification relancée ; scénarios : \d+ sur 5 conformes\.$/);
    await waitFor(async () => {
      const saved = (await db.drafts.get('exemple-atelier'))!.graph;
      expect(saved.nodes.filter((n) => n.id === 'carrosserie' || n.id === 'maintenance-nuit').map((n) => (n.kind === 'task' ? n.label : ''))).toEqual(['Carrosserie et peinture', 'Maintenance de nuit des lignes']);
    });
    // One step: undo brings our version back whole.
    fireEvent.click(screen.getByRole('button', { name: /Annuler/ }));
    await waitFor(async () => {
      const saved = (await db.drafts.get('exemple-atelier'))!.graph;
      expect(saved.nodes.filter((n) => n.id === 'carrosserie' || n.id === 'maintenance-nuit').map((n) => (n.kind === 'task' ? n.label : ''))).toEqual(['Carrosserie (notre libellé)', 'Maintenance des lignes la nuit']);
    });
  });

  it('asks for the common base when none is known, and refuses a file that is not a logigramme', async () => {
    const graph = await withDraft();
    const theirs = structuredClone(graph);
    delete theirs.base;
    applyCommand(theirs, { type: 'node/update', id: 'carrosserie', changes: { label: 'Carrosserie et peinture' } });
    await db.drafts.update('exemple-atelier', { graph: { ...graph, base: undefined } as GraphDocument });
    await openEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Fusionner le fichier d’un collègue' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText('Logigramme du collègue (fichier JSON)'), { target: { files: [file('referentiel.json', SAMPLE_TEXT)] } });
    await dialog.findByText(/Ce fichier n’est pas un logigramme/);
    fireEvent.change(dialog.getByLabelText('Logigramme du collègue (fichier JSON)'), { target: { files: [file('collegue.graph.json', exportGraph(theirs).text)] } });
    await dialog.findByText('Version de départ commune introuvable');
    expect(dialog.getByText(/Aucun des deux logigrammes n’indique la version dont il est parti/)).toBeTruthy();
    fireEvent.change(dialog.getByLabelText('Version de départ commune (logigramme ou référentiel, fichier JSON)'), { target: { files: [file('exemple-atelier.json', SAMPLE_TEXT)] } });
    await dialog.findByText('Version de départ commune : le fichier « exemple-atelier.json ».');
    expect(dialog.getByTestId('merge-pending').textContent).toBe('Aucun conflit : les modifications des deux côtés sont compatibles.');
    fireEvent.click(dialog.getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

describe('the dossier’s annex', () => {
  it('prints, when asked, the remarks received on the version and how each was addressed', async () => {
    const at = { id: 'exemple-atelier', version: '1.0.0' };
    await changeVersionThreads(db, at, (t) => ({ ok: true, value: [...t, { id: 'c-2', anchor: { on: 'node', node: 'carrosserie', label: 'Peinture et carrosserie' }, author: 'INRS', date: '2026-03-02T09:30:00Z', text: 'Durée à justifier.', replies: [], history: [{ id: 'e-1', action: 'resolved', author: 'Branche', date: '2026-03-03T09:30:00Z', note: 'Relevés joints.' }] }] }));
    await changeVersionThreads(db, at, (t) => ({ ok: true, value: [...t, { id: 'c-1', anchor: { on: 'referential' }, author: 'DGT', date: '2026-03-02T10:30:00Z', text: 'Périmètre à préciser.', replies: [], history: [] }] }));
    render(
      <DbContext.Provider value={db}>
        <DossierScreen recordKey={KEY} />
      </DbContext.Provider>,
    );
    const box = await screen.findByLabelText(/Imprimer en annexe les remarques reçues et leur traitement \(2 remarques reçues, dont 1 encore ouverte\)/);
    expect(screen.queryByTestId('dossier-annex')).toBeNull();
    act(() => box.click());
    const annex = within(await screen.findByTestId('dossier-annex'));
    const rows = annex.getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toHaveLength(2);
    // The referential as a whole first, then by element label.
    expect(rows[0]![0]).toContain('Référentiel « Atelier de maintenance — référentiel d’exemple »');
    expect(rows[0]![2]).toBe('En attente de traitement');
    expect(rows[1]![0]).toBe('Tâche « Peinture et carrosserie »');
    expect(rows[1]![1]).toContain('Durée à justifier.');
    expect(rows[1]![2]).toMatch(/^Traitée par Branche le .*Relevés joints\.$/);
  });
});
