import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL_TIMEOUT_MS } from './support/chromium.ts';
import type { AppServer } from './support/server.ts';
import { expectOnlyOwnOrigin, openSession, type BrowserSession, type PageWatch } from './support/session.ts';

/*
 * The company side of the law round (issue 9) in Chromium: a referential homologated by an arrêté of
 * 30 November 2016 applied to 2026 — deemed homologated only until 27 March 2026 (décret n° 2025-277
 * du 25 mars 2025, art. 2), so no presumption of good faith for the 2026 declaration (L4163-2) —, a staff
 * with a long absence and a temporary worker — every verdict, exposure and point on the page equal to
 * what the built command line gives on the same files —, the declaration (without the temp worker) and the
 * agency's sheet, the agreement / action-plan draft with a refused theme choice and the penalty at
 * stake, then a prevention measure that makes the declaration filed wrong: the correction file with
 * code 99. axe-core finds no critical or serious violation; no request leaves the app's origin.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const STAFF_LABEL = 'Fichier du personnel (CSV ou Excel)';

/** The sample referential, as a version homologated by an arrêté of 30/11/2016. */
function homologatedReferential(): string {
  const doc = JSON.parse(readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8')) as { id: string; identity: Record<string, unknown> };
  doc.id = 'atelier-homologue-2016';
  doc.identity = { ...doc.identity, title: 'Atelier de maintenance — homologué en 2016', status: 'homologated', homologation: { arreteDate: '2016-11-30', arreteReference: 'Arrêté du 30 novembre 2016' } };
  return JSON.stringify(doc);
}

// NUIT-01 is absent from 01/01 to 31/03/2026 (31 + 28 + 31 = 90 days); INT-01 is placed by Intérim Nord.
const STAFF_2026 = [
  'Matricule;Heures annuelles;Date d’entrée;Date de sortie;N° de contrat;Naissance;Postes;Tâches;q:q-equipes-alternantes;Absences longues;Intérimaire;Agence d’intérim;SIRET de l’agence;Contrat de mission',
  'MEC-01;1607;;;CDI-0001;1980;mecanicien;;;;;;;',
  'NUIT-01;1607;;;CDI-0005;1975;agent-nuit;;non;01/01/2026..31/03/2026:maladie:Arrêt de trois mois;;;;',
  'MEC-04;1607;;;CDI-0008;1986;mecanicien;;;02/09/2026..01/11/2026:formation;;;;',
  'INT-01;1607;01/02/2026;31/07/2026;MIS-2026-031;1995;mecanicien;;;;oui;Intérim Nord;123 456 789 00011;MIS-2026-031',
  '',
].join('\r\n');

let session: BrowserSession;
let server: AppServer;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await openSession('company-law', { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  ({ server, page, watch } = session);
}, CHROMIUM_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await session?.close();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `company-law-${name}.png`), fullPage: true });
const stepHeading = (name: string) => page.getByRole('heading', { level: 2, name, exact: true });
const cell = (employee: string, factor: string) => page.locator(`.employee-results-table tr[data-employee="${employee}"] td[data-factor="${factor}"]`);
const lines = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n');

async function download(action: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  expect(file.url().startsWith('blob:')).toBe(true);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

/** axe-core on the whole page: the critical and serious violations, as readable lines (none expected). */
async function axe(state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run;
    const result = await run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `axe-core, ${state}`).toEqual([]);
}

