import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReferentialText, type Employee } from '../src/core/index.ts';
import { evaluateCompanySync } from '../src/ui/company/evaluation.ts';
import { resultsSheet } from '../src/ui/company/xlsxExports.ts';

/*
 * The per-employee results workbook as an HR officer reads it: counts in French (plural from 2), and a
 * temporary worker marked by the agency that declares them, out of the company's total.
 */

const loaded = loadReferentialText(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8'));
if (!loaded.ok) throw new Error('sample does not load');
const referential = loaded.value;
const company = { formatVersion: 1 as const, answers: { 'q-activite': 'atelier' }, measures: [] };
const employee = (id: string, extra: Partial<Employee> = {}): Employee => ({ id, annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }], ...extra });
const texts = (row: ReadonlyArray<{ value?: unknown }>) => row.map((c) => c.value);

describe('the results workbook', () => {
  it('names the agency of a temporary worker and leaves them out of the total, in the singular for one', () => {
    const staff = [employee('E1'), employee('T1', { temporary: { agency: 'Intérim Nord' } })];
    const sheet = resultsSheet(evaluateCompanySync({ referential, company, year: 2024 }, staff), ['noise']);
    const header = texts(sheet.data[0]!);
    const agency = header.indexOf('Intérim : entreprise de travail temporaire');
    expect(agency).toBe(header.length - 1);
    expect(sheet.data[1]![agency]!.value).toBe('');
    expect(sheet.data[2]![agency]!.value).toBe('Intérim Nord');
    const total = sheet.data[3]!;
    // One employee of the company evaluated (E1); T1 is declared by the agency.
    expect(total[0]!.value).toBe('Total : 1 salarié évalué');
    expect(total[agency]!.value).toBe('1 intérimaire hors total (l’entreprise de travail temporaire déclare)');
  });

  it('writes the counts with French thousands separators and plurals', () => {
    const staff = Array.from({ length: 1200 }, (_, i) => employee(`E${i}`));
    const sheet = resultsSheet(evaluateCompanySync({ referential, company, year: 2024 }, staff), ['noise']);
    const total = sheet.data.at(-1)!;
    expect(total[0]!.value).toBe('Total : 1\u202f200 salariés évalués');
    expect(total.at(-1)!.value).toBe('');
  });
});
