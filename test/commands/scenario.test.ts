import { describe, expect, it } from 'vitest';
import type { GraphDocument, Scenario } from '../../src/core/index.ts';
import { applyUndoRedo, fixture, refusal } from './fixture.ts';

/** A reference case on the fixture: the mechanic full time, in the workshop, measure not in place. */
function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    id: 'sc-1',
    label: 'Mécanicien à temps plein',
    year: 2024,
    answers: { 'q-choice': 'a' },
    measures: [],
    employee: { id: 'type', annualHours: 1607, contract: {}, jobs: [{ job: 'j1', share: 100 }], answers: { 'q-bool': false } },
    expected: { factors: { noise: 'exposed' }, points: 4 },
    ...overrides,
  };
}

function withScenario(): GraphDocument {
  const g = fixture();
  g.referential.scenarios.push(scenario());
  return g;
}

describe('scenario/add', () => {
  it('adds a scenario at the end, or at a given place', () => {
    applyUndoRedo(fixture(), { type: 'scenario/add', scenario: scenario() }, (g) => {
      expect(g.referential.scenarios).toEqual([scenario()]);
    });
    applyUndoRedo(withScenario(), { type: 'scenario/add', scenario: scenario({ id: 'sc-0', label: 'Copie' }), index: 0 }, (g) => {
      expect(g.referential.scenarios.map((s) => s.id)).toEqual(['sc-0', 'sc-1']);
    });
  });

  it('accepts task shares of the job’s own tasks, a regulation version and measures', () => {
    const s = scenario({
      regulation: '2017-10-01',
      measures: ['m-1'],
      employee: { id: 'type', annualHours: 1607, contract: { start: '2024-01-01' }, birth: 1980, jobs: [{ job: 'j1', share: 100, tasks: [{ task: 't1', share: 50 }, { task: 't2', share: 50 }] }] },
    });
    applyUndoRedo(fixture(), { type: 'scenario/add', scenario: s }, (g) => {
      expect(g.referential.scenarios[0]).toEqual(s);
    });
  });

  it('refuses a taken id, and references the logigramme does not have, naming them', () => {
    const g = withScenario();
    expect(refusal(g, { type: 'scenario/add', scenario: scenario() }).code).toBe('structure.duplicate_id');
    expect(refusal(g, { type: 'scenario/add', scenario: scenario({ id: 'j1' }) }).code).toBe('structure.duplicate_id');
    const f = fixture();
    const job = refusal(f, { type: 'scenario/add', scenario: scenario({ employee: { id: 'x', annualHours: 1607, contract: {}, jobs: [{ job: 'soudeur', share: 100 }] } }) });
    expect(job.code).toBe('command.scenario_unknown_job');
    expect(job.params).toEqual({ scenario: 'Mécanicien à temps plein', job: 'soudeur' });
    // A task (or another node) given as a job is no job either.
    expect(refusal(f, { type: 'scenario/add', scenario: scenario({ employee: { id: 'x', annualHours: 1607, contract: {}, jobs: [{ job: 't1', share: 100 }] } }) }).code).toBe('command.scenario_unknown_job');
    const task = refusal(f, { type: 'scenario/add', scenario: scenario({ employee: { id: 'x', annualHours: 1607, contract: {}, jobs: [{ job: 'j1', share: 100, tasks: [{ task: 't9', share: 100 }] }] } }) });
    expect(task.code).toBe('command.scenario_unknown_task');
    f.nodes.push({ id: 't3', kind: 'task', label: 'Autre' });
    const foreign = refusal(f, { type: 'scenario/add', scenario: scenario({ employee: { id: 'x', annualHours: 1607, contract: {}, jobs: [{ job: 'j1', share: 100, tasks: [{ task: 't3', share: 100 }] }] } }) });
    expect(foreign.code).toBe('command.scenario_task_not_in_job');
    expect(foreign.params).toEqual({ scenario: 'Mécanicien à temps plein', task: 't3', job: 'j1' });
    const question = refusal(f, { type: 'scenario/add', scenario: scenario({ answers: { 'q-x': true } }) });
    expect(question.code).toBe('command.scenario_unknown_question');
    expect(question.params).toEqual({ scenario: 'Mécanicien à temps plein', question: 'q-x' });
    const scope = refusal(f, { type: 'scenario/add', scenario: scenario({ answers: { 'q-bool': true } }) });
    expect(scope.code).toBe('command.scenario_answer_scope');
    expect(scope.params).toEqual({ question: 'Travail de nuit ?', scope: 'employee' });
    expect(refusal(f, { type: 'scenario/add', scenario: scenario({ answers: { 'q-choice': 'z' } }) })).toMatchObject({
      code: 'command.scenario_answer_invalid',
      params: { question: 'Activité', answer: 'z', expects: 'choice', choices: 'a, b' },
    });
    expect(refusal(f, { type: 'scenario/add', scenario: scenario({ answers: { 'q-num': -5 } }) }).code).toBe('command.scenario_answer_invalid');
    const measure = refusal(f, { type: 'scenario/add', scenario: scenario({ measures: ['m-9'] }) });
    expect(measure.code).toBe('command.scenario_unknown_measure');
    expect(measure.params).toEqual({ scenario: 'Mécanicien à temps plein', measure: 'm-9' });
    expect(refusal(f, { type: 'scenario/add', scenario: scenario({ regulation: '2099-01-01' }) }).code).toBe('regulation.unknown_version');
  });

  it('refuses what the format refuses: an empty label, a bad year, no job', () => {
    const f = fixture();
    const empty = refusal(f, { type: 'scenario/add', scenario: scenario({ label: ' ' }) });
    expect(empty.code).toBe('command.invalid_value');
    expect(empty.params).toMatchObject({ field: 'scenario', at: 'label', reason: 'schema', detail: expect.stringContaining('Libellé non vide attendu') });
    expect(refusal(f, { type: 'scenario/add', scenario: scenario({ year: 1990 }) }).code).toBe('command.invalid_value');
    expect(refusal(f, { type: 'scenario/add', scenario: scenario({ employee: { id: 'x', annualHours: 1607, contract: {}, jobs: [] } }) }).params.detail).toContain('Au moins un poste');
  });
});

