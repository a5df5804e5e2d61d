import { describe, expect, it } from 'vitest';
import { checkGraph, compile, type GraphDocument } from '../../src/core/index.ts';
import { connectCommand } from '../../src/core/graph/commands/index.ts';
import { applyUndoRedo, fixture, refusal } from './fixture.ts';

/** The fixture with a second job and task, and a boolean question node not yet linked. */
function withSpare(): GraphDocument {
  const g = fixture();
  g.nodes.push({ id: 'j2', kind: 'job', label: 'Soudeur' }, { id: 't3', kind: 'task', label: 'Soudure' }, { id: 'n-b', kind: 'question', question: 'q-bool' }, { id: 'n-n', kind: 'question', question: 'q-num' });
  return g;
}

describe('edge/add', () => {
  it('adds each kind of meaningful edge', () => {
    const g0 = withSpare();
    const g1 = applyUndoRedo(g0, { type: 'edge/add', edge: { id: 't3.weighting', kind: 'weighting', source: 'j2', target: 't3', share: 100 } }, (g) => {
      expect(compile(g).referential.jobs.find((j) => j.id === 'j2')?.tasks).toEqual([{ id: 't3', label: 'Soudure', defaultShare: 100, entry: '' }]);
    });
    const g2 = applyUndoRedo(g1, { type: 'edge/add', edge: { id: 't3.entry', kind: 'entry', source: 't3', target: 'n-b' } }, (g) => {
      expect(g.edges.at(-1)).toMatchObject({ kind: 'entry', source: 't3', target: 'n-b' });
    });
    const g3 = applyUndoRedo(g2, { type: 'edge/add', edge: { id: 'n-b.branch.0', kind: 'branch', source: 'n-b', target: 's2', when: { is: true } } }, (g) => {
      expect(g.edges.at(-1)).toMatchObject({ when: { is: true } });
    });
    applyUndoRedo(g3, { type: 'edge/add', edge: { id: 'n-n.branch.0', kind: 'branch', source: 'n-n', target: 's2', when: { min: 0, max: 20 } } }, (g) => {
      expect(g.edges.at(-1)).toMatchObject({ when: { min: 0, max: 20 } });
    });
  });

  it('refuses an edge that means nothing, with the checker’s own rule', () => {
    const r = refusal(withSpare(), { type: 'edge/add', edge: { id: 'x', kind: 'weighting', source: 'j2', target: 's1', share: 10 } });
    expect(r.code).toBe('structure.invalid_edge');
    expect(r.params).toEqual({ kind: 'weighting', source: 'job', target: 'situation' });
  });

  it('refuses a second entry, a second job, a second applied branch — what the checker would flag', () => {
    const g = withSpare();
    const entry = { id: 'x', kind: 'entry', source: 't1', target: 's3' } as const;
    const r = refusal(g, { type: 'edge/add', edge: entry });
    expect(r.code).toBe('structure.task_several_entries');
    expect(r.params).toEqual({ count: 2 });
    // Forced in, the checker reports the same rule on the same node.
    const forced = { ...g, edges: [...g.edges, entry] };
    expect(checkGraph(forced).findings.some((f) => f.code === 'structure.task_several_entries' && f.element === 't1')).toBe(true);

    expect(refusal(g, { type: 'edge/add', edge: { id: 'x', kind: 'weighting', source: 'j2', target: 't1', share: 50 } })).toMatchObject({ code: 'structure.task_several_jobs', params: { jobs: 'Mécanicien, Soudeur' } });
    expect(refusal(g, { type: 'edge/add', edge: { id: 'x', kind: 'measure', source: 'n-m', target: 's3', applied: true } }).code).toBe('structure.measure_branch_twice');
  });

  it('refuses branches that do not fit the question: type, unknown or repeated answer, overlapping range', () => {
    const g = withSpare();
    expect(refusal(g, { type: 'edge/add', edge: { id: 'x', kind: 'branch', source: 'n-q', target: 's3', when: { is: true } } }).code).toBe('structure.branch_type');
    expect(refusal(g, { type: 'edge/add', edge: { id: 'x', kind: 'branch', source: 'n-q', target: 's3', when: { oneOf: ['z'] } } }).code).toBe('structure.unknown_answer');
    const dup = refusal(g, { type: 'edge/add', edge: { id: 'x', kind: 'branch', source: 'n-q', target: 's3', when: { oneOf: ['b'] } } });
    expect(dup.code).toBe('structure.branch_duplicate_answer');
    expect(dup.params).toEqual({ question: 'Activité', answer: 'Chantier', type: 'choice' });
    const g2 = { ...g, edges: [...g.edges, { id: 'r0', kind: 'branch' as const, source: 'n-n', target: 's1', when: { min: 0, max: 20 } }] };
    expect(refusal(g2, { type: 'edge/add', edge: { id: 'x', kind: 'branch', source: 'n-n', target: 's2', when: { min: 10 } } }).code).toBe('structure.range_overlap');
  });

  it('refuses loops, self-links, unknown ends, duplicate ids', () => {
    const g = withSpare();
    expect(refusal(g, { type: 'edge/add', edge: { id: 'x', kind: 'measure', source: 'n-m', target: 'n-q', applied: true } }).code).toBe('structure.measure_branch_twice');
    const g2 = { ...g, edges: g.edges.filter((e) => e.id !== 'n-m.applied') };
    expect(refusal(g2, { type: 'edge/add', edge: { id: 'x', kind: 'measure', source: 'n-m', target: 'n-q', applied: true } }).code).toBe('structure.cycle');
    expect(refusal(g, { type: 'edge/add', edge: { id: 'x', kind: 'branch', source: 'n-b', target: 'n-b', when: { is: true } } }).code).toBe('command.self_loop');
    expect(refusal(g, { type: 'edge/add', edge: { id: 'x', kind: 'entry', source: 't3', target: 'nope' } }).code).toBe('structure.dangling_edge');
    expect(refusal(g, { type: 'edge/add', edge: { id: 't1.entry', kind: 'entry', source: 't3', target: 's1' } }).code).toBe('structure.duplicate_id');
  });
});

