// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contentHash, loadReferential, type EmployeeResult, type FactorCode } from '../src/core/index.ts';
import type { CliIo } from '../src/cli/io.ts';
import { decisiveGroup as cliDecisiveGroup } from '../src/cli/report.ts';
import { run } from '../src/cli/run.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { LogigrammeDb, seedSamples } from '../src/storage/index.ts';
import { CompaniesScreen } from '../src/ui/company/CompaniesScreen.tsx';
import { CompanyScreen } from '../src/ui/company/CompanyScreen.tsx';
import { readStoredEvaluation } from '../src/ui/company/evaluation.ts';
import { DbContext } from '../src/ui/context.ts';
import { useRoute } from '../src/ui/route.ts';

/*
 * The company workspace in jsdom over fake-indexeddb, driven as a user would (labels, roles): the
 * guided flow on the sample referential, the company answers of examples/entreprise-exemple.json and
 * the staff of examples/salaries-exemple.csv, and results equal to the CLI's on the same inputs.
 * The two screens are mounted under their own routes (not the whole app: the other areas are not
 * this test's subject).
 */

const ROOT = join(import.meta.dirname, '..');
const REF_PATH = 'referentials/exemple-atelier.json';
const COMPANY_PATH = 'examples/entreprise-exemple.json';
const STAFF_PATH = 'examples/salaries-exemple.csv';
const SAMPLE_DOC = JSON.parse(readFileSync(join(ROOT, REF_PATH), 'utf8')) as Record<string, any>;
const COMPANY_FILE = JSON.parse(readFileSync(join(ROOT, COMPANY_PATH), 'utf8')) as { answers: Record<string, string>; measures: Array<{ measure: string }> };
const STAFF_TEXT = readFileSync(join(ROOT, STAFF_PATH), 'utf8');
const BROKEN_TEXT = readFileSync(join(ROOT, 'examples', 'salaries-erreurs.csv'), 'utf8');
const loaded = loadReferential(SAMPLE_DOC);
if (!loaded.ok) throw new Error('sample does not load');
const sample = loaded.value;
const SAMPLE_KEY = 'exemple-atelier@1.0.0';

let counter = 0;
let db: LogigrammeDb;

function Harness() {
  const { route } = useRoute();
  return (
    <DbContext.Provider value={db}>
      <main>{route.screen === 'company' ? <CompanyScreen key={route.id} companyId={route.id} /> : <CompaniesScreen />}</main>
    </DbContext.Provider>
  );
}

beforeEach(async () => {
  window.location.hash = '#/entreprises';
  db = new LogigrammeDb(`company-ui-${++counter}`);
  await seedSamples(db, [{ file: REF_PATH, data: SAMPLE_DOC }]);
});

afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

const norm = (text: string | null | undefined) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');
const change = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const click = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }));
const chooseFile = (label: string, name: string, text: string, type = 'text/csv') => fireEvent.change(screen.getByLabelText(label), { target: { files: [new File([text], name, { type })] } });
const stepHeading = (name: string | RegExp) => screen.findByRole('heading', { level: 2, name });

/** jsdom's Blob has no text(): read it the old way. */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

