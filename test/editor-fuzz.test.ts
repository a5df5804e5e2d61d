import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphCommandType } from '../src/core/graph/commands/index.ts';
import { fuzzStarts, runSession, sessionArbitrary } from './support/editor-fuzz.ts';

/*
 * Random editor sessions with undo and redo (issue 15), replayable: a fixed seed, and on failure
 * fast-check prints the seed and path that replay it. `npm run fuzz:editor -- --seed N --runs N
 * --steps N` runs longer campaigns. Each session: random commands on the store (meaningful ones read
 * against the graph of the moment, some refused), undo/redo/gestures/merged nudges among them; every
 * intermediate document loads, a refusal changes nothing, undo all gives the start, redo all the end.
 */

const SEED = 15_2026;
const COMMAND_TYPES: GraphCommandType[] = [
  'node/add', 'node/remove', 'node/remove-subtree', 'node/update', 'node/move', 'node/collapse',
  'edge/add', 'edge/remove', 'edge/update', 'question/add', 'question/update', 'question/remove',
  'measure/add', 'measure/update', 'measure/remove', 'referential/update', 'scenario/add', 'scenario/update',
  'scenario/remove', 'layout/apply', 'nodes/paste', 'id/rename',
];

describe('editor fuzz: random command sequences with undo and redo', () => {
  for (const [name, start] of fuzzStarts()) {
    it(`on ${name}: every step loads, refusals change nothing, undo all = start, redo all = end`, { timeout: 60_000 }, () => {
      let applied = 0;
      let refused = 0;
      const types = new Set<string>();
      fc.assert(
        fc.property(sessionArbitrary(40), (steps) => {
          const outcome = runSession(start, steps);
          applied += outcome.applied;
          refused += outcome.refused;
          for (const t of outcome.types) types.add(t);
          expect(outcome.problems).toEqual([]);
        }),
        { seed: SEED, numRuns: 30 },
      );
      // Not vacuous: the sessions both changed the graph and met refusals, with every kind of command.
      expect(applied).toBeGreaterThan(200);
      expect(refused).toBeGreaterThan(30);
      expect(COMMAND_TYPES.filter((t) => !types.has(t))).toEqual([]);
    });
  }

  it('the same seed replays the same sessions', () => {
    const a = fc.sample(sessionArbitrary(40), { seed: SEED, numRuns: 3 });
    const b = fc.sample(sessionArbitrary(40), { seed: SEED, numRuns: 3 });
    expect(b).toEqual(a);
  });
});
