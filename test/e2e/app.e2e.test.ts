import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, loadReferential, shortHash } from '../../src/core/index.ts';
import { isSampleFileName } from '../../src/storage/referentials.ts';
import { CHROMIUM_INSTALL_TIMEOUT_MS } from './support/chromium.ts';
import type { AppServer } from './support/server.ts';
import { expectOnlyOwnOrigin, openSession, type BrowserSession, type PageWatch } from './support/session.ts';

/*
 * The app in a real Chromium (Debian's), served by the Vite dev server started here: a user's first
 * visit, an evaluation, a reload, a refused import — and not one request outside the app's origin.
 * The steps run in order on one page, as one visit.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
const SAMPLE_TITLE = 'Atelier de maintenance — référentiel d’exemple';
// Every sample referential of the repository is preloaded on first start.
const SAMPLE_COUNT = readdirSync(join(ROOT, 'referentials')).filter(isSampleFileName).length;

function sampleHash(): string {
  const loaded = loadReferential(JSON.parse(SAMPLE_TEXT));
  if (!loaded.ok) throw new Error('the sample referential does not load');
  return contentHash(loaded.value);
}

let session: BrowserSession;
let server: AppServer;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await openSession('e2e', { viewport: { width: 1280, height: 900 } });
  ({ server, context, page, watch } = session);
}, CHROMIUM_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await session?.close();
});

const rows = () => page.locator('table.referentials tbody tr');
const shot = (name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });

describe('the app in Chromium', () => {
  it('lists the sample referential with its short hash on a first visit', async () => {
    await page.goto(server.origin);
    const link = page.getByRole('link', { name: SAMPLE_TITLE });
    await link.waitFor();
    const hash = sampleHash();
    const row = rows().filter({ has: link });
    await expect(row.locator('code').textContent()).resolves.toBe(shortHash(hash));
    await expect(row.locator('code').getAttribute('title')).resolves.toBe(hash);
    await expect(row.textContent()).resolves.toContain('Exemple fourni');
    expect(await rows().count()).toBe(SAMPLE_COUNT);
    await shot('01-liste.png');
  });

  it('opens it from the keyboard, with a visible focus', async () => {
    const link = page.getByRole('link', { name: SAMPLE_TITLE });
    for (let i = 0; i < 10 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await link.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: SAMPLE_TITLE }).waitFor();
    await expect(page.getByText('5 sur 5 scénarios réussis.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('table', { name: 'Facteurs écartés et justification' }).isVisible()).resolves.toBe(true);
    await shot('02-referentiel.png');
  });

  it('evaluates the example mechanic: noise exposed at 1231.2 h against 600 h, 4 points', async () => {
    await page.getByLabel('Année d’exposition').fill('2024');
    await page.getByLabel('Activité de l’entreprise').selectOption('atelier');
    await page.getByLabel('Année de naissance').fill('1980');
    await page.getByLabel('Part du temps au poste « Mécanicien » (%)').fill('100');
    await expect(page.getByTestId('share-total').textContent()).resolves.toContain('Total : 100 %');
    await page.getByRole('button', { name: 'Évaluer' }).click();

    const result = page.getByTestId('evaluation-result');
    await result.waitFor();
    const noise = result.locator('tr[data-factor="noise"]').first();
    await expect(noise.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('exposed');
    await expect(noise.locator('.badge').textContent()).resolves.toBe('exposé');
    await expect(noise.locator('[data-cell="exposure"] data').getAttribute('value')).resolves.toBe('1231.2');
    await expect(noise.locator('[data-cell="threshold"] data').getAttribute('value')).resolves.toBe('600');
    // Postures 729.6 h: no legal threshold since 2017-10-01 (D4163-2), outside the declaration.
    await expect(result.locator('tr[data-factor="awkward_postures"] [data-verdict]').getAttribute('data-verdict')).resolves.toBe('no_legal_threshold');
    await expect(page.getByTestId('points').getAttribute('data-value')).resolves.toBe('4');
    // Focus moved to the result, for keyboard and screen-reader users.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-heading');
    await shot('03-evaluation.png');
  });

  it('still has the referential after a reload (IndexedDB)', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: SAMPLE_TITLE }).waitFor();
    await page.getByRole('link', { name: '← Tous les référentiels' }).click();
    await page.getByRole('link', { name: SAMPLE_TITLE }).waitFor();
    expect(await rows().count()).toBe(SAMPLE_COUNT);
  });

  it('lists the errors of a broken file and adds nothing', async () => {
    const broken = JSON.parse(SAMPLE_TEXT) as Record<string, any>;
    broken.id = 'atelier-casse';
    broken.identity.version = 'deux';
    broken.jobs[0].tasks[0].entry = 'nulle-part';
    await page.getByLabel('Fichier du référentiel (JSON)').setInputFiles({ name: 'casse.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    const errors = page.getByTestId('import-errors');
    await errors.waitFor();
    await expect(errors.textContent()).resolves.toContain('« casse.json » n’a pas été enregistré');
    await expect(errors.locator('code', { hasText: '$.identity.version' }).count()).resolves.toBe(1);
    expect(await rows().count()).toBe(SAMPLE_COUNT);
    await shot('04-import-erreurs.png');

    await page.getByLabel('Fichier du référentiel (JSON)').setInputFiles({ name: 'pas-du-json.json', mimeType: 'application/json', buffer: Buffer.from('{ "formatVersion": 1,') });
    await page.getByText('« pas-du-json.json » n’a pas été enregistré', { exact: false }).waitFor();
    expect(await rows().count()).toBe(SAMPLE_COUNT);
  });

  it('keeps working offline once loaded: every screen, an evaluation, the editor', async () => {
    // Once loaded, the app needs no network: everything runs in the page, data stays in IndexedDB. Loaded
    // means the lazily split screens too, which the app fetches in the background after its first screen.
    await page.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached' });
    await context.setOffline(true);
    try {
      await page.evaluate(() => (window.location.hash = '#/entreprises'));
      await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Entreprises' }).waitFor();
      await page.evaluate(() => (window.location.hash = '#/comparer'));
      await page.getByRole('heading', { level: 1, name: 'Comparer deux versions' }).waitFor();
      await page.evaluate(() => (window.location.hash = '#/editeur/exemple-atelier'));
      await page.getByRole('searchbox', { name: 'Rechercher un nœud' }).waitFor();
      await page.locator('.react-flow__node', { hasText: 'Mécanicien' }).first().waitFor();
      await page.evaluate((key) => (window.location.hash = `#/referentiel/${encodeURIComponent(key)}`), 'exemple-atelier@1.0.0');
      await page.getByRole('heading', { level: 1, name: SAMPLE_TITLE }).waitFor();
      await page.getByLabel('Année d’exposition').fill('2024');
      await page.getByLabel('Activité de l’entreprise').selectOption('atelier');
      await page.getByLabel('Année de naissance').fill('1980');
      await page.getByLabel('Part du temps au poste « Mécanicien » (%)').fill('100');
      await page.getByRole('button', { name: 'Évaluer' }).click();
      await expect(page.getByTestId('points').getAttribute('data-value')).resolves.toBe('4');
    } finally {
      await context.setOffline(false);
    }
  });

  it('made no request outside its own origin, and raised no error', async () => {
    expectOnlyOwnOrigin(watch, server.origin);
    expect(watch.failedRequests).toEqual([]);
  });
});
