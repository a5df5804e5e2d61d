import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { createEvaluator, loadReferentialText, type Employee, type Referential } from '../src/core/index.ts';
import { parseStaffJson } from '../src/cli/staff-json.ts';
import { absenceReason, formatAbsences, parseAbsences } from '../src/io/staff-absences.ts';
import { columnForField, formatStaffCsv, parseFrenchDate, parseStaffCsv } from '../src/io/staff-csv.ts';
import { parseStaffSheet, readWorkbook } from '../src/io/staff-xlsx.ts';
import { emptyDraft, draftFromEmployee, readEmployeeDraft } from '../src/ui/company/staffDraft.ts';

/*
 * The staff file's columns for long absences and temporary work (issue 9): French and documented
 * names, several absences in one cell, every problem on its line under the file's own header, the
 * round trip through formatStaffCsv, a workbook, and the staff table's form (same reader).
 */

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
function load(text: string): Referential {
  const r = loadReferentialText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}
const atelier = load(read('referentials/exemple-atelier.json'));
const FR_HEADER = 'Matricule;Heures annuelles;Naissance;Postes;Absences longues;Intérimaire;Agence d’intérim;SIRET de l’agence;Contrat de mission';
const parse = (...lines: string[]) => parseStaffCsv([FR_HEADER, ...lines].join('\n'), atelier);
const located = (issues: ReadonlyArray<{ row: number; column: string }>) => issues.map((i) => `${i.row}:${i.column}`);

describe('the absences cell', () => {
  it('reads several absences, French or ISO dates, « du … au … », the reasons as HR writes them, and a note', () => {
    const { absences, errors } = parseAbsences('01/02/2024..30/06/2024:maladie|du 2/9/2024 au 1/11/2024 : Congé de formation : CPF de transition| 2024-12-01..2024-12-31:sabbatical', parseFrenchDate);
    expect(errors).toEqual([]);
    expect(absences).toEqual([
      { from: '2024-02-01', to: '2024-06-30', reason: 'long_sick_leave' },
      { from: '2024-09-02', to: '2024-11-01', reason: 'training_leave', note: 'CPF de transition' },
      { from: '2024-12-01', to: '2024-12-31', reason: 'sabbatical' },
    ]);
    expect(['Congé parental', 'PARENTAL', 'parental_leave'].map(absenceReason)).toEqual(['parental_leave', 'parental_leave', 'parental_leave']);
    expect(absenceReason('congés payés')).toBeUndefined();
  });

  it('refuses, item by item, a missing reason, an unknown one, a bad date and an end before the start', () => {
    const { absences, errors } = parseAbsences('01/02/2024..30/06/2024|01/02/2024..30/06/2024:congés payés|31/02/2024..30/06/2024:maladie|30/06/2024..01/02/2024:maladie|01/02/2024:maladie', parseFrenchDate);
    expect(absences).toEqual([]);
    expect(errors).toHaveLength(5);
    expect(errors[0]).toContain('Motif manquant');
    expect(errors[1]).toContain('Motif « congés payés » inconnu');
    expect(errors[1]).toContain('pas les congés payés ni les arrêts courts');
    expect(errors[2]).toContain('Date « 31/02/2024 » invalide');
    expect(errors[3]).toContain('fin (01/02/2024) avant le début (30/06/2024)');
    expect(errors[4]).toContain('illisible');
  });

  it('writes back what it reads (a « | » in a note becomes « / »)', () => {
    const absences = [
      { from: '2024-02-01', to: '2024-06-30', reason: 'long_sick_leave' as const, note: 'opération | suites' },
      { from: '2024-09-02', to: '2024-11-01', reason: 'other_long_absence' as const },
    ];
    expect(formatAbsences(absences)).toBe('2024-02-01..2024-06-30:maladie:opération / suites|2024-09-02..2024-11-01:autre');
    expect(parseAbsences(formatAbsences(absences), parseFrenchDate).absences).toEqual([{ ...absences[0], note: 'opération / suites' }, absences[1]]);
  });
});

