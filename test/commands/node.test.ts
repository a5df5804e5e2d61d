import { describe, expect, it } from 'vitest';
import { checkGraph, compile } from '../../src/core/index.ts';
import { collapsedHidden, subtreeIds } from '../../src/core/graph/commands/index.ts';
import { applyUndoRedo, fixture, refusal } from './fixture.ts';

describe('node/add', () => {
  it('adds a node and its position', () => {
    applyUndoRedo(fixture(), { type: 'node/add', node: { id: 'j2', kind: 'job', label: 'Soudeur' }, position: { x: 10, y: 20 } }, (g) => {
      expect(g.nodes.at(-1)).toEqual({ id: 'j2', kind: 'job', label: 'Soudeur' });
      expect(g.layout.nodes.j2).toEqual({ x: 10, y: 20 });
    });
  });

  it('refuses an id already used, in the node or catalogue namespace, with the checker’s rule', () => {
    const g = fixture();
    expect(refusal(g, { type: 'node/add', node: { id: 't1', kind: 'task', label: 'x' }, position: { x: 0, y: 0 } }).code).toBe('structure.duplicate_id');
    const r = refusal(g, { type: 'node/add', node: { id: 'q-bool', kind: 'job', label: 'x' }, position: { x: 0, y: 0 } });
    expect(r).toMatchObject({ code: 'structure.duplicate_id', params: { id: 'q-bool' } });
    expect(refusal(g, { type: 'node/add', node: { id: 'bad id', kind: 'job', label: 'x' }, position: { x: 0, y: 0 } }).code).toBe('command.invalid_id');
  });

  it('refuses a question node asking a question the catalogue lacks', () => {
    const r = refusal(fixture(), { type: 'node/add', node: { id: 'n-x', kind: 'question', question: 'q-nope' }, position: { x: 0, y: 0 } });
    expect(r.code).toBe('structure.unknown_question');
    expect(r.params).toEqual({ question: 'q-nope' });
  });
});

describe('node/remove', () => {
  it('removes nodes with their edges, layout and group membership', () => {
    const g0 = fixture();
    g0.nodes.push({ id: 'grp', kind: 'group', label: 'Groupe', members: ['s1', 's2'] });
    applyUndoRedo(g0, { type: 'node/remove', ids: ['s1'] }, (g) => {
      expect(g.nodes.some((n) => n.id === 's1')).toBe(false);
      expect(g.edges.map((e) => e.id)).toEqual(['t1.weighting', 't2.weighting', 't1.entry', 't2.entry', 'n-q.branch.0', 'n-m.not-applied']);
      expect(g.layout.nodes.s1).toBeUndefined();
      expect(g.nodes.find((n) => n.id === 'grp')).toMatchObject({ members: ['s2'] });
    });
  });

  it('refuses an unknown node', () => {
    expect(refusal(fixture(), { type: 'node/remove', ids: ['nope'] }).code).toBe('command.node_not_found');
    expect(refusal(fixture(), { type: 'node/remove', ids: [] }).code).toBe('command.empty');
  });
});

describe('node/remove-subtree', () => {
  it('removes a job, its tasks and their trees', () => {
    const g0 = fixture();
    expect(subtreeIds(g0, 'j1')).toEqual(['j1', 't1', 't2', 'n-q', 's3', 'n-m', 's1', 's2']);
    applyUndoRedo(g0, { type: 'node/remove-subtree', id: 'j1' }, (g) => {
      expect(g.nodes.map((n) => n.id)).toEqual(['note-1']);
      expect(g.edges).toEqual([]);
    });
  });

  it('keeps what another task still uses', () => {
    const g0 = fixture();
    g0.nodes.push({ id: 'j2', kind: 'job', label: 'Autre' }, { id: 't3', kind: 'task', label: 'Autre tâche' });
    g0.edges.push({ id: 't3.weighting', kind: 'weighting', source: 'j2', target: 't3', share: 100 }, { id: 't3.entry', kind: 'entry', source: 't3', target: 's1' });
    expect(subtreeIds(g0, 'j1')).toEqual(['j1', 't1', 't2', 'n-q', 's3', 'n-m', 's2']);
    applyUndoRedo(g0, { type: 'node/remove-subtree', id: 'j1' }, (g) => {
      expect(g.nodes.map((n) => n.id)).toEqual(['s1', 'note-1', 'j2', 't3']);
    });
  });
});

