import { describe, expect, it } from 'vitest';
import { applyUndoRedo, fixture, refusal } from './fixture.ts';

describe('question/add', () => {
  it('adds a question to the catalogue', () => {
    applyUndoRedo(fixture(), { type: 'question/add', question: { id: 'q-new', label: 'Travail en hauteur ?', scope: 'company', type: 'boolean' } }, (g) => {
      expect(g.referential.questions.at(-1)).toEqual({ id: 'q-new', label: 'Travail en hauteur ?', scope: 'company', type: 'boolean' });
    });
  });

  it('refuses a taken id or an invalid question', () => {
    expect(refusal(fixture(), { type: 'question/add', question: { id: 'j1', label: 'x', scope: 'company', type: 'boolean' } }).code).toBe('structure.duplicate_id');
    const r = refusal(fixture(), { type: 'question/add', question: { id: 'q-c', label: 'x', scope: 'company', type: 'choice', choices: [{ id: 'a', label: 'A' }] } });
    expect(r.code).toBe('command.invalid_value');
    expect(r.params).toMatchObject({ field: 'question', reason: 'schema', detail: expect.stringContaining('Au moins deux réponses possibles') });
  });
});

describe('question/update', () => {
  it('changes a question’s label, scope and choices', () => {
    applyUndoRedo(
      fixture(),
      { type: 'question/update', id: 'q-choice', question: { id: 'q-choice', label: 'Activité principale', scope: 'employee', type: 'choice', choices: [{ id: 'a', label: 'Atelier' }, { id: 'b', label: 'Chantier' }, { id: 'c', label: 'Mixte' }] } },
      (g) => {
        expect(g.referential.questions[1]).toMatchObject({ label: 'Activité principale', scope: 'employee' });
      },
    );
  });

  it('refuses a type or a removed choice the branches still use, and an id change', () => {
    const g = fixture();
    expect(refusal(g, { type: 'question/update', id: 'q-choice', question: { id: 'q-choice', label: 'Activité', scope: 'company', type: 'boolean' } }).code).toBe('structure.branch_type');
    expect(refusal(g, { type: 'question/update', id: 'q-choice', question: { id: 'q-choice', label: 'Activité', scope: 'company', type: 'choice', choices: [{ id: 'a', label: 'A' }, { id: 'c', label: 'C' }] } }).code).toBe('structure.unknown_answer');
    expect(refusal(g, { type: 'question/update', id: 'q-bool', question: { id: 'q-other', label: 'x', scope: 'company', type: 'boolean' } }).code).toBe('command.id_change');
    expect(refusal(g, { type: 'question/update', id: 'q-bool', question: { id: 'q-bool', label: ' ', scope: 'company', type: 'boolean' } }).code).toBe('command.invalid_value');
  });
});

describe('question/remove', () => {
  it('removes an unused question', () => {
    applyUndoRedo(fixture(), { type: 'question/remove', id: 'q-bool' }, (g) => {
      expect(g.referential.questions.map((q) => q.id)).toEqual(['q-choice', 'q-num']);
    });
  });

  it('refuses while a node asks it', () => {
    const r = refusal(fixture(), { type: 'question/remove', id: 'q-choice' });
    expect(r.code).toBe('command.question_in_use');
    expect(r.params).toEqual({ question: 'Activité', count: 1 });
  });
});

describe('measure/add, measure/update, measure/remove', () => {
  it('adds a measure', () => {
    applyUndoRedo(fixture(), { type: 'measure/add', measure: { id: 'm-2', label: 'Bouchons d’oreille', kind: 'individual' } }, (g) => {
      expect(g.referential.measures.at(-1)).toEqual({ id: 'm-2', label: 'Bouchons d’oreille', kind: 'individual' });
    });
  });

  it('changes a measure’s prevention class and description', () => {
    applyUndoRedo(fixture(), { type: 'measure/update', id: 'm-1', measure: { id: 'm-1', label: 'Encoffrement', kind: 'organisational', description: 'Rotation des postes' } }, (g) => {
      expect(g.referential.measures[0]).toEqual({ id: 'm-1', label: 'Encoffrement', kind: 'organisational', description: 'Rotation des postes' });
    });
  });

  it('removes an unused measure, refuses one in use', () => {
    const g0 = fixture();
    g0.referential.measures.push({ id: 'm-2', label: 'Casque', kind: 'individual' });
    applyUndoRedo(g0, { type: 'measure/remove', id: 'm-2' }, (g) => {
      expect(g.referential.measures.map((m) => m.id)).toEqual(['m-1']);
    });
    expect(refusal(g0, { type: 'measure/remove', id: 'm-1' }).code).toBe('command.measure_in_use');
    expect(refusal(g0, { type: 'measure/update', id: 'm-9', measure: { id: 'm-9', label: 'x', kind: 'individual' } }).code).toBe('command.measure_not_found');
  });
});
