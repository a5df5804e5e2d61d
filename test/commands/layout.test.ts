import { describe, expect, it } from 'vitest';
import { compile, contentHash } from '../../src/core/index.ts';
import { layoutGraph } from '../../src/core/layout.ts';
import { applyUndoRedo, fixture, refusal } from './fixture.ts';

describe('layout/apply', () => {
  it('puts nodes where the automatic layout placed them, without changing the referential’s hash', async () => {
    const g0 = fixture();
    const positions = await layoutGraph(g0);
    applyUndoRedo(g0, { type: 'layout/apply', positions }, (g) => {
      for (const id of ['j1', 't1', 's2']) expect(g.layout.nodes[id]).toMatchObject({ x: positions[id]!.x, y: positions[id]!.y });
      // Left to right: the job before its tasks, the tasks before their trees.
      expect(g.layout.nodes.j1!.x).toBeLessThan(g.layout.nodes.t1!.x);
      expect(g.layout.nodes.t1!.x).toBeLessThan(g.layout.nodes['n-q']!.x);
      expect(g.layout.nodes['note-1']).toEqual({ x: 0, y: 300, color: '#ffd' });
      expect(contentHash(compile(g).referential)).toBe(contentHash(compile(g0).referential));
    });
  });

  it('ignores nodes removed while the layout ran, and changes the direction', () => {
    applyUndoRedo(fixture(), { type: 'layout/apply', positions: { gone: { x: 1, y: 1 }, j1: { x: 9, y: 9 } }, direction: 'DOWN' }, (g) => {
      expect(g.layout.nodes.gone).toBeUndefined();
      expect(g.layout.nodes.j1).toEqual({ x: 9, y: 9 });
      expect(g.layout.direction).toBe('DOWN');
    });
  });

  it('refuses an empty layout', () => {
    expect(refusal(fixture(), { type: 'layout/apply', positions: {} }).code).toBe('command.empty');
  });
});
