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
