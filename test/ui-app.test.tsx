// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shortHash } from '../src/core/index.ts';
import { LogigrammeDb } from '../src/storage/index.ts';
import { SAMPLE_FILES } from '../src/storage/samples.ts';
import { App } from '../src/ui/App.tsx';

/*
 * The app in jsdom over fake-indexeddb: the same components and storage as the browser, driven the way
 * a user would (labels, roles), checked against figures worked out by hand.
 */

const SAMPLE = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')) as Record<string, any>;
const SAMPLE_TITLE = 'Atelier de maintenance — référentiel d’exemple';
// The screens are exercised on one sample; the repository's other samples are seeded in the e2e test.
const ATELIER_ONLY = SAMPLE_FILES.filter((s) => s.file.endsWith('/exemple-atelier.json'));

/** French numbers use narrow no-break spaces for thousands. */
const norm = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

let counter = 0;
let db: LogigrammeDb;

beforeEach(() => {
  window.location.hash = '';
  db = new LogigrammeDb(`ui-test-${++counter}`);
});

afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

async function renderApp() {
  render(<App db={db} samples={ATELIER_ONLY} />);
  // The first render seeds the sample: on a loaded machine that takes more than the default second.
  return screen.findByRole('link', { name: SAMPLE_TITLE }, { timeout: 5000 });
}

async function openSample() {
  const link = await renderApp();
  act(() => link.click());
  await screen.findByRole('heading', { level: 1, name: SAMPLE_TITLE });
  return screen.findByRole('heading', { name: 'Évaluer un salarié exemple' });
}

