import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReferentialText } from '../src/core/index.ts';
import { parseStaffCsv } from '../src/io/staff-csv.ts';
import { compactEvaluation, evaluateCompanySync, shareEqualParts, type EmployeeSummary } from '../src/ui/company/evaluation.ts';
import { shareEmployeeParts } from '../src/ui/company/sharedParts.ts';
import { generatedStaffCsv } from './e2e/support/company-staff.ts';

/*
 * The staff-file worker and the evaluation worker share the equal parts of the employees and of the
 * summaries before they store them (and pack them for the page, each shared part once per chunk): a
 * reload must read the same values back, with far fewer objects to deserialise and keep.
 */

const loaded = loadReferentialText(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8'));
if (!loaded.ok) throw new Error('the sample referential does not load');
const referential = loaded.value;

function summaries(rows: number): EmployeeSummary[] {
  const employees = parseStaffCsv(generatedStaffCsv(rows), referential).employees;
  return compactEvaluation(evaluateCompanySync({ referential, company: { answers: { 'q-activite': 'atelier' }, measures: [] }, year: 2024 }, employees)).summaries;
}

/** Distinct objects reachable from the summaries (the summaries themselves included). */
function objectCount(list: readonly unknown[]): number {
  const seen = new Set<object>();
  const visit = (v: unknown) => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    for (const x of Object.values(v)) visit(x);
  };
  list.forEach(visit);
  return seen.size;
}

describe('summaries with their equal parts shared', () => {
  it('equal the summaries, field by field, and cost a few objects per employee instead of some thirty', () => {
    const original = summaries(2000);
    const copy = structuredClone(original);
    const shared = shareEqualParts(original);
    expect(shared).toStrictEqual(copy);
    // The input is left as it was.
    expect(original).toStrictEqual(copy);
    // The generated file has ten kinds of line (test/e2e/support/company-staff.ts) and birth years
    // that change only the points: the parts repeat, the summaries do not.
    expect(objectCount(original)).toBeGreaterThan(2000 * 10);
    expect(objectCount(shared)).toBeLessThan(2000 + 500);
    // What the worker stores keeps the sharing within one record, and the values.
    const received = structuredClone(shared.slice(0, 1000));
    expect(received).toStrictEqual(copy.slice(0, 1000));
    expect(objectCount(received)).toBeLessThan(1000 + 500);
    expect(received[4]!.factors).toBe(received[14]!.factors);
  });

  it('never merges parts JSON would confuse: a missing field and an undefined one, 0 and -0', () => {
    const base = shareEqualParts(summaries(10)).slice(0, 2);
    const [a, b] = base.map((s) => structuredClone(s));
    const f = a!.factors[0]!;
    a!.factors = [{ ...f, exposure: 0 }];
    b!.factors = [{ ...f, exposure: -0 }];
    a!.absence = { contractDays: 1, absentDays: 0, presence: 1, changed: [] };
    b!.absence = { contractDays: 1, absentDays: 0, presence: 1, changed: [], ...({ extra: undefined } as object) };
    const shared = shareEqualParts([a!, b!]);
    expect(Object.is(shared[1]!.factors[0]!.exposure, -0)).toBe(true);
    expect(Object.is(shared[0]!.factors[0]!.exposure, 0)).toBe(true);
    expect(shared[0]!.absence).not.toBe(shared[1]!.absence);
    expect('extra' in shared[1]!.absence!).toBe(true);
  });

  it('employees too: equal, field by field, with their jobs and answers shared and their contract their own', () => {
    const employees = parseStaffCsv(generatedStaffCsv(2000), referential).employees;
    const copy = structuredClone(employees);
    const shared = shareEmployeeParts(employees);
    expect(shared).toStrictEqual(copy);
    expect(employees).toStrictEqual(copy);
    expect(objectCount(shared)).toBeLessThan(objectCount(employees) * 0.6);
    // Lines 4 and 14 are both part-time mechanics (test/e2e/support/company-staff.ts).
    expect(shared[3]!.jobs).toBe(shared[13]!.jobs);
    expect(shared[3]!.contract).not.toBe(shared[13]!.contract);
    expect(structuredClone(shared.slice(0, 1000))).toStrictEqual(copy.slice(0, 1000));
  });
});
