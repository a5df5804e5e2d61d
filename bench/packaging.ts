import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { bundleReport, sumGzip } from '../scripts/bundle-report.ts';

/*
 * `npm run bench`, packaging part: how fast the built command line starts, and what the app's
 * production build ships (the same figures the budget test checks, test/bundle-budget.test.ts).
 */

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 20);
const CLI_START_TARGET_MS = 250;
const INITIAL_TARGET_KB = 300;
const CSV_WORKER_TARGET_KB = 60;

function startMs(args: string[]): { best: number; median: number } {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t0);
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${run.stderr}`);
  }
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[Math.floor(times.length / 2)]! };
}

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const kb = (bytes: number) => bytes / 1024;

export async function printPackagingBench(): Promise<void> {
  // The CLI runs from dist/: build it first when a source changed.
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-dist.mjs')], { stdio: 'inherit' });

  console.log(`\nCommand line start-up (best / median of ${RUNS} runs, each a new process)`);
  const bare = startMs(['-e', '0']);
  const help = startMs(['bin/logigramme.mjs', '--help']);
  const validate = startMs(['bin/logigramme.mjs', 'validate', 'referentials/exemple-atelier.json']);
  const line = (label: string, t: { best: number; median: number }, extra = '') => console.log(`${label.padEnd(62)} ${t.best.toFixed(0).padStart(5)} / ${t.median.toFixed(0).padStart(5)} ms${extra}`);
  line('node -e 0 (the floor: starting Node itself)', bare);
  line('logigramme --help (built JavaScript, dist/cli.mjs)', help, `  (target < ${CLI_START_TARGET_MS} ms: ${met(help.best < CLI_START_TARGET_MS)})`);
  line('logigramme validate referentials/exemple-atelier.json', validate);

  console.log('\nApp bundle (vite build, gzip at zlib’s default level)');
  const report = await bundleReport();
  const initial = kb(sumGzip(report.initial));
  const csv = kb(sumGzip(report.workers['csv.worker.ts'] ?? []));
  const layoutWorker = Object.entries(report.workers).find(([name]) => name.startsWith('layout'));
  const lazy = kb(sumGzip(report.lazy));
  const engine = new Set(report.layoutLibraries);
  const leaks = [...report.initial, ...report.lazy, ...Object.entries(report.workers).filter(([name]) => name !== layoutWorker?.[0]).flatMap(([, c]) => c)].filter((c) => c.packages.some((p) => engine.has(p.name)));
  const size = (label: string, value: number, target?: number) => console.log(`${label.padEnd(62)} ${value.toFixed(1).padStart(8)} KB${target ? `  (target < ${target} KB: ${met(value < target)})` : ''}`);
  size(`initial JavaScript (${report.initial.length} chunks: entry and its static imports)`, initial, INITIAL_TARGET_KB);
  size(`lazy screens (${report.lazy.length} chunks, fetched after the first screen)`, lazy);
  size('staff CSV worker', csv, CSV_WORKER_TARGET_KB);
  if (layoutWorker) size(`layout worker (${report.layoutLibraries.join(', ')})`, kb(sumGzip(layoutWorker[1])));
  console.log(`${'layout engine in no other chunk or worker'.padEnd(62)} ${met(leaks.length === 0 && engine.size > 0)}${leaks.length ? ` (found in ${leaks.map((c) => c.file).join(', ')})` : ''}`);
}
