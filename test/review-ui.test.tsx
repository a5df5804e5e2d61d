// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importReferentialText, LogigrammeDb } from '../src/storage/index.ts';
import { DbContext } from '../src/ui/context.ts';
import { useRoute } from '../src/ui/route.ts';
import { diff, loadReferentialText, type Referential } from '../src/core/index.ts';
import { groupChanges } from '../src/ui/review/changes.ts';
import { reviewGraph } from '../src/ui/review/graph.ts';
import { ReviewScreen } from '../src/ui/review/ReviewScreen.tsx';
import { COMPANY_JSON, modifiedSample, SAMPLE_TEXT, STAFF_CSV } from './e2e/support/review-fixtures.ts';
import { installFlowShims } from './support/flow-shims.ts';
import writeXlsxFile from 'write-excel-file/universal';
import { COLUMN_LABELS, type StaffColumn } from '../src/io/staff-columns.ts';

/*
 * The comparison screen (#/comparer) in jsdom over fake-indexeddb: two stored versions of the sample
 * referential compared, the change list, the coloured graph, the effect on the example staff, the
 * headcount estimate and the exports — checked against figures worked out by hand.
 *
 * Version 1.1.0 is the sample (referentials/exemple-atelier.json, 1.0.0, regulation 2023-09-01) with:
 *   - the job « Mécanicien » renamed « Mécanicien automobile » (same id `mecanicien`);
 *   - the fixed night post s-nuit-fixe at 95 nights a year instead of 110.
 * The diff is therefore, in order: identity.version 1.0.0 → 1.1.0 (change 0), job mecanicien renamed
 * (change 1), situation s-nuit-fixe exposures changed (change 2). At 100 % time, under 2023-09-01 (night
 * work threshold 100 nights): 110 ≥ 100 → exposed; 95 < 100 → not exposed: the situation's verdict flips.
 *
 * The example staff (examples/salaries-exemple.csv) and company (examples/entreprise-exemple.json:
 * « atelier », no measure) in 2024, regulation in force 2023-09-01 (1 point per factor and quarter):
 *   NUIT-01, night agent full time, fixed nights (q-equipes-alternantes = non) → s-nuit-fixe:
 *     before 110 nights ≥ 100 → exposed, 4 quarters × 1 point = 4 points;
 *     after   95 nights < 100 → not exposed, 0 points. Cause: the s-nuit-fixe change only.
 *   POLY-01, 50 % night agent (fixed): 0.5 × 110 = 55 → 0.5 × 95 = 47.5 nights, not exposed either way.
 *   NUIT-02 works alternating shifts (s-nuit-alternante, unchanged); the mechanics' situations are
 *   unchanged and a renamed job changes no figure. So NUIT-01 is the only employee listed.
 */


/** French numbers use narrow no-break spaces for thousands. */
const norm = (text: string | null | undefined) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

/*
 * jsdom has no layout: React Flow needs ResizeObserver, DOMMatrixReadOnly and element sizes (its
 * testing guide's shims). The nodes carry their own width and height, so the drawing is complete.
 */
installFlowShims({ sizes: { offset: { width: 1000, height: 800 }, client: { width: 1000, height: 800 } }, readScale: true });

/** The review route as the app renders it: the screen keyed by the versions of the URL. */
function ReviewRoute() {
  const { route } = useRoute();
  if (route.screen !== 'review') return <p>autre écran</p>;
  return <ReviewScreen key={`${route.a ?? ''}|${route.b ?? ''}`} {...(route.a ? { a: route.a } : {})} {...(route.b ? { b: route.b } : {})} />;
}

let counter = 0;
let db: LogigrammeDb;

beforeEach(() => {
  window.location.hash = '#/comparer';
  db = new LogigrammeDb(`review-ui-${++counter}`);
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

function renderScreen() {
  return render(
    <DbContext.Provider value={db}>
      <ReviewRoute />
    </DbContext.Provider>,
  );
}

function upload(label: string, name: string, text: string, type: string) {
  const file = new File([text], name, { type });
  fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });
}

