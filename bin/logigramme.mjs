#!/usr/bin/env node
// Launcher of the command line: runs the JavaScript built by scripts/build-dist.mjs (at `npm ci`,
// `npm install` or `npm pack` time, through `prepare`), so that no TypeScript is compiled at run time.
// In the repository, `npm run cli -- …` runs the TypeScript sources directly instead.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('logigramme : la ligne de commande n’est pas construite (dist/cli.mjs manque) ; lancez « npm run build:dist » dans le dépôt\n');
  process.exit(70);
}
await import(cli.href);
