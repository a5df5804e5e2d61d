import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServer } from './support/server.ts';
import { expectOnlyOwnOrigin, openSession, type BrowserSession, type PageWatch } from './support/session.ts';
import { CHROMIUM_INSTALL_TIMEOUT_MS } from './support/chromium.ts';

/*
 * The logigramme editor in a real Chromium: a new referential built from an empty page (job → task →
 * question → two situations, each new node linked to the selected one; a connection drawn with the
 * mouse, a refused one, an edge end dragged to another node), a checker error appearing and going
 * away, undo and redo, then a reload that finds everything (autosave into IndexedDB).
 * Screenshots: test-results/screenshots/editor-*.png.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
/** The first visit compiles the app's modules on the fly; on a loaded 2-core machine that takes a while. */
const STEP_TIMEOUT_MS = 120_000;

/** The machine is shared and loaded: polls wait up to 10 s instead of Vitest's 1 s. */
const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

let session: BrowserSession;
let server: AppServer;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await openSession('editor', { viewport: { width: 1440, height: 900 } });
  ({ server, page, watch } = session);
  page.setDefaultTimeout(20_000);
}, CHROMIUM_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await session?.close();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, name) });
const properties = () => page.getByRole('region', { name: 'Propriétés' });
const findings = () => page.locator('section.findings');
const canvasNode = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** A palette button activated from the keyboard, then the new node named in its first field. */
async function addByKeyboard(kind: string, field: string, label: string) {
  await page.getByRole('button', { name: `Ajouter : ${kind}` }).focus();
  await page.keyboard.press('Enter');
  // The new node's panel opens with the focus on its first field.
  await properties().getByRole('heading', { name: new RegExp(`^${kind} : `) }).waitFor();
  await poll(() => properties().evaluate((el) => el.contains(document.activeElement) && document.activeElement !== el)).toBe(true);
  const input = properties().getByLabel(field, { exact: true });
  await input.fill(label);
  await input.press('Enter');
}

async function select(label: string) {
  const box = page.getByRole('searchbox', { name: 'Rechercher un nœud' });
  await box.fill(label);
  await box.press('Enter');
}

