#!/usr/bin/env node
// Runs before `npm start` and `npm test` so that each quick-start command works alone on a fresh
// clone: installs the locked dependencies when node_modules is missing or older than the lock file.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
if (stale) {
  console.log('Installation des dépendances (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
// `npm ci` built dist/ through `prepare`; after a pull or an edit of the sources, build it again.
const { ensureDist } = await import('./ensure-dist.mjs');
ensureDist();
