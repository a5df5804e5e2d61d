import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EvaluatorFigures, EvaluatorMeasure } from './evaluator.ts';
import { generateReferential } from './generate.ts';
import { runLogigrammeBench } from './logigramme.ts';
import { runDiffBench } from './diff.ts';
import { runEditorBench } from './editor.ts';
import { runLayoutBench } from './layout.ts';
import { runCompanyBench } from './company.ts';
import { printPackagingBench } from './packaging.ts';
import { CLI_RSS_TARGET_MB, runCliStreamBench } from './cli-stream.ts';

/*
 * `npm run bench`: speed targets live here, never in unit tests. Each measure runs a warm-up pass,
 * then the best of several timed passes (the machine has 2 cores shared with everything else: its
 * load average is printed, and each rate is also given per second of the measuring process's CPU
 * time). The evaluator's measures run each in a process of its own (bench/evaluator.ts).
 */

const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const STREAM_SIZES = (process.env.BENCH_STREAM ?? '1000000,10000000').split(',').filter(Boolean).map(Number);
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** `logigramme evaluate` on generated staff files of 1 M and 10 M rows (BENCH_CLI_ONLY=1: this part alone). */
async function printCliStreamBench(): Promise<void> {
  spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'ensure-dist.mjs')], { stdio: 'inherit' });
  console.log(`\nCommand line on large staff files (logigramme evaluate, table report to /dev/null, a process of its own; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores)`);
  const lines = await runCliStreamBench((l) =>
    console.log(`${`${fmt(l.rows)} rows, ${l.format} (${l.fileMb.toFixed(0)} MB)`.padEnd(50)} ${l.seconds.toFixed(1).padStart(8)} s  ${fmt(l.rows / l.seconds).padStart(8)} rows/s   peak RSS ${l.maxRssMb.toFixed(0)} MB${l.status === 0 ? '' : `  (exit ${l.status})`}`),
  );
  for (const l of lines) console.log(`Target RSS < ${CLI_RSS_TARGET_MB} MB logigramme evaluate ${fmt(l.rows)} rows (${l.format}): ${met(l.status === 0 && l.maxRssMb < CLI_RSS_TARGET_MB)} (${l.maxRssMb.toFixed(0)} MB)`);
}

if (process.env.BENCH_CLI_ONLY) {
  await printCliStreamBench();
  process.exit(0);
}

/**
 * bench/evaluator.ts bundled once with the core taken from the built library (dist/index.mjs): the
 * evaluator is measured as it ships, not through tsx's on-the-fly transform (which alone made it ~20 %
 * slower here).
 */
async function evaluatorBundle(): Promise<string> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'logigramme-bench-'));
  const outfile = join(dir, 'evaluator.mjs');
  const library = join(import.meta.dirname, '..', 'dist', 'index.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'evaluator.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [{ name: 'packed-library', setup: (b) => b.onResolve({ filter: /src\/core\/index\.ts$/ }, () => ({ path: library, external: true })) }],
  });
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return outfile;
}

