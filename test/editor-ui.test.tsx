// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within, configure } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GraphDocument } from '../src/core/index.ts';
import { LogigrammeDb, type DraftRecord } from '../src/storage/index.ts';
import { App } from '../src/ui/App.tsx';
import { fixture } from './commands/fixture.ts';
import { installFlowShims } from './support/flow-shims.ts';

/*
 * The logigramme editor in jsdom over fake-indexeddb, driven as a keyboard user would: palette, panels,
 * search, table, shortcuts. The canvas itself (drag, handles) is exercised in Chromium (e2e).
 */

installFlowShims({ sizes: { offset: { width: 200, height: 80 }, client: { width: 1000, height: 800 } } });

let counter = 0;
let db: LogigrammeDb;

beforeEach(() => {
  db = new LogigrammeDb(`editor-ui-${++counter}`);
});

afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
  window.location.hash = '';
});

async function openEditor(id: string, draft?: Partial<DraftRecord> & { graph: GraphDocument }) {
  if (draft) await db.drafts.put({ id, lifecycle: { state: 'draft', transitions: [] }, updatedAt: '2026-01-01T00:00:00.000Z', ...draft });
  window.location.hash = `#/editeur/${id}`;
  render(<App db={db} samples={[]} />);
  await screen.findByRole('toolbar', { name: 'Outils de l’éditeur' });
}

const properties = () => within(screen.getByRole('region', { name: 'Propriétés' }));
const findings = () => within(document.querySelector<HTMLElement>('section.findings')!);

/** Types into a field and commits it the way a keyboard user does (Enter). */
function type(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } });
  fireEvent.keyDown(field, { key: 'Enter' });
}

/** A button activated from the keyboard: focus, then the click Enter or Space gives (detail 0). */
function press(button: HTMLElement) {
  button.focus();
  fireEvent.click(button, { detail: 0 });
}

/** Links the selected node to another, found by its label in the properties panel. */
function connectTo(query: string, target: string) {
  fireEvent.change(properties().getByLabelText('Nœud à relier (rechercher par libellé)'), { target: { value: query } });
  fireEvent.click(properties().getByRole('button', { name: `Relier à ${target}` }));
}

function search(text: string) {
  const box = screen.getByRole('searchbox', { name: 'Rechercher un nœud' });
  fireEvent.change(box, { target: { value: text } });
  fireEvent.keyDown(box, { key: 'Enter' });
}

