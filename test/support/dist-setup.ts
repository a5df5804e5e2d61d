import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Vitest global setup: the CLI tests run bin/logigramme.mjs, which runs the JavaScript of dist/. Tests
 * also run without `npm test` (and its `pretest`), so dist/ is rebuilt here when a source is newer.
 */
export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', '..', 'scripts', 'ensure-dist.mjs')], { stdio: 'inherit' });
}
