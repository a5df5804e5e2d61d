import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeStaffFile } from '../bench/staff-file.ts';
import { evaluateCommand } from '../src/cli/commands/evaluate.ts';
import type { CliIo, StaffFile } from '../src/cli/io.ts';
import { decodeStaffBytes } from '../src/io/decode.ts';
import { splitCsv } from '../src/io/staff-csv.ts';
import { CompactIds, ExactIds } from '../src/io/staff-ids.ts';
import { bomEncoding, csvRecords, decodeChunks, DecodeStop, jsonListElements } from '../src/io/staff-stream.ts';
import { staffLine, STAFF_HEADER } from './e2e/support/company-staff.ts';

/*
 * Issue 10, point 5: `logigramme evaluate` streams the staff file. On main c3193ae the whole file was
 * read, decoded and parsed before the evaluation (1 M rows: 2,1 GB resident; 30 000 rows did not fit
 * in a 32 MB heap). Here: each chunk-wise step gives exactly what the whole-file readers give, whatever
 * the chunk boundaries; the report starts before the file has been read through; and the built CLI
 * evaluates 30 000 rows, CSV and JSON, in a heap too small for the file's parsed rows.
 */

const root = join(import.meta.dirname, '..');
const sample = readFileSync(join(root, 'examples', 'salaries-exemple.csv'));
const sampleJson = readFileSync(join(root, 'examples', 'salaries-exemple.json'), 'utf8');

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const lines = sample.toString('utf8').split('\n');
const CASES: Record<string, Buffer> = {
  'LF': sample,
  'CRLF': Buffer.from(sample.toString('utf8').replaceAll('\n', '\r\n')),
  'CR': Buffer.from(sample.toString('utf8').replaceAll('\n', '\r')),
  'mixed line endings': Buffer.from(`${lines.slice(0, 3).join('\r\n')}\r${lines.slice(3).join('\n')}`),
  'UTF-8 with BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sample]),
  'UTF-16 with BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample.toString('utf8'), 'utf16le')]),
  'Windows-1252': Buffer.from(sample.toString('utf8').replace('MEC-01', 'MÉC-01'), 'latin1'),
  'a quoted value over two lines': Buffer.from(`${lines[0]}\n"A\r\nB";1607;;;;1980;mecanicien;;\n${lines.slice(2).join('\n')}`),
  'a misplaced quote': Buffer.concat([sample, Buffer.from('"X"Y;1607;;;;1980;mecanicien;;\n')]),
  'a quote never closed': Buffer.concat([sample, Buffer.from('"X;1607;;;;1980;mecanicien\nY;1\n')]),
  'blank lines only': Buffer.from('\n\n  \n'),
  'tab-separated': Buffer.from(sample.toString('utf8').replaceAll(';', '\t')),
};

describe('the staff file read in chunks gives what the whole-file reader gives', () => {
  for (const [name, bytes] of Object.entries(CASES)) {
    it(`${name}: the same records, lines, quoting problems and delimiter, at any chunk size`, async () => {
      const whole = decodeStaffBytes(bytes);
      if (!whole.ok) throw new Error(whole.message);
      const expected = splitCsv(whole.text);
      for (const size of [1, 2, 3, 7, 64, 100_000]) {
        let delimiter: string | undefined;
        const encoding = bomEncoding(bytes) ?? whole.encoding;
        const items = await collect(csvRecords(decodeChunks(chunked(bytes, size), encoding), (d) => (delimiter = d)));
        const kept = (r: string[]) => !(r.length === 1 && r[0] === '');
        const records = items.flatMap((i) => (i.record && kept(i.record) ? [i] : []));
        expect(records.map((i) => i.record), `chunks of ${size}`).toEqual(expected.records.filter(kept));
        expect(records.map((i) => i.line), `chunks of ${size}`).toEqual(expected.lines.filter((_, k) => kept(expected.records[k]!)));
        expect(items.filter((i) => i.issue).map((i) => i.issue), `chunks of ${size}`).toEqual(expected.issues);
        expect(delimiter).toBe(expected.delimiter);
      }
    });
  }

  it('plain UTF-8 that is not: asks to read again as Windows-1252; a byte neither knows: the same located refusal', async () => {
    const latin = CASES['Windows-1252']!;
    await expect(collect(decodeChunks(chunked(latin, 5), 'utf-8'))).rejects.toMatchObject({ kind: 'retry' });
    const c1 = Buffer.concat([sample, Buffer.from([0x58, 0x81, 0x0a])]);
    const whole = decodeStaffBytes(c1);
    expect(whole.ok).toBe(false);
    const stop = await collect(decodeChunks(chunked(c1, 3), 'windows-1252')).catch((e: unknown) => e);
    expect(stop).toBeInstanceOf(DecodeStop);
    expect((stop as DecodeStop).message).toBe(whole.ok ? '' : whole.message);
  });

  it('a JSON list: each element’s text, at any chunk size', async () => {
    const expected = (JSON.parse(sampleJson) as unknown[]).map((e) => JSON.stringify(e));
    for (const size of [1, 2, 5, 64, 100_000]) {
      const text = (async function* () {
        for (let i = 0; i < sampleJson.length; i += size) yield sampleJson.slice(i, i + size);
      })();
      const elements = await collect(jsonListElements(text, 1_000_000));
      expect(elements.map((e) => (typeof e === 'string' || e.error ? e : JSON.stringify(JSON.parse(e.text)))), `chunks of ${size}`).toEqual(expected);
    }
  });

  it('a JSON list with a missing comma, or text after it: the place of the problem', async () => {
    const list = async (text: string) => collect(jsonListElements((async function* () { yield text; })(), 1000));
    expect((await list('[1,\n 2 3]')).at(-1)).toMatchObject({ error: { line: 2, column: 4 } });
    expect((await list('[1]\nx')).at(-1)).toMatchObject({ error: { line: 2, column: 1 } });
    expect(await list('{"a": 1}')).toEqual(['notList']);
  });
});

