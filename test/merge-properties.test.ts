import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyResolutions, compile, loadGraph, mergeGraphs, type GraphDocument, type MergeConflict } from '../src/core/index.ts';
import { conflictTitle, describeSide, elementLabel } from '../src/present/merge.ts';
import { edited, intent, mergeBase } from './support/merge-edits.ts';
import { issueMessage } from '../src/present/issues.ts';

/*
 * Properties of the three-way merge on generated pairs of edit sequences from one base, each edit an
 * editor command (test/support/merge-edits.ts). Fixed seeds: a failure prints its seed and path, and
 * `fc.assert(…, { seed, path })` replays it.
 */

const BASE = mergeBase();
const RUNS = { numRuns: 150, seed: 140214 };
const sequences = fc.array(intent, { maxLength: 10 });
/** Both sides use the same fresh ids in a third of the cases, so that additions of the same id meet. */
const pair = fc.tuple(sequences, sequences, fc.nat(2)).map(([x, y, clash]) => [edited(BASE, x, 'a'), edited(BASE, y, clash === 0 ? 'a' : 'b')] as const);

/** A merged document must load, and compile with no edge left pointing at a missing node. */
function sound(doc: GraphDocument): void {
  const loaded = loadGraph(JSON.parse(JSON.stringify(doc)));
  expect(loaded.ok, loaded.ok ? '' : loaded.issues.map((i) => `${i.path} ${issueMessage(i)}`).join('\n')).toBe(true);
  expect(compile(doc).issues.filter((i) => i.code === 'structure.dangling_edge')).toEqual([]);
  const ids = new Set(doc.nodes.map((n) => n.id));
  expect(Object.keys(doc.layout.nodes).filter((id) => !ids.has(id))).toEqual([]);
}

function namesBothSides(c: MergeConflict): void {
  const ours = describeSide(c.ours, c);
  const theirs = describeSide(c.theirs, c);
  expect(c.element.label.length, c.id).toBeGreaterThan(0);
  expect(ours.length, c.id).toBeGreaterThan(0);
  expect(theirs.length, c.id).toBeGreaterThan(0);
  expect(ours === theirs && c.ours.change === c.theirs.change, `${c.id}: both sides read « ${ours} »`).toBe(false);
  expect(conflictTitle(c)).toContain(elementLabel(c.element));
}

describe('three-way merge properties (generated editor command sequences)', () => {
  it('merge(base, a, base) = a and merge(base, base, b) = b, without conflicts', () => {
    fc.assert(
      fc.property(sequences, (x) => {
        const a = edited(BASE, x, 'a');
        const left = mergeGraphs(BASE, a, BASE);
        expect(left.conflicts).toEqual([]);
        expect(left.document).toStrictEqual(a);
        const right = mergeGraphs(BASE, BASE, a);
        expect(right.conflicts).toEqual([]);
        expect(right.document).toStrictEqual(a);
      }),
      RUNS,
    );
  });

  it('merge(base, a, a) = a', () => {
    fc.assert(
      fc.property(sequences, (x) => {
        const a = edited(BASE, x, 'a');
        const merged = mergeGraphs(BASE, a, a);
        expect(merged.conflicts).toEqual([]);
        expect(merged.document).toStrictEqual(a);
      }),
      RUNS,
    );
  });

  it('without conflicts, merge(base, a, b) = merge(base, b, a) (the layout preference swapped with the sides)', () => {
    let clean = 0;
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const ab = mergeGraphs(BASE, a, b);
        if (ab.conflicts.length > 0) return;
        clean++;
        const ba = mergeGraphs(BASE, b, a, { layout: 'theirs' });
        expect(ba.conflicts).toEqual([]);
        expect(ba.document).toStrictEqual(ab.document);
        // With each side preferring its own layout, only positions may differ.
        const { layout: _l1, ...content } = mergeGraphs(BASE, b, a).document;
        const { layout: _l2, ...expected } = ab.document;
        expect(content).toStrictEqual(expected);
      }),
      RUNS,
    );
    // The generator must produce clean merges often enough for this property to mean something.
    expect(clean).toBeGreaterThan(RUNS.numRuns / 4);
  });

  it('every conflict names the element and both sides; the document loads whatever is chosen', () => {
    let conflicts = 0;
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const merged = mergeGraphs(BASE, a, b);
        conflicts += merged.conflicts.length;
        expect(new Set(merged.conflicts.map((c) => c.id)).size).toBe(merged.conflicts.length);
        merged.conflicts.forEach(namesBothSides);
        sound(merged.document);
        const allTheirs = applyResolutions(merged, Object.fromEntries(merged.conflicts.map((c) => [c.id, 'theirs'])));
        allTheirs.conflicts.forEach(namesBothSides);
        sound(allTheirs.document);
        expect(applyResolutions(merged, {}).document).toStrictEqual(merged.document);
      }),
      RUNS,
    );
    expect(conflicts).toBeGreaterThan(RUNS.numRuns / 4);
  });
});
