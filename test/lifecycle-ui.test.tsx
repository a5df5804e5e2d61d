// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyTransition, draftFromStored, importReferentialText, LogigrammeDb, revisionOf, saveDraftGraph } from '../src/storage/index.ts';
import { layoutGraph } from '../src/core/layout.ts';
import { DbContext } from '../src/ui/context.ts';
import { DossierScreen } from '../src/ui/dossier/DossierScreen.tsx';
import { LifecyclePanel } from '../src/ui/lifecycle/LifecyclePanel.tsx';
import { hrefFor, parseRoute } from '../src/ui/route.ts';

/*
 * The lifecycle panel and the dossier in jsdom over fake-indexeddb, driven through labels and roles:
 * disabled steps say why, the form records author and note, the re-evaluation warning comes on time.
 */

const ROOT = join(import.meta.dirname, '..');
const SAMPLE_TEXT = readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8');
const OLD_TEXT = readFileSync(join(ROOT, 'referentials', 'fp2e-eau.json'), 'utf8');
const ID = 'exemple-atelier';

let counter = 0;
let db: LogigrammeDb;
beforeEach(async () => {
  db = new LogigrammeDb(`lifecycle-ui-${++counter}`);
  localStorage.clear();
  await importReferentialText(db, SAMPLE_TEXT);
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

function renderPanel(now = () => new Date('2026-02-01T10:00:00')) {
  return render(
    <DbContext.Provider value={db}>
      <LifecyclePanel referentialId={ID} now={now} />
    </DbContext.Provider>,
  );
}

const stateBadge = () => screen.findByTestId('lifecycle-state');
const at = (iso: string) => ({ at: iso, author: 'Claire Martin', note: '' });

async function homologatedDraft() {
  await draftFromStored(db, `${ID}@1.0.0`, undefined, { layout: layoutGraph });
  for (const c of [
    { type: 'review.request' as const, ...at('2026-01-10T10:00:00+01:00') },
    { type: 'submit' as const, ...at('2026-01-20T10:00:00+01:00') },
    { type: 'homologate' as const, arreteDate: '2026-03-02', arreteReference: 'Arrêté du 2 mars 2026', ...at('2026-03-10T10:00:00+01:00') },
  ]) {
    expect((await applyTransition(db, ID, c)).kind).toBe('applied');
  }
}

describe('the lifecycle panel', () => {
  it('offers to start a draft from the newest stored version', async () => {
    renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Préparer une nouvelle version à partir de la version 1.0.0' }));
    expect((await stateBadge()).textContent).toBe('Brouillon');
    expect(screen.getByTestId('draft-version').textContent).toBe('1.1.0');
    expect(screen.getByText('Aucune étape enregistrée pour l’instant.')).toBeTruthy();
  });

  it('disables a step with the reason the machine would refuse it for', async () => {
    await draftFromStored(db, `${ID}@1.0.0`, undefined, { layout: layoutGraph });
    const draft = (await db.drafts.get(ID))!;
    const broken = structuredClone(draft.graph);
    broken.referential.factors.excluded[0]!.justification = '';
    await saveDraftGraph(db, ID, broken, { baseRevision: revisionOf(draft) });
    renderPanel();
    const button = await screen.findByRole('button', { name: 'Mettre en relecture' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    const reason = screen.getByTestId('reason-review.request');
    expect(button.getAttribute('aria-describedby')).toBe(reason.id);
    expect(reason.textContent).toMatch(/La vérification signale 1 erreur/);
    fireEvent.click(button);
    expect(screen.queryByRole('group', { name: 'Mettre en relecture' })).toBeNull();
  });

  it('records a step with author and note; a return needs the reviewers’ note', async () => {
    await draftFromStored(db, `${ID}@1.0.0`, undefined, { layout: layoutGraph });
    renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Mettre en relecture' }));
    const form = screen.getByRole('group', { name: 'Mettre en relecture' });
    expect(document.activeElement).toBe(within(form).getByLabelText('Votre nom'));
    fireEvent.change(within(form).getByLabelText('Votre nom'), { target: { value: 'Claire Martin' } });
    fireEvent.change(within(form).getByLabelText('Note (facultative)'), { target: { value: 'Relecture de la commission' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Confirmer' }));
    await waitFor(async () => expect((await stateBadge()).textContent).toBe('En relecture'));
    expect(screen.getByTestId('lifecycle-message').textContent).toContain('Étape enregistrée : brouillon → en relecture.');
    const rows = within(screen.getByTestId('lifecycle-history')).getAllByRole('row');
    expect(rows[1]!.textContent).toContain('Claire Martin');
    expect(rows[1]!.textContent).toContain('Relecture de la commission');
    expect(localStorage.getItem('logigramme.author')).toBe('Claire Martin');

    fireEvent.click(screen.getByRole('button', { name: 'Renvoyer en brouillon' }));
    const back = screen.getByRole('group', { name: 'Renvoyer en brouillon' });
    // The author is remembered from the last step.
    expect((within(back).getByLabelText('Votre nom') as HTMLInputElement).value).toBe('Claire Martin');
    fireEvent.click(within(back).getByRole('button', { name: 'Confirmer' }));
    const errors = await screen.findByTestId('transition-errors');
    expect(errors.getAttribute('role')).toBe('alert');
    expect(within(errors).getByText(/La note des relecteurs est obligatoire/).getAttribute('data-code')).toBe('lifecycle.note_missing');
    expect((await stateBadge()).textContent).toBe('En relecture');
    fireEvent.change(within(back).getByLabelText('Note des relecteurs (obligatoire)'), { target: { value: 'Revoir le bruit.' } });
    fireEvent.click(within(back).getByRole('button', { name: 'Confirmer' }));
    await waitFor(async () => expect((await stateBadge()).textContent).toBe('Brouillon'));
    expect(screen.getByText('Revoir le bruit.', { selector: 'dd' })).toBeTruthy();
  });

  it('records a homologation from the form, refusing an arrêté dated after today', async () => {
    await draftFromStored(db, `${ID}@1.0.0`, undefined, { layout: layoutGraph });
    await applyTransition(db, ID, { type: 'review.request', ...at('2026-01-10T10:00:00+01:00') });
    await applyTransition(db, ID, { type: 'submit', ...at('2026-01-20T10:00:00+01:00') });
    renderPanel(() => new Date('2026-03-10T10:00:00'));
    fireEvent.click(await screen.findByRole('button', { name: 'Enregistrer l’homologation' }));
    const form = screen.getByRole('group', { name: 'Enregistrer l’homologation' });
    fireEvent.change(within(form).getByLabelText('Votre nom'), { target: { value: 'Claire Martin' } });
    fireEvent.change(within(form).getByLabelText('Date de l’arrêté'), { target: { value: '2026-03-11' } });
    fireEvent.change(within(form).getByLabelText('Référence de l’arrêté'), { target: { value: 'Arrêté du 2 mars 2026' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Confirmer' }));
    expect((await screen.findByTestId('transition-errors')).textContent).toContain('L’arrêté ne peut pas être daté du 11/03/2026, après aujourd’hui (10/03/2026).');
    fireEvent.change(within(form).getByLabelText('Date de l’arrêté'), { target: { value: '2026-03-02' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Confirmer' }));
    await waitFor(async () => expect((await stateBadge()).textContent).toBe('Homologué'));
    // Arrêté of 2 March 2026: five years (décret 2025-277) → homologated until 1 March 2031; renewal
    // asked at the latest on 2 September 2030 (expiry − 6 months).
    const homologation = screen.getByTestId('homologation');
    expect(homologation.textContent).toContain('Homologuée jusqu’au01/03/2031');
    expect(homologation.textContent).toContain('02/09/2030');
    expect(homologation.getAttribute('data-standing')).toBe('valid');
    expect(screen.getByTestId('lifecycle-message').textContent).toMatch(/Version exemple-atelier@1\.1\.0 enregistrée avec l’empreinte sha256:[0-9a-f]{64}/);
  });

  it('warns a year before expiry, then when the renewal deadline has passed, then when the homologation has expired', async () => {
    await homologatedDraft();
    renderPanel(() => new Date('2026-09-01T10:00:00'));
    expect((await screen.findByTestId('homologation')).getAttribute('data-standing')).toBe('valid');
    cleanup();

    // Expiry 2031-03-02: from 2030-03-02, « préparer la réévaluation »; the deadline day 2030-09-02 is still in time.
    renderPanel(() => new Date('2030-09-02T10:00:00'));
    const prepare = await screen.findByTestId('reevaluation-warning');
    expect(prepare.getAttribute('role')).toBe('status');
    expect(prepare.textContent).toBe(
      'Préparer la réévaluation : l’homologation prend fin le 01/03/2031 et la demande de renouvellement, après réévaluation, doit être faite au plus tard le 02/09/2030.',
    );
    expect(screen.getByRole('button', { name: 'Constater l’expiration' }).getAttribute('aria-disabled')).toBe('true');
    cleanup();

    renderPanel(() => new Date('2030-09-03T10:00:00'));
    const passed = await screen.findByTestId('renewal-deadline-passed');
    expect(passed.getAttribute('role')).toBe('alert');
    expect(passed.textContent).toContain('Échéance de demande de renouvellement dépassée (02/09/2030)');
    cleanup();

    renderPanel(() => new Date('2031-03-02T10:00:00'));
    expect((await screen.findByTestId('expiry-warning')).textContent).toContain('Homologation expirée depuis le 02/03/2031');
    const expire = screen.getByRole('button', { name: 'Constater l’expiration' });
    expect(expire.getAttribute('aria-disabled')).toBe('false');
    fireEvent.click(expire);
    const form = screen.getByRole('group', { name: 'Constater l’expiration' });
    fireEvent.change(within(form).getByLabelText('Votre nom'), { target: { value: 'Claire Martin' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Confirmer' }));
    await waitFor(async () => expect((await stateBadge()).textContent).toBe('Expiré'));
    expect((await db.referentials.get(`${ID}@1.1.0`))?.status).toBe('expired');
  });

  it('records the renewal request, and says so instead of the deadline warning', async () => {
    await homologatedDraft();
    renderPanel(() => new Date('2030-08-20T10:00:00'));
    fireEvent.click(await screen.findByRole('button', { name: 'Enregistrer la demande de renouvellement' }));
    const form = screen.getByRole('group', { name: 'Enregistrer la demande de renouvellement' });
    expect(within(form).getByText(/au plus tard six mois avant l’expiration/)).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Votre nom'), { target: { value: 'Claire Martin' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Confirmer' }));
    const requested = await screen.findByTestId('renewal-requested');
    expect(requested.textContent).toBe('Renouvellement demandé le 20/08/2030 ; homologation en cours jusqu’au 01/03/2031.');
    expect((await db.drafts.get(ID))?.lifecycle.renewalRequested?.on).toBe('2030-08-20');
    expect(screen.getByRole('button', { name: 'Enregistrer la demande de renouvellement' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('starts the next version, minor or major, from the homologated one', async () => {
    await homologatedDraft();
    renderPanel(() => new Date('2030-09-02T10:00:00'));
    fireEvent.click(await screen.findByRole('button', { name: 'Commencer une nouvelle version' }));
    const form = screen.getByRole('group', { name: 'Commencer une nouvelle version' });
    expect(within(form).getByLabelText('Version mineure (1.2.0) : réévaluation, corrections')).toBeTruthy();
    fireEvent.click(within(form).getByLabelText('Version majeure (2.0.0) : refonte'));
    fireEvent.change(within(form).getByLabelText('Votre nom'), { target: { value: 'Claire Martin' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Confirmer' }));
    await waitFor(async () => expect((await stateBadge()).textContent).toBe('Brouillon'));
    expect(screen.getByTestId('draft-version').textContent).toBe('2.0.0');
    // The homologation of 1.1.0 is still shown: it is the one in force.
    expect(screen.getByTestId('homologation').textContent).toContain('Version 1.1.0');
  });

  it('marks a stored homologated version expired when the draft has moved on', async () => {
    await homologatedDraft();
    await applyTransition(db, ID, { type: 'version.start', bump: 'minor', ...at('2030-09-02T10:00:00+02:00') });
    renderPanel(() => new Date('2031-03-05T10:00:00'));
    fireEvent.click(await screen.findByRole('button', { name: 'Enregistrer l’expiration de la version 1.1.0' }));
    await waitFor(async () => expect((await db.referentials.get(`${ID}@1.1.0`))?.status).toBe('expired'));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Enregistrer l’expiration de la version 1.1.0' })).toBeNull());
    expect(screen.getByTestId('expiry-warning')).toBeTruthy();
  });

  it('imports into the draft with located errors, and restores a backup only once confirmed', async () => {
    await draftFromStored(db, `${ID}@1.0.0`, undefined, { layout: layoutGraph });
    renderPanel();
    await stateBadge();
    const broken = JSON.parse(SAMPLE_TEXT);
    broken.jobs[0].tasks[0].entry = 'nulle-part';
    const input = screen.getByLabelText('Importer un logigramme ou un référentiel dans ce brouillon (JSON)');
    fireEvent.change(input, { target: { files: [new File([JSON.stringify(broken)], 'casse.json', { type: 'application/json' })] } });
    const message = await screen.findByText(/Le fichier « casse\.json » n’a pas été importé/);
    const box = message.closest('[role="alert"]') as HTMLElement;
    expect(within(box).getByText('$.jobs[0].tasks[0].entry')).toBeTruthy();

    fireEvent.change(input, { target: { files: [new File([OLD_TEXT], 'fp2e.json', { type: 'application/json' })] } });
    expect((await screen.findByText(/décrit le référentiel « fp2e-eau », pas « exemple-atelier »/)).textContent).toContain('rien n’a été importé');

    const restore = screen.getByLabelText('Restaurer une sauvegarde (JSON)') as HTMLInputElement;
    expect(restore.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(/Je comprends que la restauration remplace toutes les données/));
    expect(restore.disabled).toBe(false);
    fireEvent.change(restore, { target: { files: [new File(['{"format":"autre"}'], 'x.json', { type: 'application/json' })] } });
    expect((await screen.findByText(/La sauvegarde « x\.json » n’a pas été restaurée/)).textContent).toContain('Rien n’a été modifié.');
  });

  it('offers the exports as downloads', async () => {
    await draftFromStored(db, `${ID}@1.0.0`, undefined, { layout: layoutGraph });
    const clicked: string[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderPanel();
    await stateBadge();
    for (const name of ['Exporter le logigramme (JSON)', 'Exporter le référentiel compilé (JSON, avec empreinte)', 'Rapport de vérification (JSON)', 'Rapport de vérification (Markdown)']) {
      act(() => screen.getByRole('button', { name }).click());
    }
    expect(clicked).toEqual(['exemple-atelier-1.1.0.graph.json', 'exemple-atelier-1.1.0.json', 'exemple-atelier-1.1.0.verification.json', 'exemple-atelier-1.1.0.verification.md']);
    spy.mockRestore();
  });
});

describe('the dossier', () => {
  it('has its own address', () => {
    expect(hrefFor({ screen: 'dossier', key: 'exemple-atelier@1.0.0' })).toBe('#/dossier/exemple-atelier%401.0.0');
    expect(parseRoute('#/dossier/exemple-atelier%401.0.0')).toEqual({ screen: 'dossier', key: 'exemple-atelier@1.0.0' });
    expect(parseRoute('#/dossier/')).toEqual({ screen: 'list' });
  });

  it('shows every section, one per job, and the what-if against 2023-09-01 for an older referential', async () => {
    await importReferentialText(db, OLD_TEXT);
    render(
      <DbContext.Provider value={db}>
        <DossierScreen recordKey="fp2e-eau@1.0.0" />
      </DbContext.Provider>,
    );
    const dossier = await screen.findByTestId('dossier');
    const stored = await db.referentials.get('fp2e-eau@1.0.0');
    expect(dossier.getAttribute('data-hash')).toBe(stored!.contentHash);
    for (const heading of ['Identité du référentiel', 'Facteurs de risques professionnels', 'Mesures de prévention', 'Synthèse de la vérification', 'Estimation des effectifs exposés']) {
      expect(screen.getByRole('heading', { name: heading })).toBeTruthy();
    }
    expect(screen.getByRole('heading', { name: /Comparaison avec la version réglementaire la plus récente/ })).toBeTruthy();
    const jobs = dossier.querySelectorAll('section.dossier-job');
    const referential = JSON.parse(OLD_TEXT);
    expect(jobs.length).toBe(referential.jobs.length);
    // The running header and footer carry the hash.
    expect(dossier.querySelectorAll('.dossier-running code')).toHaveLength(2);
    dossier.querySelectorAll('.dossier-running code').forEach((c) => expect(c.textContent).toBe(stored!.contentHash));
    // Every situation a task reaches, with a computed verdict.
    expect(dossier.querySelectorAll('.dossier-situations [data-verdict]').length).toBeGreaterThan(0);
  });

  it('says so when the version is not stored', async () => {
    render(
      <DbContext.Provider value={db}>
        <DossierScreen recordKey="inconnu@1.0.0" />
      </DbContext.Provider>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('n’est pas (ou plus) enregistrée');
  });
});