describe('unique identifiers in 6 bytes a row', () => {
  it('every repeated identifier becomes a candidate; the exact check of the candidates names the first line', () => {
    const compact = new CompactIds();
    const ids = Array.from({ length: 200_000 }, (_, i) => `E${String(i).padStart(6, '0')}`);
    for (const id of ids) compact.previous(id);
    for (const id of ['E000007', 'E123456', 'E199999']) compact.previous(id);
    // The three repeated ids, and at most a chance collision of 48 bits of hash (about 7 × 10⁻⁵ here).
    expect([...compact.candidates].filter((id) => !['E000007', 'E123456', 'E199999'].includes(id)).length).toBeLessThanOrEqual(1);
    expect([...compact.candidates]).toEqual(expect.arrayContaining(['E000007', 'E123456', 'E199999']));
    const exact = new ExactIds(compact.candidates);
    ids.forEach((id, i) => exact.previous(id, i + 2));
    expect(exact.previous('E123456', 200_005)).toBe(123_458);
    expect(exact.previous('E000008', 200_006)).toBeUndefined();
  });
});

describe('evaluate reports while it reads', () => {
  it('the first results are written before the second reading of the file has reached its end', async () => {
    const rows = 3000;
    const text = `${STAFF_HEADER}\n${Array.from({ length: rows }, (_, i) => staffLine(i + 1)).join('\n')}\n`;
    const bytes = Buffer.from(text);
    const CHUNK = 4096;
    const total = Math.ceil(bytes.length / CHUNK);
    const readings: number[] = [];
    const file: StaffFile = {
      size: bytes.length,
      chunks: () => {
        const reading = readings.push(0) - 1;
        return (async function* () {
          for (let i = 0; i < bytes.length; i += CHUNK) {
            readings[reading]!++;
            yield bytes.subarray(i, i + CHUNK);
          }
        })();
      },
    };
    const seenAtFirstEmployee: number[] = [];
    const out: string[] = [];
    const io: CliIo = {
      stdout: (t) => void out.push(t),
      stderr: () => {},
      readFile: (path) => readFileSync(join(root, path)),
      openStaff: async () => file,
      writeOut: async (t) => {
        if (seenAtFirstEmployee.length === 0 && t.includes('E00001')) seenAtFirstEmployee.push(...readings);
        out.push(t);
      },
      writeFile: () => {
        throw new Error('no file written');
      },
      now: () => new Date('2024-06-15T12:00:00Z'),
    };
    expect(await evaluateCommand(['referentials/exemple-atelier.json', '--answers', 'examples/entreprise-exemple.json', '--staff', 'big.csv', '--year', '2024'], io)).toBe(0);
    expect(out.join('\n')).toContain('Totaux : 3\u202f000 salariés dans le fichier, 3\u202f000 évalués');
    // The checking reading went through; the reporting one had read a few chunks of the file's total.
    const reporting = seenAtFirstEmployee.at(-1)!;
    expect(Math.max(...seenAtFirstEmployee.slice(0, -1))).toBe(total);
    expect(reporting).toBeGreaterThan(0);
    expect(reporting).toBeLessThan(total / 2);
  });
});

describe('the built CLI in a heap too small for the whole file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'logigramme-stream-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ROWS = 30_000;

  /** `node --max-old-space-size=32 bin/logigramme.mjs evaluate …`, stdout to a file: exit code, stderr, the report's last line. */
  function evaluate(staff: string): Promise<{ status: number | null; stderr: string; last: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--max-old-space-size=32', 'bin/logigramme.mjs', 'evaluate', 'referentials/exemple-atelier.json', '--answers', 'examples/entreprise-exemple.json', '--staff', staff, '--year', '2024'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let last = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => (last = (last + t).slice(-400)));
      child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t).slice(-2000));
      child.on('close', (status) => resolve({ status, stderr, last }));
    });
  }

  it(`${ROWS} rows as a ;-separated CSV and as a JSON list: evaluated, exit 0 (main: out of memory)`, async () => {
    await writeStaffFile(join(dir, 'staff.csv'), 'csv-semicolon', ROWS);
    await writeStaffFile(join(dir, 'staff.json'), 'json', ROWS);
    const [csv, json] = await Promise.all([evaluate(join(dir, 'staff.csv')), evaluate(join(dir, 'staff.json'))]);
    for (const run of [csv, json]) {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      // 30 000 employees, 3 800 points for each 1 000 (the generator repeats the same ten profiles).
      expect(run.last).toContain('Points acquis en 2024 : 114\u202f000');
    }
  }, 120_000);
});
