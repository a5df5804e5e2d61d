import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, loadReferential, loadReferentialText } from '../../src/core/index.ts';
import type { AppServer } from './support/server.ts';
import { expectOnlyOwnOrigin, openSession, type BrowserSession, type PageWatch } from './support/session.ts';
import { CHROMIUM_INSTALL_TIMEOUT_MS } from './support/chromium.ts';
import { ensurePoppler, isPng, pdfPageInk, pdfPageTexts, pdfPageToPng } from './support/pdf.ts';
import { readStoredRecord } from './support/stored-draft.ts';

/*
 * The homologation dossier and the lifecycle in a real Chromium: the sample's dossier printed to PDF
 * (the content hash on every page, one page per job, no app chrome), its first page rendered to PNG
 * with pdftoppm; then a new version of the sample driven through review, submission and homologation
 * with the lifecycle panel of the referential screen's versions section (the editor, built in
 * parallel, will mount the same panel), its exports downloaded and checked.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test-results');
const SHOTS = join(OUT, 'screenshots');
const PDF_DIR = join(OUT, 'pdf');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
const SAMPLE_TITLE = 'Atelier de maintenance — référentiel d’exemple';
/** The first visit compiles the app's modules on the fly; on a loaded 2-core machine that takes a while. */
const STEP_TIMEOUT_MS = 120_000;

function sampleHash(): string {
  const loaded = loadReferential(JSON.parse(SAMPLE_TEXT));
  if (!loaded.ok) throw new Error('the sample referential does not load');
  return contentHash(loaded.value);
}

let session: BrowserSession;
let server: AppServer;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  ensurePoppler();
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(PDF_DIR, { recursive: true });
  session = await openSession('lifecycle', { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  ({ server, page, watch } = session);
}, CHROMIUM_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await session?.close();
});

const compact = (text: string) => text.replace(/\s+/g, '');
const panel = () => page.getByTestId('lifecycle-panel');
const state = () => panel().getByTestId('lifecycle-state');

/** Opens a step's form, signs it and confirms; waits for the new state. */
async function step(command: string, stateLabel: string, fill?: () => Promise<void>) {
  await panel().getByRole('button', { name: command }).click();
  await panel().getByLabel('Votre nom').fill('Claire Martin');
  await fill?.();
  await panel().getByRole('button', { name: 'Confirmer' }).click();
  await expect.poll(() => state().textContent()).toBe(stateLabel);
}

/** A stored version read straight from IndexedDB (what someone editing the browser's data sees). */
function idbRecord(key: string): Promise<any> {
  return readStoredRecord(page, 'referentials', key);
}

function idbPut(record: unknown): Promise<void> {
  return page.evaluate(
    (r) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('logigramme');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('referentials', 'readwrite');
          tx.objectStore('referentials').put(r);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    record,
  );
}

