import { describe, expect, it } from 'vitest';
import {
  agencyExposureSheets,
  compile,
  createEvaluator,
  declarationCorrections,
  declarationLines,
  decompile,
  loadReferential,
  mergeStaffTotals,
  type DeclarationLine,
  type Employee,
  type Referential,
} from '../src/core/index.ts';

/*
 * The employee's real year, core only: long absences (DGT-DSS instruction n° 1 of 13 March 2015),
 * temporary workers (L4163-1 IV: the user company assesses, the agency declares), corrections of a
 * declaration already made (DSN S21.G00.34, code 99, R4163-8), and the branch's L4163-2-1 list.
 * The conformance kit (test/cases/employee-year.json) holds the threshold boundaries.
 */

function referential(): Referential {
  const loaded = loadReferential({
    formatVersion: 2,
    id: 'annee-reelle',
    identity: { branch: 'Essai', title: 'Essai', version: '1.0.0', status: 'draft', authors: [], created: '2026-01-01' },
    regulation: '2023-09-01',
    workingYear: { annualHours: 1607, workingDays: 228 },
    factors: { retained: ['night_work', 'noise', 'awkward_postures'], excluded: [] },
    questions: [],
    measures: [],
    jobs: [
      { id: 'nuit', label: 'Agent de nuit', tasks: [{ id: 't-nuit', label: 'Surveillance', defaultShare: 100, entry: 's-nuit' }] },
      { id: 'atelier', label: 'Atelier', tasks: [{ id: 't-bruit', label: 'Presses', defaultShare: 50, entry: 's-bruit' }, { id: 't-plafonds', label: 'Plafonds', defaultShare: 50, entry: 's-postures' }] },
    ],
    nodes: [],
    situations: [
      { id: 's-nuit', label: 'Nuit', exposures: [{ factor: 'night_work', criterion: 'night', intensity: [{ quantity: 'night_hours', value: 3, unit: 'h' }], duration: { value: 150, unit: 'nights/year' }, conclusion: 'exposed' }] },
      { id: 's-bruit', label: 'Presses', exposures: [{ factor: 'noise', criterion: 'daily_level', intensity: [{ quantity: 'sound_level', value: 88, unit: 'dB(A)' }], duration: { value: 1400, unit: 'h/year' }, conclusion: 'exposed' }] },
      { id: 's-postures', label: 'Plafonds', exposures: [{ factor: 'awkward_postures', criterion: 'arms_above_shoulders', intensity: [], duration: { value: 1000, unit: 'h/year' }, conclusion: 'exposed' }] },
    ],
    particularlyExposed: { agreement: 'Accord du 1er février 2026', entries: [{ job: 'atelier', tasks: ['t-plafonds'], factors: ['awkward_postures'] }] },
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value;
}

const person = (id: string, job: string, more: Partial<Employee> = {}): Employee => ({ id, annualHours: 1607, contract: { reference: `C-${id}` }, birth: 1980, jobs: [{ job, share: 100 }], ...more });

describe('long absences', () => {
  it('the result carries the re-assessment: periods, presence and what changed', () => {
    const r = createEvaluator(referential(), { answers: {}, measures: [] }, { year: 2024, trace: true }).evaluate(
      person('A', 'nuit', { absences: [{ from: '2024-01-01', to: '2024-06-30', reason: 'long_sick_leave' }] }),
    );
    // 150 × 184 ÷ 366 = 75.409836 nights < 100.
    expect(r.factors.find((f) => f.factor === 'night_work')!.groups[0]!.exposure).toBe(75.409836);
    expect(r.absence).toMatchObject({ contractDays: 366, absentDays: 182, changed: ['night_work'] });
    expect(r.absence!.presence).toBeCloseTo(184 / 366, 12);
    expect(r.absence!.periods).toEqual([{ from: '2024-01-01', to: '2024-06-30', days: 182, reason: 'long_sick_leave' }]);
    // The contribution's chain: × 100 % (job) × 100 % (task) × 1 (working time) × 184/366 (presence) = 75.409836… nights.
    const steps = r.trace![0]!.arithmetic;
    expect(steps.find((s) => s.kind === 'presence')).toEqual({ kind: 'presence', ratio: 184 / 366 });
    const last = steps[steps.length - 1]!;
    expect(last.kind === 'result' && last.unit).toBe('nights/year');
    expect(last.kind === 'result' && last.value).toBeCloseTo((150 * 184) / 366, 9);
    expect(r.workingTimeRatio).toBe(1);
  });
  it('an absence that leaves the worker above the threshold changes no verdict, and says so', () => {
    const r = createEvaluator(referential(), { answers: {}, measures: [] }, { year: 2024 }).evaluate(person('B', 'nuit', { absences: [{ from: '2024-03-01', to: '2024-03-21', reason: 'long_sick_leave' }] }));
    // 21 days: 150 × 345 ÷ 366 = 141.39 ≥ 100.
    expect(r.exposedFactors).toEqual(['night_work']);
    expect(r.absence!.changed).toEqual([]);
    expect(r.absence).toMatchObject({ contractDays: 366, absentDays: 21 });
  });
});

describe('temporary workers', () => {
  const staff: Employee[] = [
    person('P1', 'nuit'),
    person('P2', 'atelier'),
    person('T1', 'nuit', { temporary: { agency: 'Intérim Nord', agencySiret: '12345678900011', mission: 'M-17' }, contract: { start: '2024-03-01', end: '2024-08-31', reference: 'CT-T1' } }),
    person('T2', 'atelier', { temporary: { agency: 'Intérim Nord' } }),
    person('T3', 'nuit', { temporary: { agency: 'Alpha Travail Temporaire' } }),
  ];
  const result = createEvaluator(referential(), { answers: {}, measures: [] }, { year: 2024 }).evaluateStaff(staff);

  it('are left out of the company’s own totals and counted per agency', () => {
    expect(result.totals).toMatchObject({ employees: 5, evaluated: 2, temporaryWorkers: 3, exposedAny: 2, exposedDeclared: 2, exposedDeclaredShare: 1 });
    expect(result.totals.byAgency).toEqual([
      { agency: 'Alpha Travail Temporaire', workers: 1, declared: 1 },
      { agency: 'Intérim Nord', workers: 2, declared: 2 },
    ]);
    // P1 night 4 + P2 noise 4 = 8 points of the company's own staff.
    expect(result.totals.points).toBe(8);
    expect(result.totals.byFactor.find((f) => f.factor === 'night_work')).toEqual({ factor: 'night_work', exposed: 1, share: 0.5 });
  });
  it('merged totals of slices equal the whole list’s', () => {
    const evaluator = createEvaluator(referential(), { answers: {}, measures: [] }, { year: 2024 });
    const parts = [staff.slice(0, 2), staff.slice(2)].map((slice) => evaluator.evaluateStaff(slice).totals);
    expect(mergeStaffTotals(parts)).toEqual(result.totals);
  });
  it('the company’s declaration lines leave them out; each agency gets its exposure sheet', () => {
    expect(declarationLines(result.results)).toEqual([
      { employee: 'P1', contract: 'C-P1', year: 2024, code: '08', factor: 'night_work' },
      { employee: 'P2', contract: 'C-P2', year: 2024, code: '07', factor: 'noise' },
    ]);
    const sheets = agencyExposureSheets(result, staff);
    expect(sheets.map((s) => [s.agency, s.workers.map((w) => w.employee)])).toEqual([
      ['Alpha Travail Temporaire', ['T3']],
      ['Intérim Nord', ['T1', 'T2']],
    ]);
    // T1: contract 2024-03-01 → 2024-08-31 = 6 months = 2 quarters → 2 points; 150 nights ≥ 100.
    expect(sheets[1]).toMatchObject({ agencySiret: '12345678900011', year: 2024, channel: 'dsn' });
    expect(sheets[1]!.workers[0]).toEqual({
      employee: 'T1',
      mission: 'M-17',
      contract: { start: '2024-03-01', end: '2024-08-31', reference: 'CT-T1' },
      regulation: '2023-09-01',
      factors: [{ factor: 'night_work', label: 'Travail de nuit', code: '08', exposure: 150, threshold: 100, unit: 'nights/year' }],
      toAnalyse: [],
      points: 2,
    });
  });
});

describe('corrections of a declaration already made (DSN code 99)', () => {
  const line = (employee: string, code: string, contract = `C-${employee}`): DeclarationLine => ({ employee, contract, year: 2024, code });
  it('a factor no longer due: cancellation 99, then the factors still due', () => {
    const previous = [line('A', '07'), line('A', '08'), line('B', '08')];
    const current = [line('A', '08'), line('B', '08')];
    expect(declarationCorrections(previous, current)).toEqual({
      lines: [
        { employee: 'A', contract: 'C-A', year: 2024, code: '99', kind: 'cancellation' },
        { employee: 'A', contract: 'C-A', year: 2024, code: '08', kind: 'redeclared' },
      ],
      withdrawn: [line('A', '07')],
      unchanged: 1,
    });
  });
  it('nothing due any more: the cancellation alone; a factor added: the new line alone', () => {
    expect(declarationCorrections([line('A', '08')], [line('B', '07')]).lines).toEqual([
      { employee: 'A', contract: 'C-A', year: 2024, code: '99', kind: 'cancellation' },
      { employee: 'B', contract: 'C-B', year: 2024, code: '07', kind: 'new' },
    ]);
    expect(declarationCorrections([line('A', '08')], [line('A', '08'), line('A', '10')]).lines).toEqual([{ employee: 'A', contract: 'C-A', year: 2024, code: '10', kind: 'new' }]);
  });
  it('the same declaration gives nothing to send; a cancellation line in the stored declaration is not a factor', () => {
    expect(declarationCorrections([line('A', '08')], [line('A', '08')])).toEqual({ lines: [], withdrawn: [], unchanged: 1 });
    expect(declarationCorrections([line('A', '99'), line('A', '08')], [line('A', '08')]).lines).toEqual([]);
  });
  it('a corrected profile (a long absence recorded afterwards): the stored declaration against the new evaluation', () => {
    const before = createEvaluator(referential(), { answers: {}, measures: [] }, { year: 2024 }).evaluateStaff([person('P1', 'nuit')]);
    const after = createEvaluator(referential(), { answers: {}, measures: [] }, { year: 2024 }).evaluateStaff([person('P1', 'nuit', { absences: [{ from: '2024-01-01', to: '2024-06-30', reason: 'long_sick_leave' }] })]);
    const correction = declarationCorrections(declarationLines(before.results), declarationLines(after.results));
    expect(correction.lines).toEqual([{ employee: 'P1', contract: 'C-P1', year: 2024, code: '99', kind: 'cancellation' }]);
  });
});

describe('the branch’s L4163-2-1 list', () => {
  it('is carried through the logigramme: compile(decompile(r)) keeps it', () => {
    const r = referential();
    expect(compile(decompile(r)).referential.particularlyExposed).toEqual(r.particularlyExposed);
  });
  it('unknown jobs, tasks of another job and repeated factors are located errors at load', () => {
    const r = referential();
    const loaded = loadReferential({
      ...r,
      particularlyExposed: { entries: [{ job: 'inconnu', factors: ['awkward_postures'] }, { job: 'atelier', tasks: ['t-nuit'], factors: ['manual_handling', 'manual_handling'] }] },
    });
    expect(loaded.ok ? [] : loaded.issues.map((i) => [i.code, i.path])).toEqual([
      ['ref.particularly_exposed_job', '$.particularlyExposed.entries[0].job'],
      ['ref.particularly_exposed_task', '$.particularlyExposed.entries[1].tasks[0]'],
      ['ref.particularly_exposed_factor', '$.particularlyExposed.entries[1].factors[1]'],
    ]);
    // chemicals and the six account factors cannot be listed (L4163-2-1 names the ergonomic factors only)
    const chemicals = loadReferential({ ...r, particularlyExposed: { entries: [{ job: 'atelier', factors: ['hazardous_chemicals'] }] } });
    expect(chemicals.ok ? [] : chemicals.issues.map((i) => i.path)).toEqual(['$.particularlyExposed.entries[0].factors[0]']);
  });
  it('flags the employees of a listed activity (the totals stay those of the declaration)', () => {
    const staff = createEvaluator(referential(), { answers: {}, measures: [] }, { year: 2024 }).evaluateStaff([person('P1', 'nuit'), person('P2', 'atelier')]);
    expect(staff.results[1]!.factors.find((f) => f.factor === 'awkward_postures')!.particularlyExposedJobs).toEqual(['atelier']);
    expect(staff.results[0]!.factors.find((f) => f.factor === 'awkward_postures')!.particularlyExposedJobs).toBeUndefined();
    expect(staff.totals.byFactor.find((f) => f.factor === 'awkward_postures')).toEqual({ factor: 'awkward_postures', exposed: 0, share: 0 });
  });
});
