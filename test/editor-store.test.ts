import { describe, expect, it } from 'vitest';
import { compile, contentHash, type GraphDocument } from '../src/core/index.ts';
import { layoutGraph } from '../src/core/layout.ts';
import type { GraphCommand } from '../src/core/graph/commands/index.ts';
import { EditorStore } from '../src/ui/editor/store.ts';
import { fixture } from './commands/fixture.ts';

/*
 * The editor store: every kind of edit goes through produceWithPatches and comes back with undo, then
 * forward with redo; a gesture is one step; a read-only draft refuses everything with a French reason.
 */

function storeWith(graph: GraphDocument = fixture(), now = () => 0) {
  const changes: GraphDocument[] = [];
  const store = new EditorStore(graph, { onChange: (g) => changes.push(g), now });
  return { store, changes };
}

describe('the editor store', () => {
  it('undoes and redoes every kind of edit, one step each, back to the exact graph', async () => {
    const start = fixture();
    const { store, changes } = storeWith(start);
    const edits: Array<[GraphCommand, string]> = [
      [{ type: 'node/add', node: { id: 'j2', kind: 'job', label: 'Soudeur' }, position: { x: 0, y: 400 } }, 'ajouter un poste'],
      [{ type: 'node/add', node: { id: 't3', kind: 'task', label: 'Soudure' }, position: { x: 300, y: 400 } }, 'ajouter une tâche'],
      [{ type: 'edge/add', edge: { id: 't3.weighting', kind: 'weighting', source: 'j2', target: 't3', share: 100 } }, 'relier'],
      [{ type: 'edge/add', edge: { id: 't3.entry', kind: 'entry', source: 't3', target: 's2' } }, 'relier'],
      [{ type: 'node/update', id: 'j2', changes: { label: 'Soudeur TIG', description: 'Atelier' } }, 'libellé'],
      // A table edit: a duration of a situation, as the table view sends it.
      [{ type: 'node/update', id: 's2', changes: { exposures: [{ factor: 'noise', criterion: 'daily_level', intensity: [{ quantity: 'sound_level', value: 88, unit: 'dB(A)' }], duration: { value: 2, unit: 'h/day' }, conclusion: 'exposed' }] } }, 'tableau'],
      [{ type: 'edge/update', id: 't2.weighting', changes: { share: 30 } }, 'part (tableau)'],
      [{ type: 'question/add', question: { id: 'q-new', label: 'Nouveau', scope: 'company', type: 'boolean' } }, 'critère'],
      [{ type: 'question/update', id: 'q-new', question: { id: 'q-new', label: 'Travail en hauteur ?', scope: 'employee', type: 'boolean' } }, 'critère'],
      [{ type: 'measure/add', measure: { id: 'm-2', label: 'Casque', kind: 'individual' } }, 'mesure'],
      [{ type: 'measure/update', id: 'm-2', measure: { id: 'm-2', label: 'Casque antibruit', kind: 'individual' } }, 'mesure'],
      [{ type: 'referential/update', changes: { regulation: '2017-10-01', factors: { retained: ['noise', 'night_work'], excluded: [] } } }, 'référentiel'],
      [{ type: 'node/move', positions: { j1: { x: -50, y: -50 } } }, 'déplacer'],
      [{ type: 'node/collapse', id: 'j1', collapsed: true }, 'replier'],
      [{ type: 'nodes/paste', clip: { nodes: [{ id: 's3', kind: 'situation', label: 'Carrosserie', exposures: [] }], edges: [], layout: { s3: { x: 0, y: 0 } } }, ids: { s3: 's3-copie' }, edgeIds: {}, offset: { x: 40, y: 40 } }, 'coller'],
      [{ type: 'layout/apply', positions: await layoutGraph(fixture()) }, 'disposition automatique'],
      [{ type: 'edge/remove', ids: ['n-q.branch.1'] }, 'supprimer une liaison'],
      [{ type: 'measure/remove', id: 'm-2' }, 'retirer la mesure'],
      [{ type: 'question/remove', id: 'q-new' }, 'retirer le critère'],
      [{ type: 'node/remove', ids: ['note-1'] }, 'supprimer'],
      [{ type: 'node/remove-subtree', id: 'j2' }, 'supprimer la suite'],
    ];
    const states: GraphDocument[] = [store.graph];
    for (const [command, label] of edits) {
      expect(store.execute(command, label)).toEqual({ ok: true, changed: true });
      states.push(store.graph);
    }
    expect(store.history).toHaveLength(edits.length);
    expect(changes).toHaveLength(edits.length);
    expect(store.getSnapshot().undoLabel).toBe('supprimer la suite');

    for (let k = edits.length - 1; k >= 0; k--) {
      expect(store.getSnapshot().undoLabel).toBe(edits[k]![1]);
      expect(store.undo()).toEqual({ ok: true, changed: true });
      expect(store.graph).toEqual(states[k]);
    }
    expect(store.graph).toEqual(start);
    expect(store.getSnapshot().canUndo).toBe(false);
    expect(store.undo()).toEqual({ ok: true, changed: false });

    for (let k = 1; k <= edits.length; k++) {
      expect(store.redo()).toEqual({ ok: true, changed: true });
      expect(store.graph).toEqual(states[k]);
    }
    expect(store.getSnapshot().canRedo).toBe(false);
    // Every undo and redo was saved as well.
    expect(changes).toHaveLength(3 * edits.length);
    expect(changes.at(-1)).toBe(store.graph);
  });

  it('refuses a command canApply refuses, with the checker’s message, and changes nothing', () => {
    const { store, changes } = storeWith();
    const before = store.graph;
    const outcome = store.execute({ type: 'edge/add', edge: { id: 'x', kind: 'entry', source: 't1', target: 's3' } }, 'relier');
    expect(outcome).toMatchObject({ ok: false, code: 'structure.task_several_entries' });
    expect(!outcome.ok && outcome.message).toContain('points d’entrée');
    expect(store.graph).toBe(before);
    expect(store.history).toHaveLength(0);
    expect(changes).toHaveLength(0);
  });

  it('runs several commands as one step, all or nothing', () => {
    const { store } = storeWith();
    const before = store.graph;
    const ok = store.executeAll(
      [
        { type: 'question/add', question: { id: 'q-x', label: 'Nouveau critère', scope: 'company', type: 'boolean' } },
        { type: 'node/add', node: { id: 'n-x', kind: 'question', question: 'q-x' }, position: { x: 0, y: 0 } },
      ],
      'ajouter un critère',
    );
    expect(ok).toEqual({ ok: true, changed: true });
    expect(store.history).toHaveLength(1);
    store.undo();
    expect(store.graph).toEqual(before);
    const refused = store.executeAll(
      [
        { type: 'node/add', node: { id: 'n-y', kind: 'job', label: 'Y' }, position: { x: 0, y: 0 } },
        { type: 'node/add', node: { id: 'n-y', kind: 'job', label: 'Y again' }, position: { x: 0, y: 0 } },
      ],
      'deux',
    );
    expect(refused).toMatchObject({ ok: false, code: 'structure.duplicate_id' });
    expect(store.graph).toEqual(before);
  });

  it('groups a gesture into one step, and merges arrow-key nudges close in time', () => {
    let t = 0;
    const { store } = storeWith(fixture(), () => t);
    const start = store.graph;
    store.beginGesture('déplacer 2 nœuds');
    for (let i = 1; i <= 5; i++) store.execute({ type: 'node/move', positions: { j1: { x: i * 10, y: 0 }, t1: { x: 300 + i * 10, y: 0 } } }, 'déplacer');
    store.endGesture();
    expect(store.history).toHaveLength(1);
    expect(store.history[0]!.label).toBe('déplacer 2 nœuds');
    store.undo();
    expect(store.graph).toEqual(start);
    store.redo();
    expect(store.graph.layout.nodes.j1).toEqual({ x: 50, y: 0 });

    const afterDrag = store.graph;
    for (let i = 0; i < 4; i++) {
      t += 200;
      store.execute({ type: 'node/move', positions: { j1: { x: 50 + 5 * (i + 1), y: 0 } } }, 'déplacer', { mergeKey: 'nudge' });
    }
    expect(store.history).toHaveLength(2);
    t += 5000;
    store.execute({ type: 'node/move', positions: { j1: { x: 0, y: 0 } } }, 'déplacer', { mergeKey: 'nudge' });
    expect(store.history).toHaveLength(3);
    store.undo();
    store.undo();
    expect(store.graph).toEqual(afterDrag);
  });

  it('keeps the redo stack when nothing changes, and clears it on a new edit', () => {
    const { store } = storeWith();
    store.execute({ type: 'node/update', id: 'j1', changes: { label: 'A' } }, 'a');
    store.undo();
    expect(store.getSnapshot().canRedo).toBe(true);
    // Setting what is already there is no step (and no lost redo).
    expect(store.execute({ type: 'node/update', id: 'j1', changes: { label: 'Mécanicien' } }, 'rien')).toEqual({ ok: true, changed: false });
    expect(store.getSnapshot().canRedo).toBe(true);
    store.execute({ type: 'node/update', id: 'j1', changes: { label: 'B' } }, 'b');
    expect(store.getSnapshot().canRedo).toBe(false);
  });

  it('refuses every command, undo and redo on a read-only draft, in French', () => {
    const { store, changes } = storeWith();
    store.execute({ type: 'node/update', id: 'j1', changes: { label: 'A' } }, 'a');
    store.setReadOnly(true);
    const before = store.graph;
    for (const outcome of [
      store.execute({ type: 'node/move', positions: { j1: { x: 1, y: 1 } } }, 'déplacer'),
      store.executeAll([{ type: 'node/remove', ids: ['j1'] }], 'supprimer'),
      store.undo(),
      store.redo(),
    ]) {
      expect(outcome).toEqual({ ok: false, code: 'editor.read_only', message: 'Modification refusée : ce brouillon est en lecture seule (en relecture, déposé ou publié).' });
    }
    expect(store.check({ type: 'node/remove', ids: ['j1'] })).toMatchObject({ ok: false, code: 'editor.read_only' });
    expect(store.getSnapshot()).toMatchObject({ readOnly: true, canUndo: false, canRedo: false });
    expect(store.graph).toBe(before);
    expect(changes).toHaveLength(1);
    store.setReadOnly(false);
    expect(store.undo()).toEqual({ ok: true, changed: true });
  });

  it('layout and moves never change the compiled referential', async () => {
    const { store } = storeWith();
    const hash = contentHash(compile(store.graph).referential);
    store.execute({ type: 'layout/apply', positions: await layoutGraph(store.graph) }, 'disposition');
    store.execute({ type: 'node/move', positions: { s1: { x: 3, y: 4 } } }, 'déplacer');
    expect(contentHash(compile(store.graph).referential)).toBe(hash);
  });

  it('indexes nodes and edges per change for the canvas', () => {
    const { store } = storeWith();
    expect(store.nodeById('t1')).toMatchObject({ label: 'Moteurs' });
    expect(store.edgesFrom('j1').map((e) => e.id)).toEqual(['t1.weighting', 't2.weighting']);
    expect(store.edgesTo('s1').map((e) => e.id)).toEqual(['n-q.branch.1', 'n-m.applied']);
    store.execute({ type: 'edge/remove', ids: ['n-m.applied'] }, 'x');
    expect(store.edgesTo('s1').map((e) => e.id)).toEqual(['n-q.branch.1']);
  });
});
