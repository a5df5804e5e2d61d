import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/universal';
import writeXlsxFile from 'write-excel-file/universal';
import { parseStaffCsv } from '../../src/io/staff-csv.ts';
import { loadReferentialText } from '../../src/core/index.ts';
import { FRENCH_PAYROLL_TEXT, windows1252 } from '../support/french-payroll.ts';
import { generatedStaffCsv } from './support/company-staff.ts';
import { CHROMIUM_INSTALL_TIMEOUT_MS } from './support/chromium.ts';
import type { AppServer } from './support/server.ts';
import { expectOnlyOwnOrigin, openSession, type BrowserSession, type PageWatch } from './support/session.ts';

/*
 * The company workspace in a real Chromium (Debian's), on the app's production build (built in a few
 * seconds and served by `vite preview`: the page under measure runs React as users get it, not its
 * development build): the guided flow on the sample referential, a malformed staff file refused with its
 * listed errors and nothing stored, the what-if on a hand-computed employee, a reload, a 100 000-line
 * staff file parsed in the Web Worker and evaluated while the main thread's long tasks are recorded, the
 * printable sheet — and not one request outside the app's origin. The steps run in order on one page,
 * as one visit.
 *
 * Responsiveness: the page records every long task (PerformanceObserver 'longtask', ≥ 50 ms) while a
 * 100 000-line staff file is imported, evaluated, and its results scrolled and searched. Parsing, storing and
 * evaluating run in Web Workers; the chosen file crosses to the worker as a handle (the page never reads
 * it); the employees and the result summaries come back packed — chunks of 250 as JSON bytes in
 * transferred buffers, each shared part once per chunk (src/ui/company/packedList.ts) — and the page
 * reads them as read-only arrays that decode only the chunks read (the rows in view, a page of the staff
 * table), so it keeps no object per employee; its search and filters test the chunks a slice at a time
 * (useFilteredRows.ts). A what-if on the 100 000 (evaluated and compared in the evaluation worker, the
 * changes handed over packed) and reopening the company (a reload: the staff read in the evaluation
 * worker, handed over packed) are held to the same bound. The timings are written to
 * test-results/company-e2e-timings.json (the bench gives the Node figures); TRACE_E2E=<file.json>
 * records a Chromium trace of that step, PROFILE_E2E=1 prints where the page's time went (on an
 * unminified build; PROFILE_E2E=json also writes test-results/company-e2e.cpuprofile), SLOWDOWN_E2E=<n>
 * slows the page's CPU n times (Chromium's throttling), to see what a loaded machine would stretch.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const BROKEN_TEXT = readFileSync(join(ROOT, 'examples', 'salaries-erreurs.csv'), 'utf8');
const LARGE_ROWS = 100_000;
/**
 * The issue's target is RAIL's response budget: no main-thread task of 100 ms or more while 100 000 rows
 * are imported, evaluated and scrolled. This file runs alone, after every other test file
 * (vite.config.ts, project `measured`). When the page received and kept the 100 000 employees and
 * summaries as objects, its garbage collector's pauses (25–40 ms of CPU each, two to four times that by
 * the wall clock on a loaded machine) made tasks of 100–160 ms at a load average of 7–10; packed, in a
 * CPU profile at a 3× slowdown the page's message handling fell from 700 to 40 ms and its garbage
 * collection from 450 to under 200 ms over the whole step. What the page still does itself: React's
 * render and commit of each step and their layout (a staff page of 25 rows, a results table of the rows
 * in view plus 4; the panels below it mount one task later on a large staff), in tasks of 15–25 ms of
 * CPU. The longest task measured with this design, this file alone on this 2-core machine shared with
 * other engineers' tests (load average before the run): at 1×, 0 ms (no long task) in six runs at a
 * load of 1.1–3.9, three of them at the end of a full `npm test`; at a 2× slowdown, 0, 0, 0 and 58 ms
 * at 2.0–4.7; at a 3× slowdown, 0, 53, 69, 68, 0, 51, 60, 0 and 76 ms in nine runs at 1.9–4.9. Before the
 * last two changes, at a load of 7–9: 0 ms at 1×, 98 at 2×, 61 and once 115 at 3×; those two changes
 * (the file crossing as a handle, the staged panels) aim at exactly those tasks (the start of the import,
 * the results' commit), but the machine was quiet by the time they were measured. Hence the issue's
 * 100 ms as the bound. A search runs a slice at a time, the explained employee is found from the
 * chunks' keys, a comparison and the export files are made in the worker (recording the French
 * declaration's lines is the page's, outside this measure).
 */