describe('staff file columns for long absences and temporary work', () => {
  it('French column names give the same employees as the JSON staff list of the example', () => {
    const csv = parseStaffCsv(read('examples/salaries-absences-interim.csv'), atelier);
    expect(csv.issues).toEqual([]);
    const json = parseStaffJson(read('examples/salaries-exemple.json'));
    expect(json.issues).toEqual([]);
    expect(csv.employees).toEqual(json.employees);
  });

  it('the documented names work too, and an agency alone says the worker is a temporary one', () => {
    const r = parseStaffCsv(['id,annual_hours,birth_year,jobs,absences,temporary,agency,agency_siret,mission', 'I-1,1607,1990,mecanicien,,,Adecco Lyon,,', 'I-2,1607,1990,mecanicien,,non,,,'].join('\n'), atelier);
    expect(r.issues).toEqual([]);
    expect(r.employees.map((e) => e.temporary)).toEqual([{ agency: 'Adecco Lyon' }, undefined]);
  });

  it('locates every problem on its line, under the column as the file names it, and keeps no employee of a bad line', () => {
    const r = parse(
      'A;1607;1980;mecanicien;01/02/2024..30/06/2024:vacances;;;;',
      'B;1607;1980;mecanicien;;peut-être;;;',
      'C;1607;1980;mecanicien;;oui;;;',
      'D;1607;1980;mecanicien;;oui;Intérim Sud;123;',
      'E;1607;1980;mecanicien;;non;Intérim Sud;;M-1',
      'F;1607;1980;mecanicien;01/01/2024..31/01/2024:maladie;oui;Intérim Sud;12345678900011;M-2',
    );
    expect(located(r.issues)).toEqual(['2:Absences longues', '3:Intérimaire', '4:Agence d’intérim', '5:SIRET de l’agence', '6:Agence d’intérim', '6:Contrat de mission']);
    expect(r.issues[2]!.message).toContain('Agence d’intérim manquante');
    expect(r.issues[3]!.message).toContain('14 chiffres');
    expect(r.employees.map((e) => e.id)).toEqual(['F']);
    expect(r.employees[0]).toMatchObject({ absences: [{ from: '2024-01-01', to: '2024-01-31', reason: 'long_sick_leave' }], temporary: { agency: 'Intérim Sud', agencySiret: '12345678900011', mission: 'M-2' } });
  });

  it('an evaluation error on an absence points at the absences column', () => {
    expect(columnForField('absences[1].to')).toBe('absences');
    expect(columnForField('temporary.agencySiret')).toBe('agency_siret');
    expect(columnForField('temporary.agency')).toBe('agency');
    expect(columnForField('temporary.mission')).toBe('mission');
  });

  const employees: Employee[] = [
    { id: 'A', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }] },
    {
      id: 'B',
      annualHours: 803.5,
      contract: { start: '2024-03-01', end: '2024-08-31', reference: 'MIS-7' },
      birth: 1990,
      jobs: [{ job: 'mecanicien', share: 100 }],
      absences: [
        { from: '2024-04-01', to: '2024-05-31', reason: 'long_sick_leave', note: 'Arrêt: deux mois' },
        { from: '2024-07-01', to: '2024-07-31', reason: 'parental_leave' },
      ],
      temporary: { agency: 'Intérim; « Nord »', agencySiret: '12345678900011', mission: 'MIS-7' },
    },
  ];
  for (const options of [{}, { delimiter: ';' as const, bom: true, newline: '\r\n' as const }]) {
    it(`round trip with absences and temporary work (${JSON.stringify(options)})`, () => {
      const text = formatStaffCsv(employees, atelier, options);
      expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toContain(`absences${options.delimiter ?? ','}temporary`);
      const back = parseStaffCsv(text, atelier);
      expect(back.issues).toEqual([]);
      expect(back.employees).toEqual(employees);
    });
  }

  it('a staff without absences or temporary workers is written as before, without those columns', () => {
    expect(formatStaffCsv([employees[0]!], atelier).split('\n')[0]).toBe('id,annual_hours,contract_start,contract_end,contract_ref,birth_year,jobs,tasks,q:q-equipes-alternantes');
  });

  it('a workbook with the French columns (oui as a cell, dates typed) reads the same', async () => {
    const write = writeXlsxFile as unknown as (data: unknown, options?: unknown) => { toBlob(): Promise<Blob> };
    const rows = [
      ['Matricule', 'Heures annuelles', 'Naissance', 'Postes', 'Absences longues', 'Intérimaire', 'Agence d’intérim'],
      ['T-1', 1607, 1992, 'mecanicien', '01/03/2024..31/05/2024:maladie', 'oui', 'Intérim Nord'],
    ];
    const bytes = await (await write(rows, { sheet: 'Personnel' }).toBlob()).arrayBuffer();
    const book = await readWorkbook(bytes);
    if (!book.ok) throw new Error(book.issue.message);
    const r = parseStaffSheet(book.value, atelier);
    expect(r.issues).toEqual([]);
    expect(r.employees[0]).toMatchObject({ id: 'T-1', absences: [{ from: '2024-03-01', to: '2024-05-31', reason: 'long_sick_leave' }], temporary: { agency: 'Intérim Nord' } });
  });

  it('the parsed absences are re-assessed by the evaluator: 110 nights × 275 / 366 = 82,65 < 100, not declared', () => {
    // NUIT-01: fixed nights, 110 qualifying nights a year (s-nuit-fixe); long sick leave 2024-01-01 → 03-31
    // = 31 + 29 + 31 = 91 days of the 366 of 2024; present 275 days; 110 × 275 / 366 = 82.65 nights against
    // the unchanged threshold of 100 nights (D4163-2 from 2023-09-01): not exposed, nothing to declare.
    const staff = parseStaffCsv(read('examples/salaries-absences-interim.csv'), atelier).employees;
    const evaluator = createEvaluator(atelier, { answers: { 'q-activite': 'atelier' }, measures: [] }, { year: 2024 });
    const night = evaluator.evaluate(staff.find((e) => e.id === 'NUIT-01')!);
    expect(night.absence?.absentDays).toBe(91);
    expect(night.factors.find((f) => f.factor === 'night_work')!.groups[0]!.exposure).toBeCloseTo((110 * 275) / 366, 6);
    expect(night.dsn).toEqual([]);
  });
});

