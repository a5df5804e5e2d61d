import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL_TIMEOUT_MS } from './support/chromium.ts';
import { ensurePoppler, pdfPageTexts } from './support/pdf.ts';
import type { AppServer } from './support/server.ts';
import { expectOnlyOwnOrigin, openSession, watchPage, type BrowserSession, type PageWatch } from './support/session.ts';
import { readStoredDraft } from './support/stored-draft.ts';

/*
 * A working group and its reviewers in a real Chromium, with two browser profiles (two contexts, so
 * two IndexedDBs, as two people's browsers): A and B edit copies of one draft — A renames a task and
 * adds a situation, B changes a duration and deletes a question —, B sends its logigramme, A merges
 * it and keeps all four changes; then both rename one task differently and A decides the conflict by
 * taking B's side. A reviewer (B) comments a submitted version, exports their remarks; the author (A)
 * imports them, resolves two and prints the dossier with its annex of remarks.
 * Screenshots: test-results/screenshots/collab-*.png. axe-core on the remarks panel and the merge dialog.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const OUT = join(ROOT, 'test-results', 'collab');
const STEP_TIMEOUT_MS = 240_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const MERGED = 'exemple-droit-actuel';
const REVIEWED = 'exemple-atelier';

const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

let session: BrowserSession;
let server: AppServer;
let a: Page;
let watchA: PageWatch;
let contextB: BrowserContext;
let b: Page;
let watchB: PageWatch;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(OUT, { recursive: true });
  ensurePoppler();
  session = await openSession('collab', { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  ({ server, page: a, watch: watchA } = session);
  // A second profile: its own IndexedDB, as a colleague's browser.
  contextB = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  b = await contextB.newPage();
  watchB = watchPage(b);
  a.setDefaultTimeout(45_000);
  b.setDefaultTimeout(45_000);
}, CHROMIUM_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await contextB?.close();
  await session?.close();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, name) });

/** axe-core on one region of the page (the remarks panel, the merge dialog): critical and serious violations (none expected). */
async function axe(page: Page, state: string, region: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async (selector) => {
    const run = (window as unknown as { axe: { run: (c: object, o: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run;
    const result = await run({ include: [[selector]] }, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }, region);
  expect(violations, `axe-core, ${state}`).toEqual([]);
}

interface StoredGraph {
  nodes: Array<{ id: string; kind: string; label?: string; exposures?: Array<{ factor: string; duration?: { value: number } }> }>;
  comments?: Array<{ id: string; history: unknown[] }>;
}

/** The draft's logigramme as stored in this profile's IndexedDB. */
async function storedGraph(page: Page, id: string): Promise<StoredGraph | undefined> {
  return (await readStoredDraft<{ graph?: StoredGraph }>(page, id))?.graph;
}

const label = (g: StoredGraph | undefined, id: string) => g?.nodes.find((n) => n.id === id)?.label;

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
}

const properties = (page: Page) => page.getByRole('region', { name: 'Propriétés' });
const comments = (page: Page) => page.getByTestId('comments-panel');
const lifecycle = (page: Page) => page.getByTestId('lifecycle-panel');

/** Finds a node by label with the editor's search (Enter selects and centres it). */
async function select(page: Page, text: string, heading: RegExp): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Rechercher un nœud' });
  await box.fill(text);
  await box.press('Enter');
  await properties(page).locator('h3.properties-title').filter({ hasText: heading }).waitFor();
}

/** Types into a field of the properties panel and commits it (Enter). */
async function commit(page: Page, field: string, value: string): Promise<void> {
  const input = properties(page).getByLabel(field, { exact: true }).first();
  await input.fill(value);
  await input.press('Enter');
}

async function openEditor(page: Page, id: string): Promise<void> {
  await page.goto(`${server.origin}/#/editeur/${id}`);
  await page.getByRole('toolbar', { name: 'Outils de l’éditeur' }).waitFor();
}

async function openLifecycle(page: Page): Promise<void> {
  const details = page.locator('details.editor-lifecycle');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  await lifecycle(page).waitFor();
}

async function exportGraphFile(page: Page): Promise<{ name: string; text: string }> {
  await openLifecycle(page);
  return downloaded(page, () => lifecycle(page).getByRole('button', { name: 'Exporter le logigramme (JSON)' }).click());
}

async function mergeFile(page: Page, file: { name: string; text: string }) {
  await page.getByRole('button', { name: 'Fusionner le fichier d’un collègue' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fusionner le fichier d’un collègue' });
  await dialog.getByLabel('Logigramme du collègue (fichier JSON)').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await dialog.getByTestId('merge-pending').waitFor();
  return dialog;
}

async function signAs(page: Page, name: string): Promise<void> {
  const field = comments(page).getByLabel('Votre nom (il signe vos remarques)');
  if ((await field.count()) === 0) return;
  await field.fill(name);
  await comments(page).getByRole('button', { name: 'Retenir ce nom' }).click();
  await comments(page).getByText(`Vous signez : ${name}`).waitFor();
}

async function remark(page: Page, on: string | RegExp, text: string): Promise<void> {
  const select = comments(page).getByLabel('Sur', { exact: true });
  const options = await select.locator('option').allTextContents();
  const option = options.find((o) => (typeof on === 'string' ? o === on : on.test(o)));
  if (!option) throw new Error(`no anchor « ${String(on)} » among ${options.join(' | ')}`);
  await select.selectOption({ label: option });
  await comments(page).getByLabel('Remarque', { exact: true }).fill(text);
  await comments(page).getByRole('button', { name: 'Ajouter la remarque' }).click();
  await comments(page).locator('.comment-text', { hasText: text }).waitFor();
}

describe('two members merge their copies of one draft, in two browser profiles', () => {
  let fromA: { name: string; text: string };

  it(
    'A starts version 1.1.0 and sends its logigramme; B takes it as its draft',
    async () => {
      await openEditor(a, MERGED);
      await a.getByRole('button', { name: 'Créer la version 1.1.0' }).click();
      await poll(() => a.getByTestId('editor-state').textContent()).toContain('Brouillon');
      fromA = await exportGraphFile(a);
      expect(fromA.name).toBe('exemple-droit-actuel-1.1.0.graph.json');
      // The file records the stored version it started from, for the merge.
      expect(JSON.parse(fromA.text).base).toMatchObject({ id: MERGED, version: '1.0.0' });
      await shot(a, 'collab-01-brouillon-a.png');

      await b.goto(`${server.origin}/#/referentiel/${encodeURIComponent(`${MERGED}@1.0.0`)}`);
      await b.getByTestId('versions').getByText('Brouillon et cycle de vie').click();
      await lifecycle(b).getByLabel('Importer un logigramme ou un référentiel dans ce brouillon (JSON)').setInputFiles({ name: fromA.name, mimeType: 'application/json', buffer: Buffer.from(fromA.text) });
      await lifecycle(b).getByText('Fichier importé dans le brouillon (version 1.1.0).').waitFor();
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'A renames a task and adds a situation; B changes a duration and deletes a question; A merges B’s file: all four changes kept',
    async () => {
      // A: a task renamed, a situation added.
      await select(a, 'Préparation de nuit', /Préparation de nuit$/);
      await commit(a, 'Libellé', 'Préparation de commandes de nuit');
      await poll(async () => label(await storedGraph(a, MERGED), 'prepa-nuit')).toBe('Préparation de commandes de nuit');
      await a.keyboard.press('Escape');
      await a.getByRole('button', { name: 'Ajouter : Situation d’exposition' }).click();
      await commit(a, 'Libellé', 'Contrôle qualité en fin de ligne');
      await poll(async () => (await storedGraph(a, MERGED))?.nodes.some((n) => n.kind === 'situation' && n.label === 'Contrôle qualité en fin de ligne')).toBe(true);

      // B: a duration changed, a question deleted.
      await openEditor(b, MERGED);
      await select(b, 'Préparation de commandes de nuit, poste fixe', /poste fixe/);
      await commit(b, 'Durée à temps plein', '210');
      await poll(async () => (await storedGraph(b, MERGED))?.nodes.find((n) => n.id === 's-prepa-nuit')?.exposures?.[0]?.duration?.value).toBe(210);
      await select(b, 'n-ligne', /: Ligne$/);
      await properties(b).getByRole('button', { name: 'Supprimer ce nœud' }).click();
      await poll(async () => (await storedGraph(b, MERGED))?.nodes.some((n) => n.id === 'n-ligne')).toBe(false);
      await shot(b, 'collab-02-brouillon-b.png');
      const fromB = await exportGraphFile(b);

      // A merges B's file: the common base is the stored 1.0.0 both started from; no conflict.
      const dialog = await mergeFile(a, fromB);
      await dialog.getByText('Version de départ commune retrouvée : celle dont les deux logigrammes sont partis.').waitFor();
      await expect(dialog.getByTestId('merge-pending').textContent()).resolves.toBe('Aucun conflit : les modifications des deux côtés sont compatibles.');
      await shot(a, 'collab-03-fusion-sans-conflit.png');
      await axe(a, 'merge dialog without conflict', '[data-testid="merge-dialog"]');
      // Modal for the keyboard too: Tab and Shift+Tab go round the dialog's own controls and never reach the
      // editor behind it (past its last control the focus leaves the page for the browser's own, as with a
      // native modal <dialog>, and comes back into the dialog).
      const focused = () => a.evaluate(() => (document.activeElement === document.body || document.activeElement === null ? 'page' : document.activeElement.closest('[data-testid="merge-dialog"]') ? 'dialog' : `behind: ${document.activeElement.outerHTML.slice(0, 80)}`));
      const seen = new Set<string>();
      for (const key of [...Array<string>(12).fill('Tab'), ...Array<string>(12).fill('Shift+Tab')]) {
        await a.keyboard.press(key);
        seen.add(await focused());
      }
      expect([...seen].sort()).toEqual(['dialog', 'page']);
      await dialog.getByRole('button', { name: 'Appliquer la fusion' }).click();
      await dialog.waitFor({ state: 'detached' });
      // Checked and its scenarios run at once, as the notice says (the sample has 16 scenarios, untouched by either side).
      await poll(() => a.getByTestId('editor-status').textContent()).toMatch(/^Fusion appliquée en une étape \(Ctrl\+Z l’annule\)\. Vérification relancée ; scénarios : \d+ sur 16 conformes\.$/);
      const merged = await storedGraph(a, MERGED);
      expect(label(merged, 'prepa-nuit')).toBe('Préparation de commandes de nuit');
      expect(merged?.nodes.some((n) => n.kind === 'situation' && n.label === 'Contrôle qualité en fin de ligne')).toBe(true);
      expect(merged?.nodes.find((n) => n.id === 's-prepa-nuit')?.exposures?.[0]?.duration?.value).toBe(210);
      expect(merged?.nodes.some((n) => n.id === 'n-ligne')).toBe(false);
      // Checked at once: the deleted question left its task without an entry, which the findings say.
      await poll(() => a.getByTestId('findings-summary').textContent()).toMatch(/erreur/);
      await shot(a, 'collab-04-fusion-appliquee.png');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'both rename one task two ways: the conflict is shown side by side by label, and A takes B’s side',
    async () => {
      await select(a, 'Conduite de ligne', /Conduite de ligne$/);
      await commit(a, 'Libellé', 'Conduite de ligne (atelier)');
      await poll(async () => label(await storedGraph(a, MERGED), 'conduite')).toBe('Conduite de ligne (atelier)');
      await select(b, 'Conduite de ligne', /Conduite de ligne$/);
      await commit(b, 'Libellé', 'Conduite et réglage de ligne');
      await poll(async () => label(await storedGraph(b, MERGED), 'conduite')).toBe('Conduite et réglage de ligne');
      const fromB = await exportGraphFile(b);

      const dialog = await mergeFile(a, fromB);
      await expect(dialog.getByTestId('merge-pending').textContent()).resolves.toBe('1 conflit : choisissez pour chacun la version à garder. Il reste 1 conflit à trancher.');
      const conflict = dialog.getByRole('group', { name: /Tâche « Conduite de ligne \(atelier\) » : libellé/ });
      await expect(conflict.getByRole('cell').allTextContents()).resolves.toEqual(['« Conduite de ligne »', '« Conduite de ligne (atelier) »', '« Conduite et réglage de ligne »']);
      await expect(dialog.getByRole('button', { name: 'Appliquer la fusion' }).isDisabled()).resolves.toBe(true);
      await shot(a, 'collab-05-conflit.png');
      await axe(a, 'merge dialog with a conflict', '[data-testid="merge-dialog"]');
      await conflict.getByLabel('Prendre celle du collègue').check();
      await poll(() => dialog.getByTestId('merge-pending').textContent()).toContain('Tous les conflits sont tranchés.');
      await dialog.getByRole('button', { name: 'Appliquer la fusion' }).click();
      await dialog.waitFor({ state: 'detached' });
      await poll(async () => label(await storedGraph(a, MERGED), 'conduite')).toBe('Conduite et réglage de ligne');
      // Our other changes stay.
      expect(label(await storedGraph(a, MERGED), 'prepa-nuit')).toBe('Préparation de commandes de nuit');
      await shot(a, 'collab-06-conflit-tranche.png');
      // One step: undo gives our version back.
      await a.getByRole('button', { name: /Annuler/ }).first().click();
      await poll(async () => label(await storedGraph(a, MERGED), 'conduite')).toBe('Conduite de ligne (atelier)');
      await a.getByRole('button', { name: /Rétablir/ }).first().click();
      await poll(async () => label(await storedGraph(a, MERGED), 'conduite')).toBe('Conduite et réglage de ligne');
    },
    STEP_TIMEOUT_MS,
  );
});

describe('a reviewer comments a submitted version; the author answers and prints the annex', () => {
  let remarks: { name: string; text: string };

  it(
    'A submits version 1.1.0; B, the reviewer, comments it without changing it and exports their remarks',
    async () => {
      await openEditor(a, REVIEWED);
      await a.getByRole('button', { name: 'Créer la version 1.1.0' }).click();
      await poll(() => a.getByTestId('editor-state').textContent()).toContain('Brouillon');
      await openLifecycle(a);
      for (const [command, state] of [
        ['Mettre en relecture', 'En relecture'],
        ['Déposer pour homologation', 'Déposé pour homologation'],
      ] as const) {
        await lifecycle(a).getByRole('button', { name: command }).click();
        await lifecycle(a).getByLabel('Votre nom').fill('Claire Martin');
        await lifecycle(a).getByRole('button', { name: 'Confirmer' }).click();
        await poll(() => lifecycle(a).getByTestId('lifecycle-state').textContent()).toBe(state);
      }
      const submitted = await downloaded(a, () => lifecycle(a).getByRole('button', { name: 'Exporter le référentiel compilé (JSON, avec empreinte)' }).click());
      const hash = JSON.parse(submitted.text).contentHash as string;

      // The reviewer stores the submitted version and opens it: read-only, commented beside it.
      await b.goto(server.origin);
      await b.getByLabel('Fichier du référentiel (JSON)').setInputFiles({ name: submitted.name, mimeType: 'application/json', buffer: Buffer.from(submitted.text) });
      await b.getByText('version 1.1.0 enregistré.', { exact: false }).waitFor();
      await openEditor(b, REVIEWED);
      await b.getByRole('button', { name: 'Créer la version 1.2.0' }).waitFor();
      await expect(comments(b).getAttribute('data-mode')).resolves.toBe('version');
      await signAs(b, 'INRS — M. Petit');
      await select(b, 'Peinture et carrosserie', /Peinture et carrosserie$/);
      await remark(b, 'tâche « Peinture et carrosserie »', 'La part de 50 % du temps doit être justifiée par des relevés.');
      await select(b, 'Ponçage et peinture en cabine', /Ponçage et peinture en cabine$/);
      await remark(b, /^exposition « Ponçage et peinture en cabine » — Bruit/, 'Durée d’exposition au bruit à mesurer sur un poste réel.');
      await remark(b, 'Le référentiel dans son ensemble', 'Justifier l’exclusion des vibrations mécaniques.');
      await expect(comments(b).getByTestId('comments-summary').textContent()).resolves.toBe('3 discussions ouvertes sur 3');
      await expect(b.locator('.react-flow__node[data-id="carrosserie"]').getByRole('img', { name: '1 remarque ouverte' }).count()).resolves.toBe(1);
      await shot(b, 'collab-07-relecteur.png');
      await axe(b, 'comments panel on a submitted version', '[data-testid="comments-panel"]');

      remarks = await downloaded(b, () => comments(b).getByRole('button', { name: 'Exporter mes commentaires' }).click());
      expect(remarks.name).toBe('exemple-atelier-1.1.0.commentaires-inrs-m-petit.json');
      const file = JSON.parse(remarks.text);
      expect(file).toMatchObject({ kind: 'logigramme-comments', referential: { id: REVIEWED, version: '1.1.0', contentHash: hash }, author: 'INRS — M. Petit' });
      expect(file.comments).toHaveLength(3);
      // The version never changed: the stored record keeps its hash.
      const stored = await b.evaluate(
        (key) =>
          new Promise<string>((resolve) => {
            const open = indexedDB.open('logigramme');
            open.onsuccess = () => {
              const request = open.result.transaction('referentials').objectStore('referentials').get(key);
              request.onsuccess = () => resolve((request.result as { contentHash: string }).contentHash);
            };
          }),
        `${REVIEWED}@1.1.0`,
      );
      expect(stored).toBe(hash);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'A imports the remarks onto the submitted version, resolves two, and prints the dossier with the annex',
    async () => {
      await openEditor(a, REVIEWED);
      await expect(comments(a).getAttribute('data-mode')).resolves.toBe('version');
      await comments(a).getByLabel('Importer des commentaires (fichier JSON)').setInputFiles({ name: remarks.name, mimeType: 'application/json', buffer: Buffer.from(remarks.text) });
      await comments(a).getByText('3 discussions ajoutées.').waitFor();
      await poll(() => comments(a).getByTestId('comments-summary').textContent()).toBe('3 discussions ouvertes sur 3');
      // The badge is drawn (no emoji font needed) and names its count.
      await expect(a.locator('.react-flow__node[data-id="carrosserie"]').getByRole('img', { name: '1 remarque ouverte' }).textContent()).resolves.toBe('1');
      await comments(a).scrollIntoViewIfNeeded();
      await shot(a, 'collab-08-remarques-importees.png');
      await signAs(a, 'Claire Martin');
      // The remarks of a version live beside it in IndexedDB: the list follows the stored record, so each
      // step waits for the thread to leave the open ones before the next.
      const resolve = async (target: string, note: string, left: string) => {
        const button = comments(a).getByRole('button', { name: `Marquer comme traitée la remarque de INRS — M. Petit sur ${target}` });
        await button.click();
        const field = comments(a).getByLabel('Comment la remarque a été traitée');
        await field.fill(note);
        await comments(a).getByRole('button', { name: 'Enregistrer la réponse' }).click();
        await field.waitFor({ state: 'detached' });
        await poll(() => comments(a).getByTestId('comments-summary').textContent()).toBe(left);
        await expect(button.count()).resolves.toBe(0);
      };
      await resolve('tâche « Peinture et carrosserie »', 'Relevés de 2025 joints au dossier : la part est confirmée.', '2 discussions ouvertes sur 3');
      await resolve('référentiel « Atelier de maintenance — référentiel d’exemple »', 'Justification ajoutée : aucun outil vibrant dans ces ateliers.', '1 discussion ouverte sur 3');
      await comments(a).getByLabel('Ouvertes seulement').uncheck();
      await shot(a, 'collab-09-auteur.png');
      await axe(a, 'comments panel with resolved remarks', '[data-testid="comments-panel"]');

      await a.goto(`${server.origin}/#/dossier/${encodeURIComponent(`${REVIEWED}@1.1.0`)}`);
      await a.getByTestId('dossier').waitFor();
      await a.getByLabel(/Imprimer en annexe les remarques reçues et leur traitement \(3 remarques reçues, dont 1 encore ouverte\)/).check();
      const annex = a.getByTestId('dossier-annex');
      await annex.waitFor();
      await annex.screenshot({ path: join(SHOTS, 'collab-10-annexe.png') });
      const pdf = join(OUT, 'dossier-annexe.pdf');
      rmSync(pdf, { force: true });
      await a.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      // Raw order: the annex is a table, and each cell's lines must read on together.
      const pages = pdfPageTexts(pdf, { raw: true });
      const at = pages.findIndex((text) => text.includes('Annexe — Remarques reçues et leur traitement'));
      expect(at).toBeGreaterThan(0);
      const text = pages.slice(at).join('\n').replace(/\s+/g, ' ');
      for (const expected of [
        '3 remarques reçues, dont 1 encore ouverte',
        'Justifier l’exclusion des vibrations mécaniques.',
        'Justification ajoutée : aucun outil vibrant dans ces ateliers.',
        'La part de 50 % du temps doit être justifiée par des relevés.',
        'Relevés de 2025 joints au dossier : la part est confirmée.',
        'Durée d’exposition au bruit à mesurer sur un poste réel.',
        'En attente de traitement',
        'Traitée par Claire Martin',
      ]) {
        expect(text).toContain(expected);
      }
      // Each remark is followed by how it was addressed, on its own row.
      expect(text).toMatch(/Justifier l’exclusion des vibrations mécaniques\. Traitée par Claire Martin le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Justification ajoutée : aucun outil vibrant dans ces ateliers\./);
      expect(text).toMatch(/La part de 50 % du temps doit être justifiée par des relevés\. Traitée par Claire Martin le \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Relevés de 2025 joints au dossier : la part est confirmée\./);
      expect(text).toMatch(/Durée d’exposition au bruit à mesurer sur un poste réel\. En attente de traitement/);
      // Never the checkbox on paper.
      expect(text).not.toContain('Imprimer en annexe');
    },
    STEP_TIMEOUT_MS,
  );
});

describe('privacy', () => {
  it('no request left the app’s origin in either profile, and no error was raised', () => {
    expectOnlyOwnOrigin(watchA, server.origin);
    expectOnlyOwnOrigin(watchB, server.origin);
  });
});
