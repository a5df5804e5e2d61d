import { describe, expect, it } from 'vitest';
import { checkGraph, compile } from '../../src/core/index.ts';
import { applyUndoRedo, fixture, refusal } from './fixture.ts';

describe('referential/update', () => {
  it('changes identity, regulation version and working year', () => {
    const g0 = fixture();
    applyUndoRedo(g0, { type: 'referential/update', changes: { identity: { ...g0.referential.identity, title: 'Nouveau titre', idcc: '1404' }, regulation: '2017-10-01', workingYear: { annualHours: 1600, workingDays: 220 } } }, (g) => {
      expect(g.referential.identity.title).toBe('Nouveau titre');
      expect(g.referential.regulation).toBe('2017-10-01');
      expect(g.referential.workingYear).toEqual({ annualHours: 1600, workingDays: 220 });
    });
  });

  it('retains and excludes factors; an exclusion without justification is left to the checker', () => {
    const factors = { retained: ['noise' as const, 'night_work' as const], excluded: [{ factor: 'hyperbaric' as const, justification: '' }] };
    applyUndoRedo(fixture(), { type: 'referential/update', changes: { factors } }, (g) => {
      expect(g.referential.factors).toEqual(factors);
      expect(checkGraph(g).findings.some((f) => f.code === 'regulation.excluded_without_justification')).toBe(true);
    });
  });

  it('refuses an unknown version, a factor both retained and excluded, a bad identity', () => {
    const g = fixture();
    expect(refusal(g, { type: 'referential/update', changes: { regulation: '2099-01-01' } }).code).toBe('regulation.unknown_version');
    const both = refusal(g, { type: 'referential/update', changes: { factors: { retained: ['noise'], excluded: [{ factor: 'noise', justification: 'x' }] } } });
    expect(both.code).toBe('regulation.factor_retained_and_excluded');
    expect(refusal(g, { type: 'referential/update', changes: { identity: { ...g.referential.identity, version: 'deux' } } }).code).toBe('command.invalid_value');
  });
});

describe('referential/update: the branch’s L4163-2-1 list of particularly exposed jobs', () => {
  const list = { agreement: 'Accord du 12 mars 2025', entries: [{ job: 'j1', tasks: ['t2'], factors: ['awkward_postures' as const], note: 'Carrosserie à genoux' }] };

  it('sets the list, compiles it into the referential, and removes it with null (each undoable)', () => {
    const g0 = fixture();
    const g1 = applyUndoRedo(g0, { type: 'referential/update', changes: { particularlyExposed: list } }, (g) => {
      expect(g.referential.particularlyExposed).toEqual(list);
      expect(compile(g).referential.particularlyExposed).toEqual(list);
    });
    applyUndoRedo(g1, { type: 'referential/update', changes: { particularlyExposed: null } }, (g) => {
      expect(g.referential.particularlyExposed).toBeUndefined();
    });
  });

  it('refuses an entry without factor or with a factor that is not ergonomic', () => {
    const g = fixture();
    expect(refusal(g, { type: 'referential/update', changes: { particularlyExposed: { entries: [{ job: 'j1', factors: [] }] } } }).code).toBe('command.invalid_value');
    expect(refusal(g, { type: 'referential/update', changes: { particularlyExposed: { entries: [{ job: 'j1', factors: ['noise' as never] }] } } }).code).toBe('command.invalid_value');
  });

  it('an entry naming a job the logigramme lacks is an error of the checker, located on the entry', () => {
    const g = applyUndoRedo(fixture(), { type: 'referential/update', changes: { particularlyExposed: { entries: [{ job: 'absent', factors: ['manual_handling'] }, { job: 'j1', tasks: ['t9'], factors: ['awkward_postures'] }] } } }, () => undefined);
    const found = checkGraph(g).findings.filter((f) => f.code.startsWith('structure.particularly_exposed'));
    expect(found.map((f) => [f.code, f.severity, f.path])).toEqual([
      ['structure.particularly_exposed_job', 'error', '$.particularlyExposed.entries[0].job'],
      ['structure.particularly_exposed_task', 'error', '$.particularlyExposed.entries[1].tasks[0]'],
    ]);
  });

  it('renaming a job or task id rewrites the list', () => {
    const g1 = applyUndoRedo(fixture(), { type: 'referential/update', changes: { particularlyExposed: list } }, () => undefined);
    const g2 = applyUndoRedo(g1, { type: 'id/rename', from: 't2', to: 'carrosserie' }, (g) => {
      expect(g.referential.particularlyExposed?.entries[0]?.tasks).toEqual(['carrosserie']);
    });
    applyUndoRedo(g2, { type: 'id/rename', from: 'j1', to: 'mecanicien' }, (g) => {
      expect(g.referential.particularlyExposed?.entries[0]?.job).toBe('mecanicien');
      expect(compile(g).referential.particularlyExposed?.entries[0]).toMatchObject({ job: 'mecanicien', tasks: ['carrosserie'] });
    });
  });
});