const LONGEST_TASK_MS = 100;
const STAFF_LABEL = 'Fichier du personnel (CSV ou Excel)';

let session: BrowserSession;
let server: AppServer;
let page: Page;
let watch: PageWatch;
const timings: Record<string, number> = {};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await openSession('company', { viewport: { width: 1280, height: 900 }, acceptDownloads: true }, async (context, app) => {
    // Every long task of the page, from its first script on (reloads included).
    await context.addInitScript(() => {
      const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
      w.__longTasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        // No long-task timing in this browser: the measure will say so.
      }
    });
    // A first visit fills the browser's cache, as a returning user's; the visit under test starts after it.
    const warmUp = await context.newPage();
    await warmUp.goto(`${app.origin}/#/entreprises`);
    await warmUp.waitForLoadState('networkidle').catch(() => {});
    await warmUp.close();
  }, 'production');
  ({ server, page, watch } = session);
}, CHROMIUM_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  if (Object.keys(timings).length > 0) {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(join(ROOT, 'test-results', 'company-e2e-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
  }
  await session?.close();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
const stepHeading = (name: string) => page.getByRole('heading', { level: 2, name, exact: true });
const row = (employee: string) => page.locator(`.employee-results-table tr[data-employee="${employee}"]`);
const cell = (employee: string, factor: string) => row(employee).locator(`td[data-factor="${factor}"]`);
const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The French payroll file as an Excel workbook: numbers and dates as Excel stores them. */
async function payrollWorkbook(): Promise<Buffer> {
  const rows = FRENCH_PAYROLL_TEXT.split('\r\n').map((line, i) =>
    line.split(';').map((c, j) => {
      if (c === '') return null;
      if (i > 0 && j === 1) return Number(c.replace(/\s/g, '').replace(',', '.'));
      if (i > 0 && (j === 2 || j === 3)) {
        const [d, m, y] = c.split('/').map(Number);
        return new Date(Date.UTC(y!, m! - 1, d!));
      }
      return c;
    }),
  );
  const write = writeXlsxFile as unknown as (data: unknown, options: unknown) => { toBlob(): Promise<Blob> };
  return Buffer.from(await (await write(rows, { sheet: 'Paie', dateFormat: 'dd/mm/yyyy' }).toBlob()).arrayBuffer());
}

/** A downloaded workbook's first sheet, as rows of cells. */
async function readWorkbookFile(path: string): Promise<unknown[][]> {
  const buffer = readFileSync(path);
  const sheets = await readXlsxFile(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer);
  return sheets[0]!.data as unknown[][];
}

/** Staff records in the page's IndexedDB, read directly (not through the app). */
function storedStaff(): Promise<number[]> {
  return page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('logigramme');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('staff').objectStore('staff').getAll();
          all.onsuccess = () => {
            resolve((all.result as Array<{ employees: unknown[] }>).map((r) => r.employees.length));
            open.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

async function longTasks(): Promise<Array<{ start: number; duration: number }>> {
  return page.evaluate(() => (window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks.slice());
}
const now = () => page.evaluate(() => performance.now());

describe('the company workspace in Chromium', () => {
  it('creates a company and fills its profile for 2024', async () => {
    await page.goto(`${server.origin}/#/entreprises`);
    await page.getByRole('heading', { level: 1, name: 'Entreprises' }).waitFor();
    await page.getByLabel('Nom de l’entreprise').fill('Garage Exemple SARL');
    await page.getByRole('button', { name: 'Créer l’espace de l’entreprise' }).click();
    await page.getByRole('heading', { level: 1, name: 'Garage Exemple SARL' }).waitFor();
    await page.getByLabel('Année d’exposition évaluée').selectOption('2024');
    await expect.poll(() => page.getByLabel('Année d’exposition évaluée').inputValue()).toBe('2024');
    await stepHeading('Profil de l’entreprise').waitFor();
    await page.getByLabel('SIRET (facultatif)').fill('73282932000075');
    await page.getByText('Ce SIRET n’est pas valide').waitFor();
    await page.getByLabel('SIRET (facultatif)').fill('73282932000074');
    await page.getByLabel('Effectif de l’entreprise').fill('12000');
    await page.getByLabel('Indice de sinistralité AT/MP (facultatif)').fill('0,12');
    await expect(page.getByText('Ce SIRET n’est pas valide').count()).resolves.toBe(0);
    await shot('company-01-profil.png');
  });

  it('applies the stored sample referential, with its identity and a non-homologation warning', async () => {
    await page.getByRole('button', { name: 'Étape suivante : Référentiel' }).click();
    await stepHeading('Référentiel professionnel de branche').waitFor();
    await page.getByLabel('Référentiel enregistré').selectOption('exemple-atelier@1.0.0');
    await page.getByRole('button', { name: 'Appliquer ce référentiel' }).click();
    await page.getByTestId('referential-identity').waitFor();
    await expect(page.getByTestId('not-homologated').textContent()).resolves.toContain('n’est pas homologué');
    await shot('company-02-referentiel.png');
    await page.getByRole('button', { name: 'Étape suivante : Critères' }).click();
    await page.getByLabel('Activité de l’entreprise').selectOption('atelier');
    await page.getByText('Toutes les réponses nécessaires sont données.').waitFor();
    await page.getByRole('button', { name: 'Étape suivante : Mesures de prévention' }).click();
    await stepHeading('Mesures de prévention en place').waitFor();
    await page.getByRole('button', { name: 'Étape suivante : Personnel' }).click();
    await stepHeading('Personnel 2024').waitFor();
  });

  it('refuses a malformed staff file, listing every error with its line and column, and stores nothing', async () => {
    await page.getByLabel(STAFF_LABEL).setInputFiles(csvFile('salaries-erreurs.csv', BROKEN_TEXT));
    const errors = page.getByTestId('csv-errors');
    await errors.waitFor();
    const sample = loadReferentialText(readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8'));
    if (!sample.ok) throw new Error('sample does not load');
    const expected = parseStaffCsv(BROKEN_TEXT, sample.value).issues;
    await expect(errors.textContent()).resolves.toContain(`${expected.length} problèmes. Rien n’a été enregistré`);
    const rows = errors.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(expected.length);
    await expect(rows.first().getAttribute('data-row')).resolves.toBe(String(expected[0]!.row));
    await expect(storedStaff()).resolves.toEqual([]);
    await expect(page.getByText('Aucun salarié pour cette année.').isVisible()).resolves.toBe(true);
    await shot('company-03-personnel-erreurs.png');
  });

  it('imports a French payroll export in Windows-1252: the encoding said, the unknown column mapped once, French dates', async () => {
    await page.getByLabel(STAFF_LABEL).setInputFiles({ name: 'paie-2024.csv', mimeType: 'text/csv', buffer: Buffer.from(windows1252(FRENCH_PAYROLL_TEXT)) });
    // « Équipes alternantes » is no known column: the mapping step proposes the referential's columns
    const mapping = page.getByTestId('column-mapping');
    await mapping.waitFor();
    await expect(page.getByTestId('csv-errors').textContent()).resolves.toContain('Windows-1252');
    await expect(storedStaff()).resolves.toEqual([]);
    await mapping.getByLabel('Colonne « Équipes alternantes » (n° 9)').selectOption('q:q-equipes-alternantes');
    await shot('company-03b-correspondance.png');
    await mapping.getByRole('button', { name: 'Appliquer et relire le fichier' }).click();
    await page.getByTestId('csv-accepted').waitFor();
    await expect(page.getByTestId('csv-accepted').textContent()).resolves.toContain('8 salariés');
    await expect(page.getByTestId('csv-source').textContent()).resolves.toContain('Windows-1252');
    await expect(storedStaff()).resolves.toEqual([8]);
    // the French date 01/03/2024 became the contract start
    await expect(page.locator('table.staff tr[data-employee="CDD-01"]').textContent()).resolves.toContain('du 01/03/2024 au 31/08/2024');
  });

  it('imports the same staff as an Excel workbook, the column mapping remembered for the company', async () => {
    await page.getByLabel(STAFF_LABEL).setInputFiles({ name: 'paie-2024.xlsx', mimeType: XLSX_TYPE, buffer: await payrollWorkbook() });
    await page.getByTestId('csv-accepted').waitFor();
    await expect(page.getByTestId('csv-accepted').textContent()).resolves.toContain('« paie-2024.xlsx » importé : 8 salariés');
    await expect(page.getByTestId('csv-source').textContent()).resolves.toContain('classeur Excel, feuille « Paie »');
    await expect(storedStaff()).resolves.toEqual([8]);
  });

  it('evaluates the staff, and the what-if takes the mechanic out of noise exposure', async () => {
    await page.getByRole('button', { name: 'Évaluer le personnel' }).click();
    await stepHeading('Résultats 2024').waitFor();
    await page.getByTestId('results-summary').waitFor();
    // MEC-01 by hand: engines 7 h/day × 228 days × 60 % = 957.6 h at 85 dB(A), bodywork 3 h × 228 × 40 % =
    // 273.6 h at 82 dB(A): 1 231.2 h ≥ 600 h → exposed, 4 points (one factor, four quarters, 2023-09-01 rules).
    await expect(cell('MEC-01', 'noise').getAttribute('data-verdict')).resolves.toBe('exposed');
    expect(Number(await cell('MEC-01', 'noise').getAttribute('data-exposure'))).toBeCloseTo(1231.2, 6);
    await expect(row('MEC-01').getAttribute('data-points')).resolves.toBe('4');
    await shot('company-04-resultats.png');

    // « Bruit ramené sous 80 dB(A) » in place all year: the engines drop to 79 dB(A) < 81, only the
    // 273.6 h of bodywork count: 273.6 h < 600 h → not exposed, 0 points.
    await page.getByTestId('whatif').getByLabel('Bruit ramené sous 80 dB(A)').check();
    await expect.poll(() => cell('MEC-01', 'noise').getAttribute('data-verdict')).toBe('not_exposed');
    expect(Number(await cell('MEC-01', 'noise').getAttribute('data-exposure'))).toBeCloseTo(273.6, 6);
    await expect(row('MEC-01').getAttribute('data-points')).resolves.toBe('0');
    await expect(page.getByTestId('whatif-changes').locator('tr[data-employee="MEC-01"]').textContent()).resolves.toContain('Bruit : exposé → non exposé');
    await shot('company-05-simulation.png');
    await page.locator('section.employee-results').screenshot({ path: join(SHOTS, 'company-05b-simulation-salaries.png') });
  });

  it('simulates new job shares for one employee, applied with the staff in the evaluation worker', async () => {
    await page.getByRole('button', { name: 'Revenir aux données réelles' }).click();
    await expect.poll(() => cell('MEC-01', 'noise').getAttribute('data-verdict')).toBe('exposed');
    // NUIT-01 (full time, fixed night post: 110 nights) split 50 % mechanic / 50 % night agent:
    // night work 110 × 50 % = 55 nights < 100 → not exposed; noise (1 231,2 h at full time in the
    // workshop, see above) × 50 % = 615,6 h ≥ 600 h → exposed, 4 points.
    const whatIf = page.getByTestId('whatif');
    await whatIf.getByLabel('Modifier les parts du temps d’un salarié').fill('NUIT-01');
    await whatIf.getByLabel('Part au poste « Mécanicien » (%)').fill('50');
    await whatIf.getByLabel('Part au poste « Agent de maintenance de nuit » (%)').fill('50');
    await expect.poll(() => cell('NUIT-01', 'night_work').getAttribute('data-verdict')).toBe('not_exposed');
    expect(Number(await cell('NUIT-01', 'night_work').getAttribute('data-exposure'))).toBeCloseTo(55, 6);
    await expect(cell('NUIT-01', 'noise').getAttribute('data-verdict')).resolves.toBe('exposed');
    expect(Number(await cell('NUIT-01', 'noise').getAttribute('data-exposure'))).toBeCloseTo(615.6, 6);
    await expect(row('NUIT-01').getAttribute('data-points')).resolves.toBe('4');
    // The others keep their real shares.
    await expect(cell('MEC-01', 'noise').getAttribute('data-verdict')).resolves.toBe('exposed');
  });

  it('explains an employee on demand and prints the exposure sheet', async () => {
    await page.getByRole('button', { name: 'Revenir aux données réelles' }).click();
    await expect.poll(() => cell('MEC-01', 'noise').getAttribute('data-verdict')).toBe('exposed');
    await page.getByRole('button', { name: 'Expliquer le résultat de MEC-01' }).click();
    const plain = page.getByTestId('plain-explanation');
    await plain.waitFor();
    await expect(plain.textContent()).resolves.toContain('mesure « Bruit ramené sous 80 dB(A) » absente');
    await shot('company-06-explication.png');
    await page.getByTestId('explanation').screenshot({ path: join(SHOTS, 'company-06b-explication-detail.png') });
    await page.getByRole('button', { name: 'Fiche d’exposition imprimable' }).click();
    await page.getByTestId('print-sheet').waitFor();
    await page.emulateMedia({ media: 'print' });
    await shot('company-07-fiche-impression.png');
    await page.pdf({ path: join(SHOTS, 'company-07-fiche.pdf'), format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Fermer la fiche' }).click();
  });

  it('downloads the declaration and the DUER matrix, in French, as CSV and Excel, and reads them back', async () => {
    const download = async (testId: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      expect(file.url().startsWith('blob:')).toBe(true);
      return { name: file.suggestedFilename(), path: (await file.path())! };
    };
    const declaration = readFileSync((await download('export-declaration')).path, 'utf8');
    const lines = declaration.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Matricule;N° de contrat;Code facteur;Facteur de risques;Code DSN (S21.G00.34.001);Année;Début de période;Fin de période;Points de l’année');
    expect(lines).toContain('CDD-01;CDD-2024-017;noise;Bruit;07;2024;01/03/2024;31/08/2024;2');
    // MEC-01, MEC-02, NUIT-01, NUIT-02, CDD-01, SEN-01 declared: 4 + 4 + 4 + 4 + 2 + 8 = 26 points
    expect(lines).toContain('Total : 6 lignes, 6 salariés déclarés;;;;;2024;;;26');
    const codes = readFileSync((await download('export-declaration-codes')).path, 'utf8');
    expect(codes.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('employee;contract_ref;factor;factor_label;S21.G00.34.001;year;period_start;period_end;points');

    const duer = readFileSync((await download('export-duer')).path, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(duer[0]!.startsWith('Poste;Effectif;Postures pénibles — exposés;Postures pénibles — part;Postures pénibles — situation;Bruit — exposés;Bruit — part;Bruit — situation')).toBe(true);
    // mechanics: 6, of whom 4 exposed to noise = 66,7 %
    expect(duer.find((l) => l.startsWith('Mécanicien;'))).toContain(';6;0;0\u202f%;non exposé mais prévention à mettre en place;4;66,7\u202f%;exposé;');
    expect(duer.find((l) => l.startsWith('Total entreprise'))).toContain(';8;');

    const book = await download('export-duer-xlsx');
    expect(book.name).toBe('duer-penibilite-garage-exemple-sarl-2024.xlsx');
    const sheet = await readWorkbookFile(book.path);
    expect(sheet[0]!.slice(0, 5)).toEqual(['Poste', 'Effectif', 'Postures pénibles — exposés', 'Part', 'Situation']);
    const mechanic = sheet.find((r) => r[0] === 'Mécanicien')!;
    expect(mechanic.slice(1, 8)).toEqual([6, 0, 0, 'non exposé mais prévention à mettre en place', 4, 4 / 6, 'exposé']);
    expect(sheet.at(-1)![0]).toBe('Total entreprise (chaque salarié compté une fois)');

    const results = await readWorkbookFile((await download('export-results-xlsx')).path);
    expect(results[0]!.slice(0, 2)).toEqual(['Matricule', 'Facteurs exposés']);
    const mec01 = results.find((r) => r[0] === 'MEC-01')!;
    expect(mec01).toContain('exposé');
    expect(mec01).toContain(1231.2);
  });

  it('keeps everything across a reload', async () => {
    await page.reload();
    await stepHeading('Résultats 2024').waitFor();
    await page.getByTestId('results-summary').waitFor();
    await expect(cell('MEC-01', 'noise').getAttribute('data-verdict')).resolves.toBe('exposed');
    await expect(row('SEN-01').getAttribute('data-points')).resolves.toBe('8');
    await expect(page.getByLabel('Année d’exposition évaluée').inputValue()).resolves.toBe('2024');
    await expect(storedStaff()).resolves.toEqual([8]);
  });

  it(`imports a generated ${LARGE_ROWS.toLocaleString('en-US')}-line staff file and evaluates it, the page staying responsive`, async () => {
    const text = generatedStaffCsv(LARGE_ROWS);
    await page.getByRole('navigation', { name: 'Étapes' }).getByRole('button', { name: /Personnel/ }).click();
    await stepHeading('Personnel 2024').waitFor();
    const before = (await longTasks()).length;
    const cdp = await page.context().newCDPSession(page);
    if (process.env.SLOWDOWN_E2E) await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.SLOWDOWN_E2E) });
    if (process.env.PROFILE_E2E) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    if (process.env.TRACE_E2E) {
      await page.context().browser()!.startTracing(page, {
        path: process.env.TRACE_E2E,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'toplevel', 'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.gc'],
      });
    }
    const t0 = await now();
    // From a file on disk: a buffer handed to setInputFiles is decoded by a script in the page, a long
    // task of the test's own making.
    const path = join(ROOT, 'test-results', 'salaries-100000.csv');
    writeFileSync(path, text);
    await page.getByLabel(STAFF_LABEL).setInputFiles(path);
    // The progress bar while the worker reads the file (it may already be done on a fast machine).
    const progress = page.getByTestId('csv-progress');
    if (await progress.isVisible()) await page.locator('section.import-staff').screenshot({ path: join(SHOTS, 'company-08a-progression.png') }).catch(() => {});
    await page.getByTestId('csv-accepted').waitFor({ timeout: 60_000 });
    const t1 = await now();
    await expect(page.getByTestId('csv-accepted').textContent()).resolves.toContain('100\u202f000 salariés');
    // Inside the measure, the test's own work on the page stays light: a screenshot of the viewport (a
    // full-page one lays the whole page out again at its full height), elements found by test id (a
    // query by role computes the role and name of every element of the page).
    await page.screenshot({ path: join(SHOTS, 'company-08-import-100000.png') });
    await expect(page.getByTestId('evaluate-staff').textContent()).resolves.toBe('Évaluer le personnel');
    await page.getByTestId('evaluate-staff').click();
    await page.getByTestId('results-summary').waitFor({ timeout: 60_000 });
    await row('E00001').waitFor();
    const t2 = await now();
    // Scrolling the virtualised table: to the middle, then to the end, where the last employee is drawn.
    const scroller = page.locator('.results-scroll');
    for (const to of [0.5, 1]) {
      await scroller.evaluate((el, f) => el.scrollTo({ top: el.scrollHeight * f }), to);
      await page.waitForTimeout(200);
    }
    await row('E100000').waitFor();
    // Searching, key by key: over the 100 000 rows each new search runs a slice at a time.
    const search = page.getByTestId('results-search');
    await search.pressSequentially('E0999', { delay: 30 });
    await expect.poll(() => page.getByTestId('results-count').textContent()).toContain('10 salariés affichés sur 100\u202f000');
    await row('E09990').waitFor();
    await search.fill('');
    await expect.poll(() => page.getByTestId('results-count').textContent()).toContain('100\u202f000 salariés affichés');
    const t3 = await now();

    if (process.env.TRACE_E2E) await page.context().browser()!.stopTracing();
    const tasks = (await longTasks()).slice(before).filter((x) => x.start >= t0 - 1);
    const longest = tasks.reduce((m, x) => Math.max(m, x.duration), 0);
    const total = tasks.reduce((n, x) => n + x.duration, 0);
    Object.assign(timings, {
      rows: LARGE_ROWS,
      importMs: Math.round(t1 - t0),
      evaluateAndRenderMs: Math.round(t2 - t1),
      scrollAndSearchMs: Math.round(t3 - t2),
      longTasks: tasks.length,
      longTasksTotalMs: Math.round(total),
      longestTaskMs: Math.round(longest),
    });
    console.log(`company e2e, ${LARGE_ROWS} rows: ${JSON.stringify(timings)}`);
    console.log(`long tasks (ms after the file was chosen; import done at ${Math.round(t1 - t0)}): ${tasks.map((x) => `${Math.round(x.start - t0)}+${Math.round(x.duration)}`).join(', ')}`);
    await shot('company-09-resultats-100000.png');
    if (process.env.PROFILE_E2E) {
      // Where the page's time went (CPU profile of the main thread), to find a long task's cause.
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map<string, number>();
      const dt = profile.timeDeltas ?? [];
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      (profile.samples ?? []).forEach((id, i) => {
        const n = byId.get(id)!;
        const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '')}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
      });
      console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${Math.round(v)} ms ${k}`).join('\n'));
      if (process.env.PROFILE_E2E === 'json') writeFileSync(join(ROOT, 'test-results', 'company-e2e.cpuprofile'), JSON.stringify(profile));
    }
    expect(longest).toBeLessThan(LONGEST_TASK_MS);
    // Read by the test itself (a long task of its own): after the measure.
    await expect.poll(storedStaff).toEqual([LARGE_ROWS]);

    await expect(page.getByTestId('results-summary').textContent()).resolves.toContain('100\u202f000 salariés évalués sur 100\u202f000');

    // A what-if on the 100 000: evaluated again and compared employee by employee in the evaluation
    // worker (compareOffThread), the page drawing the changes; held to the same bound.
    const beforeWhatIf = (await longTasks()).length;
    await page.getByTestId('whatif').getByLabel('Bruit ramené sous 80 dB(A)').check();
    await page.getByTestId('whatif-changes').waitFor({ timeout: 60_000 });
    const whatIfLongest = (await longTasks()).slice(beforeWhatIf).reduce((m, x) => Math.max(m, x.duration), 0);
    timings.whatIfLongestTaskMs = Math.round(whatIfLongest);
    console.log(`company e2e, what-if on ${LARGE_ROWS} rows: longest task ${Math.round(whatIfLongest)} ms`);
    expect(whatIfLongest).toBeLessThan(LONGEST_TASK_MS);
    // The results table marks and filters the changed rows by their position in the simulation's list
    // (Comparison.changedAt): as many rows as the what-if counts, each marked.
    const concerned = /^([\d\u202f]+) salariés? concernés?/.exec((await page.getByTestId('whatif-changes').locator('p').first().textContent()) ?? '')?.[1];
    expect(concerned).toBeDefined();
    await page.getByLabel('Afficher').selectOption({ label: 'les salariés modifiés par la simulation' });
    await expect.poll(() => page.getByTestId('results-count').textContent(), { timeout: 30_000 }).toContain(`${concerned!} salariés affichés sur 100\u202f000`);
    await expect(page.locator('.employee-results-table tbody tr[data-employee]').first().getAttribute('class')).resolves.toContain('changed');
    await page.getByLabel('Afficher').selectOption({ label: 'tous les salariés' });
    await page.getByRole('button', { name: 'Revenir aux données réelles' }).click();

    // The declaration of the 100 000 (its variant with stable codes), made by the evaluation worker from
    // the lists it kept (exportFiles.ts): held to the same bound, its lines those of the declared factors.
    // (The French file is made the same way, but recording its 90 000 lines in the database and reading
    // them back for the corrections panel still holds the page for a few hundred milliseconds.)
    const beforeExport = (await longTasks()).length;
    const [declared] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-declaration-codes').click()]);
    const declarationLines = readFileSync((await declared.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
    await expect.poll(() => page.getByTestId('export-preparing').count()).toBe(0);
    const exportLongest = (await longTasks()).slice(beforeExport).reduce((m, x) => Math.max(m, x.duration), 0);
    timings.exportLongestTaskMs = Math.round(exportLongest);
    console.log(`company e2e, declaration of ${LARGE_ROWS} rows: ${declarationLines.length - 1} lines, longest task ${Math.round(exportLongest)} ms`);
    expect(declarationLines[0]).toBe('employee;contract_ref;factor;factor_label;S21.G00.34.001;year;period_start;period_end;points');
    expect(declarationLines.length - 1).toBeGreaterThan(1000);
    expect(declarationLines.slice(1).every((l) => /^E\d{5,6};/.test(l))).toBe(true);
    expect(exportLongest).toBeLessThan(LONGEST_TASK_MS);

    // A reload reads the 100 000 employees back (in the evaluation worker, handed over packed) and
    // evaluates them again: opening the company, from the page's first script to the first rows, is
    // held to the same bound. The task in which the browser commits the new document and parses its
    // HTML (50–90 ms here: the old page's teardown, the preload scan) starts before `domInteractive`,
    // after which the app's scripts run: it is the browser's, not the app's.
    await page.reload();
    await page.getByTestId('results-summary').waitFor({ timeout: 60_000 });
    await row('E00001').waitFor();
    const scriptsStart = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive);
    const reopened = (await longTasks()).filter((x) => x.start >= scriptsStart).reduce((m, x) => Math.max(m, x.duration), 0);
    timings.reopenedLongestTaskMs = Math.round(reopened);
    console.log(`company e2e, reopened with ${LARGE_ROWS} rows: longest task ${Math.round(reopened)} ms`);
    expect(reopened).toBeLessThan(LONGEST_TASK_MS);
    await expect(page.getByTestId('results-summary').textContent()).resolves.toContain('100\u202f000 salariés évalués sur 100\u202f000');
    await expect(storedStaff()).resolves.toEqual([LARGE_ROWS]);
  }, 300_000);

  it('made no request outside its own origin, and raised no error', async () => {
    expectOnlyOwnOrigin(watch, server.origin);
  });
});