/** The centre of an element on the page. */
async function centre(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('the logigramme editor in Chromium', () => {
  it(
    'creates a new referential from the list and opens its empty editor',
    async () => {
      await page.goto(server.origin);
      await page.getByRole('button', { name: 'Nouveau référentiel' }).click();
      await page.getByLabel('Identifiant (lettres, chiffres, « - », « _ », « . »)').fill('soudure-essai');
      await page.getByLabel('Titre', { exact: true }).fill('Soudure — essai');
      await page.getByRole('button', { name: 'Créer et ouvrir l’éditeur' }).click();
      await page.getByRole('heading', { level: 1, name: 'Soudure — essai' }).waitFor();
      expect(page.url()).toContain('#/editeur/soudure-essai');
      await page.getByRole('toolbar', { name: 'Outils de l’éditeur' }).waitFor();
      await shot('editor-01-vide.png');
    },
    STEP_TIMEOUT_MS,
  );

  it('builds job → task → question → two situations, each linked to the selected node; draws and reconnects edges with the mouse', async () => {
    await addByKeyboard('Poste', 'Libellé', 'Soudeur');
    await addByKeyboard('Tâche', 'Libellé', 'Soudure TIG');
    await addByKeyboard('Critère', 'Question posée', 'Soudure en atelier ?');
    await addByKeyboard('Situation d’exposition', 'Libellé', 'Atelier ventilé');
    // The question stays the anchor: select it again, and its second answer leads to the next situation.
    await select('Soudure en atelier');
    await addByKeyboard('Situation d’exposition', 'Libellé', 'Chantier extérieur');
    await poll(() => page.locator('.react-flow__edge').count()).toBe(4);
    const labels = await page.locator('.react-flow__edge-textwrapper').allTextContents();
    expect(labels.sort()).toEqual(['100 %', 'non', 'oui']);
    // Ids come from the labels.
    for (const id of ['soudeur', 'soudure-tig', 'n-soudure-en-atelier', 'atelier-ventile', 'chantier-exterieur']) await canvasNode(id).waitFor();

    // Nothing selected: a new task and a new situation stand alone, below the view's middle.
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Escape');
    await addByKeyboard('Tâche', 'Libellé', 'Préparation');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await addByKeyboard('Situation d’exposition', 'Libellé', 'Meulage');
    await page.getByRole('toolbar', { name: 'Outils de l’éditeur' }).getByRole('button', { name: 'Tout afficher' }).click();
    await page.waitForTimeout(400);

    // Job → the new task with the mouse: from the job's handle to the task.
    const drag = async (from: Locator, to: Locator) => {
      const a = await centre(from);
      const b = await centre(to);
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
      await page.mouse.move(b.x, b.y, { steps: 5 });
      await page.mouse.up();
    };
    await drag(canvasNode('soudeur').locator('.react-flow__handle.source'), canvasNode('preparation').locator('.react-flow__handle.target'));
    await page.getByText('« Soudeur » relié à « Préparation ».').waitFor();
    await poll(() => page.locator('.react-flow__edge').count()).toBe(5);

    // A refused connection on the canvas says why: a job cannot lead to a situation.
    await drag(canvasNode('soudeur').locator('.react-flow__handle.source'), canvasNode('meulage').locator('.react-flow__handle.target'));
    await expect(page.getByTestId('editor-alert').textContent()).resolves.toContain('Liaison « pondération » impossible d’un nœud poste vers un nœud situation d’exposition');
    await shot('editor-02-liaison-refusee.png');

    // Dragging the end of the « non » branch (just left of where it meets « Chantier extérieur », off the
    // node's own handle) onto « Meulage » reconnects it there.
    const end = await centre(canvasNode('chantier-exterieur').locator('.react-flow__handle.target'));
    const to = await centre(canvasNode('meulage').locator('.react-flow__handle.target'));
    await page.mouse.move(end.x - 7, end.y);
    await page.mouse.down();
    await page.mouse.move((end.x + to.x) / 2, (end.y + to.y) / 2, { steps: 5 });
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await page.getByText('« Soudure en atelier ? » relié à « Meulage ».').waitFor();
    await poll(() => page.locator('.react-flow__edge').count()).toBe(5);

    // A note dragged from the palette onto the canvas lands where it is dropped.
    await page.getByRole('button', { name: 'Ajouter : Note' }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 120, y: 80 } });
    await canvasNode('nouvelle-note').waitFor();
    await properties().getByLabel('Texte de la note').fill('À valider avec la branche');
    await properties().getByLabel('Texte de la note').blur();
    await page.getByText('À valider avec la branche').first().waitFor();
    await page.getByRole('button', { name: 'Disposition automatique' }).click();
    await page.getByText('Disposition automatique appliquée (annulable).').waitFor();
    await page.waitForTimeout(400);
    await shot('editor-03-logigramme.png');
    // The automatic layout ran in a Web Worker.
    expect(watch.requests.some((url) => url.includes('layout.worker'))).toBe(true);
  });

  it('shows a weighting error appear, go with undo, come back with redo', async () => {
    await select('Soudeur');
    await properties().getByRole('heading', { name: 'Poste : Soudeur' }).waitFor();
    const share = properties().getByLabel('Part de « Soudure TIG » (%)');
    await share.fill('80');
    await share.press('Enter');
    const message = 'Les pondérations des tâches du poste « Soudeur » totalisent 80 % : elles doivent totaliser 100 %.';
    const error = findings().getByText(message);
    await error.waitFor();
    await expect(canvasNode('soudeur').locator('.lg-node-badge').textContent()).resolves.toContain('1');
    await shot('editor-04-erreur.png');

    // The finding leads to its node.
    await select('Atelier ventilé');
    await findings().locator('li').filter({ hasText: message }).getByRole('button').click();
    await properties().getByRole('heading', { name: 'Poste : Soudeur' }).waitFor();

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await error.waitFor({ state: 'detached' });
    await expect(canvasNode('soudeur').locator('.lg-node-badge').count()).resolves.toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await error.waitFor();
    await page.keyboard.press('Control+z');
    await error.waitFor({ state: 'detached' });
    await shot('editor-05-annule.png');
  });

  it('finds everything again after a reload (autosave)', async () => {
    await poll(() => page.getByTestId('save-state').textContent()).toBe('Enregistré dans ce navigateur');
    const edgesBefore = await page.locator('.react-flow__edge').count();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Soudure — essai' }).waitFor();
    await poll(() => page.locator('.react-flow__node').count()).toBe(8);
    // Edges are drawn once their nodes are measured.
    await poll(() => page.locator('.react-flow__edge').count()).toBe(edgesBefore);
    for (const label of ['Soudeur', 'Soudure TIG', 'Soudure en atelier ?', 'Atelier ventilé', 'Chantier extérieur']) {
      await expect(page.locator('.lg-node-title', { hasText: label }).count()).resolves.toBe(1);
    }
    await select('Soudeur');
    await expect(properties().getByLabel('Part de « Soudure TIG » (%)').inputValue()).resolves.toBe('100');
    await page.getByRole('button', { name: 'Vue tableau' }).click();
    const table = page.getByRole('table', { name: /Matrice des postes/ });
    await table.waitFor();
    // Soudure TIG reaches two situations, Préparation none (0 % of the job, no entry yet).
    expect(await table.locator('tbody tr').count()).toBe(3);
    await shot('editor-06-apres-rechargement.png');
  });

  it('opens a stored sample in the editor: its draft, its scenarios, its table', async () => {
    await page.goto(`${server.origin}/#/`);
    await page.getByRole('link', { name: 'Atelier de maintenance — référentiel d’exemple' }).click();
    await page.getByRole('link', { name: 'Modifier dans l’éditeur' }).click();
    await page.getByRole('heading', { level: 1, name: 'Atelier de maintenance — référentiel d’exemple' }).waitFor();
    // The published version opens read-only: a draft only comes when asked for.
    await page.getByRole('button', { name: 'Créer la version 1.1.0' }).click();
    await page.getByTestId('save-state').waitFor();
    await poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(5);
    await expect(page.getByTestId('scenarios-summary').textContent()).resolves.toBe('5 sur 5 scénarios réussis.');
    await page.getByRole('toolbar', { name: 'Outils de l’éditeur' }).getByRole('button', { name: 'Tout afficher' }).click();
    await page.waitForTimeout(400);
    await shot('editor-07-exemple.png');
    await page.getByRole('button', { name: 'Vue tableau' }).click();
    const matrix = page.getByRole('table', { name: /Matrice des postes/ });
    await matrix.waitFor();
    await page.getByRole('heading', { name: 'Vue tableau : postes × tâches × facteurs' }).scrollIntoViewIfNeeded();
    await matrix.screenshot({ path: join(SHOTS, 'editor-08-tableau.png') });
    // The table is a mode of its own: the same button goes back to the logigramme and its panels.
    await page.getByRole('button', { name: 'Vue tableau' }).click();
    await page.locator('.react-flow__node').first().waitFor();
  });

  it('adds a scenario from the form, freezing today’s result as expected; undo takes it away', async () => {
    const panel = page.locator('section.scenarios');
    await panel.getByRole('button', { name: 'Ajouter un scénario' }).click();
    const form = panel.getByRole('form', { name: 'Nouveau scénario' });
    await form.getByLabel('Libellé du scénario').fill('Mécanicien, chantiers (2024)');
    await form.getByLabel('Année évaluée').fill('2024');
    await form.getByLabel('Activité de l’entreprise').selectOption('chantier');
    await form.getByLabel('Le salarié travaille-t-il en équipes successives alternantes ?').selectOption('false');
    await form.getByLabel('Naissance : année (ex. 1980) ou date').fill('1985');
    await form.getByRole('button', { name: 'Reprendre le résultat actuel comme attendu' }).click();
    await poll(() => form.getByLabel('Attendu : Bruit').inputValue()).not.toBe('');
    await form.scrollIntoViewIfNeeded();
    await shot('editor-09-scenario.png');
    await form.getByRole('button', { name: 'Enregistrer le scénario' }).click();
    await poll(() => page.getByTestId('scenarios-summary').textContent()).toBe('6 sur 6 scénarios réussis.');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await poll(() => page.getByTestId('scenarios-summary').textContent()).toBe('5 sur 5 scénarios réussis.');
  });

  it('made no request outside its own origin, and raised no error', () => {
    expectOnlyOwnOrigin(watch, server.origin);
  });
});
