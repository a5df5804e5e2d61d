// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogigrammeDb } from '../src/storage/index.ts';
import { ImportPanel } from '../src/ui/components/ImportPanel.tsx';
import { DbContext } from '../src/ui/context.ts';

/*
 * Issue 10, points 4 and 6 in the app: a hostile referential file gets a precise, located French
 * message and stores nothing. Both tests fail on main e472799: there the deeply nested file made the
 * loader throw RangeError and the panel said only « n’a pas pu être lu », and the Windows-1252 file was
 * decoded with U+FFFD replacement characters and stored with mangled labels.
 */

const SAMPLE_TEXT = readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8');

let db: LogigrammeDb;
let counter = 0;
beforeEach(() => {
  db = new LogigrammeDb(`ui-import-hostile-${++counter}`);
});
afterEach(async () => {
  cleanup();
  db.close();
  await db.delete();
});

function choose(name: string, content: string | Uint8Array<ArrayBuffer>) {
  render(
    <DbContext.Provider value={db}>
      <ImportPanel />
    </DbContext.Provider>,
  );
  const file = new File([content], name, { type: 'application/json' });
  fireEvent.change(screen.getByLabelText('Fichier du référentiel (JSON)'), { target: { files: [file] } });
}

describe('importing a hostile referential file', () => {
  it('4 100 nested arrays: the limit, where, and nothing stored', async () => {
    choose('profond.json', SAMPLE_TEXT.replace(/"title": "[^"]*"/, `"title": ${'['.repeat(4100)}${']'.repeat(4100)}`));
    const errors = await screen.findByTestId('import-errors');
    expect(errors.textContent).toContain('« profond.json » n’a pas été enregistré : 1 erreur');
    expect(errors.textContent).toMatch(/Imbrication trop profonde \(ligne 6, colonne \d+\) : 4\u202f102 niveaux de tableaux ou d’objets imbriqués pour 64 au plus/);
    expect(errors.textContent).not.toContain('n’a pas pu être lu');
    expect(await db.referentials.count()).toBe(0);
  });

  it('a Windows-1252 file: refused at its first non-UTF-8 byte, nothing stored', async () => {
    choose('latin1.json', Uint8Array.from(SAMPLE_TEXT, (c) => c.charCodeAt(0) & 0xff));
    const errors = await screen.findByTestId('import-errors');
    expect(errors.textContent).toContain('Fichier non encodé en UTF-8 (ligne 5, colonne 25, octet 92 : 0xE9)');
    expect(await db.referentials.count()).toBe(0);
  });
});