/** Employees per second, best of the passes, in a process of its own: by the wall clock, and by that process's CPU time. */
function measure(label: string, spec: Omit<EvaluatorMeasure, 'employees' | 'passes'>): { wall: number; cpu: number } {
  // The fast measures take ~50 ms a pass: 20 of them, so that the best one comes after the collector has
  // cleared what generating the staff left (with 5, a major collection could fall in every pass).
  const passes = spec.kind === 'specialised' || spec.kind === 'hand' ? Math.max(PASSES, 20) : PASSES;
  const run = spawnSync(process.execPath, [bundle, JSON.stringify({ ...spec, employees: EMPLOYEES, passes } satisfies EvaluatorMeasure)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${label}: ${run.stderr}`);
  const { bestMs, bestCpuMs } = JSON.parse(run.stdout.trim().split('\n').pop()!) as EvaluatorFigures;
  const wall = (EMPLOYEES / bestMs) * 1000;
  const cpu = (EMPLOYEES / bestCpuMs) * 1000;
  console.log(`${label.padEnd(66)} ${bestMs.toFixed(1).padStart(8)} ms ${fmt(wall).padStart(11)} employees/s  (${fmt(cpu).padStart(10)} per CPU-s)`);
  return { wall, cpu };
}

console.log(`Load average of the machine: ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min, ${availableParallelism()} cores)\n`);
const generated = generateReferential({ jobs: 50, tasks: 8, seed: 1 });
const nodes = generated.nodes.length + generated.situations.length;
console.log(`Generated referential: 50 jobs × 8 tasks, decision trees of depth 4 (${generated.nodes.length} decision nodes, ${generated.situations.length} situations, ${nodes} nodes)`);
console.log(`${EMPLOYEES.toLocaleString('en-US')} generated employees, polyvalent over 1–4 jobs; each measure in a process of its own, on the built library (dist/index.mjs), best of ${PASSES} passes (${Math.max(PASSES, 20)} for the specialised and hand-written ones) after a warm-up\n`);
spawnSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'ensure-dist.mjs')], { stdio: 'inherit' });
const bundle = await evaluatorBundle();

const withoutTraces = measure('general evaluator (detailed results), no trace', { kind: 'general', referential: 50 });
measure('general evaluator, with traces', { kind: 'general-trace', referential: 50 });
const fast = measure('specialised evaluator (compact results), no trace', { kind: 'specialised', referential: 50 });
const generalFixed = measure('fixed 4-job referential: general evaluator', { kind: 'general', referential: 'fixed' });
const fastFixed = measure('fixed 4-job referential: specialised evaluator', { kind: 'specialised', referential: 'fixed' });
const hand = measure('fixed 4-job referential: hand-written function', { kind: 'hand', referential: 'fixed' });

console.log('\nPer-employee cost of the specialised evaluator by referential size (8 tasks a job, depth-4 trees)');
const bySize = [10, 50, 200].map((jobs) => {
  const referential = generateReferential({ jobs, tasks: 8, seed: 1 });
  const rate = measure(`${jobs} jobs (${referential.nodes.length + referential.situations.length} nodes)`, { kind: 'specialised', referential: jobs });
  return { jobs, ns: 1e9 / rate.wall, nsCpu: 1e9 / rate.cpu };
});

console.log('\nStreaming staff (employees made one at a time, each row dropped once counted; a process of its own)');
const streams = STREAM_SIZES.map((count) => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'stream.ts'), String(count)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`bench/stream.ts ${count} failed: ${run.stderr}`);
  const figures = JSON.parse(run.stdout.trim().split('\n').pop()!) as { rows: number; ms: number; maxRssMb: number };
  console.log(`${`${fmt(count)} employees through streamStaff (generation included)`.padEnd(66)} ${(figures.ms / 1000).toFixed(1).padStart(7)} s   peak RSS ${figures.maxRssMb.toFixed(0)} MB`);
  return { count, ...figures };
});

// The cost of an employee is the CPU time it takes: the wall clock adds whatever time the process waited
// for a core, which on this shared machine varied more between the three processes than the sizes did.
const sizeRatio = bySize[2]!.nsCpu / bySize[0]!.nsCpu;
console.log('');
console.log(`Target specialised ≥ 2 000 000 employees/s without traces: ${met(fast.wall >= 2_000_000)} (${fmt(fast.wall)}; ${fmt(fast.cpu)} per CPU-s; general: ${fmt(withoutTraces.wall)}, ${(fast.wall / withoutTraces.wall).toFixed(1)}× slower)`);
console.log(`Target specialised within 1.5× of the hand-written function: ${met(hand.wall / fastFixed.wall <= 1.5)} (hand-written ${(hand.wall / fastFixed.wall).toFixed(2)}× the specialised speed; general: hand-written ${(hand.wall / generalFixed.wall).toFixed(2)}×)`);
console.log(`Target per-employee cost flat from 10 to 200 jobs (CPU time, within 1.5×): ${met(sizeRatio <= 1.5)} (${bySize.map((s) => `${s.jobs} jobs ${s.nsCpu.toFixed(0)} ns`).join(', ')}; ×${sizeRatio.toFixed(2)}; by the wall clock ${bySize.map((s) => `${s.ns.toFixed(0)}`).join(' / ')} ns, ×${(bySize[2]!.ns / bySize[0]!.ns).toFixed(2)})`);
for (const s of streams) console.log(`Target RSS < 300 MB streaming ${fmt(s.count)} employees: ${met(s.maxRssMb < 300)} (${s.maxRssMb.toFixed(0)} MB)`);

// BENCH_EVALUATOR_ONLY=1: the evaluator's figures alone (a quick run while working on it).
if (!process.env.BENCH_EVALUATOR_ONLY) {
  console.log('\nLogigramme');
  for (const { label, ms, target } of runLogigrammeBench()) {
    console.log(`${label.padEnd(62)} ${ms.toFixed(1).padStart(8)} ms  (target < ${target} ms: ${ms < target ? 'met' : 'NOT met'})`);
  }

  console.log('\nReview');
  for (const { label, ms, target, changes } of runDiffBench(PASSES)) {
    console.log(`${label.padEnd(62)} ${ms.toFixed(1).padStart(8)} ms  (${changes} changes${target ? `; target < ${target} ms: ${ms < target ? 'met' : 'NOT met'}` : ''})`);
  }

  console.log('\nEditor (2 000-node graph)');
  for (const { label, ms, target } of runEditorBench(PASSES)) {
    console.log(`${label.padEnd(62)} ${ms.toFixed(1).padStart(8)} ms${target ? `  (target < ${target} ms: ${ms < target ? 'met' : 'NOT met'})` : ''}`);
  }

  console.log('\nLayout (generated logigrammes)');
  for (const { label, ms, target } of runLayoutBench(PASSES)) {
    console.log(`${label.padEnd(62)} ${ms.toFixed(1).padStart(8)} ms${target ? `  (target < ${target} ms: ${ms < target ? 'met' : 'NOT met'})` : ''}`);
  }

  console.log('\nCompany workspace (100 000-row staff CSV)');
  for (const { label, ms } of runCompanyBench(100_000)) {
    console.log(`${label.padEnd(62)} ${ms.toFixed(1).padStart(8)} ms`);
  }

  await printPackagingBench();
  await printCliStreamBench();
}
