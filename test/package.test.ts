import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.ts';
import type { CliIo } from '../src/cli/io.ts';

/*
 * The package as other software gets it: `npm pack` (whose `prepare` builds the CLI and the library),
 * then the tarball installed alone in an empty folder, then its CLI and the README's library example run
 * there, and a TypeScript file type-checked against its declarations. Slow (a build and an install: about
 * a minute), so everything happens once, in beforeAll.
 *
 * `npm pack` runs in a copy of the repository's sources, so that its build never rewrites the dist/ that
 * the other CLI tests are running at the same time. The install prefers npm's cache (zod, the one
 * dependency, is in it after `npm ci`).
 */

const ROOT = join(import.meta.dirname, '..');
const SOURCES = ['package.json', 'README.md', 'bin', 'scripts', 'src', 'tsconfig.json', 'tsconfig.lib.json', 'referentials', 'examples', 'schemas', 'docs'];

let work: string;
let consumer: string;
let packed: { files: Array<{ path: string }> };

function npm(args: string[], cwd: string): string {
  // No lifecycle variables of an enclosing `npm test` leak into the nested commands.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
  return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
}

function node(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: consumer, encoding: 'utf8', timeout: 60_000 });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'logigramme-package-'));
  const source = join(work, 'source');
  for (const entry of SOURCES) cpSync(join(ROOT, entry), join(source, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
  const report = JSON.parse(npm(['pack', '--json', '--pack-destination', work], source)) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = report[0]!;

  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'payroll', private: true, type: 'module' }));
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, report[0]!.filename)], consumer);
}, 360_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The repository's CLI, in process, on the same files: what the installed one must print. */
async function runHere(argv: string[]) {
  const out: string[] = [];
  const io: CliIo = {
    stdout: (text) => void out.push(`${text}\n`),
    stderr: () => undefined,
    readFile: (path) => readFileSync(join(consumer, path), 'utf8'),
    writeFile: () => {
      throw new Error('no writes here');
    },
    now: () => new Date('2025-01-15T12:00:00Z'),
  };
  const code = await run(argv, io);
  return { code, stdout: out.join('') };
}

describe('the packed package', () => {
  it('ships JavaScript and declarations, no TypeScript source, and installs with zod as its only dependency', () => {
    const paths = packed.files.map((f) => f.path);
    for (const file of ['bin/logigramme.mjs', 'dist/cli.mjs', 'dist/index.mjs', 'dist/layout.mjs', 'dist/io.mjs', 'dist/types/core/index.d.ts', 'referentials/exemple-atelier.json', 'schemas/referential.schema.json']) {
      expect(paths, file).toContain(file);
    }
    expect(paths.filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
    expect(readdirSync(join(consumer, 'node_modules')).filter((name) => !name.startsWith('.')).sort()).toEqual(['logigramme', 'zod']);
  });

  it('runs its CLI: --help, and evaluate on the sample prints what the repository’s CLI prints', async () => {
    const bin = join(consumer, 'node_modules', '.bin', 'logigramme');
    const help = node([bin, '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage : logigramme <commande>');

    const pkg = 'node_modules/logigramme';
    const argv = ['evaluate', `${pkg}/referentials/exemple-atelier.json`, '--answers', `${pkg}/examples/entreprise-exemple.json`, '--staff', `${pkg}/examples/salaries-exemple.csv`, '--year', '2024', '--format', 'json'];
    const installed = node([bin, ...argv]);
    expect(installed.stderr).toBe('');
    expect(installed.status).toBe(0);
    const here = await runHere(argv);
    expect(here.code).toBe(0);
    expect(JSON.parse(installed.stdout)).toEqual(JSON.parse(here.stdout));
  });

  it('runs the CLI’s automatic layout (a chunk loaded on demand) from the package', () => {
    const drawn = node([join(consumer, 'node_modules', '.bin', 'logigramme'), 'decompile', 'node_modules/logigramme/referentials/exemple-atelier.json']);
    expect(drawn.status).toBe(0);
    const graph = JSON.parse(drawn.stdout) as { kind: string; nodes: unknown[]; layout: { nodes: Record<string, { x: number }> } };
    expect(graph.kind).toBe('logigramme');
    expect(new Set(Object.values(graph.layout.nodes).map((p) => p.x)).size).toBeGreaterThan(2);
  });

  it('runs the README’s library example and prints the points it announces', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /```js\n(\/\/ evaluate\.mjs[\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'README has a ```js block starting with // evaluate.mjs').toBeDefined();
    const announced = /console\.log\([^\n]*\/\/ (.+)\n/.exec(example!)?.[1];
    // The sample's mechanic, full time, company answer « atelier », no measure: noise (thresholds of
    // D4163-2 as amended by décret 2015-1888: 81 dB(A) Lex,8h, 600 h/year) engines 85 dB(A) 7 h/day ×
    // 228 days × 60 % (task) = 957.6 h, bodywork 82 dB(A) 3 h/day × 228 × 40 % = 273.6 h, total
    // 1 231.2 h ≥ 600 h: exposed all 2024, four whole quarters at 1 point each (R4163-9 from
    // 2023-09-01) ⇒ 4 points, not doubled (born 1980).
    expect(announced).toBe('4');
    writeFileSync(join(consumer, 'evaluate.mjs'), example!);
    const ran = node(['evaluate.mjs']);
    expect(ran.stderr).toBe('');
    expect(ran.stdout.trim()).toBe(announced);
  });

  it('type-checks a TypeScript program against the package’s declarations (strict; real types, not any)', () => {
    writeFileSync(
      join(consumer, 'check.ts'),
      `import { checkReferential, createEvaluator, diff, loadReferential, type Referential } from 'logigramme';
import { parseStaffCsv } from 'logigramme/io';
import { withLayout } from 'logigramme/layout';
declare const text: string;
const loaded = loadReferential(JSON.parse(text));
if (loaded.ok) {
  const referential: Referential = loaded.value;
  const evaluator = createEvaluator(referential, { answers: {}, measures: [] }, { year: 2024 });
  const total: number = evaluator.evaluate({ id: 'a', annualHours: 1607, contract: {}, jobs: [{ job: 'j', share: 100 }] }).points.total;
  const staff = parseStaffCsv('id;annual_hours', referential);
  void [total, staff, checkReferential(referential), diff(referential, referential), withLayout];
  // @ts-expect-error the year is a number: the declarations are real types, not any
  createEvaluator(referential, { answers: {}, measures: [] }, { year: '2024' });
}
`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['check.ts'] }),
    );
    const tsc = node([join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer]);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    expect(existsSync(join(consumer, 'node_modules', 'logigramme', 'dist', 'types', 'core', 'layout.d.ts'))).toBe(true);
  });
});
