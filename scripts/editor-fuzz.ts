/**
 * Longer runs of the editor fuzz (test/editor-fuzz.test.ts): random command sequences with undo and redo
 * on the EditorStore. `npm run fuzz:editor -- --seed 7 --runs 2000 --steps 120`.
 *
 * Options: --seed N (152026, the test's), --runs N (1000) sessions per starting document, --steps N (80)
 * at most per session. On a failure, fast-check prints the counterexample and the seed and path that
 * replay it (`--path P` with the same seed replays it alone); exit code 1.
 */
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { fuzzStarts, runSession, sessionArbitrary } from '../test/support/editor-fuzz.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '152026' },
    runs: { type: 'string', default: '1000' },
    steps: { type: 'string', default: '80' },
    path: { type: 'string' },
  },
});
const seed = Number(values.seed);
let failed = false;
for (const [name, start] of fuzzStarts()) {
  let applied = 0;
  let refused = 0;
  const details = fc.check(
    fc.property(sessionArbitrary(Number(values.steps)), (steps) => {
      const outcome = runSession(start, steps);
      applied += outcome.applied;
      refused += outcome.refused;
      return outcome.problems.length === 0;
    }),
    { seed, numRuns: Number(values.runs), ...(values.path !== undefined ? { path: values.path } : {}) },
  );
  console.log(`${name}: ${details.numRuns} sessions, ${applied} commands applied, ${refused} refused${details.failed ? ' — FAILED' : ''}`);
  if (details.failed) {
    failed = true;
    console.log(`  replay: --seed ${details.seed} --path ${details.counterexamplePath}`);
    const steps = details.counterexample?.[0];
    if (steps) console.log(`  problems: ${runSession(start, steps).problems.join(' | ')}\n  steps: ${JSON.stringify(steps)}`);
  }
}
process.exit(failed ? 1 : 0);
