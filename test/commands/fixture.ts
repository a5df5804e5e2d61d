import { applyPatches, enablePatches, produceWithPatches } from 'immer';
import { expect } from 'vitest';
import { GRAPH_FORMAT_VERSION, type GraphDocument } from '../../src/core/index.ts';
import { applyCommand, canApply, type GraphCommand } from '../../src/core/graph/commands/index.ts';

enablePatches();

/**
 * A small logigramme every command test starts from: one job with two tasks (60 / 40 %), a choice
 * question leading to a measure and a situation, the measure to two situations, and a note.
 */
export function fixture(): GraphDocument {
  return {
    formatVersion: GRAPH_FORMAT_VERSION,
    kind: 'logigramme',
    referential: {
      id: 'fixture',
      identity: { branch: 'Branche d’essai', title: 'Référentiel d’essai', version: '1.0.0', status: 'draft', authors: ['Tests'], created: '2026-01-01' },
      regulation: '2023-09-01',
      workingYear: { annualHours: 1607, workingDays: 228 },
      factors: { retained: ['noise'], excluded: [] },
      questions: [
        { id: 'q-bool', label: 'Travail de nuit ?', scope: 'employee', type: 'boolean' },
        { id: 'q-choice', label: 'Activité', scope: 'company', type: 'choice', choices: [{ id: 'a', label: 'Atelier' }, { id: 'b', label: 'Chantier' }] },
        { id: 'q-num', label: 'Charge', scope: 'company', type: 'number', unit: 'kg', min: 0 },
      ],
      measures: [{ id: 'm-1', label: 'Encoffrement', kind: 'collective' }],
      scenarios: [],
    },
    nodes: [
      { id: 'j1', kind: 'job', label: 'Mécanicien' },
      { id: 't1', kind: 'task', label: 'Moteurs' },
      { id: 't2', kind: 'task', label: 'Carrosserie' },
      { id: 'n-q', kind: 'question', question: 'q-choice' },
      { id: 'n-m', kind: 'measure', measure: 'm-1' },
      { id: 's1', kind: 'situation', label: 'Bruit protégé', exposures: [{ factor: 'noise', criterion: 'daily_level', intensity: [{ quantity: 'sound_level', value: 78, unit: 'dB(A)' }], duration: { value: 4, unit: 'h/day' }, conclusion: 'not_exposed' }] },
      { id: 's2', kind: 'situation', label: 'Bruit', exposures: [{ factor: 'noise', criterion: 'daily_level', intensity: [{ quantity: 'sound_level', value: 88, unit: 'dB(A)' }], duration: { value: 4, unit: 'h/day' }, conclusion: 'exposed' }] },
      { id: 's3', kind: 'situation', label: 'Carrosserie', exposures: [] },
      { id: 'note-1', kind: 'note', text: 'À revoir' },
    ],
    edges: [
      { id: 't1.weighting', kind: 'weighting', source: 'j1', target: 't1', share: 60 },
      { id: 't2.weighting', kind: 'weighting', source: 'j1', target: 't2', share: 40 },
      { id: 't1.entry', kind: 'entry', source: 't1', target: 'n-q' },
      { id: 't2.entry', kind: 'entry', source: 't2', target: 's3' },
      { id: 'n-q.branch.0', kind: 'branch', source: 'n-q', target: 'n-m', when: { oneOf: ['a'] } },
      { id: 'n-q.branch.1', kind: 'branch', source: 'n-q', target: 's1', when: { oneOf: ['b'] } },
      { id: 'n-m.applied', kind: 'measure', source: 'n-m', target: 's1', applied: true },
      { id: 'n-m.not-applied', kind: 'measure', source: 'n-m', target: 's2', applied: false },
    ],
    layout: {
      direction: 'RIGHT',
      nodes: {
        j1: { x: 0, y: 0 },
        t1: { x: 300, y: 0 },
        t2: { x: 300, y: 200 },
        'n-q': { x: 600, y: 0 },
        'n-m': { x: 900, y: 0 },
        s1: { x: 1200, y: 0 },
        s2: { x: 1200, y: 150 },
        s3: { x: 600, y: 200 },
        'note-1': { x: 0, y: 300, color: '#ffd' },
      },
    },
  };
}

/**
 * The one test shape of every command: apply, assert, undo (Immer's inverse patches), assert the graph
 * is back, redo (the patches), assert again. Returns the graph after the command.
 */
export function applyUndoRedo(graph: GraphDocument, command: GraphCommand, check: (next: GraphDocument) => void): GraphDocument {
  expect(canApply(graph, command)).toEqual({ ok: true });
  const [next, patches, inverse] = produceWithPatches(graph, (draft) => {
    applyCommand(draft, command);
  });
  expect(patches.length).toBeGreaterThan(0);
  check(next);
  const undone = applyPatches(next, inverse);
  expect(undone).toEqual(graph);
  const redone = applyPatches(undone, patches);
  expect(redone).toEqual(next);
  check(redone);
  return next;
}

/** The refusal of a command that must not run. */
export function refusal(graph: GraphDocument, command: GraphCommand) {
  const verdict = canApply(graph, command);
  if (verdict.ok) throw new Error(`expected ${command.type} to be refused`);
  return verdict;
}
