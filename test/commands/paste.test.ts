import { describe, expect, it } from 'vitest';
import { copyNodes } from '../../src/core/graph/commands/index.ts';
import { applyUndoRedo, fixture, refusal } from './fixture.ts';

describe('nodes/paste', () => {
  it('duplicates nodes and the edges among them under fresh ids, shifted', () => {
    const g0 = fixture();
    const clip = copyNodes(g0, ['n-m', 's1', 's2']);
    expect(clip.edges.map((e) => e.id)).toEqual(['n-m.applied', 'n-m.not-applied']);
    const command = {
      type: 'nodes/paste' as const,
      clip,
      ids: { 'n-m': 'n-m-2', s1: 's1-2', s2: 's2-2' },
      edgeIds: { 'n-m.applied': 'n-m-2.applied', 'n-m.not-applied': 'n-m-2.not-applied' },
      offset: { x: 40, y: 40 },
    };
    const g1 = applyUndoRedo(g0, command, (g) => {
      expect(g.nodes.slice(-3).map((n) => n.id)).toEqual(['n-m-2', 's1-2', 's2-2']);
      expect(g.edges.slice(-2)).toEqual([
        { id: 'n-m-2.applied', kind: 'measure', source: 'n-m-2', target: 's1-2', applied: true },
        { id: 'n-m-2.not-applied', kind: 'measure', source: 'n-m-2', target: 's2-2', applied: false },
      ]);
      expect(g.layout.nodes['s1-2']).toEqual({ x: 1240, y: 40 });
      // The copy is a copy: changing it leaves the original alone.
      expect(g.nodes.find((n) => n.id === 's1-2')).not.toBe(g.nodes.find((n) => n.id === 's1'));
    });
    // The same clipboard twice needs other ids.
    expect(refusal(g1, command).code).toBe('structure.duplicate_id');
  });

  it('keeps group members that were copied with the group', () => {
    const g0 = fixture();
    g0.nodes.push({ id: 'grp', kind: 'group', label: 'Bruit', members: ['s1', 's2'] });
    applyUndoRedo(g0, { type: 'nodes/paste', clip: copyNodes(g0, ['grp', 's1']), ids: { grp: 'grp-2', s1: 's1-2' }, edgeIds: {}, offset: { x: 0, y: 0 } }, (g) => {
      expect(g.nodes.find((n) => n.id === 'grp-2')).toMatchObject({ members: ['s1-2'] });
    });
  });

  it('refuses an empty clipboard, a missing id, a question the catalogue lacks', () => {
    const g = fixture();
    expect(refusal(g, { type: 'nodes/paste', clip: { nodes: [], edges: [], layout: {} }, ids: {}, edgeIds: {}, offset: { x: 0, y: 0 } }).code).toBe('command.nothing_to_paste');
    expect(refusal(g, { type: 'nodes/paste', clip: copyNodes(g, ['s1']), ids: {}, edgeIds: {}, offset: { x: 0, y: 0 } }).code).toBe('command.paste_id_missing');
    const foreign = { nodes: [{ id: 'n', kind: 'question' as const, question: 'q-other' }], edges: [], layout: {} };
    expect(refusal(g, { type: 'nodes/paste', clip: foreign, ids: { n: 'n2' }, edgeIds: {}, offset: { x: 0, y: 0 } }).code).toBe('structure.unknown_question');
  });
});
