/*
 * The conformance kit: every case of test/cases/*.json, one test each, named `<file> › <case id>`.
 * Cases marked `knownFailure` document a disagreement between the hand computation and this
 * implementation; they run with `it.fails` so that fixing the implementation makes them fail loudly
 * (then remove the mark).
 */
import { describe, expect, it } from 'vitest';
import { formatMismatches, loadCaseFiles, runCase } from './support/conformance.ts';

const files = loadCaseFiles();

describe('conformance kit', () => {
  it('has case files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    for (const loaded of file.cases) {
      const test = loaded.knownFailure !== undefined ? it.fails : it;
      test(`${file.file} › ${loaded.id}`, () => {
        const mismatches = runCase(file, loaded);
        expect(mismatches, formatMismatches(mismatches)).toEqual([]);
      });
    }
  }
});
