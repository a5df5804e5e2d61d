import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extensionOf, STAFF_FORMATS, writeStaffFile, type StaffFormat } from './staff-file.ts';

/*
 * `npm run bench`, command-line part: `logigramme evaluate` (the built dist/cli.mjs, a process of its
 * own) on generated staff files of 1 M and 10 M rows, each written to a temporary folder, streamed to
 * disk, and deleted after its run. Wall time, rows per second and the process's peak resident memory
 * (reported by the process itself as it exits) against the < 300 MB target. The report (table format)
 * goes to /dev/null. BENCH_CLI_ROWS=200000,1000000 changes the sizes; BENCH_CLI_FORMATS the input
 * formats (default: every format at the smallest size, the `;` CSV and the JSON list above it).
 */

const ROOT = join(import.meta.dirname, '..');
export const CLI_RSS_TARGET_MB = 300;
const SIZES = (process.env.BENCH_CLI_ROWS ?? '1000000,10000000').split(',').filter(Boolean).map(Number);
const FORMATS = process.env.BENCH_CLI_FORMATS?.split(',').filter(Boolean) as StaffFormat[] | undefined;

/** Printed on stderr by the measured process as it exits: its own peak resident memory. */
const REPORT_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxRSS '+process.resourceUsage().maxRSS+'\\n'))`;

export interface CliStreamLine {
  rows: number;
  format: StaffFormat;
  fileMb: number;
  seconds: number;
  maxRssMb: number;
  status: number | null;
}

function evaluate(staff: string): Promise<{ status: number | null; seconds: number; maxRssMb: number; stderr: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', REPORT_RSS, 'bin/logigramme.mjs', 'evaluate', 'referentials/exemple-atelier.json', '--answers', 'examples/entreprise-exemple.json', '--staff', staff, '--year', '2024'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr = (stderr + t).slice(-4000)));
    child.on('close', (status) => {
      // The launcher runs `evaluate` in a process of its own (bin/logigramme.mjs): the larger of the two.
      const rss = [...stderr.matchAll(/maxRSS (\d+)/g)].map((m) => Number(m[1]) / 1024);
      resolve({ status, seconds: (performance.now() - t0) / 1000, maxRssMb: rss.length > 0 ? Math.max(...rss) : NaN, stderr });
    });
  });
}

export async function runCliStreamBench(print: (line: CliStreamLine) => void): Promise<CliStreamLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'logigramme-bench-'));
  const out: CliStreamLine[] = [];
  try {
    for (const [k, rows] of SIZES.entries()) {
      const formats = FORMATS ?? (k === 0 ? [...STAFF_FORMATS] : (['csv-semicolon', 'json'] as StaffFormat[]));
      for (const format of formats) {
        const path = join(dir, `staff-${rows}.${extensionOf(format)}`);
        await writeStaffFile(path, format, rows);
        const fileMb = statSync(path).size / 1048576;
        const run = await evaluate(path);
        rmSync(path, { force: true });
        if (run.status !== 0) console.log(`  logigramme evaluate failed on ${format} (${rows} rows): ${run.stderr.trim().split('\n').slice(-3).join(' / ')}`);
        const line = { rows, format, fileMb, seconds: run.seconds, maxRssMb: run.maxRssMb, status: run.status };
        print(line);
        out.push(line);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
