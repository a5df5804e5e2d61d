import { describe, expect, it } from 'vitest';
import { compile } from '../../src/core/index.ts';
import type { GraphDocument } from '../../src/core/index.ts';
import { applyUndoRedo, fixture, refusal } from './fixture.ts';

function withScenario(): GraphDocument {
  const g = fixture();
  g.referential.scenarios.push({
    id: 'sc-1',
    label: 'Mécanicien atelier',
    year: 2024,
    answers: { 'q-choice': 'a' },
    measures: ['m-1'],
    employee: { id: 'e', annualHours: 1607, contract: {}, jobs: [{ job: 'j1', share: 100, tasks: [{ task: 't1', share: 100 }] }], answers: { 'q-bool': false } },
    expected: { factors: { noise: 'not_exposed' } },
  });
  g.nodes.push({ id: 'grp', kind: 'group', label: 'Cadre', members: ['j1', 't1'] });
  return g;
}

describe('id/rename', () => {
  it('renames a job: edges, layout, group members and the scenario’s mission profile follow', () => {
    applyUndoRedo(withScenario(), { type: 'id/rename', from: 'j1', to: 'mecanicien' }, (g) => {
      expect(g.nodes.some((n) => n.id === 'j1')).toBe(false);
      expect(g.nodes[0]).toEqual({ id: 'mecanicien', kind: 'job', label: 'Mécanicien' });
      expect(g.edges.filter((e) => e.source === 'mecanicien').map((e) => e.id)).toEqual(['t1.weighting', 't2.weighting']);
      expect(g.layout.nodes['mecanicien']).toEqual({ x: 0, y: 0 });
      expect(g.layout.nodes['j1']).toBeUndefined();
      expect(g.nodes.find((n) => n.id === 'grp')).toMatchObject({ members: ['mecanicien', 't1'] });
      expect(g.referential.scenarios[0]!.employee.jobs[0]!.job).toBe('mecanicien');
      // The compiled referential is the same but for the name.
      expect(compile(g).referential.jobs.map((j) => j.id)).toEqual(['mecanicien']);
    });
  });

  it('renames a task: its derived edge ids follow, and the scenario’s task shares', () => {
    applyUndoRedo(withScenario(), { type: 'id/rename', from: 't1', to: 'moteurs' }, (g) => {
      expect(g.edges.map((e) => e.id)).toContain('moteurs.weighting');
      expect(g.edges.map((e) => e.id)).toContain('moteurs.entry');
      expect(g.edges.find((e) => e.id === 'moteurs.entry')).toMatchObject({ source: 'moteurs', target: 'n-q' });
      expect(g.referential.scenarios[0]!.employee.jobs[0]!.tasks).toEqual([{ task: 'moteurs', share: 100 }]);
    });
  });

  it('renames catalogue entries: question and measure nodes, scenario answers and measures', () => {
    const g1 = applyUndoRedo(withScenario(), { type: 'id/rename', from: 'q-choice', to: 'activite' }, (g) => {
      expect(g.nodes.find((n) => n.id === 'n-q')).toMatchObject({ question: 'activite' });
      expect(Object.keys(g.referential.scenarios[0]!.answers)).toEqual(['activite']);
    });
    applyUndoRedo(g1, { type: 'id/rename', from: 'q-bool', to: 'nuit' }, (g) => {
      expect(g.referential.scenarios[0]!.employee.answers).toEqual({ nuit: false });
    });
    applyUndoRedo(g1, { type: 'id/rename', from: 'm-1', to: 'encoffrement' }, (g) => {
      expect(g.nodes.find((n) => n.id === 'n-m')).toMatchObject({ measure: 'encoffrement' });
      expect(g.referential.scenarios[0]!.measures).toEqual(['encoffrement']);
    });
  });

  it('refuses an unknown element, a taken or invalid name, and the same name', () => {
    const g = withScenario();
    expect(refusal(g, { type: 'id/rename', from: 'nope', to: 'x' }).code).toBe('command.node_not_found');
    expect(refusal(g, { type: 'id/rename', from: 'j1', to: 't1' }).code).toBe('structure.duplicate_id');
    expect(refusal(g, { type: 'id/rename', from: 'j1', to: 'fixture' }).code).toBe('structure.duplicate_id');
    expect(refusal(g, { type: 'id/rename', from: 'j1', to: 'avec espace' }).code).toBe('command.invalid_id');
    expect(refusal(g, { type: 'id/rename', from: 'j1', to: 'j1' }).code).toBe('command.empty');
  });
});

describe('ids from labels', () => {
  it('lower case, no accents, hyphens, unique', async () => {
    const { slugId, slugify } = await import('../../src/core/graph/commands/index.ts');
    expect(slugify('Réception des marchandises')).toBe('reception-des-marchandises');
    expect(slugify('Peinture & carrosserie')).toBe('peinture-carrosserie');
    expect(slugify('  Œuvre — n°2 ')).toBe('oeuvre-n-2');
    expect(slugId('Peinture & carrosserie', new Set(['peinture-carrosserie', 'peinture-carrosserie-2']))).toBe('peinture-carrosserie-3');
    expect(slugId('???', new Set(), 'poste')).toBe('poste');
    const long = slugify('Installateur contrôleur SAV installations agricoles et matériels de traite en élevage laitier');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('-')).toBe(false);
  });
});
