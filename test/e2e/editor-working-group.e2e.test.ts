import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_INSTALL_TIMEOUT_MS } from './support/chromium.ts';
import { ensurePoppler, pdfPageCount, pdfPageTexts, pdfPageToPng } from './support/pdf.ts';
import type { AppServer } from './support/server.ts';
import { readStoredDraft } from './support/stored-draft.ts';
import { expectOnlyOwnOrigin, openSession, type BrowserSession, type PageWatch } from './support/session.ts';

/*
 * The editor as a working group uses it, in a real Chromium: a 3-job referential built from an empty
 * page with the keyboard only; undo after a reload; the SEDIMA sample read at the overview zoom (every
 * task label rendered at 11 px or more) and printed; a job id renamed, with the stored staff and the
 * scenarios following; axe-core finding no critical or serious violation in any editor state.
 * Screenshots: test-results/screenshots/editor-*.png.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const OUT = join(ROOT, 'test-results', 'editor-print');
const STEP_TIMEOUT_MS = 180_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const poll = <T,>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });

let session: BrowserSession;
let server: AppServer;
let page: Page;
let watch: PageWatch;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(OUT, { recursive: true });
  ensurePoppler();
  session = await openSession('editor-group', { viewport: { width: 1440, height: 900 } });
  ({ server, page, watch } = session);
  page.setDefaultTimeout(30_000);
}, CHROMIUM_INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await session?.close();
});

const shot = (name: string) => page.screenshot({ path: join(SHOTS, name) });

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

/** The accessible name of the focused element, roughly (label, aria-label or text). */
const focusedName = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const labelled = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (el.getAttribute('aria-label') ?? labelled ?? el.textContent ?? '').trim();
  });

/** Tab (forwards) until the focused element is called `name`; returns how many presses it took. */
async function tabTo(name: string | RegExp, max = 60): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedName();
    if (typeof name === 'string' ? now === name : name.test(now)) return i;
  }
  throw new Error(`« ${String(name)} » not reached in ${max} Tab presses (focus on « ${await focusedName()} »)`);
}

/** The draft as stored in IndexedDB (read straight from the database, as a second tab would). */
const storedDraft = (id: string) =>
  readStoredDraft<{ graph: { nodes: Array<{ id: string; kind: string; label?: string }>; edges: Array<{ kind: string; source: string; target: string }>; referential: { scenarios: Array<{ employee: { jobs: Array<{ job: string }> } }> } }; history?: { past: unknown[] } }>(page, id);

/** The focused canvas node's id, if the focus is on one. */
const focusedNode = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest('.react-flow__node')?.getAttribute('data-id') ?? null);

/** A node added with its digit key, named, then Escape back to the canvas, on the new node. */
async function addNamed(digit: string, label: string): Promise<void> {
  await page.keyboard.press(digit);
  await poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.hasAttribute('data-main-field') ?? false)).toBe(true);
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
  await poll(() => page.getByRole('region', { name: 'Propriétés' }).locator('h3.properties-title').textContent()).toMatch(new RegExp(`: ${label.replace(/[?]/g, '\\?')}$`));
  await page.keyboard.press('Escape');
  // Wait for the focus to reach the new node itself: an arrow or digit pressed while it is still on the
  // node before would act there (a second entry on a task opens the replace dialog instead).
  await poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.closest('.react-flow__node')?.textContent ?? '')).toContain(label);
}

