#!/usr/bin/env node
// Builds what the package ships besides the app: the command line and the library, as plain JavaScript,
// so that `logigramme` starts without compiling TypeScript. Runs from `prepare` (so `npm ci` and
// `npm pack` build it) and from scripts/ensure-deps.mjs when the sources changed since the last build.
//
//   node scripts/build-dist.mjs            JavaScript (esbuild) and type declarations (tsc)
//   node scripts/build-dist.mjs --js-only  JavaScript only (about a second; what the tests need)
//
// dist/ is never committed (.gitignore).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const jsOnly = process.argv.includes('--js-only');

/** Entry points: the CLI, and one module per `exports` entry of package.json. */
const ENTRIES = {
  cli: 'src/cli/main.ts',
  index: 'src/core/index.ts',
  layout: 'src/core/layout.ts',
  io: 'src/io/index.ts',
};

rmSync(join(dist, 'js'), { recursive: true, force: true });
rmSync(join(dist, 'cli.mjs'), { force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir: dist,
  // Shared code and the lazily imported layout engine go to chunks: `--help` loads neither the layout engine nor the
  // library entries it does not use.
  splitting: true,
  chunkNames: 'js/[name]-[hash]',
  entryNames: '[name]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  // ES module builds first: jsonc-parser's UMD build requires its own files at run time, which a bundle cannot.
  mainFields: ['module', 'main'],
  format: 'esm',
  target: 'node20',
  // Every runtime dependency is bundled: one file to read at start-up (zod alone, loaded from its ~100
  // modules, would cost ~100 ms), nothing to fetch at install. zod is still a dependency of the package,
  // for the type declarations, which refer to its types.
  external: [],
  // Whitespace and syntax only: a quicker parse, and stack traces (`erreur interne`) keep their names.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
});
// What each output holds, for whoever wonders why a file grew (not packed).
writeFileSync(join(dist, 'meta.json'), JSON.stringify(result.metafile));

if (!jsOnly) {
  rmSync(join(dist, 'types'), { recursive: true, force: true });
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.lib.json')], { cwd: root, stdio: 'inherit' });
}
// Written last: scripts/ensure-dist.mjs compares the sources' times with this one.
writeFileSync(join(dist, '.built'), `${new Date().toISOString()}${jsOnly ? ' js-only' : ''}\n`);