function change(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/** The sample's mechanic, full time, workshop activity, no noise measure, in 2024. */
function fillMechanic() {
  change('Année d’exposition', '2024');
  change('Activité de l’entreprise', 'atelier');
  change('Année de naissance', '1980');
  change('Part du temps au poste « Mécanicien » (%)', '100');
}

function evaluateNow() {
  fireEvent.click(screen.getByRole('button', { name: 'Évaluer' }));
}

function chooseFile(name: string, text: string) {
  const input = screen.getByLabelText('Fichier du référentiel (JSON)');
  const file = new File([text], name, { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('the referential list', () => {
  it('shows the seeded sample with its short hash, the full hash in the title', async () => {
    const link = await renderApp();
    const row = link.closest('tr')!;
    const stored = await db.referentials.get('exemple-atelier@1.0.0');
    const hash = stored!.contentHash;
    const code = within(row).getByText(shortHash(hash));
    expect(code.getAttribute('title')).toBe(hash);
    expect(within(row).getByText('Exemple pédagogique (branche fictive)')).toBeTruthy();
    expect(within(row).getByText('1.0.0')).toBeTruthy();
    expect(within(row).getByText('Brouillon')).toBeTruthy();
    expect(within(row).getByText('Décrets 2023-759 et 2023-760 — 1er septembre 2023')).toBeTruthy();
    expect(within(row).getByText('Exemple fourni')).toBeTruthy();
    expect(within(row).getByRole('button', { name: `Copier l’empreinte complète ${hash}` })).toBeTruthy();
  });
});

describe('a referential', () => {
  it('shows identity, factors, jobs with default weightings and its scenarios run', async () => {
    await openSample();
    expect(screen.getByText('Exemple pédagogique (branche fictive)')).toBeTruthy();
    expect(norm(document.body.textContent)).toContain('1 607 h par an, 228 jours travaillés');
    const excluded = screen.getByRole('table', { name: 'Facteurs écartés et justification' });
    expect(within(excluded).getByText('Ateliers chauffés et ventilés.')).toBeTruthy();
    const mechanic = screen.getByRole('table', { name: 'Tâches du poste « Mécanicien » et pondérations par défaut' });
    expect(within(mechanic).getByRole('row', { name: 'Moteurs thermiques 60 %' })).toBeTruthy();
    expect(within(mechanic).getByRole('row', { name: 'Peinture et carrosserie 40 %' })).toBeTruthy();
    expect(screen.getByText('5 sur 5 scénarios réussis.')).toBeTruthy();
    const scenarios = screen.getByRole('table', { name: 'Résultat de chaque scénario de contrôle du référentiel' });
    expect(within(scenarios).getAllByText('réussi')).toHaveLength(5);
  });

  it('evaluates the mechanic: noise exposed, 1231.2 h against 600 h, 4 points, with the explanation', async () => {
    // By hand: engines 7 h/day × 228 days = 1596 h × 60 % = 957.6 h; bodywork 3 h/day × 228 = 684 h × 40 %
    // = 273.6 h; 957.6 + 273.6 = 1231.2 h ≥ 600 h. One factor all year from 2023-09-01: 4 × 1 point.
    const hand = 7 * 228 * 0.6 + 3 * 228 * 0.4;
    expect(hand).toBeCloseTo(1231.2, 9);

    await openSample();
    fillMechanic();
    expect(screen.getByTestId('share-total').textContent).toContain('Total : 100 %');
    evaluateNow();
    const result = await screen.findByTestId('evaluation-result');

    // The noise factor's first row is its daily-level group (the peak group follows).
    const noise = result.querySelector('tr[data-factor="noise"]')!;
    expect(within(noise as HTMLElement).getByText('exposé')).toBeTruthy();
    const value = (cell: string) => noise.querySelector(`[data-cell="${cell}"] data`)?.getAttribute('value');
    expect(Number(value('exposure'))).toBeCloseTo(1231.2, 6);
    expect(Number(value('threshold'))).toBe(600);
    expect(Number(value('margin'))).toBeCloseTo(631.2, 6);
    expect(noise.querySelector('[data-cell="exposure"]')?.textContent).toBe('1\u202f231,2 h/an');
    expect(noise.querySelector('[data-cell="threshold"]')?.textContent).toBe('600 h/an');

    // Postures 0.6 × 912 + 0.4 × 456 = 729.6 h; no legal threshold since 2017-10-01 (D4163-2): outside the
    // declaration, the former 900 h only as an indicative reference.
    const postures = result.querySelector('tr[data-factor="awkward_postures"]')!;
    expect(within(postures as HTMLElement).getByText('hors déclaration (aucun seuil légal)')).toBeTruthy();
    expect(postures.querySelector('[data-cell="exposure"]')?.textContent).toBe('729,6 h/an');
    expect(postures.querySelector('[data-cell="threshold"]')?.textContent).toBe('aucun seuil légal (ancien seuil indicatif : 900 h/an)');

    expect(screen.getByTestId('points').getAttribute('data-value')).toBe('4');
    expect(screen.getByTestId('points').textContent).toContain('4 points');
    const dsn = result.querySelector('tr[data-dsn]');
    expect(dsn?.textContent).toContain('Bruit');
    expect(dsn?.getAttribute('data-dsn')).toBe('07');

    const trace = within(result).getByRole('table', { name: 'Contribution de chaque situation type d’exposition, pondérée par le profil de mission' });
    const noiseRows = trace.querySelectorAll('tr[data-factor="noise"]');
    expect(noiseRows).toHaveLength(2);
    expect(noiseRows[0]?.textContent).toContain('Bruit ramené sous 80 dB(A) : mesure absente');
    expect(noiseRows[0]?.textContent).toContain('Activité de l’entreprise : Moins de 50 % des interventions sur chantiers hors atelier (entreprise)');
    expect(noiseRows[0]?.textContent).toContain('= 957,6 h/an');
    expect(noiseRows[1]?.textContent).toContain('= 273,6 h/an');
  });

  it('with the noise measure in place, noise is no longer exposed and no point is earned', async () => {
    await openSample();
    fillMechanic();
    fireEvent.click(screen.getByLabelText(/Bruit ramené sous 80 dB\(A\)/));
    evaluateNow();
    const result = await screen.findByTestId('evaluation-result');
    expect(result.querySelector('tr[data-factor="noise"] [data-verdict]')?.getAttribute('data-verdict')).toBe('not_exposed');
    expect(screen.getByTestId('points').getAttribute('data-value')).toBe('0');
  });

  it('shows the share total live and a located French error instead of crashing', async () => {
    await openSample();
    change('Part du temps au poste « Mécanicien » (%)', '60');
    expect(screen.getByTestId('share-total').textContent).toContain('Total : 60 %');
    change('Part du temps au poste « Agent de maintenance de nuit » (%)', '30');
    expect(screen.getByTestId('share-total').textContent).toContain('Total : 90 %');
    expect(screen.getByTestId('share-total').textContent).toContain('les parts doivent totaliser 100 %');

    // Company question unanswered: the evaluator's error names the criterion.
    change('Année de naissance', '1980');
    change('Part du temps au poste « Agent de maintenance de nuit » (%)', '40');
    evaluateNow();
    let errors = await screen.findByTestId('evaluation-errors');
    expect(errors.textContent).toContain('Activité de l’entreprise');
    expect(errors.textContent).toContain('réponse de l’entreprise manquante');
    expect(screen.getByLabelText('Activité de l’entreprise').getAttribute('aria-invalid')).toBe('true');

    // Shares that do not total 100 % (the night job's tree needs its individual criterion first).
    change('Activité de l’entreprise', 'atelier');
    change('Le salarié travaille-t-il en équipes successives alternantes ?', 'false');
    change('Part du temps au poste « Agent de maintenance de nuit » (%)', '30');
    evaluateNow();
    errors = await screen.findByTestId('evaluation-errors');
    expect(errors.textContent).toContain('Profil de mission');
    expect(errors.textContent).toContain('totalisent 90\u202f% au lieu de 100\u202f%');

    // A contract ending before it starts.
    change('Part du temps au poste « Agent de maintenance de nuit » (%)', '0');
    change('Part du temps au poste « Mécanicien » (%)', '100');
    change('Début du contrat', '2024-06-01');
    change('Fin du contrat', '2024-02-01');
    evaluateNow();
    errors = await screen.findByTestId('evaluation-errors');
    expect(errors.querySelector('li')?.getAttribute('data-field')).toBe('contract.end');
    expect(errors.textContent).toContain('Fin du contrat');

    // A birth year that is neither a year nor a date is refused by the form itself.
    change('Début du contrat', '');
    change('Fin du contrat', '');
    change('Année de naissance', 'quatre-vingt');
    evaluateNow();
    errors = await screen.findByTestId('evaluation-errors');
    expect(errors.textContent).toContain('Année de naissance');
    expect(screen.queryByTestId('evaluation-result')).toBeNull();
  });
});

describe('importing a file', () => {
  it('lists located issues for a broken file and stores nothing', async () => {
    await renderApp();
    const broken = structuredClone(SAMPLE);
    broken.id = 'casse';
    broken.identity.version = 'un';
    broken.jobs[0].tasks[0].entry = 'nulle-part';
    chooseFile('casse.json', JSON.stringify(broken));
    const errors = await screen.findByTestId('import-errors');
    expect(errors.textContent).toContain('« casse.json » n’a pas été enregistré');
    expect(within(errors).getByText('$.identity.version')).toBeTruthy();
    expect(await db.referentials.count()).toBe(1);
    expect(screen.getAllByRole('row').filter((r) => r.hasAttribute('data-key'))).toHaveLength(1);
  });

  it('stores a valid file, lists it, and renders its labels as text, never as HTML', async () => {
    await renderApp();
    const doc = structuredClone(SAMPLE);
    doc.id = 'balisage';
    doc.identity.title = '<img src=x onerror="window.__pwned=1"> Titre <b>gras</b>';
    chooseFile('balisage.json', JSON.stringify(doc));
    const link = await screen.findByRole('link', { name: doc.identity.title });
    expect(link.textContent).toBe(doc.identity.title);
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    expect(await db.referentials.count()).toBe(2);
  });

  it('refuses a modified file under an id@version already stored', async () => {
    await renderApp();
    const doc = structuredClone(SAMPLE);
    doc.identity.title = 'Même version, autre contenu';
    chooseFile('modifie.json', JSON.stringify(doc));
    const alert = await screen.findByText(/Refusé : le référentiel exemple-atelier@1\.0\.0 est déjà enregistré avec un autre contenu/);
    expect(alert.textContent).toContain('donnez un nouveau numéro de version');
    expect((await db.referentials.get('exemple-atelier@1.0.0'))?.title).toBe(SAMPLE_TITLE);
  });
});

it('does not fetch anything: no fetch or XHR is made while using the app', async () => {
  const calls: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL) => {
    calls.push(String(input));
    return Promise.reject(new Error('network disabled in test'));
  }) as typeof fetch;
  try {
    await openSample();
    fillMechanic();
    evaluateNow();
    await screen.findByTestId('evaluation-result');
    await waitFor(() => expect(calls).toEqual([]));
  } finally {
    globalThis.fetch = realFetch;
  }
});
