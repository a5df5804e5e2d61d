// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importReferentialText, LogigrammeDb } from '../src/storage/index.ts';
import { DbContext } from '../src/ui/context.ts';
import { DossierScreen } from '../src/ui/dossier/DossierScreen.tsx';

// The dossier shows the branch's list of particularly exposed jobs and activities (L4163-2-1).
const ROOT = join(import.meta.dirname, '..');
let db: LogigrammeDb;

beforeEach(async () => {
  db = new LogigrammeDb(`dossier-listed-${Math.random()}`);
  await importReferentialText(db, readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8'));
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

describe('the homologation dossier: the L4163-2-1 list', () => {
  it('names the agreement, the job, the listed activity and the factor', async () => {
    render(
      <DbContext.Provider value={db}>
        <DossierScreen recordKey="exemple-atelier@1.0.0" />
      </DbContext.Provider>,
    );
    const section = await screen.findByTestId('dossier-listed', {}, { timeout: 5000 });
    expect(within(section).getByRole('heading', { name: 'Métiers et activités particulièrement exposés aux facteurs ergonomiques' })).toBeTruthy();
    expect(section.textContent).toContain('Accord : Accord de branche fictif du 12 mars 2025 (exemple, article L4163-2-1).');
    const row = section.querySelector('tr[data-job="mecanicien"]')!;
    expect([...row.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual(['Mécanicien', 'Peinture et carrosserie', 'Postures pénibles — Travail bras levés sous les véhicules, torse fléchi.']);
  });
});