describe('node/update', () => {
  it('changes a label and removes an optional description', () => {
    const g0 = fixture();
    g0.nodes[0] = { id: 'j1', kind: 'job', label: 'Mécanicien', description: 'ancien' };
    applyUndoRedo(g0, { type: 'node/update', id: 'j1', changes: { label: 'Mécanicien PL', description: null } }, (g) => {
      expect(g.nodes[0]).toEqual({ id: 'j1', kind: 'job', label: 'Mécanicien PL' });
    });
  });

  it('changes a situation’s exposures, and the compiled referential follows', () => {
    applyUndoRedo(fixture(), { type: 'node/update', id: 's3', changes: { exposures: [{ factor: 'noise', criterion: 'peak', intensity: [{ quantity: 'peak_level', value: 140, unit: 'dB(C)' }], duration: { value: 200, unit: 'events/year' }, conclusion: 'exposed' }] } }, (g) => {
      expect(compile(g).referential.situations.find((s) => s.id === 's3')?.exposures[0]?.criterion).toBe('peak');
    });
  });

  it('re-points a question node to another catalogue question', () => {
    applyUndoRedo(fixture(), { type: 'node/update', id: 'n-q', changes: { question: 'q-bool' } }, (g) => {
      expect(g.nodes.find((n) => n.id === 'n-q')).toEqual({ id: 'n-q', kind: 'question', question: 'q-bool' });
    });
  });

  it('refuses a field the kind has not, a required field removed, an invalid exposure, an unknown measure', () => {
    const g = fixture();
    expect(refusal(g, { type: 'node/update', id: 'j1', changes: { exposures: [] } }).code).toBe('command.field_not_allowed');
    expect(refusal(g, { type: 'node/update', id: 'j1', changes: { label: null } }).code).toBe('command.invalid_value');
    const bad = refusal(g, { type: 'node/update', id: 's1', changes: { exposures: [{ factor: 'noise', criterion: 'daily_level', intensity: [], duration: { value: -3, unit: 'h/day' }, conclusion: 'exposed' }] } });
    expect(bad.code).toBe('command.invalid_value');
    expect(refusal(g, { type: 'node/update', id: 'n-m', changes: { measure: 'm-nope' } }).code).toBe('structure.unknown_measure');
    expect(refusal(g, { type: 'node/update', id: 'nope', changes: { label: 'x' } }).code).toBe('command.node_not_found');
  });
});

describe('node/move', () => {
  it('moves nodes without changing the compiled referential', () => {
    const g0 = fixture();
    applyUndoRedo(g0, { type: 'node/move', positions: { j1: { x: 5, y: 6 }, 'note-1': { x: 7, y: 8 } } }, (g) => {
      expect(g.layout.nodes.j1).toEqual({ x: 5, y: 6 });
      expect(g.layout.nodes['note-1']).toEqual({ x: 7, y: 8, color: '#ffd' });
      expect(compile(g)).toEqual(compile(g0));
    });
  });

  it('refuses an unknown node', () => {
    expect(refusal(fixture(), { type: 'node/move', positions: { nope: { x: 0, y: 0 } } }).code).toBe('command.node_not_found');
  });
});

describe('node/collapse', () => {
  it('folds a job’s subtree, then unfolds it', () => {
    const folded = applyUndoRedo(fixture(), { type: 'node/collapse', id: 'j1', collapsed: true }, (g) => {
      expect(g.layout.nodes.j1).toEqual({ x: 0, y: 0, collapsed: true });
      expect([...collapsedHidden(g).hidden].sort()).toEqual(['n-m', 'n-q', 's1', 's2', 's3', 't1', 't2']);
      expect(collapsedHidden(g).counts.get('j1')).toBe(7);
    });
    applyUndoRedo(folded, { type: 'node/collapse', id: 'j1', collapsed: false }, (g) => {
      expect(g.layout.nodes.j1).toEqual({ x: 0, y: 0 });
      expect(collapsedHidden(g).hidden.size).toBe(0);
    });
  });

  it('refuses to fold a node that leads nowhere', () => {
    expect(refusal(fixture(), { type: 'node/collapse', id: 's1', collapsed: true }).code).toBe('command.not_collapsible');
  });

  it('never changes what the checker finds', () => {
    const g0 = fixture();
    const folded = applyUndoRedo(g0, { type: 'node/collapse', id: 'j1', collapsed: true }, () => {});
    expect(checkGraph(folded).findings).toEqual(checkGraph(g0).findings);
  });
});