describe('connectCommand (a drawn connection)', () => {
  it('gives a weighting the job’s remaining share, a branch the first free answer, a measure edge its handle’s side', () => {
    const g = withSpare();
    const w = connectCommand(g, { source: 'j2', target: 't3' }, 'e1');
    expect(w.ok && w.command.edge).toEqual({ id: 'e1', kind: 'weighting', source: 'j2', target: 't3', share: 100 });
    const b = connectCommand(g, { source: 'n-b', target: 's1' }, 'e2');
    expect(b.ok && b.command.edge).toMatchObject({ kind: 'branch', when: { is: true } });
    const n = connectCommand(g, { source: 'n-n', target: 's1' }, 'e3');
    expect(n.ok && n.command.edge).toMatchObject({ kind: 'branch', when: { min: 0 } });
    const full = connectCommand(g, { source: 'n-q', target: 's3' }, 'e4');
    expect(full.ok).toBe(false);
    expect(!full.ok && full.code).toBe('command.all_answers_covered');
    const m = connectCommand({ ...g, edges: g.edges.filter((e) => e.id !== 'n-m.not-applied') }, { source: 'n-m', target: 's3', sourceHandle: 'notApplied' }, 'e5');
    expect(m.ok && m.command.edge).toMatchObject({ kind: 'measure', applied: false });
  });

  it('refuses from a situation, with the reason', () => {
    const r = connectCommand(withSpare(), { source: 's1', target: 't3' }, 'e1');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('structure.invalid_edge');
  });
});

describe('edge/remove', () => {
  it('removes edges', () => {
    applyUndoRedo(fixture(), { type: 'edge/remove', ids: ['t2.entry', 'n-m.applied'] }, (g) => {
      expect(g.edges.map((e) => e.id)).toEqual(['t1.weighting', 't2.weighting', 't1.entry', 'n-q.branch.0', 'n-q.branch.1', 'n-m.not-applied']);
    });
    expect(refusal(fixture(), { type: 'edge/remove', ids: ['nope'] }).code).toBe('command.edge_not_found');
  });
});

describe('edge/update', () => {
  it('changes a share, and the job’s weightings stop summing to 100 %', () => {
    applyUndoRedo(fixture(), { type: 'edge/update', id: 't2.weighting', changes: { share: 30 } }, (g) => {
      expect(checkGraph(g).findings.find((f) => f.code === 'structure.weightings_sum')?.params).toEqual({ job: 'Mécanicien', sum: 90 });
    });
  });

  it('changes a condition, a measure side, a target', () => {
    const g0 = fixture();
    applyUndoRedo(fixture(), { type: 'edge/update', id: 'n-q.branch.1', changes: { target: 's2' } }, (g) => {
      expect(g.edges.find((e) => e.id === 'n-q.branch.1')).toMatchObject({ target: 's2', when: { oneOf: ['b'] } });
    });
    const oneBranch = { ...g0, edges: g0.edges.filter((e) => e.id !== 'n-q.branch.1' && e.id !== 'n-m.not-applied') };
    applyUndoRedo(oneBranch, { type: 'edge/update', id: 'n-q.branch.0', changes: { when: { oneOf: ['a', 'b'] } } }, (g) => {
      expect(g.edges.find((e) => e.id === 'n-q.branch.0')).toMatchObject({ when: { oneOf: ['a', 'b'] } });
    });
    applyUndoRedo(oneBranch, { type: 'edge/update', id: 'n-m.applied', changes: { applied: false } }, (g) => {
      expect(g.edges.find((e) => e.id === 'n-m.applied')).toMatchObject({ applied: false });
    });
  });

  it('refuses a share over 100 %, a field the edge has not, a condition another branch has', () => {
    const g = fixture();
    expect(refusal(g, { type: 'edge/update', id: 't2.weighting', changes: { share: 120 } }).code).toBe('command.share_range');
    expect(refusal(g, { type: 'edge/update', id: 't2.weighting', changes: { applied: true } }).code).toBe('command.field_not_allowed');
    expect(refusal(g, { type: 'edge/update', id: 'n-q.branch.1', changes: { when: { oneOf: ['a'] } } }).code).toBe('structure.branch_duplicate_answer');
    expect(refusal(g, { type: 'edge/update', id: 'n-m.applied', changes: { applied: false } }).code).toBe('structure.measure_branch_twice');
  });
});
