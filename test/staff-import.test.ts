import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeXlsxFile from 'write-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { loadReferentialText, type Referential } from '../src/core/index.ts';
import { decodeStaffBytes } from '../src/io/decode.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { suggestColumn } from '../src/io/staff-columns.ts';
import { looksLikeXlsx, parseStaffSheet, readWorkbook } from '../src/io/staff-xlsx.ts';
import { FRENCH_PAYROLL_TEXT, windows1252 } from './support/french-payroll.ts';

/*
 * Staff files as HR has them: the encoding detected and said, French column names (and a remembered
 * mapping for the others), French dates and decimal commas, `;` / `,` / tab, any line endings, and
 * Excel workbooks — through the one reader shared by the app and the CLI.
 */

const ROOT = join(import.meta.dirname, '..');
const loaded = loadReferentialText(readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8'));
if (!loaded.ok) throw new Error('sample does not load');
const sample: Referential = loaded.value;
const EXAMPLE = parseStaffCsv(readFileSync(join(ROOT, 'examples', 'salaries-exemple.csv'), 'utf8'), sample);
const MAPPING = { 'equipes alternantes': 'q:q-equipes-alternantes' };

describe('decodeStaffBytes: one decoder for the app and the CLI, the encoding said', () => {
  it('UTF-8, UTF-8 with BOM, Windows-1252, UTF-16 with BOM', () => {
    expect(decodeStaffBytes(new TextEncoder().encode('Date d’entrée'))).toEqual({ ok: true, text: 'Date d’entrée', encoding: 'utf-8' });
    expect(decodeStaffBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('é')]))).toEqual({ ok: true, text: 'é', encoding: 'utf-8-bom' });
    // « Année » and « N° » in Windows-1252: 0xE9 and 0xB0 are invalid UTF-8 here
    expect(decodeStaffBytes(windows1252('Année;N° ’'))).toEqual({ ok: true, text: 'Année;N° ’', encoding: 'windows-1252' });
    expect(decodeStaffBytes(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]))).toEqual({ ok: true, text: 'Aé', encoding: 'utf-16le' });
  });

  it('never produces U+FFFD: a byte unknown to both is a located refusal', () => {
    const r = decodeStaffBytes(Uint8Array.from([0x41, 0x0a, 0x42, 0xe9, 0x81]));
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^Ligne 2 : octet 0x81 inconnu/) });
    const ok = decodeStaffBytes(windows1252(FRENCH_PAYROLL_TEXT));
    expect(ok.ok && ok.text.includes('\uFFFD')).toBe(false);
  });
});

describe('a French payroll export', () => {
  const decoded = decodeStaffBytes(windows1252(FRENCH_PAYROLL_TEXT));
  const text = decoded.ok ? decoded.text : '';

  it('is Windows-1252; its one unknown header is reported with its place, nothing read', () => {
    expect(decoded.ok && decoded.encoding).toBe('windows-1252');
    const r = parseStaffCsv(text, sample);
    expect(r.issues).toEqual([{ row: 1, column: 'Équipes alternantes', message: expect.stringContaining('Colonne inconnue « Équipes alternantes »') }]);
    expect(r.headers?.map((h) => h.resolution.kind)).toEqual(['column', 'column', 'column', 'column', 'column', 'column', 'column', 'column', 'unknown']);
  });

  it('with the user’s mapping: the same employees as the documented file (French headers, dates, decimal comma, a space in 1 607)', () => {
    const r = parseStaffCsv(text, sample, { mapping: MAPPING });
    expect(r.issues).toEqual([]);
    expect(r.employees).toEqual(EXAMPLE.employees);
    expect(r.rows).toEqual(EXAMPLE.rows);
    // problems are located by the file's own column names
    const bad = parseStaffCsv(text.replace('01/03/2024', '31/02/2024'), sample, { mapping: MAPPING });
    expect(bad.issues).toEqual([{ row: 8, column: 'Date d\'entrée', message: expect.stringContaining('« 31/02/2024 » invalide') }]);
  });

  it('a header close to a known name is suggested; a mapping to nothing ignores the column', () => {
    expect(suggestColumn('Heures annuelle', sample)).toBe('annual_hours');
    expect(suggestColumn('Heures annuelles contractuelles', sample)).toBe('annual_hours');
    expect(suggestColumn('Service', sample)).toBeUndefined();
    // ignored: the file reads, and the night agents' missing answers are for the evaluation to report
    const r = parseStaffCsv(text, sample, { mapping: { 'equipes alternantes': '' } });
    expect(r.issues).toEqual([]);
    expect(r.employees.find((e) => e.id === 'NUIT-02')?.answers).toBeUndefined();
  });
});

