#!/usr/bin/env node
// The `prepare` script of package.json, which npm runs after `npm ci` / `npm install` in the repository,
// before `npm pack`, and — when the user allows it — in a package installed from a file, URL or git.
// In the repository (or a git clone, which has its build script and dev dependencies): builds dist/.
// In a packed package (dist/ shipped, no build script, no esbuild): nothing to do.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const build = join(import.meta.dirname, 'build-dist.mjs');
if (existsSync(build)) await import(build);