/** jsdom's Blob has no text(): its FileReader reads it. */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/** jsdom's Blob has no arrayBuffer(): its FileReader reads it. */
function blobBytes(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

/** Captures what the screen offers as a download, instead of navigating jsdom to a blob URL. */
function captureDownloads() {
  const blobs: Blob[] = [];
  const names: string[] = [];
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      blobs.push(blob);
      return `blob:test/${blobs.length}`;
    },
    revokeObjectURL: () => undefined,
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  return { blobs, names };
}

/** Both stored versions of the sample compared on the screen, the exposure year set to 2024. */
async function compareSampleVersionsFor2024() {
  await importReferentialText(db, SAMPLE_TEXT);
  await importReferentialText(db, modifiedSample());
  window.location.hash = '#/comparer/exemple-atelier%401.0.0/exemple-atelier%401.1.0';
  renderScreen();
  await screen.findByTestId('summary-total');
  fireEvent.change(screen.getByLabelText('Année d’exposition'), { target: { value: '2024' } });
}

describe('the comparison screen', () => {
  it('compares two stored versions: rename and flip listed, graph coloured, NUIT-01 loses night work, exports', async () => {
    expect((await importReferentialText(db, SAMPLE_TEXT)).kind).toBe('stored');
    expect((await importReferentialText(db, modifiedSample())).kind).toBe('stored');
    renderScreen();

    // 1. The two versions, from the referential's history (the defaults: its last two versions).
    const referential = (await screen.findByLabelText('Référentiel')) as HTMLSelectElement;
    expect(referential.value).toBe('exemple-atelier');
    expect((screen.getByLabelText('Version avant') as HTMLSelectElement).value).toBe('exemple-atelier@1.0.0');
    expect((screen.getByLabelText('Version après') as HTMLSelectElement).value).toBe('exemple-atelier@1.1.0');
    fireEvent.click(screen.getByRole('button', { name: 'Comparer' }));
    // The URL names the stored versions, so that a reload shows the same comparison.
    await waitFor(() => expect(window.location.hash).toBe('#/comparer/exemple-atelier%401.0.0/exemple-atelier%401.1.0'));

    // 2. The summary: three changes, one flip.
    const total = await screen.findByTestId('summary-total');
    expect(total.textContent).toBe('3 changements : 2 modifications et 1 changement général (identité, réglementation, année de référence, facteurs, liste des postes particulièrement exposés ou ordre).');
    const summary = screen.getByRole('region', { name: 'Synthèse' });
    expect(within(summary).getByText('1 verdict de situation change à temps plein.')).toBeTruthy();
    expect(within(summary).getByText('Identité, version : « 1.0.0 » → « 1.1.0 »')).toBeTruthy();
    expect(within(summary).getByRole('row', { name: 'Postes de référence 0 0 1' })).toBeTruthy();
    expect(within(summary).getByRole('row', { name: 'Situations types d’exposition 0 0 1' })).toBeTruthy();

    // 3. The change list, grouped by job: the rename, and the flip under the night agent.
    const changes = screen.getByRole('region', { name: 'Changements, par poste de référence' });
    const mechanic = within(changes).getByRole('region', { name: 'Poste « Mécanicien automobile »' });
    expect(within(mechanic).getByRole('button', { name: 'Poste « Mécanicien automobile » modifié : renommé (« Mécanicien » → « Mécanicien automobile »)' })).toBeTruthy();
    const night = within(changes).getByRole('region', { name: 'Poste « Agent de maintenance de nuit »' });
    const nightChange = within(night).getByRole('button', { name: 'Situation « Poste de nuit fixe » modifiée : expositions modifiées' });
    const item = nightChange.closest('li')!;
    expect(norm(item.textContent)).toContain('Travail de nuit — Une heure de travail au moins entre minuit et 5 heures : 5 h, 110 nuits/an, conclusion « exposé » → 5 h, 95 nuits/an, conclusion « exposé »');
    expect(norm(item.querySelector('.rv-flip')?.textContent)).toBe(
      'Verdict à temps plein pour Travail de nuit : exposé (110 nuits/an pour un seuil de 100 nuits/an, réglementation Décrets 2023-759 et 2023-760 — 1er septembre 2023) → non exposé (95 nuits/an pour un seuil de 100 nuits/an, réglementation Décrets 2023-759 et 2023-760 — 1er septembre 2023)',
    );

    // 4. The graph of version 1.1.0, laid out, the changed nodes coloured with a text badge.
    const graph = screen.getByTestId('review-graph');
    await waitFor(() => expect(graph.querySelector('.react-flow__node[data-id="s-nuit-fixe"]')).not.toBeNull(), { timeout: 10_000 });
    const node = (id: string) => graph.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`)!;
    expect(node('s-nuit-fixe').querySelector('.rv-node')!.getAttribute('data-status')).toBe('changed');
    expect(node('s-nuit-fixe').querySelector('.rv-badge')!.textContent).toBe('modifié');
    expect(node('mecanicien').querySelector('.rv-node')!.getAttribute('data-status')).toBe('changed');
    expect(node('mecanicien').textContent).toContain('Mécanicien automobile');
    expect(node('s-nuit-alternante').querySelector('.rv-node')!.getAttribute('data-status')).toBe('same');
    expect(node('s-nuit-alternante').querySelector('.rv-badge')).toBeNull();
    expect(node('s-nuit-fixe').getAttribute('aria-label')).toBe('Situation « Poste de nuit fixe », modifié');
    expect(graph.querySelectorAll('.react-flow__edge').length).toBeGreaterThan(0);

    // 5. Activating the change selects its node.
    fireEvent.click(nightChange);
    await waitFor(() => expect(node('s-nuit-fixe').classList.contains('selected')).toBe(true));
    expect(node('mecanicien').classList.contains('selected')).toBe(false);
    expect(item.getAttribute('aria-current')).toBe('true');
    expect(screen.getByTestId('selection').textContent).toContain('Situation « Poste de nuit fixe »');

    // 6. The effect on the example staff in 2024.
    fireEvent.change(screen.getByLabelText('Année d’exposition'), { target: { value: '2024' } });
    upload('Fichier du personnel (CSV ou Excel)', 'salaries-exemple.csv', STAFF_CSV, 'text/csv');
    upload('Réponses de l’entreprise et mesures en place (JSON)', 'entreprise-exemple.json', COMPANY_JSON, 'application/json');
    const effect = await screen.findByTestId('impact', {}, { timeout: 5000 });
    expect(within(effect).getByRole('status').textContent).toBe('Année 2024 : 8 salariés évalués avec les deux versions, dont 1 change de verdict ou de points.');
    const table = within(effect).getByRole('table', { name: 'Salariés dont le verdict ou les points changent en 2024' });
    const employees = [...table.querySelectorAll('tbody')].map((t) => t.getAttribute('data-employee'));
    expect(employees).toEqual(['NUIT-01']);
    const row = table.querySelector<HTMLElement>('tbody[data-employee="NUIT-01"] tr[data-factor="night_work"]')!;
    expect(within(row).getByRole('rowheader').textContent).toBe('NUIT-01');
    expect(row.querySelector('[data-cell="before"] [data-verdict]')!.getAttribute('data-verdict')).toBe('exposed');
    expect(norm(row.querySelector('[data-cell="before"]')!.textContent)).toBe('exposé110 nuits/an pour un seuil de 100 nuits/an');
    expect(row.querySelector('[data-cell="after"] [data-verdict]')!.getAttribute('data-verdict')).toBe('not_exposed');
    expect(norm(row.querySelector('[data-cell="after"]')!.textContent)).toBe('non exposé95 nuits/an pour un seuil de 100 nuits/an');
    expect(row.querySelector('[data-cell="points"]')!.textContent).toBe('4 → 0');
    const causes = within(row).getAllByRole('button');
    expect(causes.map((c) => c.textContent)).toEqual(['Situation « Poste de nuit fixe »']);

    // 7. A cause brings its change into view: focused in the list, its node selected.
    fireEvent.click(screen.getByRole('button', { name: 'Poste « Mécanicien automobile » modifié : renommé (« Mécanicien » → « Mécanicien automobile »)' }));
    await waitFor(() => expect(node('mecanicien').classList.contains('selected')).toBe(true));
    fireEvent.click(causes[0]!);
    await waitFor(() => expect(node('s-nuit-fixe').classList.contains('selected')).toBe(true));
    expect(node('mecanicien').classList.contains('selected')).toBe(false);
    expect((document.activeElement as HTMLElement).getAttribute('data-change')).toBe('2');

    // 8. The Markdown report: the core's report of the diff, then the impact section.
    const downloads = captureDownloads();
    fireEvent.click(screen.getByRole('button', { name: 'Exporter le rapport (Markdown)' }));
    expect(downloads.names).toEqual(['comparaison-exemple-atelier-1.0.0-1.1.0.md']);
    const md = await blobText(downloads.blobs[0]!);
    const lines = md.split('\n');
    expect(lines).toContain('- Poste « Mécanicien automobile » modifié : renommé (« Mécanicien » → « Mécanicien automobile »)');
    expect(lines).toContain('- Situation « Poste de nuit fixe » modifiée : expositions modifiées');
    expect(lines.some((l) => l.startsWith('    - **Verdict à temps plein pour Travail de nuit : exposé'))).toBe(true);
    expect(lines).toContain('## Effet sur le personnel — année 2024');
    expect(lines).toContain(
      'Personnel de salaries-exemple.csv (réponses de l’entreprise : entreprise-exemple.json), évalué avec la version 1.0.0 puis la version 1.1.0 : 8 salariés, dont 1 change de verdict ou de points.',
    );
    expect(lines).toContain('| Salarié | Facteur | Avant | Après | Points | Causes |');
    expect(lines).toContain('| NUIT-01 | Travail de nuit | exposé (110 nuits/an pour un seuil de 100 nuits/an) | non exposé (95 nuits/an pour un seuil de 100 nuits/an) | 4 → 0 | Situation « Poste de nuit fixe » |');

    // 9. The headcount estimate: the example garage, each employee standing for 10 workers.
    //    Main jobs: six mechanics (POLY-01 50 / 50 → the first listed, mecanicien), two night agents.
    //    agent-nuit: 2 × 10 = 20 workers; night work NUIT-01 → 10 (50 %) before, 0 after (95 < 100);
    //    alternating shifts NUIT-02 → 10 in both. Whole: 8 × 10 = 80 workers, night work 10 → 0.
    upload('Fichier du personnel de l’échantillon 1 (CSV ou Excel)', 'salaries-exemple.csv', STAFF_CSV, 'text/csv');
    upload('Réponses de l’entreprise de l’échantillon 1 (JSON)', 'entreprise-exemple.json', COMPANY_JSON, 'application/json');
    fireEvent.change(screen.getByLabelText('Poids de l’échantillon 1'), { target: { value: '10' } });
    const estimate = await screen.findByTestId('estimate', {}, { timeout: 5000 });
    const cells = (job: string, factor: string) => [...estimate.querySelectorAll(`tbody[data-job="${job}"] tr[data-factor="${factor}"] td.num`)].map((td) => norm(td.textContent));
    expect(cells('agent-nuit', 'night_work')).toEqual(['20', '10', '50 %', '20', '0', '0 %']);
    expect(cells('agent-nuit', 'alternating_shifts')).toEqual(['20', '10', '50 %', '20', '10', '50 %']);
    expect(cells('*', 'night_work')).toEqual(['80', '10', '12,5 %', '80', '0', '0 %']);
    fireEvent.click(screen.getByRole('button', { name: 'Exporter l’estimation (CSV)' }));
    expect(downloads.names[1]).toBe('effectifs-exemple-atelier-1.0.0-1.1.0.csv');
    const csv = (await blobText(downloads.blobs[1]!)).replace(/^\uFEFF/, '').split(/\r?\n/);
    // French headers, labels and percentages (the CLI's --format csv keeps the codes)
    expect(csv[0]).toBe('Poste de référence;Facteur;Effectif v1.0.0;Exposés v1.0.0;Part v1.0.0;Effectif v1.1.0;Exposés v1.1.0;Part v1.1.0');
    expect(csv).toContain('Agent de maintenance de nuit;Travail de nuit;20;10;50\u202f%;20;0;0\u202f%');
    expect(csv).toContain('Ensemble (toute la branche);Travail de nuit;80;10;12,5\u202f%;80;0;0\u202f%');
  });

  it('takes the staff as the company workspace does: an Excel workbook with French headers gives the same effect as the CSV', async () => {
    await compareSampleVersionsFor2024();
    // The example staff file, its headers in French (« Matricule », « Heures annuelles »…), hours as numbers.
    const [header, ...lines] = STAFF_CSV.trim().split(/\r?\n/).map((l) => l.split(';'));
    const french = header!.map((h) => (h in COLUMN_LABELS ? COLUMN_LABELS[h as StaffColumn] : h));
    const rows = [french, ...lines.map((l) => l.map((c, j) => (c === '' ? null : j === 1 ? Number(c.replace(',', '.')) : c)))];
    const write = writeXlsxFile as unknown as (data: unknown, options?: unknown) => { toBlob(): Promise<Blob> };
    const book = await (await write(rows, { sheet: 'Paie' })).toBlob();
    fireEvent.change(screen.getByLabelText('Fichier du personnel (CSV ou Excel)'), {
      target: { files: [new File([await blobBytes(book)], 'paie-2024.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })] },
    });
    upload('Réponses de l’entreprise et mesures en place (JSON)', 'entreprise-exemple.json', COMPANY_JSON, 'application/json');
    const effect = await screen.findByTestId('impact', {}, { timeout: 5000 });
    expect(within(effect).getByRole('status').textContent).toBe('Année 2024 : 8 salariés évalués avec les deux versions, dont 1 change de verdict ou de points.');
    expect([...effect.querySelectorAll('tbody')].map((t) => t.getAttribute('data-employee'))).toEqual(['NUIT-01']);
    expect(screen.getByText(/paie-2024\.xlsx \(classeur Excel, feuille « Paie »\)/)).toBeTruthy();
  });

  it('maps a column it does not know, as the company workspace does, and reads the file again', async () => {
    await compareSampleVersionsFor2024();
    // The example staff with its employee question's column named as a payroll export would.
    upload('Fichier du personnel (CSV ou Excel)', 'paie.csv', STAFF_CSV.replace('q:q-equipes-alternantes', 'Équipes alternantes'), 'text/csv');
    upload('Réponses de l’entreprise et mesures en place (JSON)', 'entreprise-exemple.json', COMPANY_JSON, 'application/json');
    const mapping = await screen.findByTestId('column-mapping');
    expect(screen.queryByTestId('impact')).toBeNull();
    expect(mapping.textContent).toContain('le fichier est relu avec ce choix');
    fireEvent.change(within(mapping).getByLabelText('Colonne « Équipes alternantes » (n° 9)'), { target: { value: 'q:q-equipes-alternantes' } });
    fireEvent.click(within(mapping).getByRole('button', { name: 'Appliquer et relire le fichier' }));
    // The same effect as the file with its documented header (the test above).
    const effect = await screen.findByTestId('impact', {}, { timeout: 5000 });
    expect(within(effect).getByRole('status').textContent).toBe('Année 2024 : 8 salariés évalués avec les deux versions, dont 1 change de verdict ou de points.');
    expect(screen.queryByTestId('staff-errors')).toBeNull();
  });

  it('lists the located errors of a staff file, and evaluates nobody', async () => {
    await importReferentialText(db, SAMPLE_TEXT);
    await importReferentialText(db, modifiedSample());
    window.location.hash = '#/comparer/exemple-atelier%401.0.0/exemple-atelier%401.1.0';
    renderScreen();
    await screen.findByTestId('summary-total');
    // Line 3: an unknown job; line 2: a non-numeric annual duration.
    upload('Fichier du personnel (CSV ou Excel)', 'faux.csv', 'id;annual_hours;birth_year;jobs\nA1;beaucoup;1980;mecanicien\nA2;1607;1980;plombier\n', 'text/csv');
    upload('Réponses de l’entreprise et mesures en place (JSON)', 'entreprise-exemple.json', COMPANY_JSON, 'application/json');
    const errors = await screen.findByTestId('staff-errors');
    expect(errors.textContent).toContain('« faux.csv » : 2 erreurs, aucun salarié évalué.');
    const rows = [...errors.querySelectorAll('tbody tr')].map((tr) => [tr.getAttribute('data-row'), tr.getAttribute('data-column')]);
    expect(rows).toEqual([
      ['2', 'annual_hours'],
      ['3', 'jobs'],
    ]);
    expect(screen.queryByTestId('impact')).toBeNull();
  });

  it('compares files without storing them or naming them in the URL, and lists a file’s errors', async () => {
    renderScreen();
    fireEvent.click(await screen.findByLabelText('Fichiers (vérifiés, non enregistrés)'));
    expect(window.location.hash).toBe('#/comparer');
    const broken = JSON.parse(SAMPLE_TEXT) as Record<string, any>;
    broken.jobs[0].tasks[0].entry = 'nulle-part';
    upload('Fichier de la version avant (JSON)', 'casse.json', JSON.stringify(broken), 'application/json');
    const errors = await screen.findByTestId('review-file-errors');
    expect(errors.textContent).toContain('« casse.json » n’est pas un référentiel valide');
    expect(errors.querySelector('code')!.textContent).toBe('$.jobs[0].tasks[0].entry');

    upload('Fichier de la version avant (JSON)', 'v1.json', SAMPLE_TEXT, 'application/json');
    upload('Fichier de la version après (JSON)', 'v1-1.json', modifiedSample(), 'application/json');
    const total = await screen.findByTestId('summary-total');
    expect(total.textContent).toBe('3 changements : 2 modifications et 1 changement général (identité, réglementation, année de référence, facteurs, liste des postes particulièrement exposés ou ordre).');
    expect(screen.getByText('Comparaison de « v1.json » (version 1.0.0) (avant) avec « v1-1.json » (version 1.1.0) (après).')).toBeTruthy();
    expect(window.location.hash).toBe('#/comparer');
    expect(await db.referentials.count()).toBe(0);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  });
});

describe('the drawing of a comparison', () => {
  const load = (text: string): Referential => {
    const loaded = loadReferentialText(text);
    if (!loaded.ok) throw new Error('fixture does not load');
    return loaded.value;
  };

  it('draws the new version plus, dashed, what it removed; grouped changes follow the jobs', () => {
    const a = load(SAMPLE_TEXT);
    // 1.1.0 without the alternating-shift situation: n-equipes' « oui » branch now leads to s-nuit-fixe,
    // and a new situation s-nuit-courte is added, reached by nothing.
    const doc = JSON.parse(SAMPLE_TEXT) as Record<string, any>;
    doc.identity.version = '1.1.0';
    doc.situations = doc.situations.filter((s: { id: string }) => s.id !== 's-nuit-alternante');
    doc.nodes.find((n: { id: string }) => n.id === 'n-equipes').branches[0].next = 's-nuit-fixe';
    doc.situations.push({ id: 's-nuit-courte', label: 'Nuit courte', exposures: [] });
    const b = load(JSON.stringify(doc));
    const result = diff(a, b);
    const graph = reviewGraph(a, b, result);
    const status = (id: string) => graph.nodes.find((n) => n.id === id)?.data.status;
    expect(status('s-nuit-alternante')).toBe('removed'); // taken from version a
    expect(status('s-nuit-courte')).toBe('added');
    expect(status('n-equipes')).toBe('changed'); // branch repointed
    expect(status('s-nuit-fixe')).toBe(null);
    // the old « oui » link is drawn removed (its id reused by the new link), the new one added
    const edges = graph.edges.filter((e) => e.source === 'n-equipes').map((e) => [e.id, e.target, e.label, e.data.status]);
    expect(edges).toEqual([
      ['n-equipes.branch.0', 's-nuit-fixe', 'oui', 'added'],
      ['n-equipes.branch.1', 's-nuit-fixe', 'non', null],
      ['n-equipes.branch.0~avant', 's-nuit-alternante', 'oui', 'removed'],
    ]);
    // grouped like the Markdown report: the night agent reaches the node and both situations of
    // either version; the new situation no job reaches goes last
    const groups = groupChanges(result, a, b).map((g) => [g.key, g.items.map((i) => ('id' in result.changes[i]! ? (result.changes[i] as { id: string }).id : result.changes[i]!.kind))]);
    expect(groups).toEqual([
      ['general', ['identity']],
      ['job-agent-nuit', ['n-equipes', 's-nuit-alternante']],
      ['orphans', ['s-nuit-courte']],
    ]);
  });
});