describe('delimiters and line endings', () => {
  const lines = ['id\tannual_hours\tbirth_year\tjobs', 'A\t1607\t1980\tmecanicien', 'B\tx\t1980\tmecanicien', 'C\t1607\t1980\tmecanicien', 'D\ty\t1980\tmecanicien'];

  it('tab-separated (Excel « Texte Unicode »)', () => {
    const r = parseStaffCsv(lines.join('\n'), sample);
    expect(r.employees.map((e) => e.id)).toEqual(['A', 'C']);
    expect(r.issues.map((i) => `${i.row}:${i.column}`)).toEqual(['3:annual_hours', '5:annual_hours']);
  });

  it('mixed CRLF, LF and CR: every problem on its own line', () => {
    const mixed = `${lines[0]}\r\n${lines[1]}\n${lines[2]}\r${lines[3]}\r\n${lines[4]}\n`;
    expect(parseStaffCsv(mixed, sample).issues.map((i) => i.row)).toEqual([3, 5]);
  });
});

describe('Excel workbooks', () => {
  async function workbook(rows: Array<Array<string | number | Date | null>>, sheets = ['Personnel']): Promise<ArrayBuffer> {
    const write = writeXlsxFile as unknown as (data: unknown, options?: unknown) => { toBlob(): Promise<Blob> };
    const data = sheets.map((sheet, i) => ({ sheet, dateFormat: 'dd/mm/yyyy', data: i === sheets.length - 1 ? rows : [['autre']] }));
    return (await (sheets.length > 1 ? write(data, { dateFormat: 'dd/mm/yyyy' }) : write(rows, { sheet: sheets[0], dateFormat: 'dd/mm/yyyy' })).toBlob()).arrayBuffer();
  }
  const rows = FRENCH_PAYROLL_TEXT.split('\r\n').map((l, i) =>
    l.split(';').map((c, j) => {
      if (i === 0 || c === '') return c === '' ? null : c;
      // numbers as numbers and the contract dates as real dates, as a payroll workbook holds them
      if (j === 1) return Number(c.replace(/\s/g, '').replace(',', '.'));
      if ((j === 2 || j === 3) && /\//.test(c)) {
        const [d, m, y] = c.split('/').map(Number);
        return new Date(Date.UTC(y!, m! - 1, d!));
      }
      return c;
    }),
  );

  it('the first sheet, dates and numbers as Excel stores them, rows located as Excel numbers them', async () => {
    const bytes = await workbook(rows);
    expect(looksLikeXlsx(new Uint8Array(bytes))).toBe(true);
    const book = await readWorkbook(bytes);
    if (!book.ok) throw new Error(book.issue.message);
    expect(book.value.sheet).toBe('Personnel');
    const r = parseStaffSheet(book.value, sample, { mapping: MAPPING });
    expect(r.issues).toEqual([]);
    expect(r.employees).toEqual(EXAMPLE.employees);
  });

  it('a chosen sheet; a missing sheet and a file that is no workbook are located refusals', async () => {
    const bytes = await workbook(rows, ['Notes', 'Personnel']);
    const first = await readWorkbook(bytes);
    expect(first.ok && first.value.sheets).toEqual(['Notes', 'Personnel']);
    const chosen = await readWorkbook(bytes, 'Personnel');
    expect(chosen.ok && parseStaffSheet(chosen.value, sample, { mapping: MAPPING }).employees.length).toBe(8);
    expect(await readWorkbook(bytes, 'Paie')).toEqual({ ok: false, issue: { row: 1, column: '', message: 'Feuille « Paie » absente du classeur (feuilles : Notes, Personnel)' } });
    const broken = new Uint8Array(await workbook(rows)).slice(0, 200);
    expect((await readWorkbook(broken.buffer)).ok).toBe(false);
  });
});

describe('the CLI reads the staff file as bytes: encoding said, `-` is standard input, workbooks', () => {
  const bin = join(ROOT, 'bin', 'logigramme.mjs');
  const cli = (args: string[], input?: Uint8Array) => spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, input, encoding: 'utf8' });
  const french = windows1252(FRENCH_PAYROLL_TEXT.replace('Équipes alternantes', 'q:q-equipes-alternantes'));

  it('a Windows-1252 file from standard input, said on the error output, evaluated as the documented one', () => {
    const piped = cli(['evaluate', 'referentials/exemple-atelier.json', '--answers', 'examples/entreprise-exemple.json', '--staff', '-', '--year', '2024', '--format', 'csv'], french);
    const direct = cli(['evaluate', 'referentials/exemple-atelier.json', '--answers', 'examples/entreprise-exemple.json', '--staff', 'examples/salaries-exemple.csv', '--year', '2024', '--format', 'csv']);
    expect(piped.status).toBe(0);
    expect(piped.stderr).toContain('entrée standard : fichier du personnel lu en Windows-1252');
    expect(piped.stdout).toBe(direct.stdout);
  });
});