async function navigate(hash: string) {
  await act(async () => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

/** The CLI's evaluate, in process, with --format json. */
async function cliEvaluate(): Promise<{ results: EmployeeResult[] }> {
  const out: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: () => {},
    readFile: (path) => readFileSync(join(ROOT, path), 'utf8'),
    writeFile: () => {
      throw new Error('no file written');
    },
    now: () => new Date('2025-01-15T12:00:00Z'),
  };
  const code = await run(['evaluate', REF_PATH, '--answers', COMPANY_PATH, '--staff', STAFF_PATH, '--year', '2024', '--format', 'json'], io);
  expect(code).toBe(0);
  return JSON.parse(out.join('\n')) as { results: EmployeeResult[] };
}

/** A company ready for its results, stored directly (the flow itself is the first test's subject). */
async function seedCompany(overrides: Record<string, unknown> = {}) {
  const employees = parseStaffCsv(STAFF_TEXT, sample).employees;
  await db.companies.add({
    id: 'garage',
    profile: { name: 'Garage Exemple SARL', siret: '73282932000074', headcount: 20, groupHeadcount: 60, extendedBranchAgreement: false },
    referentialKey: SAMPLE_KEY,
    year: 2024,
    answers: COMPANY_FILE.answers,
    measures: [],
    step: 'results',
    updatedAt: '2025-01-15T10:00:00.000Z',
    ...overrides,
  });
  await db.staff.add({ key: 'garage@2024', companyId: 'garage', year: 2024, employees, source: { file: 'salaries-exemple.csv', importedAt: '2025-01-15T10:00:00.000Z' }, updatedAt: 'x' });
  return employees;
}

async function openResults() {
  window.location.hash = '#/entreprise/garage';
  render(<Harness />);
  await stepHeading('Résultats 2024');
  return screen.findByTestId('results-summary');
}

const row = (employee: string) => document.querySelector<HTMLElement>(`.employee-results-table tr[data-employee="${employee}"]`)!;
const cell = (employee: string, factor: FactorCode) => row(employee).querySelector<HTMLElement>(`td[data-factor="${factor}"]`)!;

describe('the guided flow', () => {
  it('profile → referential → answers → measures → staff (a refused file, then the sample) → results equal to the CLI’s', async () => {
    render(<Harness />);
    await screen.findByRole('heading', { level: 1, name: 'Entreprises' });
    expect(await screen.findByText('Aucune entreprise enregistrée : créez-en une pour commencer.')).toBeTruthy();
    change('Nom de l’entreprise', 'Garage Exemple SARL');
    click('Créer l’espace de l’entreprise');
    await screen.findByRole('heading', { level: 1, name: 'Garage Exemple SARL' });
    const companyId = (await db.companies.toArray())[0]!.id;
    expect(window.location.hash).toBe(`#/entreprise/${companyId}`);
    // The year classified (a new company starts on the last complete year or the current one): 2024, as the CLI example.
    change('Année d’exposition évaluée', '2024');
    await waitFor(() => expect((screen.getByLabelText('Année d’exposition évaluée') as HTMLSelectElement).value).toBe('2024'));
    expect((await db.companies.get(companyId))?.year).toBe(2024);

    // Profile: a SIRET failing its Luhn key is refused on the spot and not saved.
    await stepHeading('Profil de l’entreprise');
    change('SIRET (facultatif)', '73282932000075');
    expect(await screen.findByText('Ce SIRET n’est pas valide : sa clé de contrôle (Luhn) ne correspond pas. Vérifiez les chiffres.')).toBeTruthy();
    expect(screen.getByLabelText('SIRET (facultatif)').getAttribute('aria-invalid')).toBe('true');
    change('SIRET (facultatif)', '732 829 320 00074');
    change('Effectif de l’entreprise', '20');
    fireEvent.click(screen.getByLabelText('L’entreprise appartient à un groupe'));
    change('Effectif du groupe', '60');
    await waitFor(async () => expect((await db.companies.get(companyId))?.profile).toEqual({ name: 'Garage Exemple SARL', siret: '73282932000074', headcount: 20, groupHeadcount: 60, extendedBranchAgreement: false }));

    // Referential: a file whose stated hash does not match its content is refused, nothing stored.
    click('Étape suivante : Référentiel');
    await stepHeading('Référentiel professionnel de branche');
    const tampered = structuredClone(SAMPLE_DOC);
    tampered.identity.version = '1.0.1';
    tampered.contentHash = contentHash(sample);
    chooseFile('Fichier du référentiel (JSON)', 'modifie.json', JSON.stringify(tampered), 'application/json');
    const refused = await screen.findByTestId('referential-errors');
    expect(refused.textContent).toContain('Le fichier « modifie.json » est refusé');
    expect(refused.querySelector('tr[data-code="hash.mismatch"]')).toBeTruthy();
    expect(await db.referentials.count()).toBe(1);
    // The stored sample: identity, status, regulation version, hash, and a clear non-homologation warning.
    change('Référentiel enregistré', SAMPLE_KEY);
    click('Appliquer ce référentiel');
    const identity = await screen.findByTestId('referential-identity');
    expect(identity.textContent).toContain('Atelier de maintenance — référentiel d’exemple');
    expect(identity.textContent).toContain('Décrets 2023-759 et 2023-760 — 1er septembre 2023');
    expect(within(identity).getByText(contentHash(sample))).toBeTruthy();
    expect(screen.getByTestId('not-homologated').textContent).toContain('n’est pas homologué (statut : Brouillon)');
    await waitFor(async () => expect((await db.companies.get(companyId))?.referentialKey).toBe(SAMPLE_KEY));

    // Answers from the company file of the CLI example; no measure in place.
    click('Étape suivante : Critères');
    await stepHeading('Critères de l’entreprise');
    expect(screen.getByTestId('answers-issues').textContent).toContain('Activité de l’entreprise');
    expect((screen.getByRole('button', { name: 'Étape suivante : Mesures de prévention' }) as HTMLButtonElement).disabled).toBe(true);
    change('Activité de l’entreprise', COMPANY_FILE.answers['q-activite']!);
    expect(screen.getByText('Toutes les réponses nécessaires sont données.')).toBeTruthy();
    click('Étape suivante : Mesures de prévention');
    await stepHeading('Mesures de prévention en place');
    expect(COMPANY_FILE.measures).toEqual([]);
    click('Étape suivante : Personnel');
    await stepHeading('Personnel 2024');

    // A broken staff file: every problem listed with its line and column, nothing stored.
    chooseFile('Fichier du personnel (CSV ou Excel)', 'salaries-erreurs.csv', BROKEN_TEXT);
    const errors = await screen.findByTestId('csv-errors');
    const expected = parseStaffCsv(BROKEN_TEXT, sample).issues;
    expect(errors.textContent).toContain(`Le fichier « salaries-erreurs.csv » est refusé : ${expected.length} problèmes. Rien n’a été enregistré`);
    const issueRows = errors.querySelectorAll('tbody tr');
    expect(issueRows).toHaveLength(expected.length);
    expected.forEach((issue, i) => {
      expect(issueRows[i]!.getAttribute('data-row')).toBe(String(issue.row));
      expect(issueRows[i]!.getAttribute('data-column')).toBe(issue.column);
    });
    expect(await db.staff.count()).toBe(0);

    // The sample staff file.
    chooseFile('Fichier du personnel (CSV ou Excel)', 'salaries-exemple.csv', STAFF_TEXT);
    expect((await screen.findByTestId('csv-accepted')).textContent).toContain('« salaries-exemple.csv » importé : 8 salariés');
    await waitFor(async () => expect((await db.staff.get(`${companyId}@2024`))?.employees).toHaveLength(8));
    // The table follows the database through a live query, a moment after the write.
    await waitFor(() => expect(screen.getByRole('table', { name: 'Salariés de l’année et leur profil de mission' }).querySelectorAll('tbody tr')).toHaveLength(8));

    click('Évaluer le personnel');
    await stepHeading('Résultats 2024');
    await screen.findByTestId('results-summary');
    await waitFor(async () => expect(await db.evaluations.get(`${companyId}@2024`)).toBeTruthy());

    // The same results as the CLI, employee by employee: verdicts, exposures, points, DSN codes.
    const cli = await cliEvaluate();
    // the table is drawn from a deferred value: once React has caught up
    await waitFor(() => expect(row(cli.results[0]!.employee)).not.toBeNull());
    const stored = readStoredEvaluation((await db.evaluations.get(`${companyId}@2024`))!.results)!;
    expect(stored.summaries.map((s) => s.employee)).toEqual(cli.results.map((r) => r.employee));
    for (const r of cli.results) {
      const s = stored.summaries.find((x) => x.employee === r.employee)!;
      expect(s.points).toBe(r.points.total);
      expect(s.exposed).toEqual(r.exposedFactors);
      expect(s.dsn).toEqual(r.dsn.map((d) => d.code));
      expect(row(r.employee).getAttribute('data-points')).toBe(String(r.points.total));
      for (const f of r.factors) {
        const g = cliDecisiveGroup(f);
        // Stored compactly: a factor not exposed with no exposure at all is left out of the record.
        const mine = s.factors.find((x) => x.factor === f.factor);
        if (mine) expect([mine.verdict, mine.exposure, mine.threshold]).toEqual([f.verdict, g?.exposure ?? 0, g?.threshold?.value ?? null]);
        else expect([f.verdict, g?.exposure ?? 0]).toEqual(['not_exposed', 0]);
        const td = cell(r.employee, f.factor);
        if (!td) continue; // a factor neither retained nor met is not a column
        expect(td.getAttribute('data-verdict')).toBe(f.verdict);
        // A factor without a legal threshold (grid, or removed on 2017-10-01) shows its verdict only.
        if (g?.threshold) {
          expect(Number(td.getAttribute('data-exposure'))).toBe(g.exposure);
          expect(Number(td.getAttribute('data-threshold'))).toBe(g.threshold.value);
        }
      }
    }
    expect(norm(cell('MEC-01', 'noise').querySelector('.figures')?.textContent)).toBe('1 231,2 / 600 h/an');
    expect(norm(cell('MEC-01', 'noise').querySelector('.margin')?.textContent)).toBe('marge +631,2');
    // Screen readers get the sentence: exposure, threshold and verdict.
    expect(norm(cell('MEC-01', 'noise').querySelector('.visually-hidden')?.textContent)).toBe('Bruit : 1 231,2 h/an pour un seuil de 600 h/an, exposé');
    expect(within(row('NUIT-02')).getByText('09')).toBeTruthy();
  });

  it('edits the staff in the table with immediate validation: add, change shares, remove', async () => {
    await seedCompany({ step: 'staff' });
    window.location.hash = '#/entreprise/garage';
    render(<Harness />);
    await stepHeading('Personnel 2024');
    click('Ajouter un salarié');
    const editor = await screen.findByTestId('employee-editor');
    const inEditor = (label: string) => within(editor).getByLabelText(label);
    fireEvent.change(inEditor('Identifiant'), { target: { value: 'MEC-01' } });
    expect(within(editor).getByText('L’identifiant « MEC-01 » est déjà utilisé : chaque salarié doit avoir un identifiant unique.')).toBeTruthy();
    fireEvent.change(inEditor('Identifiant'), { target: { value: 'NEW-01' } });
    fireEvent.change(inEditor('Année de naissance (AAAA, ou AAAA-MM-JJ pour 1956)'), { target: { value: '1990' } });
    fireEvent.change(inEditor('Part du temps au poste « Mécanicien » (%)'), { target: { value: '60' } });
    expect(norm(within(editor).getByTestId('editor-share-total').textContent)).toBe('Total : 60 % — les parts doivent totaliser 100 %');
    expect(within(editor).getByText('Les parts des postes totalisent 60 % au lieu de 100 %')).toBeTruthy();
    fireEvent.change(inEditor('Part du temps au poste « Agent de maintenance de nuit » (%)'), { target: { value: '40' } });
    // The night job's tree needs the employee's answer about alternating shifts.
    fireEvent.change(inEditor('Le salarié travaille-t-il en équipes successives alternantes ?'), { target: { value: 'false' } });
    expect(norm(within(editor).getByTestId('editor-share-total').textContent)).toBe('Total : 100 % — conforme');
    fireEvent.click(within(editor).getByRole('button', { name: 'Enregistrer le salarié' }));
    await waitFor(async () => expect((await db.staff.get('garage@2024'))?.employees.map((e) => e.id)).toContain('NEW-01'));
    const saved = (await db.staff.get('garage@2024'))!.employees.find((e) => e.id === 'NEW-01')!;
    expect(saved).toEqual({ id: 'NEW-01', annualHours: 1607, contract: {}, birth: 1990, jobs: [{ job: 'mecanicien', share: 60 }, { job: 'agent-nuit', share: 40 }], answers: { 'q-equipes-alternantes': false } });

    click('Modifier NEW-01');
    const again = await screen.findByTestId('employee-editor');
    fireEvent.change(within(again).getByLabelText('Part du temps au poste « Agent de maintenance de nuit » (%)'), { target: { value: '0' } });
    fireEvent.change(within(again).getByLabelText('Part du temps au poste « Mécanicien » (%)'), { target: { value: '100' } });
    fireEvent.click(within(again).getByRole('button', { name: 'Enregistrer le salarié' }));
    await waitFor(async () => expect((await db.staff.get('garage@2024'))!.employees.find((e) => e.id === 'NEW-01')?.jobs).toEqual([{ job: 'mecanicien', share: 100 }]));

    click('Supprimer NEW-01');
    await waitFor(async () => expect((await db.staff.get('garage@2024'))!.employees.map((e) => e.id)).not.toContain('NEW-01'));
    expect((await db.staff.get('garage@2024'))!.employees).toHaveLength(8);
  });
});

describe('the results', () => {
  it('the what-if: « Bruit ramené sous 80 dB(A) » all year takes MEC-01 from 1 231.2 h exposed to 273.6 h not exposed', async () => {
    // By hand: engines 7 h/day × 228 days × 60 % = 957.6 h at 85 dB(A), bodywork 3 h × 228 × 40 % = 273.6 h
    // at 82 dB(A); 1 231.2 h ≥ 600 h. With the measure, the engines are at 79 dB(A) < 81: 273.6 h < 600 h.
    await seedCompany();
    await openResults();
    expect(cell('MEC-01', 'noise').getAttribute('data-verdict')).toBe('exposed');
    const whatif = screen.getByTestId('whatif');
    fireEvent.click(within(whatif).getByLabelText('Bruit ramené sous 80 dB(A)'));
    await waitFor(() => expect(cell('MEC-01', 'noise').getAttribute('data-verdict')).toBe('not_exposed'));
    expect(Number(cell('MEC-01', 'noise').getAttribute('data-exposure'))).toBeCloseTo(273.6, 6);
    expect(row('MEC-01').getAttribute('data-points')).toBe('0');
    const changes = await screen.findByTestId('whatif-changes');
    // 4 employees exposed to noise before (MEC-01, MEC-02, CDD-01, SEN-01); points 26 → 8.
    expect(norm(changes.textContent)).toContain('points de l’entreprise : 26 → 8');
    expect(changes.querySelector('tr[data-employee="MEC-01"]')?.textContent).toContain('Bruit : exposé → non exposé');
    // Nothing of the simulation is stored.
    expect((await db.companies.get('garage'))?.measures).toEqual([]);

    // The regulation version switched back to 2017-10-01 instead: no change for noise, points 1 for one factor a quarter.
    click('Revenir aux données réelles');
    await waitFor(() => expect(cell('MEC-01', 'noise').getAttribute('data-verdict')).toBe('exposed'));
    fireEvent.change(within(screen.getByTestId('whatif')).getByLabelText('Version réglementaire'), { target: { value: '2017-10-01' } });
    // NUIT-01's 110 nights are under the 120 of the 2017 version: night work no longer exposed.
    await waitFor(() => expect(cell('NUIT-01', 'night_work').getAttribute('data-verdict')).toBe('not_exposed'));
  });

  it('the explanation of one employee, in plain French, computed on demand', async () => {
    await seedCompany();
    await openResults();
    expect(screen.queryByTestId('explanation')).toBeNull();
    click('Expliquer le résultat de MEC-01');
    const explanation = await screen.findByTestId('explanation');
    const plain = norm(within(explanation).getByTestId('plain-explanation').textContent);
    expect(plain).toContain('Bruit (Niveau d’exposition au bruit rapporté à 8 h)');
    expect(plain).toContain('1 231,2 h/an au total pour un seuil de 600 h/an — exposé');
    expect(plain).toContain('957,6 h/an viennent de la tâche « Moteurs thermiques » (60 % du poste « Mécanicien », lui-même 100 % du temps)');
    expect(plain).toContain('mesure « Bruit ramené sous 80 dB(A) » absente');
    expect(plain).toContain('= 957,6 h/an');
    expect(within(explanation).getByTestId('explanation-result').querySelector('tr[data-dsn]')?.getAttribute('data-dsn')).toBe('07');
    click('Fiche d’exposition imprimable');
    const sheet = await screen.findByTestId('print-sheet');
    expect(norm(sheet.textContent)).toContain('Garage Exemple SARL — SIRET 73282932000074');
    expect(document.body.classList.contains('print-sheet-active')).toBe(true);
    click('Fermer la fiche');
    expect(document.body.classList.contains('print-sheet-active')).toBe(false);
  });

  it('company figures, the obligation to negotiate with its rule and figures, the exports', async () => {
    const employees = await seedCompany();
    await openResults();
    const totals = screen.getByRole('table', { name: 'Salariés exposés par facteur (nombre et part des salariés évalués)' });
    expect(totals.querySelector('tr[data-total="noise"] td')?.getAttribute('data-value')).toBe('4');
    expect(totals.querySelector('tr[data-total="declared"] td')?.getAttribute('data-value')).toBe('6');
    const chart = screen.getByTestId('exposure-chart');
    expect(chart.getAttribute('role')).toBe('img');
    expect(norm(chart.querySelector('desc')?.textContent)).toContain('Bruit : 4 (50 %)');

    // 20 employees in a group of 60; 6 declared exposed of 20 = 30 % ≥ 25 % → applies (2024 rule).
    const obligation = screen.getByTestId('obligation');
    expect(obligation.getAttribute('data-outcome')).toBe('applies');
    expect(norm(within(obligation).getByTestId('obligation-share').textContent)).toContain('Salariés déclarés exposés : 6 sur un effectif de 20, soit 30 % (seuil : au moins 25 %)');
    expect(obligation.textContent).toContain('L4162-1 et D4162-1');

    const duer = screen.getByTestId('duer-matrix');
    const noise = duer.querySelector('tr[data-job="mecanicien"] td[data-factor="noise"]');
    expect(norm(noise?.textContent)).toBe('4 / 6exposé');
    expect(noise?.getAttribute('data-state')).toBe('exposed');

    const blobs: Blob[] = [];
    const create = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    });
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: vi.fn() });
    try {
      fireEvent.click(screen.getByTestId('export-declaration'));
      // Made from the whole staff (by the evaluation worker in a browser, here on the page), then recorded.
      await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
      await waitFor(async () => expect((await db.declarations.toArray()).map((d) => [d.kind, d.lines.length])).toEqual([['declaration', 6]]));
      const text = await blobText(blobs[0]!);
      expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Matricule;N° de contrat;Code facteur;Facteur de risques;Code DSN (S21.G00.34.001);Année;Début de période;Fin de période;Points de l’année');
      expect(text).toContain('SEN-01;CDI-0007;noise;Bruit;07;2024;01/01/2024;31/12/2024;8');
      expect(employees).toHaveLength(8);
    } finally {
      Object.assign(URL, { createObjectURL: undefined, revokeObjectURL: undefined });
    }
  });

  it('compares with the previous year’s evaluation, taking the staff over', async () => {
    await seedCompany();
    await openResults();
    expect(screen.getByTestId('compare-previous').textContent).toContain('Aucune évaluation de 2023');
    await waitFor(async () => expect(await db.evaluations.get('garage@2024')).toBeTruthy());
    // The same year chosen again changes nothing (the workspace stays as it is)…
    change('Année d’exposition évaluée', '2024');
    expect(screen.queryByText('Chargement de l’entreprise…')).toBeNull();
    expect(screen.getByTestId('results-summary')).toBeTruthy();
    // …another takes this year's steps away at once: nothing can be typed into a workspace being replaced.
    change('Année d’exposition évaluée', '2025');
    expect(screen.getByText('Chargement de l’entreprise…')).toBeTruthy();
    expect(screen.queryByTestId('results-summary')).toBeNull();
    await waitFor(() => expect((screen.getByLabelText('Année d’exposition évaluée') as HTMLSelectElement).value).toBe('2025'));
    await stepHeading('Personnel 2025');
    click('Reprendre le personnel de 2024 (8 salariés)');
    await waitFor(async () => expect((await db.staff.get('garage@2025'))?.employees).toHaveLength(8));
    click('Évaluer le personnel');
    await stepHeading('Résultats 2025');
    const compare = await screen.findByTestId('compare-previous');
    // CDD-01's contract ended in August 2024: not evaluated in 2025, listed as absent this year.
    expect(screen.getByTestId('evaluation-errors-list').querySelector('tr[data-employee="CDD-01"]')?.getAttribute('data-code')).toBe('contract_outside_year');
    // The comparison arrives after the evaluation (compareOffThread: on the page here, jsdom has no worker).
    await waitFor(() => expect(norm(compare.textContent)).toContain('Exposés à au moins un facteur : 6 en 2024, 5 en 2025 ; points : 26 → 24'));
    expect(compare.querySelector('tr[data-employee="CDD-01"]')?.textContent).toContain('absent cette année');
  });

  it('keeps everything across a reload, exports the company file, imports it back, and deletes all', async () => {
    await seedCompany();
    await openResults();
    await waitFor(async () => expect(await db.evaluations.get('garage@2024')).toBeTruthy());
    cleanup();
    await openResults();
    expect(row('SEN-01').getAttribute('data-points')).toBe('8');

    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:x'), revokeObjectURL: () => {} });
    try {
      click('Exporter le dossier complet (JSON)');
      await waitFor(() => expect(blobs).toHaveLength(1));
    } finally {
      Object.assign(URL, { createObjectURL: undefined, revokeObjectURL: undefined });
    }
    const json = await blobText(blobs[0]!);
    expect(JSON.parse(json)).toMatchObject({ formatVersion: 1, kind: 'logigramme.entreprise', company: { profile: { name: 'Garage Exemple SARL' } } });

    click('Supprimer toutes les données de l’entreprise');
    expect(screen.getByRole('alertdialog').textContent).toContain('Supprimer définitivement « Garage Exemple SARL »');
    click('Oui, tout supprimer');
    await screen.findByRole('heading', { level: 1, name: 'Entreprises' });
    expect(await db.companies.count()).toBe(0);
    expect(await db.staff.count()).toBe(0);
    expect(await db.evaluations.count()).toBe(0);

    chooseFile('Dossier d’entreprise (JSON exporté par Logigramme)', 'garage.json', json, 'application/json');
    expect((await screen.findByText(/Dossier de « Garage Exemple SARL » importé/)).textContent).toBeTruthy();
    const [company] = await db.companies.toArray();
    expect(company?.profile.siret).toBe('73282932000074');
    expect((await db.staff.get(`${company!.id}@2024`))?.employees).toHaveLength(8);
    expect(await db.evaluations.count()).toBe(1);
    await navigate(`#/entreprise/${company!.id}`);
    await stepHeading('Résultats 2024');
  });
});