function key(init: KeyboardEventInit) {
  act(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
}

async function storedGraph(id: string): Promise<GraphDocument> {
  return (await db.drafts.get(id))!.graph;
}

// The machine is shared and loaded: queries wait up to 5 s rather than 1 s.
configure({ asyncUtilTimeout: 5000 });

describe('the logigramme editor', () => {
  it('creates nodes from the palette by keyboard, each beside and linked to the selected one, named by a slug of its label', async () => {
    await openEditor('essai');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('essai');
    expect(screen.getByTestId('editor-state').textContent).toContain('Brouillon');

    press(screen.getByRole('button', { name: 'Ajouter : Poste' }));
    // The new node's first field has the focus: type its name straight away.
    await waitFor(() => expect(document.activeElement).toBe(properties().getByLabelText('Libellé')));
    type(properties().getByLabelText('Libellé'), 'Soudeur');
    await properties().findByRole('heading', { name: 'Poste : Soudeur' });
    // Its id followed the label, since it still had the default one.
    expect((properties().getByLabelText('Identifiant') as HTMLInputElement).value).toBe('soudeur');

    // With the job selected, a new task goes under it, linked with the job's remaining share.
    press(screen.getByRole('button', { name: 'Ajouter : Tâche' }));
    await waitFor(() => expect(document.activeElement).toBe(properties().getByLabelText('Libellé')));
    expect(screen.getByTestId('editor-status').textContent).toBe('Tâche ajoutée et reliée à « Soudeur » ; ses propriétés sont à droite.');
    type(properties().getByLabelText('Libellé'), 'Soudure TIG');
    // With the task selected, a new situation becomes its entry.
    press(screen.getByRole('button', { name: 'Ajouter : Situation d’exposition' }));
    await waitFor(() => expect(document.activeElement).toBe(properties().getByLabelText('Libellé')));
    type(properties().getByLabelText('Libellé'), 'Fumées et bruit');
    await waitFor(async () =>
      expect((await storedGraph('essai')).edges).toEqual([
        { id: 'soudure-tig.weighting', kind: 'weighting', source: 'soudeur', target: 'soudure-tig', share: 100 },
        { id: 'soudure-tig.entry', kind: 'entry', source: 'soudure-tig', target: 'fumees-et-bruit' },
      ]),
    );
    const layout = (await storedGraph('essai')).layout.nodes;
    // Each new node one column right of its parent, nothing on top of anything.
    expect(layout['soudure-tig']!.x).toBeGreaterThan(layout['soudeur']!.x);
    expect(layout['fumees-et-bruit']!.x).toBeGreaterThan(layout['soudure-tig']!.x);

    // Job → situation means nothing: refused, with the checker's reason.
    search('soudeur');
    await properties().findByRole('heading', { name: 'Poste : Soudeur' });
    connectTo('fumées', 'Situation d’exposition : Fumées et bruit');
    const alert = screen.getByTestId('editor-alert');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Liaison refusée. Liaison « pondération » impossible d’un nœud poste vers un nœud situation d’exposition');

    // A second entry for the task is offered as a replacement of the first.
    search('soudure');
    await properties().findByRole('heading', { name: 'Tâche : Soudure TIG' });
    press(screen.getByRole('button', { name: 'Ajouter : Situation d’exposition' }));
    await waitFor(() => expect(document.activeElement).toBe(properties().getByLabelText('Libellé')));
    type(properties().getByLabelText('Libellé'), 'Atelier ventilé');
    search('soudure');
    await properties().findByRole('heading', { name: 'Tâche : Soudure TIG' });
    connectTo('atelier', 'Situation d’exposition : Atelier ventilé');
    const dialog = await screen.findByRole('alertdialog', { name: 'Remplacer le point d’entrée de la tâche ?' });
    expect(dialog.textContent).toContain('La tâche « Soudure TIG » commence déjà par « Fumées et bruit ».');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remplacer le point d’entrée' }));
    await waitFor(async () => expect((await storedGraph('essai')).edges.find((e) => e.kind === 'entry')).toMatchObject({ source: 'soudure-tig', target: 'atelier-ventile' }));
    // The canvas draws the four nodes, each labelled for screen readers; one of them is the canvas's Tab stop.
    expect(document.querySelector('.react-flow__node[data-id="soudeur"]')?.getAttribute('aria-label')).toBe('Poste : Soudeur');
    expect(document.querySelectorAll('.react-flow__node[tabindex="0"]')).toHaveLength(1);
    expect(document.querySelectorAll('.react-flow__edge')).toHaveLength(2);
  });

  it('edits properties; a finding appears, leads to its node, and disappears on undo', async () => {
    await openEditor('fixture', { graph: fixture() });
    await waitFor(() => expect(findings().getByTestId('findings-summary').textContent).toMatch(/erreur/));
    expect(findings().queryByText(/totalisent/)).toBeNull();

    search('mécanicien');
    await properties().findByRole('heading', { name: 'Poste : Mécanicien' });
    type(properties().getByLabelText('Part de « Carrosserie » (%)'), '30');
    expect(properties().getByTestId('weightings-total').textContent).toBe('Total : 90 % — doit totaliser 100 %');
    const finding = await findings().findByText('Les pondérations des tâches du poste « Mécanicien » totalisent 90 % : elles doivent totaliser 100 %.');
    // Badge on the node.
    await waitFor(() => expect(document.querySelector('.react-flow__node[data-id="j1"] .lg-node-badge')?.textContent).toContain('1'));

    // Clicking the finding selects its node.
    search('bruit protégé');
    await properties().findByRole('heading', { name: 'Situation d’exposition : Bruit protégé' });
    fireEvent.click(within(finding.closest('li')!).getByRole('button', { name: /Voir le nœud concerné/ }));
    await properties().findByRole('heading', { name: 'Poste : Mécanicien' });

    // Ctrl+Z (focus outside any field) undoes the share; the finding goes.
    (document.activeElement as HTMLElement | null)?.blur();
    key({ key: 'z', ctrlKey: true });
    expect(screen.getByTestId('editor-status').textContent).toBe('Annulé : modifier la part de « Carrosserie ».');
    await waitFor(() => expect(findings().queryByText(/totalisent/)).toBeNull());
    expect((properties().getByLabelText('Part de « Carrosserie » (%)') as HTMLInputElement).value).toBe('40');
    key({ key: 'z', ctrlKey: true, shiftKey: true });
    await findings().findByText(/totalisent 90 %/);
    await waitFor(async () => expect((await storedGraph('fixture')).edges.find((e) => e.id === 't2.weighting')).toMatchObject({ share: 30 }));

    // A label edit, saved.
    type(properties().getByLabelText('Libellé'), 'Mécanicien PL');
    await properties().findByRole('heading', { name: 'Poste : Mécanicien PL' });
    await waitFor(async () => expect((await storedGraph('fixture')).nodes[0]).toMatchObject({ label: 'Mécanicien PL' }));
  });

  it('lists a job as particularly exposed (L4163-2-1) from the referential panel: factors, activities, undo', async () => {
    await openEditor('fixture', { graph: fixture() });
    await properties().findByRole('heading', { name: 'Postes particulièrement exposés (art. L4163-2-1)' });
    expect(properties().getByText('Aucun poste listé.')).toBeTruthy();
    fireEvent.click(properties().getByRole('button', { name: 'Ajouter un poste à la liste' }));
    const postures = (await properties().findByRole('checkbox', { name: 'Postures pénibles' })) as HTMLInputElement;
    // The only factor ticked stays ticked: an entry lists one factor at least.
    expect(postures.checked && postures.disabled).toBe(true);
    fireEvent.click(properties().getByRole('checkbox', { name: 'Vibrations mécaniques' }));
    fireEvent.click(properties().getByRole('checkbox', { name: 'Carrosserie' }));
    type(properties().getByLabelText('Accord de branche qui établit la liste'), 'Accord du 12 mars 2025');
    await waitFor(async () =>
      expect((await storedGraph('fixture')).referential.particularlyExposed).toEqual({
        agreement: 'Accord du 12 mars 2025',
        entries: [{ job: 'j1', factors: ['awkward_postures', 'mechanical_vibrations'], tasks: ['t2'] }],
      }),
    );
    (document.activeElement as HTMLElement | null)?.blur();
    key({ key: 'z', ctrlKey: true });
    expect(screen.getByTestId('editor-status').textContent).toBe('Annulé : modifier la liste des postes particulièrement exposés du référentiel.');
    await waitFor(async () => expect((await storedGraph('fixture')).referential.particularlyExposed?.agreement).toBeUndefined());
    fireEvent.click(properties().getByRole('button', { name: 'Retirer « Mécanicien » de la liste' }));
    await waitFor(async () => expect((await storedGraph('fixture')).referential.particularlyExposed).toBeUndefined());
  });

  it('shows a situation’s live figure with its unit, and names findings by label with the id on hover', async () => {
    const graph = fixture();
    graph.nodes.push({ id: 'orpheline', kind: 'situation', label: 'Situation isolée', exposures: [] });
    await openEditor('fixture', { graph });
    // The search also finds ids: s2 is « Bruit », 4 h/day × 228 days = 912 h against 600 h a year.
    search('s2');
    const panel = await screen.findByRole('region', { name: 'Propriétés' });
    await within(panel).findByRole('heading', { name: 'Situation d’exposition : Bruit' });
    await waitFor(() => expect(panel.textContent).toContain('912 h/an pour un seuil de 600 h/an'));
    // The orphan is named by its label in the findings, its id on hover.
    const named = await findings().findAllByText(/« Situation isolée »/);
    for (const message of named) expect(message.getAttribute('title')).toBe('Identifiant : orpheline');
    expect(findings().queryByText(/« orpheline »/)).toBeNull();
  });

  it('edits a value in the table view, undoably, and the computed verdict follows', async () => {
    await openEditor('fixture', { graph: fixture() });
    fireEvent.click(screen.getByRole('button', { name: 'Vue tableau' }));
    const table = await screen.findByRole('table', { name: /Matrice des postes/ });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼⇅]/g, '').trim())).toEqual(['Poste', 'Tâche', 'Part (%)', 'Situation', 'Bruit']);
    // Mécanicien / Moteurs reaches Bruit protégé and Bruit; Carrosserie reaches its own situation.
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 3);
    const duration = within(table).getByLabelText('Durée « Niveau d’exposition Lex,8h » (Bruit) de « Bruit »') as HTMLInputElement;
    expect(duration.value).toBe('4');
    const row = duration.closest('tr')!;
    await waitFor(() => expect(within(row).getByText('calcul : exposé')).toBeTruthy());
    type(duration, '2');
    // 2 h/day × 228 days = 456 h < 600 h: the computed verdict turns.
    await waitFor(() => expect(within(row).getByText('calcul : non exposé')).toBeTruthy());
    await waitFor(async () => expect((await storedGraph('fixture')).nodes.find((n) => n.id === 's2')).toMatchObject({ exposures: [{ duration: { value: 2, unit: 'h/day' } }] }));
    (document.activeElement as HTMLElement | null)?.blur();
    key({ key: 'z', ctrlKey: true });
    await waitFor(() => expect((within(table).getByLabelText('Durée « Niveau d’exposition Lex,8h » (Bruit) de « Bruit »') as HTMLInputElement).value).toBe('4'));

    // Sorting by the factor puts the exposed situation first; the filter narrows the rows.
    fireEvent.click(within(table).getByRole('button', { name: 'Trier par Bruit' }));
    expect(within(table).getAllByRole('columnheader')[4]!.getAttribute('aria-sort')).toBe('ascending');
    expect(within(table).getAllByRole('row')[1]!.textContent).toContain('Bruit');
    fireEvent.change(screen.getByLabelText('Filtrer (poste, tâche ou situation)'), { target: { value: 'carrosserie' } });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it('search finds and focuses a node by its label, accents and case aside', async () => {
    await openEditor('fixture', { graph: fixture() });
    const box = screen.getByRole('searchbox', { name: 'Rechercher un nœud' });
    fireEvent.change(box, { target: { value: 'PROTEGE' } });
    expect(screen.getByRole('list', { name: 'Nœuds trouvés' }).textContent).toBe('Situation d’exposition : Bruit protégé');
    fireEvent.keyDown(box, { key: 'Enter' });
    await properties().findByRole('heading', { name: 'Situation d’exposition : Bruit protégé' });
    expect(document.querySelector('.react-flow__node[data-id="s1"] .lg-node')?.className).toContain('is-selected');
    expect(screen.getByTestId('editor-status').textContent).toBe('« Bruit protégé » sélectionné.');
  });

  it('removes a whole subtree only after confirmation, and shows a read-only draft as such', async () => {
    await openEditor('fixture', { graph: fixture() });
    search('mécanicien');
    await properties().findByRole('heading', { name: 'Poste : Mécanicien' });
    fireEvent.click(properties().getByRole('button', { name: 'Supprimer avec toute sa suite…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Supprimer toute une branche du logigramme ?' });
    expect(dialog.textContent).toContain('« Mécanicien » et 7 nœuds');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Supprimer 8 nœuds' }));
    await waitFor(async () => expect((await storedGraph('fixture')).nodes.map((n) => n.id)).toEqual(['note-1']));
    cleanup();

    await openEditor('figé', { graph: { ...fixture(), referential: { ...fixture().referential, id: 'figé' } }, lifecycle: { state: 'in_review', transitions: [] } });
    expect(screen.getByRole('note').textContent).toContain('Lecture seule');
    expect((screen.getByRole('button', { name: 'Ajouter : Poste' }) as HTMLButtonElement).disabled).toBe(true);
    search('mécanicien');
    key({ key: 'Delete' });
    expect(screen.getByTestId('editor-alert').textContent).toContain('Modification refusée : ce brouillon est en lecture seule');
  });

  it('a confirmation is modal: while it is open the rest of the page is inert, and nothing stays inert once it is answered', async () => {
    await openEditor('fixture', { graph: fixture() });
    search('mécanicien');
    await properties().findByRole('heading', { name: 'Poste : Mécanicien' });
    const toolbar = screen.getByRole('toolbar', { name: 'Outils de l’éditeur' });
    expect(toolbar.closest('[inert]')).toBeNull();
    fireEvent.click(properties().getByRole('button', { name: 'Supprimer avec toute sa suite…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Supprimer toute une branche du logigramme ?' });
    // The toolbar, the properties and the search sit under an inert ancestor; the dialog does not.
    await waitFor(() => expect(toolbar.closest('[inert]')).not.toBeNull());
    expect(screen.getByRole('searchbox', { name: 'Rechercher un nœud' }).closest('[inert]')).not.toBeNull();
    expect(dialog.closest('[inert]')).toBeNull();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Conserver' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Conserver' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(document.querySelectorAll('[inert]')).toHaveLength(0);
    // Kept: the branch is still there (the same click on « Supprimer 8 nœuds » leaves only the note).
    expect((await storedGraph('fixture')).nodes.length).toBeGreaterThan(1);
  });

  it('copies, pastes, duplicates, selects all and deletes from the keyboard; folds a job; lists the shortcuts', async () => {
    await openEditor('fixture', { graph: fixture() });
    search('carrosserie');
    await properties().findByRole('heading', { name: 'Tâche : Carrosserie' });
    (document.activeElement as HTMLElement | null)?.blur();
    // Copy puts a graph fragment (JSON) on the system clipboard; paste reads it back.
    const clipboard = new Map<string, string>();
    const clipboardData = { setData: (type: string, text: string) => clipboard.set(type, text), getData: (type: string) => clipboard.get(type) ?? '' };
    const clip = (type: 'copy' | 'paste') => act(() => void document.dispatchEvent(Object.assign(new Event(type, { bubbles: true, cancelable: true }), { clipboardData })));
    clip('copy');
    expect(screen.getByTestId('editor-status').textContent).toBe('1 nœud copié.');
    expect(JSON.parse(clipboard.get('text/plain')!)).toMatchObject({ kind: 'logigramme-fragment', nodes: [{ id: 't2', kind: 'task', label: 'Carrosserie' }] });
    clip('paste');
    await properties().findByRole('heading', { name: 'Tâche : Carrosserie' });
    expect((properties().getByLabelText('Identifiant') as HTMLInputElement).value).toBe('carrosserie');
    key({ key: 'd', ctrlKey: true });
    await waitFor(() => expect((properties().getByLabelText('Identifiant') as HTMLInputElement).value).toBe('carrosserie-2'));
    await waitFor(async () => expect((await storedGraph('fixture')).nodes.map((n) => n.id).slice(-2)).toEqual(['carrosserie', 'carrosserie-2']));
    key({ key: 'Delete' });
    expect(screen.getByTestId('editor-status').textContent).toBe('Supprimé : 1 nœud.');
    await waitFor(async () => expect((await storedGraph('fixture')).nodes.map((n) => n.id).slice(-1)).toEqual(['carrosserie']));
    // A broken fragment is refused with the JSON path of the problem, and changes nothing.
    clipboard.set('text/plain', JSON.stringify({ kind: 'logigramme-fragment', formatVersion: 1, nodes: [{ id: 'x', kind: 'task', label: 'X' }], edges: [{ id: 'e', kind: 'entry', source: 'x', target: 'ailleurs' }], layout: {}, questions: [], measures: [] }));
    clip('paste');
    expect(screen.getByTestId('editor-alert').textContent).toContain('$.edges[0].target');

    key({ key: 'a', ctrlKey: true });
    expect(properties().getByText('10 éléments sélectionnés.')).toBeTruthy();
    key({ key: 'Escape' });
    expect(properties().getByText(/voici le référentiel/)).toBeTruthy();

    // Fold the job from its node on the canvas: its tasks and trees are hidden, the node says how many.
    const fold = within(document.querySelector<HTMLElement>('.react-flow__node[data-id="j1"]')!).getByRole('button', { name: 'Replier la suite de « Mécanicien »' });
    fireEvent.click(fold);
    await waitFor(() => expect(document.querySelector('.react-flow__node[data-id="t1"]')).toBeNull());
    const unfold = within(document.querySelector<HTMLElement>('.react-flow__node[data-id="j1"]')!).getByRole('button', { name: 'Déplier la suite de « Mécanicien » (7 nœuds masqués)' });
    expect(unfold.textContent).toBe('Déplier (7)');
    // Searching a hidden node unfolds what hides it.
    search('bruit protégé');
    await waitFor(() => expect(document.querySelector('.react-flow__node[data-id="s1"]')).not.toBeNull());

    (document.activeElement as HTMLElement | null)?.blur();
    key({ key: '?' });
    const help = await screen.findByRole('region', { name: 'Raccourcis clavier' });
    const rows = within(help).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toContain('Ctrl+Z' + 'Annuler');
    expect(rows).toContain('Ctrl+Maj+Z / Ctrl+Y' + 'Rétablir');
    expect(rows).toContain('F' + 'Tout afficher');
  });

  it('takes a draft changed elsewhere (another tab, a lifecycle step) and turns read-only out of the draft state', async () => {
    await openEditor('fixture', { graph: fixture() });
    const changed = fixture();
    changed.nodes[0] = { id: 'j1', kind: 'job', label: 'Mécanicien (autre onglet)' };
    // Every writer moves the revision on (src/storage/drafts.ts): the draft was put without one (0).
    await db.drafts.update('fixture', { graph: changed, updatedAt: '2026-02-02T00:00:00.000Z', revision: 1 });
    await screen.findByText('Le brouillon a été modifié ailleurs (autre onglet ou import) : il est à jour ; l’historique d’annulation repart de zéro.');
    await waitFor(() => expect(document.querySelector('.react-flow__node[data-id="j1"] .lg-node-title')?.textContent).toBe('Mécanicien (autre onglet)'));
    expect((screen.getByRole('button', { name: /Annuler/ }) as HTMLButtonElement).disabled).toBe(true);

    await db.drafts.update('fixture', { lifecycle: { state: 'in_review', transitions: [] }, updatedAt: '2026-02-03T00:00:00.000Z', revision: 2 });
    await waitFor(() => expect(screen.getByRole('note').textContent).toContain('Lecture seule'));
    expect((screen.getByRole('button', { name: 'Ajouter : Tâche' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('adds a scenario through the form: it runs and passes, fails when a situation changes, and undo brings it back', async () => {
    await openEditor('fixture', { graph: fixture() });
    // The panel appears once the first check has run.
    await waitFor(() => expect(document.querySelector('section.scenarios')).not.toBeNull());
    const panel = () => within(document.querySelector<HTMLElement>('section.scenarios')!);
    await panel().findByText('Aucun scénario de contrôle dans ce référentiel.');
    fireEvent.click(panel().getByRole('button', { name: 'Ajouter un scénario' }));
    const form = within(panel().getByRole('form', { name: 'Nouveau scénario' }));
    fireEvent.change(form.getByLabelText('Libellé du scénario'), { target: { value: 'Mécanicien à temps plein, atelier' } });
    fireEvent.change(form.getByLabelText('Année évaluée'), { target: { value: '2024' } });
    fireEvent.change(form.getByLabelText('Activité'), { target: { value: 'a' } });
    fireEvent.change(form.getByLabelText('Travail de nuit ?'), { target: { value: 'false' } });
    expect((form.getByLabelText('Poste 1') as HTMLSelectElement).value).toBe('j1');
    expect((form.getByLabelText('Part du temps au poste 1 (%)') as HTMLInputElement).value).toBe('100');
    // The employee's own task shares: all the time on the engines.
    fireEvent.click(form.getByLabelText('Répartition des tâches propre à ce salarié (poste 1)'));
    fireEvent.change(form.getByLabelText('Part de « Moteurs » (%)'), { target: { value: '100' } });
    fireEvent.change(form.getByLabelText('Part de « Carrosserie » (%)'), { target: { value: '0' } });

    // Without a birth year the points cannot be computed: the form says so.
    fireEvent.click(form.getByRole('button', { name: 'Reprendre le résultat actuel comme attendu' }));
    expect(form.getByTestId('scenario-form-error').textContent).toContain('année de naissance manquante');
    fireEvent.change(form.getByLabelText('Naissance : année (ex. 1980) ou date'), { target: { value: '1980' } });
    // Today's result becomes the expected one: 4 h/day at 88 dB(A), all year → exposed.
    fireEvent.click(form.getByRole('button', { name: 'Reprendre le résultat actuel comme attendu' }));
    expect(form.queryByTestId('scenario-form-error')).toBeNull();
    expect((form.getByLabelText('Attendu : Bruit') as HTMLSelectElement).value).toBe('exposed');
    const points = (form.getByLabelText('Points attendus (facultatif)') as HTMLInputElement).value;
    expect(Number(points)).toBeGreaterThan(0);
    fireEvent.click(form.getByRole('button', { name: 'Enregistrer le scénario' }));
    expect(screen.getByTestId('editor-status').textContent).toBe('Scénario « Mécanicien à temps plein, atelier » ajouté ; il est rejoué à chaque modification.');
    await waitFor(() => expect(panel().getByTestId('scenarios-summary').textContent).toBe('1 sur 1 scénario réussi.'));
    await waitFor(async () =>
      expect((await storedGraph('fixture')).referential.scenarios).toEqual([
        {
          id: 'sc-1',
          label: 'Mécanicien à temps plein, atelier',
          year: 2024,
          answers: { 'q-choice': 'a' },
          measures: [],
          employee: { id: 'salarie-type', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'j1', share: 100, tasks: [{ task: 't1', share: 100 }, { task: 't2', share: 0 }] }], answers: { 'q-bool': false } },
          expected: { factors: { noise: 'exposed' }, points: Number(points) },
        },
      ]),
    );

    // The situation changes (1 h/day: 228 h < 600 h): the scenario fails, like a checker error.
    fireEvent.click(screen.getByRole('button', { name: 'Vue tableau' }));
    const table = await screen.findByRole('table', { name: /Matrice des postes/ });
    type(within(table).getByLabelText('Durée « Niveau d’exposition Lex,8h » (Bruit) de « Bruit »'), '1');
    // The table is a mode of its own: back to the logigramme and its panels.
    fireEvent.click(screen.getByRole('button', { name: 'Vue tableau' }));
    await waitFor(() => expect(panel().getByTestId('scenarios-summary').textContent).toBe('0 sur 1 scénario réussi.'));
    const failing = document.querySelector<HTMLElement>('li[data-scenario="sc-1"]')!;
    expect(failing.className).toContain('severity-error');
    expect(failing.textContent).toContain('Bruit : attendu exposé, obtenu non exposé');
    // With the figures: 1 h/day × 228 days = 228 h, against 600 h.
    expect(failing.textContent).toContain('228 h/an pour un seuil de 600 h/an');

    // Undo the change: it passes again; undo again: the scenario goes; redo: it is back.
    (document.activeElement as HTMLElement | null)?.blur();
    key({ key: 'z', ctrlKey: true });
    await waitFor(() => expect(panel().getByTestId('scenarios-summary').textContent).toBe('1 sur 1 scénario réussi.'));
    key({ key: 'z', ctrlKey: true });
    expect(screen.getByTestId('editor-status').textContent).toBe('Annulé : ajouter le scénario « Mécanicien à temps plein, atelier ».');
    await panel().findByText('Aucun scénario de contrôle dans ce référentiel.');
    key({ key: 'y', ctrlKey: true });
    await waitFor(() => expect(panel().getByTestId('scenarios-summary').textContent).toBe('1 sur 1 scénario réussi.'));
  });

  it('edits, duplicates, freezes and deletes scenarios; a refused one says why in the form', async () => {
    const graph = fixture();
    graph.referential.scenarios.push({
      id: 'sc-1',
      label: 'Carrossier',
      year: 2024,
      answers: { 'q-choice': 'b' },
      measures: [],
      employee: { id: 'x', annualHours: 1607, contract: {}, birth: 1975, jobs: [{ job: 'j1', share: 100 }] },
      expected: { factors: { noise: 'exposed' } },
    });
    await openEditor('fixture', { graph });
    await waitFor(() => expect(document.querySelector('section.scenarios')).not.toBeNull());
    const panel = () => within(document.querySelector<HTMLElement>('section.scenarios')!);
    await waitFor(() => expect(panel().getByTestId('scenarios-summary').textContent).toBe('0 sur 1 scénario réussi.'));

    // Freezing today's conclusion makes it pass (one undoable step).
    fireEvent.click(panel().getByRole('button', { name: 'Reprendre le résultat actuel comme attendu pour « Carrossier »' }));
    await waitFor(() => expect(panel().getByTestId('scenarios-summary').textContent).toBe('1 sur 1 scénario réussi.'));
    await waitFor(async () => expect((await storedGraph('fixture')).referential.scenarios[0]!.expected).toEqual({ factors: { noise: 'not_exposed' }, points: 0 }));

    fireEvent.click(panel().getByRole('button', { name: 'Dupliquer le scénario « Carrossier »' }));
    await waitFor(() => expect(panel().getByTestId('scenarios-summary').textContent).toBe('2 sur 2 scénarios réussis.'));
    await waitFor(async () => expect((await storedGraph('fixture')).referential.scenarios.map((s) => [s.id, s.label])).toEqual([['sc-1', 'Carrossier'], ['sc-2', 'Carrossier (copie)']]));

    // Edit the copy: a measure in place, and an employee answer given at the company level is refused.
    fireEvent.click(panel().getByRole('button', { name: 'Modifier le scénario « Carrossier (copie) »' }));
    const form = within(panel().getByRole('form', { name: 'Modifier le scénario « Carrossier (copie) »' }));
    fireEvent.change(form.getByLabelText('Libellé du scénario'), { target: { value: 'Carrossier, encoffrement' } });
    fireEvent.click(form.getByLabelText('Encoffrement'));
    fireEvent.change(form.getByLabelText('Année évaluée'), { target: { value: '1990' } });
    fireEvent.click(form.getByRole('button', { name: 'Enregistrer le scénario' }));
    expect(form.getByTestId('scenario-form-error').textContent).toContain('scénario (year)');
    fireEvent.change(form.getByLabelText('Année évaluée'), { target: { value: '2024' } });
    fireEvent.click(form.getByRole('button', { name: 'Enregistrer le scénario' }));
    await waitFor(async () => expect((await storedGraph('fixture')).referential.scenarios[1]).toMatchObject({ id: 'sc-2', label: 'Carrossier, encoffrement', measures: ['m-1'] }));

    fireEvent.click(panel().getByRole('button', { name: 'Supprimer le scénario « Carrossier »' }));
    expect(screen.getByTestId('editor-status').textContent).toBe('Scénario « Carrossier » supprimé (annulable).');
    await waitFor(async () => expect((await storedGraph('fixture')).referential.scenarios.map((s) => s.id)).toEqual(['sc-2']));
    (document.activeElement as HTMLElement | null)?.blur();
    key({ key: 'z', ctrlKey: true });
    await waitFor(async () => expect((await storedGraph('fixture')).referential.scenarios.map((s) => s.id)).toEqual(['sc-1', 'sc-2']));
  });
});
