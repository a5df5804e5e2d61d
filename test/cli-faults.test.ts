import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.ts';
import { run } from '../src/cli/run.ts';

/*
 * Issue 10, points 4 and 6 on the command line: no raw stack ever reaches a user, exit codes stay 0, 1
 * and 2, and JSON files are strict UTF-8. Each test fails on main e472799: there an internal fault
 * printed the stack and exited 70, a full disk printed a Node stack, 4 100 nested brackets crashed
 * `validate` with RangeError, and a Windows-1252 referential was decoded by guess and declared valid.
 */

const root = join(import.meta.dirname, '..');
const REF = 'referentials/exemple-atelier.json';
const refBytes = readFileSync(join(root, REF));
const latin1 = Buffer.from(refBytes.toString('utf8'), 'latin1');

/** In-process I/O whose files are bytes, as the real process reads them. */
function fakeIo(files: Record<string, Uint8Array> = {}, overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (path) => files[path] ?? readFileSync(join(root, path)),
    writeFile: () => {
      throw new Error('no file is written here');
    },
    now: () => new Date('2024-06-15T12:00:00Z'),
    ...overrides,
  };
  return { io, out: () => out.join('\n'), err: () => err.join('\n') };
}

describe('an internal fault: what to report, never a stack, exit 2', () => {
  const boom = () => {
    throw new TypeError('Cannot read properties of undefined (reading "x")');
  };

  it('a synchronous command that fails inside', () => {
    const t = fakeIo({}, { stdout: boom });
    expect(run(['validate', REF], t.io)).toBe(2);
    expect(t.err()).toContain('logigramme : erreur interne — un défaut du programme, pas de vos fichiers');
    expect(t.err()).toMatch(/Merci de la signaler en indiquant : logigramme 0\.1\.0, commande « validate », erreur LGM-[0-9A-F]{8}\./);
    expect(t.err()).toContain('LOGIGRAMME_DEBUG=1');
    expect(t.err()).not.toMatch(/\n\s+at /);
    expect(t.err()).not.toContain('TypeError');
  });

  it('an asynchronous command (decompile lays the graph out) too', async () => {
    const t = fakeIo({}, { stdout: boom });
    await expect(run(['decompile', REF], t.io)).resolves.toBe(2);
    expect(t.err()).toContain('commande « decompile »');
    expect(t.err()).not.toMatch(/\n\s+at /);
  });

  it('with LOGIGRAMME_DEBUG the stack follows, for whoever fixes it', () => {
    const t = fakeIo({}, { stdout: boom, debug: true });
    expect(run(['hash', REF], t.io)).toBe(2);
    expect(t.err()).toMatch(/TypeError: Cannot read properties[^\n]*\n\s+at /);
  });
});

describe('JSON files are strict UTF-8', () => {
  it('a Windows-1252 referential is refused at its first non-UTF-8 byte, never decoded by guess', () => {
    const t = fakeIo({ 'latin1.json': latin1 });
    expect(run(['validate', 'latin1.json'], t.io)).toBe(1);
    // Line 5 of the sample: `    "branch": "Exemple pédagogique…`, « é » is the 25th character.
    expect(t.err()).toContain('latin1.json $ : Fichier non encodé en UTF-8 (ligne 5, colonne 25, octet 92 : 0xE9) : le fichier semble encodé en Windows-1252 ou Latin-1');
    expect(t.out()).toBe('');
  });

  it('every JSON input of the CLI: logigramme, company file, check, hash', async () => {
    for (const args of [['compile', 'bad.json'], ['hash', 'bad.json'], ['check', 'bad.json'], ['evaluate', REF, '--answers', 'bad.json', '--staff', 'examples/salaries-exemple.csv', '--year', '2024']]) {
      const t = fakeIo({ 'bad.json': Buffer.from('{"formatVersion": 1, "é": true}', 'latin1') });
      expect(await run(args, t.io), args.join(' ')).toBe(1);
      expect(t.err(), args.join(' ')).toContain('bad.json $ : Fichier non encodé en UTF-8 (ligne 1, colonne 23, octet 23 : 0xE9)');
    }
  });

  it('a UTF-8 byte order mark is accepted; UTF-16 is named', () => {
    const withBom = fakeIo({ 'bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), refBytes]) });
    expect(run(['validate', 'bom.json'], withBom.io)).toBe(0);
    const utf16 = fakeIo({ 'utf16.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(refBytes.toString('utf8'), 'utf16le')]) });
    expect(run(['validate', 'utf16.json'], utf16.io)).toBe(1);
    expect(utf16.err()).toContain('utf16.json $ : Fichier non encodé en UTF-8 (ligne 1, colonne 1, octet 1 : 0xFF) : le fichier semble encodé en UTF-16');
  });

  it('a file above the size limit is refused on its bytes, before decoding', () => {
    const t = fakeIo({ 'big.json': new Uint8Array(20 * 1024 * 1024 + 1) });
    expect(run(['validate', 'big.json'], t.io)).toBe(1);
    expect(t.err()).toContain('big.json $ : Fichier trop volumineux : 20 Mo pour 20 Mo au plus');
  });
});

describe('the real process (node bin/logigramme.mjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logigramme-faults-'));

  it('4 100 nested brackets and a Windows-1252 file: located French errors, exit 1, no stack', () => {
    const deep = join(dir, 'profond.json');
    writeFileSync(deep, `{"formatVersion": 1, "x": ${'['.repeat(4100)}${']'.repeat(4100)}}`);
    const cp1252 = join(dir, 'latin1.json');
    writeFileSync(cp1252, latin1);
    const r = spawnSync(process.execPath, ['bin/logigramme.mjs', 'validate', deep, cp1252], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${deep} $.x${'[0]'.repeat(63)} : Imbrication trop profonde (ligne 1, colonne`);
    expect(r.stderr).toContain(`${cp1252} $ : Fichier non encodé en UTF-8 (ligne 5, colonne 25`);
    expect(r.stderr).not.toMatch(/RangeError|\n\s+at /);
  });

  it('a full disk on stdout: a French message, exit 2, no stack', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, ['bin/logigramme.mjs', 'validate', REF], { cwd: root, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', full, 'pipe'] });
      expect(r.stderr).toBe('logigramme : impossible d’écrire le résultat (plus de place sur le disque) : le résultat est incomplet.\n');
      expect(r.status).toBe(2);
    } finally {
      closeSync(full);
    }
  });
});