describe('the staff table form (the same reader)', () => {
  it('an absence and an agency typed in the form give the employee; a temporary worker without agency is refused on the agency', () => {
    const draft = { ...emptyDraft(atelier), id: 'X', birth: '1990', shares: { mecanicien: '100', 'agent-nuit': '' } };
    const ok = readEmployeeDraft({ ...draft, absences: [{ from: '2024-02-01', to: '2024-03-31', reason: 'sabbatical', note: '' }], temporary: true, agency: 'Intérim Nord', agencySiret: '', mission: '' }, atelier, new Set());
    expect(ok.issues).toEqual([]);
    expect(ok.employee).toMatchObject({ absences: [{ from: '2024-02-01', to: '2024-03-31', reason: 'sabbatical' }], temporary: { agency: 'Intérim Nord' } });
    expect(draftFromEmployee(ok.employee!, atelier)).toMatchObject({ temporary: true, agency: 'Intérim Nord', absences: [{ from: '2024-02-01', to: '2024-03-31', reason: 'sabbatical', note: '' }] });
    const bad = readEmployeeDraft({ ...draft, absences: [{ from: '', to: '2024-03-31', reason: 'sabbatical', note: '' }], temporary: true, agency: '', agencySiret: '', mission: '' }, atelier, new Set());
    expect(bad.employee).toBeUndefined();
    expect(bad.issues.map((i) => i.column).sort()).toEqual(['absences', 'agency']);
  });
});
