import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL_TIMEOUT_MS } from './support/chromium.ts';
import { CODE_NAMES, COMPANY_JSON, modifiedSample, SEDIMA_TEXT, sedimaRevision, STAFF_CSV } from './support/review-fixtures.ts';
import type { AppServer } from './support/server.ts';
import { expectOnlyOwnOrigin, openSession, type BrowserSession, type PageWatch } from './support/session.ts';

/*
 * The comparison screen in a real Chromium (Debian's), one visit in order: a version 1.1.0 of the sample
 * imported from the list screen (the job « Mécanicien » renamed, the fixed night post at 95 nights
 * instead of 110), the two versions compared, the coloured logigramme, a change selecting its node, the
 * example staff and answers loaded for 2024 — NUIT-01 no longer exposed to night work (110 ≥ 100 →
 * 95 < 100 nights, 4 → 0 points) —, the report downloaded and printed, the comparison kept by a reload;
 * and not one request outside the app's origin.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const SAMPLE_TITLE = 'Atelier de maintenance — référentiel d’exemple';

let session: BrowserSession;
let server: AppServer;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await openSession('review', { viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  ({ server, page, watch } = session);
}, CHROMIUM_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await session?.close();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
const graphNode = (id: string) => page.locator(`[data-testid="review-graph"] .react-flow__node[data-id="${id}"]`);
const NIGHT_CHANGE = 'Situation « Poste de nuit fixe » modifiée : expositions modifiées';
const RENAME_CHANGE = 'Poste « Mécanicien automobile » modifié : renommé (« Mécanicien » → « Mécanicien automobile »)';

describe('comparing two versions in Chromium', () => {
  it('imports version 1.1.0 of the sample from the list screen', async () => {
    await page.goto(server.origin);
    await page.getByRole('link', { name: SAMPLE_TITLE }).first().waitFor();
    await page.getByLabel('Fichier du référentiel (JSON)').setInputFiles({ name: 'exemple-atelier-1.1.0.json', mimeType: 'application/json', buffer: Buffer.from(modifiedSample()) });
    await page.getByText(`Référentiel « ${SAMPLE_TITLE} » version 1.1.0 enregistré.`).waitFor();
  });

  it('picks the two versions: the URL names them, the summary counts the changes', async () => {
    await page.getByRole('link', { name: 'Comparer des versions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comparer deux versions' }).waitFor();
    await page.getByLabel('Référentiel', { exact: true }).selectOption('exemple-atelier');
    await page.getByLabel('Version avant').selectOption('exemple-atelier@1.0.0');
    await page.getByLabel('Version après').selectOption('exemple-atelier@1.1.0');
    await page.getByRole('button', { name: 'Comparer', exact: true }).click();
    await page.waitForURL((url) => url.hash === '#/comparer/exemple-atelier%401.0.0/exemple-atelier%401.1.0');
    await expect(page.getByTestId('summary-total').textContent()).resolves.toBe('3 changements : 2 modifications et 1 changement général (identité, réglementation, année de référence, facteurs, liste des postes particulièrement exposés ou ordre).');
    // Focus moved to the summary, for keyboard and screen-reader users.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('rv-summary-heading');
  });

  it('draws version 1.1.0 with the changed nodes coloured and badged, and lists the changes', async () => {
    await graphNode('s-nuit-fixe').waitFor();
    for (const id of ['s-nuit-fixe', 'mecanicien']) {
      await expect(graphNode(id).locator('.rv-node').getAttribute('data-status')).resolves.toBe('changed');
      await expect(graphNode(id).locator('.rv-badge').textContent()).resolves.toBe('modifié');
      // amber border (--rv-changed), not the grey of an unchanged node
      await expect(graphNode(id).locator('.rv-node').evaluate((el) => getComputedStyle(el).borderTopColor)).resolves.toBe('rgb(122, 77, 0)');
    }
    await expect(graphNode('s-nuit-alternante').locator('.rv-node').evaluate((el) => getComputedStyle(el).borderTopColor)).resolves.toBe('rgb(138, 147, 158)');
    await expect(graphNode('s-nuit-alternante').locator('.rv-badge').count()).resolves.toBe(0);
    expect(await page.locator('[data-testid="review-graph"] .react-flow__edge').count()).toBeGreaterThan(5);
    // The node is visible in the drawing, not only present in the page.
    const box = await graphNode('s-nuit-fixe').boundingBox();
    const canvas = await page.getByTestId('review-graph').boundingBox();
    expect(box && canvas && box.x >= canvas.x && box.x + box.width <= canvas.x + canvas.width + 1).toBe(true);
    await expect(page.getByRole('button', { name: RENAME_CHANGE }).isVisible()).resolves.toBe(true);
    const flip = page.locator('li[data-change="2"] .rv-flip').first();
    await expect(flip.textContent()).resolves.toContain('Verdict à temps plein pour Travail de nuit : exposé (110 nuits/an pour un seuil de 100 nuits/an');
    await shot('review-01-graphe.png');
  });

  it('selects and centres the node of a change activated in the list', async () => {
    await page.getByRole('button', { name: NIGHT_CHANGE }).click();
    await expect.poll(() => graphNode('s-nuit-fixe').getAttribute('class')).toContain('selected');
    await expect(graphNode('mecanicien').getAttribute('class')).resolves.not.toContain('selected');
    await expect(page.getByTestId('selection').textContent()).resolves.toContain('Situation « Poste de nuit fixe »');
    // centred: the node's middle is near the canvas's middle once the viewport has moved
    await expect
      .poll(async () => {
        const box = await graphNode('s-nuit-fixe').boundingBox();
        const canvas = await page.getByTestId('review-graph').boundingBox();
        return box && canvas ? Math.abs(box.x + box.width / 2 - (canvas.x + canvas.width / 2)) < 40 : false;
      })
      .toBe(true);
    await shot('review-02-selection.png');
  });

  it('lists NUIT-01 in the impact table for 2024, with its cause', async () => {
    await page.getByLabel('Année d’exposition').fill('2024');
    await page.getByLabel('Fichier du personnel (CSV ou Excel)', { exact: true }).setInputFiles({ name: 'salaries-exemple.csv', mimeType: 'text/csv', buffer: Buffer.from(STAFF_CSV) });
    await page.getByLabel('Réponses de l’entreprise et mesures en place (JSON)', { exact: true }).setInputFiles({ name: 'entreprise-exemple.json', mimeType: 'application/json', buffer: Buffer.from(COMPANY_JSON) });
    const row = page.locator('[data-testid="impact"] tbody[data-employee="NUIT-01"] tr[data-factor="night_work"]');
    await row.waitFor();
    await expect(page.locator('[data-testid="impact"] tbody').count()).resolves.toBe(1);
    await expect(row.locator('[data-cell="before"] [data-verdict]').getAttribute('data-verdict')).resolves.toBe('exposed');
    await expect(row.locator('[data-cell="after"] [data-verdict]').getAttribute('data-verdict')).resolves.toBe('not_exposed');
    await expect(row.locator('[data-cell="after"] .sub').textContent()).resolves.toBe('95 nuits/an pour un seuil de 100 nuits/an');
    await expect(row.locator('[data-cell="points"]').textContent()).resolves.toBe('4 → 0');
    await page.getByRole('button', { name: RENAME_CHANGE }).click();
    await row.getByRole('button', { name: 'Situation « Poste de nuit fixe »' }).click();
    await expect.poll(() => graphNode('s-nuit-fixe').getAttribute('class')).toContain('selected');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.change)).toBe('2');
    await page.locator('[data-testid="impact"]').scrollIntoViewIfNeeded();
    await shot('review-03-impact.png');
  });

  it('downloads the Markdown report with the impact section, and prints without the app chrome', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter le rapport (Markdown)' }).click()]);
    expect(download.suggestedFilename()).toBe('comparaison-exemple-atelier-1.0.0-1.1.0.md');
    const md = readFileSync(await download.path(), 'utf8');
    expect(md).toContain('- Poste « Mécanicien automobile » modifié : renommé (« Mécanicien » → « Mécanicien automobile »)');
    expect(md).toContain('| NUIT-01 | Travail de nuit | exposé (110 nuits/an pour un seuil de 100 nuits/an) | non exposé (95 nuits/an pour un seuil de 100 nuits/an) | 4 → 0 | Situation « Poste de nuit fixe » |');

    await page.emulateMedia({ media: 'print' });
    // what the browser does before printing: the whole logigramme is fitted on the page
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await expect(page.locator('.app-header').isVisible()).resolves.toBe(false);
    await expect(page.locator('.rv-picker').isVisible()).resolves.toBe(false);
    await expect(page.locator('.rv-estimate').isVisible()).resolves.toBe(false); // no estimate made: not printed
    await expect(page.locator('.rv-impact-section').isVisible()).resolves.toBe(true);
    const canvas = (await page.getByTestId('review-graph').boundingBox())!;
    for (const id of ['mecanicien', 's-nuit-fixe']) {
      const box = (await graphNode(id).boundingBox())!;
      expect(box.x >= canvas.x && box.x + box.width <= canvas.x + canvas.width + 1).toBe(true);
    }
    await expect(page.locator('.rv-changes').evaluate((el) => getComputedStyle(el).breakBefore)).resolves.toBe('page');
    await shot('review-04-impression.png');
    await page.emulateMedia({ media: 'screen' });
  });

  it('estimates the exposed workers of two weighted samples, both versions side by side', async () => {
    // Sample 1: the example garage, each employee standing for 10 workers; sample 2: the same staff, weight 2.
    // agent-nuit: 2 night agents × (10 + 2) = 24 workers; night work NUIT-01 → 12 (50 %) before, 0 after.
    for (const [n, weight] of [[1, '10'], [2, '2']] as const) {
      if (n === 2) await page.getByRole('button', { name: 'Ajouter un échantillon' }).click();
      await page.getByLabel(`Fichier du personnel de l’échantillon ${n} (CSV ou Excel)`).setInputFiles({ name: 'salaries-exemple.csv', mimeType: 'text/csv', buffer: Buffer.from(STAFF_CSV) });
      await page.getByLabel(`Réponses de l’entreprise de l’échantillon ${n} (JSON)`).setInputFiles({ name: 'entreprise-exemple.json', mimeType: 'application/json', buffer: Buffer.from(COMPANY_JSON) });
      await page.getByLabel(`Poids de l’échantillon ${n}`).fill(weight);
    }
    const cells = page.locator('[data-testid="estimate"] tbody[data-job="agent-nuit"] tr[data-factor="night_work"] td.num');
    await expect.poll(() => cells.allTextContents()).toEqual(['24', '12', '50\u202f%', '24', '0', '0\u202f%']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter l’estimation (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('effectifs-exemple-atelier-1.0.0-1.1.0.csv');
    expect(readFileSync(await download.path(), 'utf8')).toContain('Agent de maintenance de nuit;Travail de nuit;24;12;50\u202f%;24;0;0\u202f%');
    await page.locator('.rv-estimate').scrollIntoViewIfNeeded();
    await shot('review-05-estimation.png');
  });

  it('shows the same comparison after a reload', async () => {
    await page.reload();
    await expect(page.getByTestId('summary-total').textContent()).resolves.toBe('3 changements : 2 modifications et 1 changement général (identité, réglementation, année de référence, facteurs, liste des postes particulièrement exposés ou ordre).');
    await graphNode('s-nuit-fixe').waitFor();
  });

  it('compares two SEDIMA versions in French: no code name, no JSON, moves and entries by their labels', async () => {
    await page.getByLabel('Fichiers (vérifiés, non enregistrés)').check();
    await page.getByLabel('Fichier de la version avant (JSON)').setInputFiles({ name: 'sedima-1.0.0.json', mimeType: 'application/json', buffer: Buffer.from(SEDIMA_TEXT) });
    await page.getByLabel('Fichier de la version après (JSON)').setInputFiles({ name: 'sedima-1.1.0.json', mimeType: 'application/json', buffer: Buffer.from(sedimaRevision()) });
    const total = page.getByTestId('summary-total');
    await total.waitFor();
    // the parts add up: 6 element changes + 3 general (version, status, homologation)
    const counts = /^(\d+) changements : (.*)\.$/.exec((await total.textContent())!)!;
    const parts = [...counts[2]!.matchAll(/(\d+) (?:ajout|suppression|modification|changement)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(parts).toBe(Number(counts[1]));
    const main = page.locator('main');
    const text = (await main.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Identité, statut : brouillon → déposé pour homologation');
    expect(text).toContain('Identité, homologation : — → arrêté du 30/11/2016 (JORF n°0280 du 2 décembre 2016)');
    expect(text).toMatch(/du poste « Responsable de parc » au poste « Magasinier vendeur »/);
    expect(text).toMatch(/commence par : critère « [^»]+ » → situation « [^»]+ »/);
    expect(text).toContain('Bruit — Niveau d’exposition Lex,8h');
    for (const code of CODE_NAMES) expect(`${code}: ${text.includes(code)}`).toBe(`${code}: false`);
    expect(text).not.toContain('{');
    await shot('review-06-sedima.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter le rapport (Markdown)' }).click()]);
    const md = readFileSync(await download.path(), 'utf8');
    const prose = md.replace(/`[^`]*`/g, '');
    for (const code of CODE_NAMES) expect(`${code}: ${prose.includes(code)}`).toBe(`${code}: false`);
    expect(prose).not.toContain('{');
  });

  it('made no request outside its own origin, and raised no error', async () => {
    expectOnlyOwnOrigin(watch, server.origin);
  });
});
