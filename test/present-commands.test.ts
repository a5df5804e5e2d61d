import { describe, expect, it } from 'vitest';
import { canApply, compile, type GraphCommand, type GraphDocument } from '../src/core/index.ts';
import { refusalMessage } from '../src/present/commands.ts';
import { findingMessage } from '../src/present/findings.ts';
import { noticeMessage } from '../src/present/merge.ts';
import { fixture } from './commands/fixture.ts';

/*
 * The editor's refusals carry codes and parameters (kinds, labels, figures); their French wording is
 * written here, once, with the French number formatter. These tests read the sentences the canvas shows.
 */

function message(graph: GraphDocument, command: GraphCommand): string {
  const verdict = canApply(graph, command);
  if (verdict.ok) throw new Error(`expected ${command.type} to be refused`);
  return refusalMessage(verdict);
}

describe('refusal messages', () => {
  it('names node and edge kinds in French, never by their codes', () => {
    const g = fixture();
    g.nodes.push({ id: 'j2', kind: 'job', label: 'Soudeur' });
    expect(message(g, { type: 'edge/add', edge: { id: 'x', kind: 'weighting', source: 'j2', target: 's1', share: 10 } })).toBe(
      'Liaison « pondération » impossible d’un nœud poste vers un nœud situation d’exposition : un poste se relie à ses tâches, une tâche à la première décision ou situation, un critère ou une mesure à la suite de l’arbre.',
    );
    expect(message(g, { type: 'node/update', id: 'j1', changes: { text: 'x' } })).toBe('Un nœud poste n’a pas de champ « texte ».');
    expect(message(g, { type: 'edge/update', id: 't1.entry', changes: { share: 10 } })).toBe('Une liaison « entrée » n’a pas de champ « part du temps ».');
  });

  it('writes figures in French and counts with their plural', () => {
    const g = fixture();
    expect(message(g, { type: 'edge/update', id: 't1.weighting', changes: { share: 150.5 } })).toBe('Pondération de 150,5 % impossible : une part du temps est comprise entre 0 et 100 %.');
    expect(message(g, { type: 'question/remove', id: 'q-choice' })).toBe('Le critère « Activité » est posé par 1 nœud du logigramme : supprimez ou modifiez d’abord ces nœuds.');
    g.nodes.push({ id: 'n-q2', kind: 'question', question: 'q-choice' });
    expect(message(g, { type: 'question/remove', id: 'q-choice' })).toContain('est posé par 2 nœuds du logigramme');
  });

  it('words a yes/no answer as oui or non, a choice by its label', () => {
    const g = fixture();
    g.nodes.push({ id: 'n-b', kind: 'question', question: 'q-bool' });
    g.edges.push({ id: 'b0', kind: 'branch', source: 'n-b', target: 's1', when: { is: true } });
    expect(message(g, { type: 'edge/add', edge: { id: 'x', kind: 'branch', source: 'n-b', target: 's2', when: { is: true } } })).toBe(
      'La réponse « oui » au critère « Travail de nuit ? » mène à plusieurs branches : gardez-la dans une seule.',
    );
    expect(message(g, { type: 'edge/add', edge: { id: 'x', kind: 'branch', source: 'n-q', target: 's3', when: { oneOf: ['b'] } } })).toContain('La réponse « Chantier » au critère « Activité »');
  });

  it('words the commands’ own reasons and the schema’s message', () => {
    const g = fixture();
    expect(message(g, { type: 'node/update', id: 'j1', changes: { label: null } })).toBe('Valeur refusée pour « libellé » : ce champ est obligatoire.');
    expect(message(g, { type: 'referential/update', changes: { factors: { retained: ['noise', 'noise'], excluded: [] } } })).toBe(
      'Valeur refusée pour « facteurs » : le facteur « noise » est cité deux fois.',
    );
    expect(message(g, { type: 'question/add', question: { id: 'q-c', label: 'x', scope: 'company', type: 'choice', choices: [{ id: 'a', label: 'A' }] } })).toMatch(
      /^Valeur refusée pour « critère \(choices\) » : Au moins deux réponses possibles/,
    );
  });

  it('says what a scenario’s answer must be, with its bound in French', () => {
    const g = fixture();
    g.referential.questions.push({ id: 'q-h', label: 'Hauteur', scope: 'company', type: 'number', unit: 'm', min: 1.5 });
    const scenario = { id: 'sc-1', label: 'Cas', year: 2025, answers: { 'q-h': 0.5 }, measures: [], employee: { id: 'x', annualHours: 1607, contract: {}, jobs: [{ job: 'j1', share: 100 }] }, expected: { factors: {} } };
    expect(message(g, { type: 'scenario/add', scenario } as GraphCommand)).toBe('Réponse « 0.5 » invalide au critère « Hauteur » : un nombre ≥ 1,5 m attendu.');
  });
});

describe('rule and merge messages from codes', () => {
  it('names the kinds of an impossible edge found by the compiler in French', () => {
    const g = fixture();
    g.edges.push({ id: 'bad', kind: 'weighting', source: 'j1', target: 's1', share: 10 });
    const issue = compile(g).issues.find((i) => i.code === 'structure.invalid_edge');
    expect(issue?.params).toEqual({ kind: 'weighting', source: 'job', target: 'situation' });
    expect(findingMessage(issue!)).toMatch(/^Liaison « pondération » impossible d’un nœud poste vers un nœud situation d’exposition : /);
  });

  it('words merge notices, counting nodes with their plural and naming elements by label', () => {
    expect(noticeMessage({ code: 'layout.both_changed', ids: ['a', 'b'], kept: 'theirs' })).toBe('Disposition modifiée des deux côtés pour 2 nœuds : celle de leur version est gardée.');
    expect(noticeMessage({ code: 'layout.both_changed', ids: ['a'], kept: 'ours' })).toBe('Disposition modifiée des deux côtés pour 1 nœud : celle de notre version est gardée.');
    const labels = new Map([['t1', 'Moteurs']]);
    expect(noticeMessage({ code: 'structure.new_issue', ids: ['t1'], rule: 'structure.task_several_entries', params: { count: 2 } }, labels)).toBe(
      'La tâche a 2 points d’entrée : gardez une seule liaison vers le premier critère ou la situation.',
    );
    expect(noticeMessage({ code: 'structure.new_issue', ids: ['t1'], rule: 'structure.orphan', params: {} }, labels)).toBe('« Moteurs » n’est relié à rien : reliez-le ou supprimez-le.');
  });
});

describe('finding messages', () => {
  it('says which quantities an undecidable intensity lacks, from their codes', () => {
    expect(findingMessage({ code: 'regulation.intensity_missing', element: 's1', params: { situation: 'Montage', factor: 'repetitive_work', criterion: 'repetitive_movements', quantities: 'actions_per_minute' } })).toBe(
      'La situation « Montage » ne permet pas de dire si l’intensité du seuil « repetitive_movements » (repetitive_work) est atteinte : indiquez le nombre d’actions techniques par minute (deux des trois grandeurs temps de cycle, actions par cycle, actions par minute suffisent : la troisième s’en déduit). Sans elle, la durée ne peut être ni comptée ni écartée.',
    );
  });
});
