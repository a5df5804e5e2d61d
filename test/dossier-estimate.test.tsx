// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReferentialText, LogigrammeDb } from '../src/storage/index.ts';
import { DbContext } from '../src/ui/context.ts';
import { DossierScreen } from '../src/ui/dossier/DossierScreen.tsx';

const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
let db: LogigrammeDb;

beforeEach(async () => {
  db = new LogigrammeDb(`dossier-estimate-${Math.random()}`);
  await importReferentialText(db, read('referentials/exemple-atelier.json'));
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

const upload = (label: string, name: string, text: string, type: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { files: [new File([text], name, { type })] } });
const norm = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The sample's homologation dossier, its estimate's year set to 2024. */
async function openDossierFor2024() {
  render(
    <DbContext.Provider value={db}>
      <DossierScreen recordKey="exemple-atelier@1.0.0" />
    </DbContext.Provider>,
  );
  await screen.findByTestId('dossier');
  fireEvent.change(screen.getByLabelText('Année d’exposition de l’estimation'), { target: { value: '2024' } });
}

describe('the homologation dossier carries the headcount estimate (D4163-6)', () => {
  it('one version: exposed workers per job and factor from a weighted staff sample', async () => {
    await openDossierFor2024();
    upload('Fichier du personnel de l’échantillon 1 (CSV ou Excel)', 'salaries-exemple.csv', read('examples/salaries-exemple.csv'), 'text/csv');
    upload('Réponses de l’entreprise de l’échantillon 1 (JSON)', 'entreprise-exemple.json', read('examples/entreprise-exemple.json'), 'application/json');
    fireEvent.change(screen.getByLabelText('Poids de l’échantillon 1'), { target: { value: '10' } });
    const estimate = await screen.findByTestId('estimate', {}, { timeout: 5000 });
    // One column group: this version only.
    expect([...estimate.querySelectorAll('thead th[scope="colgroup"]')].map((th) => norm(th.textContent))).toEqual(['Version 1.0.0']);
    const cells = (job: string, factor: string) => [...estimate.querySelectorAll(`tbody[data-job="${job}"] tr[data-factor="${factor}"] td.num`)].map((td) => norm(td.textContent));
    // 2024, each employee standing for 10 workers; main job = largest share (POLY-01 50/50 → mecanicien).
    // Mechanics (MEC-01..03, POLY-01, CDD-01, SEN-01) = 6 × 10 = 60 workers; noise exposed: MEC-01 (1 231.2 h),
    // MEC-02 (615.6 h), CDD-01, SEN-01 → 4 × 10 = 40, 66.7 %. Night agents: 2 × 10 = 20; NUIT-01 (110 ≥ 100) → 10.
    expect(cells('mecanicien', 'noise')).toEqual(['60', '40', '66,7 %']);
    expect(cells('agent-nuit', 'night_work')).toEqual(['20', '10', '50 %']);
    expect(cells('*', 'noise')).toEqual(['80', '40', '50 %']);
  });

  it('a sample whose column the reader does not know goes through the mapping step, then counts the same', async () => {
    await openDossierFor2024();
    const payroll = read('examples/salaries-exemple.csv').replace('q:q-equipes-alternantes', 'Équipes alternantes');
    upload('Fichier du personnel de l’échantillon 1 (CSV ou Excel)', 'paie.csv', payroll, 'text/csv');
    upload('Réponses de l’entreprise de l’échantillon 1 (JSON)', 'entreprise-exemple.json', read('examples/entreprise-exemple.json'), 'application/json');
    fireEvent.change(screen.getByLabelText('Poids de l’échantillon 1'), { target: { value: '10' } });
    const mapping = await screen.findByTestId('column-mapping');
    expect(screen.queryByTestId('estimate')).toBeNull();
    fireEvent.change(within(mapping).getByLabelText('Colonne « Équipes alternantes » (n° 9)'), { target: { value: 'q:q-equipes-alternantes' } });
    fireEvent.click(within(mapping).getByRole('button', { name: 'Appliquer et relire le fichier' }));
    const estimate = await screen.findByTestId('estimate', {}, { timeout: 5000 });
    const cells = (job: string, factor: string) => [...estimate.querySelectorAll(`tbody[data-job="${job}"] tr[data-factor="${factor}"] td.num`)].map((td) => norm(td.textContent));
    // The figures of the test above (the same staff).
    expect(cells('mecanicien', 'noise')).toEqual(['60', '40', '66,7 %']);
    expect(cells('*', 'noise')).toEqual(['80', '40', '50 %']);
  });
});
