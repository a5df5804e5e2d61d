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
// `evaluate` streams staff files of any size, its live memory small and constant; left to its defaults,
// V8 lets the heap grow to several times that before collecting (1 M rows: ~370 MB resident). So it
// runs in a process of its own with the heap bounded (~200 MB resident at 1 M rows), unless the user
// chose a bound (NODE_OPTIONS or a node option). One more process start (~70 ms) for this command only.
const bounded = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('--max-old-space-size'));
if (process.argv[2] === 'evaluate' && !bounded) {
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const run = spawnSync(process.execPath, ['--max-old-space-size=192', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(run.status ?? 2);
}
await import(cli.href);