describe('the company workspace and the law of 2026 in Chromium', () => {
  it('applies a referential homologated in 2016 to a company evaluating 2026', async () => {
    await page.goto(`${server.origin}/#/entreprises`);
    await page.getByRole('heading', { level: 1, name: 'Entreprises' }).waitFor();
    await page.getByLabel('Nom de l’entreprise').fill('Atelier Loi SAS');
    await page.getByRole('button', { name: 'Créer l’espace de l’entreprise' }).click();
    await page.getByRole('heading', { level: 1, name: 'Atelier Loi SAS' }).waitFor();
    await page.getByLabel('Année d’exposition évaluée').selectOption('2026');
    await expect.poll(() => page.getByLabel('Année d’exposition évaluée').inputValue()).toBe('2026');
    await stepHeading('Profil de l’entreprise').waitFor();
    // 80 employees; an AT/MP claims index of 0,31 > 0,25 triggers the obligation to negotiate (D4162-1).
    await page.getByLabel('Effectif de l’entreprise').fill('80');
    await page.getByLabel('Indice de sinistralité AT/MP (facultatif)').fill('0,31');
    await page.getByRole('button', { name: 'Étape suivante : Référentiel' }).click();
    await stepHeading('Référentiel professionnel de branche').waitFor();
    await page.getByLabel('Fichier du référentiel (JSON)').setInputFiles({ name: 'atelier-homologue-2016.json', mimeType: 'application/json', buffer: Buffer.from(homologatedReferential()) });
    await page.getByText('Atelier de maintenance — homologué en 2016', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Étape suivante : Critères' }).click();
    await page.getByLabel('Activité de l’entreprise').selectOption('atelier');
    await page.getByRole('button', { name: 'Étape suivante : Mesures de prévention' }).click();
    await page.getByRole('button', { name: 'Étape suivante : Personnel' }).click();
    await stepHeading('Personnel 2026').waitFor();
    await page.getByLabel(STAFF_LABEL).setInputFiles({ name: 'personnel-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(STAFF_2026, 'utf8') });
    await page.getByTestId('csv-accepted').waitFor();
    await expect(page.getByTestId('csv-accepted').textContent()).resolves.toContain('4 salariés');
    await page.getByRole('button', { name: 'Évaluer le personnel' }).click();
    await stepHeading('Résultats 2026').waitFor();
    await page.getByTestId('results-summary').waitFor();
  });

  it('says the presumption of good faith does not apply, the channel, the long absence and the temp worker', async () => {
    const presumption = page.getByTestId('presumption');
    await expect(presumption.getAttribute('data-applies')).resolves.toBe('false');
    await expect(presumption.getAttribute('data-reason')).resolves.toBe('expired');
    await expect(presumption.textContent()).resolves.toContain('plus homologué au 31/12/2026');
    await expect(presumption.textContent()).resolves.toContain('décret n° 2025-277 du 25 mars 2025');
    await expect(page.getByTestId('summary-channel').textContent()).resolves.toContain('DSN, bloc S21.G00.34');
    await expect(page.getByTestId('summary-temporary').textContent()).resolves.toContain('1 intérimaire évalué');
    await expect(page.getByTestId('summary-absences').textContent()).resolves.toContain('2 salariés avec des absences longues');
    // NUIT-01: 110 nights × (365 − 90) / 365 = 82,88 < 100 → not exposed; MEC-04's two months of training
    // leave noise above 600 h (1 231,2 h × 304/365 = 1 025,4 h).
    await expect(cell('NUIT-01', 'night_work').getAttribute('data-verdict')).resolves.toBe('not_exposed');
    expect(Number(await cell('NUIT-01', 'night_work').getAttribute('data-exposure'))).toBeCloseTo((110 * 275) / 365, 4);
    await expect(cell('MEC-04', 'noise').getAttribute('data-verdict')).resolves.toBe('exposed');
    await expect(page.getByTestId('obligation').getAttribute('data-outcome')).resolves.toBe('applies');
    await expect(page.locator('.employee-results-table tr[data-employee="INT-01"] [data-testid="tag-temporary"]').textContent()).resolves.toBe('intérimaire (Intérim Nord, déclaré par l’agence)');
    await expect(page.locator('.employee-results-table tr[data-employee="NUIT-01"] [data-testid="tag-absence"]').textContent()).resolves.toBe('absences longues : 90 jours');
    await shot('01-resultats');
    await page.getByRole('button', { name: 'Expliquer le résultat de NUIT-01' }).click();
    await expect(page.getByTestId('explanation-absence').textContent()).resolves.toContain('275 jours de présence / 365 jours du contrat dans l’année, comparée au seuil annuel inchangé');
    await page.getByTestId('explanation').screenshot({ path: join(SHOTS, 'company-law-01b-explication-absence.png') });
    await page.getByRole('button', { name: 'Fermer l’explication' }).click();
    await axe('results of 2026');
  });

  it('shows for every employee and factor what the command line gives on the same files', async () => {
    // The same referential, answers and staff file through the built CLI (`logigramme evaluate`, the
    // code the package ships), one CSV line per employee and factor: its verdict, the exposure of the
    // group that decides it, and the employee's points — against the page's results table.
    const dir = mkdtempSync(join(tmpdir(), 'logigramme-conformance-'));
    try {
      writeFileSync(join(dir, 'referentiel.json'), homologatedReferential());
      writeFileSync(join(dir, 'personnel.csv'), STAFF_2026);
      writeFileSync(join(dir, 'entreprise.json'), JSON.stringify({ formatVersion: 1, company: { name: 'Atelier Loi SAS' }, referential: { id: 'atelier-homologue-2016' }, answers: { 'q-activite': 'atelier' }, measures: [] }));
      const cli = spawnSync(process.execPath, ['bin/logigramme.mjs', 'evaluate', join(dir, 'referentiel.json'), '--answers', join(dir, 'entreprise.json'), '--staff', join(dir, 'personnel.csv'), '--year', '2026', '--format', 'csv'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(cli.status, cli.stderr).toBe(0);
      const lines = Papa.parse<Record<string, string>>(cli.stdout.trim(), { header: true }).data;
      const employees = [...new Set(lines.map((l) => l.employee!))];
      expect(employees).toEqual(['MEC-01', 'NUIT-01', 'MEC-04', 'INT-01']);
      let compared = 0;
      for (const employee of employees) {
        const own = lines.filter((l) => l.employee === employee);
        await expect(page.locator(`.employee-results-table tr[data-employee="${employee}"]`).getAttribute('data-points')).resolves.toBe(own[0]!.points);
        for (const line of own) {
          const shown = cell(employee, line.factor!);
          // The table shows the factors of the year's results; a factor it leaves out must be not exposed.
          if ((await shown.count()) === 0) {
            expect(line.verdict, `${employee} ${line.factor}`).toBe('not_exposed');
            continue;
          }
          await expect(shown.getAttribute('data-verdict'), `${employee} ${line.factor}`).resolves.toBe(line.verdict);
          const exposure = await shown.getAttribute('data-exposure');
          if (exposure !== null) expect(Number(exposure), `${employee} ${line.factor}`).toBe(Number(line.exposure));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(employees.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports the declaration without the temp worker, and the agency its sheet', async () => {
    const declaration = await download(() => page.getByTestId('export-declaration').click());
    const rows = lines(declaration.text);
    expect(rows.filter((l) => /^(MEC|NUIT|INT)-/.test(l)).map((l) => l.split(';').slice(0, 5).join(';'))).toEqual(['MEC-01;CDI-0001;noise;Bruit;07', 'MEC-04;CDI-0008;noise;Bruit;07']);
    expect(rows.some((l) => l.includes('la présomption de bonne foi et la protection contre la pénalité ne s’appliquent pas'))).toBe(true);
    await page.getByTestId('correction-none').waitFor();

    const agencies = page.getByTestId('agency-sheets');
    await expect(agencies.textContent()).resolves.toContain('1 intérimaire, 1 agence');
    const sheet = await download(() => agencies.getByRole('button', { name: 'Fiche d’exposition pour Intérim Nord (CSV)' }).click());
    expect(sheet.name).toBe('interim-interim-nord-atelier-loi-sas-2026.csv');
    // Engines 957,6 h + bodywork 273,6 h = 1 231,2 h ≥ 600 h, for the mission from 01/02 to 31/07/2026.
    expect(lines(sheet.text)).toContain('Intérim Nord;12345678900011;INT-01;MIS-2026-031;01/02/2026;31/07/2026;Bruit;07;1231,2;600;h/an;2');
    await page.getByTestId('agency-sheets').scrollIntoViewIfNeeded();
    await shot('02-declaration-interim');
  });

  it('drafts the action plan from the results, refuses a theme choice, estimates the penalty', async () => {
    const plan = page.getByTestId('action-plan');
    await plan.getByTestId('plan-create').click();
    await plan.getByTestId('plan-status').waitFor();
    await expect(plan.getByTestId('plan-status').textContent()).resolves.toContain('Accord collectif — projet — du 01/01/2027 au 31/12/2029');
    // Diagnosis without INT-01: 3 employees, MEC-01 and MEC-04 declared exposed.
    await expect(plan.getByTestId('plan-diagnosis').textContent()).resolves.toBe('3 salariés évalués, 2 déclarés exposés, dont 0 à au moins deux facteurs.');
    // D4162-3 from 2019: two themes of the 1° at least. Keeping one only is refused.
    await plan.getByLabel('Adaptation et aménagement du poste de travail').uncheck();
    await plan.getByTestId('plan-themes-pending').waitFor();
    await plan.getByTestId('plan-themes-apply').click();
    await expect(plan.getByTestId('plan-themes-refused').textContent()).resolves.toContain('1 thème choisi dans le 1° ; il en faut au moins 2');
    await expect(plan.getByLabel('Adaptation et aménagement du poste de travail').isChecked()).resolves.toBe(false);
    await shot('03-plan-theme-refuse');
    await plan.getByLabel('Adaptation et aménagement du poste de travail').check();
    // 1 % of 2 400 000 € paid over 8 uncovered months: at most 24 000 € (L4162-4 II).
    await plan.getByLabel('Rémunérations versées aux salariés concernés sur la période non couverte (€)').fill('2400000');
    await plan.getByLabel('Nombre de mois non couverts').fill('8');
    await expect.poll(() => plan.getByTestId('plan-penalty').textContent()).toBe('Au plus 24\u202f000 € : 1\u202f% de 2\u202f400\u202f000 € sur 8 mois non couverts.');
    const md = await download(() => plan.getByTestId('plan-export').click());
    expect(md.name).toBe('accord-prevention-atelier-loi-sas-2027.md');
    expect(md.text).toContain('## Diagnostic des expositions 2026');
    expect(md.text).toContain('Au plus 24\u202f000 €');
    await plan.scrollIntoViewIfNeeded();
    await shot('04-plan-action');
    await axe('action plan draft');
  });

  it('after a noise measure, corrects the declaration filed: code 99 for both contracts', async () => {
    await page.getByRole('navigation', { name: 'Étapes' }).getByRole('button', { name: /Mesures de prévention/ }).click();
    await stepHeading('Mesures de prévention en place').waitFor();
    await page.getByLabel('Bruit ramené sous 80 dB(A)').check();
    await page.getByRole('navigation', { name: 'Étapes' }).getByRole('button', { name: /Résultats/ }).click();
    await stepHeading('Résultats 2026').waitFor();
    await page.getByTestId('results-summary').waitFor();
    // The engines drop to 79 dB(A): only the 273,6 h of bodywork count, < 600 h.
    await expect.poll(() => cell('MEC-01', 'noise').getAttribute('data-verdict')).toBe('not_exposed');
    const table = page.getByTestId('correction-lines');
    await table.waitFor();
    await expect(table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-employee')}:${r.getAttribute('data-code')}:${r.getAttribute('data-kind')}`))).resolves.toEqual([
      'MEC-01:99:cancellation',
      'MEC-04:99:cancellation',
    ]);
    await page.getByTestId('corrections').scrollIntoViewIfNeeded();
    await shot('05-correction');
    const correction = await download(() => page.getByTestId('export-correction').click());
    expect(correction.name).toBe('correction-atelier-loi-sas-2026.csv');
    expect(lines(correction.text)).toContain('MEC-01;CDI-0001;99;;2026;annulation des facteurs déclarés (code 99)');
    // The correction becomes the declaration in force: nothing left to correct.
    await page.getByTestId('correction-none').waitFor();
    await expect(page.getByTestId('correction-from').textContent()).resolves.toContain('correction du');
    await axe('correction filed');
  });

  it('made no request outside its own origin, and raised no error', async () => {
    expectOnlyOwnOrigin(watch, server.origin);
  });
});
