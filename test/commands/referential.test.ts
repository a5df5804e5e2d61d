import { describe, expect, it } from 'vitest';
import { checkGraph } from '../../src/core/index.ts';
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