describe('the homologation dossier and the lifecycle in Chromium', () => {
  it('prints the sample’s dossier to a clean PDF: the hash on every page, one page per job, no app chrome', async () => {
    await page.goto(server.origin);
    await page.getByRole('link', { name: SAMPLE_TITLE }).waitFor();
    await page.getByRole('link', { name: SAMPLE_TITLE }).click();
    await page.getByRole('link', { name: 'Dossier d’homologation' }).first().click();
    const dossier = page.getByTestId('dossier');
    await dossier.waitFor();
    const hash = sampleHash();
    await expect(dossier.getAttribute('data-hash')).resolves.toBe(hash);
    await expect(page.getByTestId('dossier-whatif').textContent()).resolves.toContain('la plus récente');
    await page.screenshot({ path: join(SHOTS, 'dossier-ecran.png'), fullPage: true });

    const pdf = join(PDF_DIR, 'dossier-exemple-atelier.pdf');
    rmSync(pdf, { force: true });
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const pages = pdfPageTexts(pdf);
    // Cover and general sections, then one page per job at least.
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((text, i) => expect(compact(text), `page ${i + 1}`).toContain(hash));
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toMatch(new RegExp(`Page ${i + 1} / ${pages.length}`)));
    const jobPages = ['Mécanicien', 'Agent de maintenance de nuit'].map((job) => pages.findIndex((text) => text.includes(`Poste de référence : ${job}`)));
    expect(jobPages.every((p) => p > 0)).toBe(true);
    expect(jobPages[1]).toBeGreaterThan(jobPages[0]!);
    for (const text of pages) {
      expect(text).not.toContain('Aller au contenu');
      expect(text).not.toContain('Imprimer ou enregistrer en PDF');
      expect(text).not.toContain('Les référentiels et les évaluations restent dans ce navigateur');
      expect(text).not.toContain('Comparer des versions');
    }
    // The kicker is printed in capitals (text-transform).
    expect(pages[0]).toContain('DOSSIER DE DEMANDE D’HOMOLOGATION');

    const png = pdfPageToPng(pdf, 1, join(SHOTS, 'dossier-page1'));
    expect(png).toBe(join(SHOTS, 'dossier-page1.png'));
    expect(isPng(png)).toBe(true);
    expect(pdfPageInk(pdf, 1, join(PDF_DIR, 'dossier-page1-gray'))).toBeGreaterThan(0.01);
  }, STEP_TIMEOUT_MS);

  it('drives a new version through review, submission and homologation from the versions section', async () => {
    await page.goto(`${server.origin}/#/referentiel/${encodeURIComponent('exemple-atelier@1.0.0')}`);
    await page.getByRole('heading', { level: 1, name: SAMPLE_TITLE }).waitFor();
    const versions = page.getByTestId('versions');
    await expect(versions.locator('tr[data-key="exemple-atelier@1.0.0"] code').getAttribute('title')).resolves.toBe(sampleHash());
    await versions.getByText('Brouillon et cycle de vie').click();
    await panel().getByRole('button', { name: 'Préparer une nouvelle version à partir de la version 1.0.0' }).click();
    await expect.poll(() => state().textContent()).toBe('Brouillon');
    await expect(panel().getByTestId('draft-version').textContent()).resolves.toBe('1.1.0');

    // A note is required to return a version; the form says so and records nothing.
    await step('Mettre en relecture', 'En relecture', () => panel().getByLabel('Note (facultative)').fill('Première relecture par la commission paritaire.'));
    await panel().getByRole('button', { name: 'Renvoyer en brouillon' }).click();
    await panel().getByLabel('Votre nom').fill('Relecteur');
    await panel().getByRole('button', { name: 'Confirmer' }).click();
    await expect(panel().getByTestId('transition-errors').textContent()).resolves.toContain('La note des relecteurs est obligatoire');
    await panel().getByRole('button', { name: 'Annuler' }).click();
    expect(await state().textContent()).toBe('En relecture');

    await step('Déposer pour homologation', 'Déposé pour homologation');
    await expect(panel().getByTestId('lifecycle-message').textContent()).resolves.toContain('Version exemple-atelier@1.1.0 enregistrée avec l’empreinte sha256:');
    await versions.locator('tr[data-key="exemple-atelier@1.1.0"]').waitFor();
    await expect(versions.locator('tr[data-key="exemple-atelier@1.1.0"]').textContent()).resolves.toContain('Déposé pour homologation');

    await step('Enregistrer l’homologation', 'Homologué', () => panel().getByLabel('Référence de l’arrêté').fill('Arrêté du jour, NOR MTRT2600001A'));
    const homologation = panel().getByTestId('homologation');
    await expect(homologation.getAttribute('data-standing')).resolves.toBe('valid');
    // Five years from today's arrêté (décret 2025-277), and the renewal request deadline six months before.
    await expect(homologation.textContent()).resolves.toContain('Homologuée jusqu’au');
    await expect(homologation.textContent()).resolves.toContain('Demande de renouvellement au plus tard le (expiration − 6 mois)');
    await expect(panel().getByRole('button', { name: 'Enregistrer la demande de renouvellement' }).getAttribute('aria-disabled')).resolves.toBe('false');
    // Frozen: no review, no edit; expiry only when due, with the reason shown.
    const expire = panel().getByRole('button', { name: 'Constater l’expiration' });
    await expect(expire.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(panel().getByTestId('reason-expire').textContent()).resolves.toMatch(/L’homologation court jusqu’au \d\d\/\d\d\/\d{4}/);
    await expect(panel().getByRole('button', { name: 'Mettre en relecture' }).count()).resolves.toBe(0);
    await expect(panel().getByTestId('lifecycle-history').locator('tbody tr').count()).resolves.toBe(3);
    await page.screenshot({ path: join(SHOTS, 'cycle-de-vie.png'), fullPage: true });

    // The compiled referential, downloaded: it loads, and its stated hash is the homologated snapshot's.
    const [download] = await Promise.all([page.waitForEvent('download'), panel().getByRole('button', { name: 'Exporter le référentiel compilé (JSON, avec empreinte)' }).click()]);
    expect(download.suggestedFilename()).toBe('exemple-atelier-1.1.0.json');
    const exported = readFileSync((await download.path())!, 'utf8');
    const loaded = loadReferentialText(exported);
    expect(loaded.ok).toBe(true);
    const storedHash = await versions.locator('tr[data-key="exemple-atelier@1.1.0"] td code').first().getAttribute('title');
    expect(JSON.parse(exported).contentHash).toBe(storedHash);
    await expect(versions.locator('tr[data-key="exemple-atelier@1.1.0"]').textContent()).resolves.toContain('Homologué');

    // Exported, then imported again on the list screen: the same content hash, so the app recognises it.
    await page.goto(`${server.origin}/#/`);
    await page.getByLabel('Fichier du référentiel (JSON)').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(exported) });
    await page.getByText('version 1.1.0 est déjà enregistré, à l’identique', { exact: false }).waitFor();
    expect(contentHash(loaded.ok ? loaded.value : {})).toBe(storedHash);

    // A homologated version can never change: the editor opens it read-only and refuses an edit.
    await page.goto(`${server.origin}/#/editeur/exemple-atelier`);
    await page.getByRole('note').filter({ hasText: 'Lecture seule' }).waitFor();
    await expect(page.getByRole('button', { name: 'Ajouter : Poste' }).isDisabled()).resolves.toBe(true);
    await page.locator('.react-flow__node', { hasText: 'Mécanicien' }).first().click();
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('editor-alert').textContent()).resolves.toContain('Modification refusée : ce brouillon est en lecture seule');
    await page.screenshot({ path: join(SHOTS, 'editeur-homologue.png') });

    // The homologated version's dossier carries its hash and the one of the version filed.
    await page.goto(`${server.origin}/#/referentiel/${encodeURIComponent('exemple-atelier@1.0.0')}`);
    await versions.getByRole('link', { name: 'Dossier d’homologation de la version 1.1.0' }).click();
    const dossier = page.getByTestId('dossier');
    await dossier.waitFor();
    await expect(dossier.getAttribute('data-hash')).resolves.toBe(storedHash);
    await expect(dossier.textContent()).resolves.toContain('Empreinte de la version déposée');
    // The content hash leaves out status and homologation: the homologated version has the filed hash.
    await expect(dossier.getByTestId('same-hash').textContent()).resolves.toContain('identique');
    await expect(dossier.textContent()).resolves.toContain('Arrêté du jour, NOR MTRT2600001A');
    // The dossier prints the publication log's head: entry n° 2 (submission, homologation).
    const head = dossier.getByTestId('log-head');
    await expect(head.textContent()).resolves.toContain('entrée n° 2');
    await expect(head.getAttribute('data-hash')).resolves.toMatch(/^sha256:[0-9a-f]{64}$/);

    // Issue 10: the homologated document edited in IndexedDB behind the app's back, its hash recomputed.
    const key = 'exemple-atelier@1.1.0';
    const record = await idbRecord(key);
    const edited = structuredClone(record.document);
    edited.jobs[0].label = 'Poste réécrit en douce';
    delete edited.contentHash;
    const forged = loadReferential(edited);
    if (!forged.ok) throw new Error('the edited document does not load');
    edited.contentHash = contentHash(forged.value);
    await idbPut({ ...record, document: edited, contentHash: edited.contentHash });
    // The check at start marks it: banner on every screen, mark in the list, no dossier, no evaluation.
    await page.goto(`${server.origin}/#/`);
    await page.reload();
    const banner = page.getByTestId('integrity-banner');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain('Intégrité non vérifiée');
    await expect(banner.textContent()).resolves.toContain(`(${key})`);
    await expect(page.locator(`tr[data-key="${key}"] [data-testid="integrity"]`).textContent()).resolves.toBe('intégrité non vérifiée');
    await page.screenshot({ path: join(SHOTS, 'integrite-non-verifiee.png'), fullPage: true });
    await page.goto(`${server.origin}/#/dossier/${encodeURIComponent(key)}`);
    await page.getByRole('alert').filter({ hasText: 'contenu modifié : son empreinte est' }).waitFor();
    await expect(page.getByTestId('dossier').count()).resolves.toBe(0);
    // Resolved by re-importing the original file: the log vouches for it again.
    await page.goto(`${server.origin}/#/referentiel/${encodeURIComponent(key)}`);
    const resolve = page.getByTestId('quarantine-panel');
    await resolve.getByLabel('Votre nom').fill('Claire Martin');
    await resolve.getByLabel('Réimporter le fichier d’origine de cette version').setInputFiles({ name: 'exemple-atelier-1.1.0.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect.poll(() => page.getByTestId('integrity-banner').count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: 'Identité' }).waitFor();
  }, STEP_TIMEOUT_MS);

  it('made no request outside its own origin, and raised no error', () => {
    expectOnlyOwnOrigin(watch, server.origin);
  });
});
