import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReferentialText } from '../src/core/index.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { compactEvaluation, digestOf, evaluateCompanySync, evaluationDigest, type CompanyEvaluation } from '../src/ui/company/evaluation.ts';
import { generatedStaffCsv } from './e2e/support/company-staff.ts';

/*
 * The counts the results screens show beside the totals (factors to analyse, absences, temporary
 * workers, employees and lines the company declares) come with the evaluation from the worker, so that
 * no panel walks 100 000 summaries while it renders. They must be the counts the panels made themselves.
 */

const ROOT = join(import.meta.dirname, '..');
const loaded = loadReferentialText(readFileSync(join(ROOT, 'referentials', 'exemple-atelier.json'), 'utf8'));
if (!loaded.ok) throw new Error('the sample referential does not load');
const referential = loaded.value;

function evaluate(text: string): CompanyEvaluation {
  const employees = parseStaffCsv(text, referential).employees;
  return evaluateCompanySync({ referential, company: { answers: { 'q-activite': 'atelier' }, measures: [] }, year: 2024 }, employees);
}

/** The counts as each panel made them over the summaries (ResultsStep, obligation.ts, ExportsPanel, agencySheets). */
function countedByThePanels(e: CompanyEvaluation) {
  const toAnalyse = new Set(e.summaries.flatMap((s) => s.toAnalyse));
  return {
    toAnalyse: [...toAnalyse].sort(),
    absences: e.summaries.filter((s) => s.absence).length,
    temporaries: e.summaries.filter((s) => s.temporary).length,
    declaredEmployees: e.summaries.filter((s) => !s.temporary && s.dsn.length > 0).length,
    declaredLines: e.summaries.reduce((n, s) => n + (s.temporary ? 0 : s.declared.length), 0),
  };
}

describe('the evaluation digest', () => {
  it('counts what the panels counted, on a staff with absences and temporary workers', () => {
    const e = evaluate(readFileSync(join(ROOT, 'examples', 'salaries-absences-interim.csv'), 'utf8'));
    const digest = evaluationDigest(e.summaries);
    expect({ ...digest, toAnalyse: [...digest.toAnalyse].sort() }).toEqual(countedByThePanels(e));
    // not a vacuous comparison: this staff has both
    expect(digest.absences).toBeGreaterThan(0);
    expect(digest.temporaries).toBeGreaterThan(0);
    expect(digest.declaredEmployees).toBeGreaterThan(0);
  });

  it('counts what the panels counted on 2 000 generated employees, and is the one an evaluation carries', () => {
    const e = evaluate(generatedStaffCsv(2000));
    const digest = evaluationDigest(e.summaries);
    expect({ ...digest, toAnalyse: [...digest.toAnalyse].sort() }).toEqual(countedByThePanels(e));
    // computed once per evaluation without one; the one sent by the worker otherwise
    expect(digestOf(e)).toBe(digestOf(e));
    const carried = { ...e, digest };
    expect(digestOf(carried)).toBe(digest);
  });

  it('is not stored: the stored form is the company file’s, without digest or DUER matrix', () => {
    const e = evaluate(generatedStaffCsv(20));
    const stored = compactEvaluation({ ...e, digest: evaluationDigest(e.summaries) });
    expect('digest' in stored).toBe(false);
    expect('duer' in stored).toBe(false);
  });
});
