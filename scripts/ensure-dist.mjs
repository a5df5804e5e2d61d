#!/usr/bin/env node
// Rebuilds the command line and the library (dist/, scripts/build-dist.mjs --js-only) when a source they
// are built from is newer than the last build, so that `bin/logigramme.mjs` never runs stale JavaScript.
// Called by scripts/ensure-deps.mjs (before `npm start` and `npm test`) and by Vitest's global setup
// (test/support/dist-setup.ts), since tests also run without `npm test`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const SOURCES = ['src/core', 'src/io', 'src/cli', 'scripts/build-dist.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

export function distIsStale() {
  const stamp = join(root, 'dist', '.built');
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return SOURCES.some((source) => existsSync(join(root, source)) && newest(join(root, source)) > built);
}

export function ensureDist() {
  if (!distIsStale()) return false;
  execFileSync(process.execPath, [join(root, 'scripts', 'build-dist.mjs'), '--js-only'], { cwd: root, stdio: 'inherit' });
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) ensureDist();
