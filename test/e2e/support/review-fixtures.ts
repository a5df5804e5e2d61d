import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The files of the comparison tests (jsdom and Chromium): the sample referential, a version 1.1.0 of
 * it, and the example company's staff and answers.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

export const SAMPLE_TEXT = read('referentials/exemple-atelier.json');
export const STAFF_CSV = read('examples/salaries-exemple.csv');
export const COMPANY_JSON = read('examples/entreprise-exemple.json');

/**
 * Version 1.1.0 of the sample: the job « Mécanicien » renamed « Mécanicien automobile » (same id
 * `mecanicien`), and the fixed night post s-nuit-fixe at 95 nights a year instead of 110.
 */
export function modifiedSample(): string {
  const doc = JSON.parse(SAMPLE_TEXT) as Record<string, any>;
  doc.identity.version = '1.1.0';
  doc.jobs.find((j: { id: string }) => j.id === 'mecanicien').label = 'Mécanicien automobile';
  doc.situations.find((s: { id: string }) => s.id === 's-nuit-fixe').exposures[0].duration.value = 95;
  return JSON.stringify(doc, null, 2);
}

export const SEDIMA_TEXT = read('referentials/sedima-machinisme-agricole.json');

/**
 * A second version of the SEDIMA referential touching every kind of change a review meets: status and
 * homologation, an exposure (noise, daily level), a task's weighting, a task moved to another job, a
 * task whose tree starts elsewhere, a renamed job, a new measure.
 */
export function sedimaRevision(): string {
  const doc = JSON.parse(SEDIMA_TEXT) as Record<string, any>;
  doc.identity.version = '1.1.0';
  doc.identity.status = 'submitted';
  doc.identity.homologation = { arreteDate: '2016-11-30', arreteReference: 'JORF n°0280 du 2 décembre 2016' };
  const job = (id: string) => doc.jobs.find((j: { id: string }) => j.id === id);
  job('magasinier').label = 'Magasinier vendeur';
  const noise = doc.situations.find((s: { id: string }) => s.id === 's-mec-atelier').exposures.find((e: { factor: string }) => e.factor === 'noise');
  noise.duration.value = 5;
  // parc-reception moves from the yard manager to the storekeeper; the storekeeper's tasks are rebalanced
  const moved = job('responsable-parc').tasks.pop();
  job('responsable-parc').tasks[0].defaultShare = 50;
  job('responsable-parc').tasks[1].defaultShare = 50;
  job('magasinier').tasks.forEach((t: { defaultShare: number }) => (t.defaultShare = 20));
  job('magasinier').tasks.push({ ...moved, defaultShare: 20 });
  // the storekeeper's preparation task now starts at its situation, skipping the pull/push question
  const prep = job('magasinier').tasks.find((t: { id: string }) => t.id === 'mag-preparation');
  prep.entry = 's-mag-stock';
  doc.measures.push({ id: 'm-exosquelette', label: 'Exosquelette d’assistance au port de charges', kind: 'individual' });
  return JSON.stringify(doc, null, 2);
}

/** Code names of the format that a French screen or report must never show. */
export const CODE_NAMES = [
  'homologated', 'submitted', 'draft', 'in_review', 'status', 'homologation:', 'arreteDate', 'arreteReference',
  'daily_level', 'lift_carry', 'push_pull', 'noise', 'manual_handling', 'awkward_postures', 'night_work',
  'exposed', 'not_exposed', 'to_analyse', 'h/year', 'h/day', 'nights/year', 'renamed', 'weighting', 'moved', 'repointed',
  'exposures', 'added', 'removed', 'changed', 'working_year', 'annualHours', 'workingDays', 'referential_id', 'tasks:', 'defaultShare', 'entry',
];
