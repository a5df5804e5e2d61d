import { applyChanges, contentHash, diff } from '../src/core/index.ts';
import { editReferential, generateReferential } from './generate.ts';

/** Diff of two generated versions of a ~10 000-node referential (target under 100 ms). */
export function runDiffBench(passes: number): Array<{ label: string; ms: number; target?: number; changes: number }> {
  // 39 jobs × 8 tasks × (15 decision nodes + 16 situations) + 312 tasks + 39 jobs = 10 023 elements.
  const a = generateReferential({ jobs: 39, tasks: 8, seed: 11 });
  const b = editReferential(a, { seed: 12, rate: 0.05 });
  // Stored versions carry their content hash (the app's storage, the CLI's stated hashes).
  const known = { fromHash: contentHash(a), toHash: contentHash(b) };
  let changes = 0;
  const time = (run: () => number) => {
    run();
    let best = Infinity;
    for (let p = 0; p < passes; p++) {
      const t0 = performance.now();
      changes = run();
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const withKnownHashes = time(() => diff(a, b, known).changes.length);
  const hashingBoth = time(() => diff(a, b).changes.length);
  // The change list is only meaningful if it rebuilds b.
  if (JSON.stringify(applyChanges(a, diff(a, b).changes)) !== JSON.stringify(b)) throw new Error('applyChanges(a, diff(a, b)) differs from b');
  return [
    { label: 'semantic diff, 10 000-node referential (stored hashes)', ms: withKnownHashes, target: 100, changes },
    { label: 'same, computing both content hashes', ms: hashingBoth, changes },
  ];
}