describe('the editor for a working group, in Chromium', () => {
  it(
    'builds a 3-job referential from an empty page with the keyboard only',
    async () => {
      await page.goto(server.origin);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await tabTo('Nouveau référentiel');
      await page.keyboard.press('Enter');
      await tabTo('Identifiant (lettres, chiffres, « - », « _ », « . »)');
      await page.keyboard.type('sdlm-essai');
      await tabTo('Titre');
      await page.keyboard.type('Machinisme agricole — essai au clavier');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Machinisme agricole — essai au clavier' }).waitFor();
      await expect(page.getByTestId('editor-state').textContent()).resolves.toContain('Brouillon');
      await shot('editor-10-vide.png');
      await axe('empty editor');

      // Job 1: a task and its situation, each added beside (and linked to) the one before.
      await addNamed('1', 'Magasinier');
      await addNamed('2', 'Réception des marchandises');
      await addNamed('5', 'Quai de réception');
      // Arrows walk the drawing: left to the task, left again to the job.
      await page.keyboard.press('ArrowLeft');
      await poll(focusedNode).toBe('reception-des-marchandises');
      await page.keyboard.press('ArrowLeft');
      await poll(focusedNode).toBe('magasinier');

      // Job 2: a question with two answers, each leading to a situation.
      await addNamed('1', 'Chauffeur livreur');
      await addNamed('2', 'Livraison');
      await addNamed('3', 'Matériel roulant ?');
      await addNamed('5', 'Livraison de matériel roulant');
      await page.keyboard.press('ArrowLeft');
      await poll(focusedNode).toBe('n-materiel-roulant');
      await addNamed('5', 'Livraison de petit matériel');

      // Job 3: a prevention measure, applied or not (13 nodes in all).
      await addNamed('1', 'Mécanicien');
      await addNamed('2', 'Moteurs thermiques');
      await addNamed('4', 'Encoffrement du banc moteur');
      await addNamed('5', 'Banc encoffré');
      await page.keyboard.press('ArrowLeft');
      await poll(focusedNode).toBe('n-encoffrement-du-banc-moteur');
      await addNamed('5', 'Banc ouvert');

      await poll(async () => (await storedDraft('sdlm-essai'))?.graph.edges.length).toBe(10);
      const draft = (await storedDraft('sdlm-essai'))!;
      expect(draft.graph.nodes.filter((n) => n.kind === 'job').map((n) => n.id)).toEqual(['magasinier', 'chauffeur-livreur', 'mecanicien']);
      expect(draft.graph.nodes.filter((n) => n.kind === 'task').map((n) => n.id)).toEqual(['reception-des-marchandises', 'livraison', 'moteurs-thermiques']);
      const edge = (source: string, target: string) => draft.graph.edges.some((e) => e.source === source && e.target === target);
      expect(edge('magasinier', 'reception-des-marchandises') && edge('reception-des-marchandises', 'quai-de-reception')).toBe(true);
      expect(edge('n-materiel-roulant', 'livraison-de-materiel-roulant') && edge('n-materiel-roulant', 'livraison-de-petit-materiel')).toBe(true);
      expect(edge('n-encoffrement-du-banc-moteur', 'banc-encoffre') && edge('n-encoffrement-du-banc-moteur', 'banc-ouvert')).toBe(true);
      // Lanes in order, nothing drawn on top of anything.
      const boxes = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, `nodes ${i} and ${j} overlap`).toBe(false);
        }
      }
      await page.keyboard.press('f');
      await page.waitForTimeout(400);
      await shot('editor-11-trois-postes-au-clavier.png');
      await axe('three jobs, a node focused and selected');

      // The canvas is one Tab stop: from it, the next Tab leaves the drawing for the panels.
      expect(await page.locator('.react-flow__node[tabindex="0"]').count()).toBe(1);
      await page.keyboard.press('Tab');
      expect(await focusedNode()).toBeNull();
    },
    STEP_TIMEOUT_MS,
  );

  it('keeps the undo history across a reload', async () => {
    await poll(() => page.getByTestId('save-state').textContent()).toBe('Enregistré dans ce navigateur');
    await poll(async () => (await storedDraft('sdlm-essai'))?.history?.past.length ?? 0).toBeGreaterThan(10);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Machinisme agricole — essai au clavier' }).waitFor();
    await page.locator('.react-flow__node[data-id="banc-ouvert"]').waitFor();
    // Focus on the page's <main> (as after « Aller au contenu »): the shortcuts still work.
    await page.evaluate(() => document.querySelector<HTMLElement>('main')?.focus());
    await expect(page.getByRole('button', { name: /Annuler/ }).getAttribute('title')).resolves.toBe('Annuler : modifier le libellé de « Nouvelle situation »');
    await page.keyboard.press('Control+z');
    await poll(async () => (await storedDraft('sdlm-essai'))?.graph.nodes.some((n) => n.label === 'Banc ouvert')).toBe(false);
    await page.keyboard.press('Control+z');
    await poll(async () => (await storedDraft('sdlm-essai'))?.graph.nodes.length).toBe(12);
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+Shift+z');
    await poll(async () => (await storedDraft('sdlm-essai'))?.graph.nodes.some((n) => n.id === 'banc-ouvert')).toBe(true);
  });

  it('shows the shortcuts, the table as its own mode and the lifecycle, each with no axe violation', async () => {
    await page.evaluate(() => document.querySelector<HTMLElement>('main')?.focus());
    await page.keyboard.press('?');
    const help = page.getByRole('region', { name: 'Raccourcis clavier' });
    await help.waitFor();
    await shot('editor-12-raccourcis.png');
    await axe('shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.evaluate(() => document.querySelector<HTMLElement>('main')?.focus());
    await page.keyboard.press('t');
    const table = page.getByRole('table', { name: /Matrice des postes/ });
    await table.waitFor();
    expect(await page.locator('.react-flow').count()).toBe(0);
    // From the toolbar's table button, the filter is a few Tab stops away.
    await page.getByRole('button', { name: 'Vue tableau' }).focus();
    expect(await tabTo('Filtrer (poste, tâche ou situation)', 12)).toBeLessThanOrEqual(12);
    await shot('editor-13-tableau.png');
    await axe('table');
    await page.getByRole('button', { name: 'Vue tableau' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.react-flow__node').first().waitFor();

    await page.getByText('Cycle de vie, fichiers et versions').focus();
    await page.keyboard.press('Enter');
    await page.locator('.editor-lifecycle[open]').waitFor();
    await page.locator('.editor-lifecycle').scrollIntoViewIfNeeded();
    await shot('editor-14-cycle-de-vie.png');
    await axe('lifecycle');
  });

  it(
    'opens the SEDIMA sample read-only, creates its next version only when asked, reads every task label at the overview zoom',
    async () => {
      await page.goto(`${server.origin}/#/`);
      await page.getByRole('link', { name: 'Logigramme pénibilité SEDIMA — postes de référence du machinisme agricole' }).click();
      await page.getByRole('link', { name: 'Modifier dans l’éditeur' }).click();
      const create = page.getByRole('button', { name: 'Créer la version 1.1.0' });
      await create.waitFor();
      expect(await storedDraft('sedima-machinisme-agricole')).toBeUndefined();
      await expect(page.getByTestId('editor-state').textContent()).resolves.toContain('version 1.0.0');
      await page.locator('.react-flow__node').first().waitFor();
      await shot('editor-15-version-publiee.png');
      await axe('published version, read-only');

      await create.click();
      await page.getByTestId('save-state').waitFor();
      await expect(page.getByTestId('editor-state').textContent()).resolves.toContain('Brouillon');
      await expect(page.getByTestId('editor-state').textContent()).resolves.toContain('version 1.1.0');
      await page.getByRole('toolbar', { name: 'Outils de l’éditeur' }).getByRole('button', { name: 'Tout afficher' }).click();
      await page.waitForTimeout(600);

      const draft = (await storedDraft('sedima-machinisme-agricole'))!;
      const tasks = draft.graph.nodes.filter((n) => n.kind === 'task');
      expect(tasks).toHaveLength(17);
      const zoom = await page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
      expect(zoom).toBeGreaterThanOrEqual(0.5);
      for (const task of tasks) {
        const title = page.locator(`.react-flow__node[data-id="${task.id}"] .lg-node-title`);
        const read = await title.evaluate((el) => ({ text: el.textContent, px: parseFloat(getComputedStyle(el).fontSize), clipped: el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1, shown: el.getClientRects().length > 0 }));
        expect(read.text, task.id).toBe(task.label);
        expect(read.shown, task.id).toBe(true);
        expect(read.clipped, `${task.id}: « ${task.label} » is cut`).toBe(false);
        // What the eye gets: the font size times the canvas zoom.
        expect(read.px * zoom, `${task.id} rendered size`).toBeGreaterThanOrEqual(11);
      }
      await shot('editor-16-sedima-vue-ensemble.png');
      await page.locator('.react-flow__node[data-id="mecanicien"]').click();
      await page.getByRole('region', { name: 'Propriétés' }).getByRole('heading', { name: 'Poste : Mécanicien' }).waitFor();
      await axe('SEDIMA, a node selected');
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'prints the SEDIMA logigramme as a readable A3 chart, one job per page',
    async () => {
      await page.getByRole('link', { name: 'Imprimer le logigramme' }).click();
      await page.locator('.print-page').first().waitFor();
      await axe('print view');
      const pdf = join(OUT, 'sedima-logigramme.pdf');
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const pages = pdfPageCount(pdf);
      expect(pages).toBeGreaterThanOrEqual(5);
      const texts = pdfPageTexts(pdf);
      const squeeze = (text: string) => text.replace(/\s+/g, '');
      const all = squeeze(texts.join(''));
      const draft = (await storedDraft('sedima-machinisme-agricole'))!;
      for (const task of draft.graph.nodes.filter((n) => n.kind === 'task')) expect(all, task.label).toContain(squeeze(task.label!));
      // Each job starts its own page.
      for (const job of draft.graph.nodes.filter((n) => n.kind === 'job')) expect(texts.some((t) => squeeze(t).startsWith(squeeze(`Poste : ${job.label}`)))).toBe(true);
      pdfPageToPng(pdf, 1, join(SHOTS, 'editor-17-impression-page1'), 60);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'renames a job id: the scenarios and the stored staff follow, after a warning that says where it is used',
    async () => {
      // A company applying the sample, with one employee on the mechanic's job.
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('logigramme');
            open.onsuccess = () => {
              const tx = open.result.transaction(['companies', 'staff'], 'readwrite');
              const at = '2026-12-01T00:00:00.000Z';
              tx.objectStore('companies').put({ id: 'garage-martin', profile: { name: 'Garage Martin' }, referentialKey: 'exemple-atelier@1.0.0', year: 2024, answers: {}, measures: [], updatedAt: at });
              tx.objectStore('staff').put({ key: 'garage-martin@2024', companyId: 'garage-martin', year: 2024, employees: [{ id: 'MEC-01', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] }], updatedAt: at });
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
      );
      await page.goto(`${server.origin}/#/editeur/exemple-atelier`);
      await page.getByRole('button', { name: 'Créer la version 1.1.0' }).click();
      await page.getByTestId('save-state').waitFor();
      await poll(() => page.getByTestId('scenarios-summary').textContent()).toBe('5 sur 5 scénarios réussis.');
      const box = page.getByRole('searchbox', { name: 'Rechercher un nœud' });
      await box.fill('Mécanicien');
      await box.press('Enter');
      const properties = page.getByRole('region', { name: 'Propriétés' });
      await properties.getByRole('heading', { name: 'Poste : Mécanicien' }).waitFor();
      const before = (await storedDraft('exemple-atelier'))!.graph.referential.scenarios.map((s) => s.employee.jobs.map((j) => j.job));
      expect(before.flat()).toContain('mecanicien');
      const id = properties.getByLabel('Identifiant', { exact: true });
      await id.fill('mecanicien-atelier');
      await id.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: 'L’identifiant « mecanicien » est déjà utilisé hors de ce brouillon' });
      await dialog.waitFor();
      await expect(dialog.textContent()).resolves.toContain('la version publiée 1.0.0');
      await expect(dialog.textContent()).resolves.toContain('les données du personnel de « Garage Martin » (2024) le citent pour 1 salarié.');
      await shot('editor-18-renommage.png');
      await axe('rename warning');
      await dialog.getByRole('button', { name: 'Renommer et mettre à jour le personnel enregistré (1 salarié)' }).click();
      await page.getByTestId('editor-status').getByText('Identifiant « mecanicien » renommé en « mecanicien-atelier »', { exact: false }).waitFor();

      // The scenarios follow (and still pass), and so does the stored staff file.
      const renamed = before.map((jobs) => jobs.map((j) => (j === 'mecanicien' ? 'mecanicien-atelier' : j)));
      await poll(async () => (await storedDraft('exemple-atelier'))?.graph.referential.scenarios.map((s) => s.employee.jobs.map((j) => j.job))).toEqual(renamed);
      await poll(() => page.getByTestId('scenarios-summary').textContent()).toBe('5 sur 5 scénarios réussis.');
      const staffJobs = await page.evaluate(
        () =>
          new Promise<string[]>((resolve) => {
            const open = indexedDB.open('logigramme');
            open.onsuccess = () => {
              const request = open.result.transaction('staff').objectStore('staff').get('garage-martin@2024');
              request.onsuccess = () => {
                resolve((request.result as { employees: Array<{ jobs: Array<{ job: string }> }> }).employees.flatMap((e) => e.jobs.map((j) => j.job)));
                open.result.close();
              };
            };
          }),
      );
      expect(staffJobs).toEqual(['mecanicien-atelier']);
      // The rename is one step: undo puts the old id back everywhere in the draft.
      await page.evaluate(() => document.querySelector<HTMLElement>('main')?.focus());
      await page.keyboard.press('Control+z');
      await poll(async () => (await storedDraft('exemple-atelier'))?.graph.referential.scenarios.map((s) => s.employee.jobs.map((j) => j.job))).toEqual(before);
    },
    STEP_TIMEOUT_MS,
  );

  it('made no request outside its own origin, and raised no error', () => {
    expectOnlyOwnOrigin(watch, server.origin);
  });
});