describe('scenario/update', () => {
  it('replaces a scenario whole', () => {
    const next = scenario({ label: 'Mécanicien, bruit réduit', measures: ['m-1'], expected: { factors: { noise: 'not_exposed' } } });
    applyUndoRedo(withScenario(), { type: 'scenario/update', id: 'sc-1', scenario: next }, (g) => {
      expect(g.referential.scenarios).toEqual([next]);
    });
  });

  it('refuses an unknown scenario, an id change, and unknown references', () => {
    const g = withScenario();
    expect(refusal(g, { type: 'scenario/update', id: 'sc-9', scenario: scenario({ id: 'sc-9' }) }).code).toBe('command.scenario_not_found');
    expect(refusal(g, { type: 'scenario/update', id: 'sc-1', scenario: scenario({ id: 'sc-2' }) }).code).toBe('command.id_change');
    expect(refusal(g, { type: 'scenario/update', id: 'sc-1', scenario: scenario({ measures: ['m-9'] }) }).code).toBe('command.scenario_unknown_measure');
    expect(refusal(g, { type: 'scenario/update', id: 'sc-1', scenario: scenario({ employee: { id: 'x', annualHours: 1607, contract: {}, jobs: [{ job: 'j1', share: 100 }], answers: { 'q-choice': 'a' } } }) }).code).toBe(
      'command.scenario_answer_scope',
    );
  });
});

describe('scenario/remove', () => {
  it('removes a scenario', () => {
    applyUndoRedo(withScenario(), { type: 'scenario/remove', id: 'sc-1' }, (g) => {
      expect(g.referential.scenarios).toEqual([]);
    });
  });

  it('refuses an unknown scenario', () => {
    expect(refusal(fixture(), { type: 'scenario/remove', id: 'sc-1' })).toMatchObject({ code: 'command.scenario_not_found', params: { id: 'sc-1' } });
  });
});
