import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  EvaluationError,
  createEvaluator,
  evaluate,
  loadReferential,
  type CompanyAnswers,
  type Employee,
  type EvaluationErrorCode,
  type EvaluationErrorParams,
  type EvaluationOptions,
  type Referential,
} from '../src/core/index.ts';
import { formatIssues } from '../src/present/issues.ts';

/*
 * Every reachable typed error of src/core/evaluate/errors.ts: code, employee, field and parameters (ids,
 * figures, dates). Their French wording is tested in present-evaluation-errors.test.ts.
 */

const SAMPLE = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json'), 'utf8')) as Record<string, any>;

function load(mutate?: (doc: any) => void): Referential {
  const doc = structuredClone(SAMPLE);
  mutate?.(doc);
  const loaded = loadReferential(doc);
  if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
  return loaded.value;
}

const REF = load();
const ATELIER: CompanyAnswers = { answers: { 'q-activite': 'atelier' }, measures: [] };
const Y2024: EvaluationOptions = { year: 2024 };

/** A full-time mechanic, born 1980, exposed to noise in 2024 (see the sample's first scenario). */
function mechanic(over: Partial<Employee> = {}): Employee {
  return { id: 'E1', annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job: 'mecanicien', share: 100 }], ...over };
}

/** Runs and returns the thrown error (fails if nothing, or something else, is thrown). */
function thrown(run: () => unknown): EvaluationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EvaluationError);
    return error as EvaluationError;
  }
  throw new Error('expected an EvaluationError');
}

/** Error of one employee: code, employee id, field and parameters. */
function expectEmployeeError<C extends EvaluationErrorCode>(error: EvaluationError, code: C, employee: string, field: string, params: EvaluationErrorParams[C]) {
  expect(error.name).toBe('EvaluationError');
  expect(error.code).toBe(code);
  expect(error.employee).toBe(employee);
  expect(error.field).toBe(field);
  expect(error.params).toEqual(params);
}

/** Error raised before any employee (company input or options): no employee. */
function expectCompanyError<C extends EvaluationErrorCode>(error: EvaluationError, code: C, field: string, params: EvaluationErrorParams[C]) {
  expect(error.code).toBe(code);
  expect(error.employee).toBeUndefined();
  expect(error.field).toBe(field);
  expect(error.params).toEqual(params);
}

const evalOne = (employee: Employee, company: CompanyAnswers = ATELIER, options: EvaluationOptions = Y2024, ref: Referential = REF) =>
  evaluate(ref, company, employee, options);

describe('mission profile: jobs and tasks', () => {
  it('unknown_job', () => {
    const e = thrown(() => evalOne(mechanic({ jobs: [{ job: 'soudeur', share: 100 }] })));
    expectEmployeeError(e, 'unknown_job', 'E1', 'jobs[0].job', { job: 'soudeur' });
  });

  it('unknown_task (task of another job)', () => {
    const e = thrown(() => evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 100, tasks: [{ task: 'maintenance-nuit', share: 100 }] }] })));
    expectEmployeeError(e, 'unknown_task', 'E1', 'jobs[0].tasks[0].task', { job: 'mecanicien', task: 'maintenance-nuit' });
  });

  it('duplicate_job', () => {
    const e = thrown(() => evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 50 }, { job: 'mecanicien', share: 50 }] })));
    expectEmployeeError(e, 'duplicate_job', 'E1', 'jobs[1].job', { job: 'mecanicien' });
  });

  it('duplicate_task', () => {
    const tasks = [{ task: 'carrosserie', share: 50 }, { task: 'carrosserie', share: 50 }];
    const e = thrown(() => evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 100, tasks }] })));
    expectEmployeeError(e, 'duplicate_task', 'E1', 'jobs[0].tasks[1].task', { job: 'mecanicien', task: 'carrosserie' });
  });

  it('shares_sum for jobs: 60 + 30 = 90 %', () => {
    const e = thrown(() => evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 60 }, { job: 'agent-nuit', share: 30 }], answers: { 'q-equipes-alternantes': false } })));
    expectEmployeeError(e, 'shares_sum', 'E1', 'jobs', { sum: 90 });
  });

  it('shares_sum for tasks: 60 + 30 = 90 %', () => {
    const tasks = [{ task: 'moteurs-thermiques', share: 60 }, { task: 'carrosserie', share: 30 }];
    const e = thrown(() => evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 100, tasks }] })));
    expectEmployeeError(e, 'shares_sum', 'E1', 'jobs[0].tasks', { job: 'mecanicien', sum: 90 });
  });

  it('default_shares_sum: the referential’s default task shares 50 + 40 = 90 %', () => {
    const ref = load((d) => (d.jobs[0].tasks[0].defaultShare = 50));
    const e = thrown(() => evalOne(mechanic(), ATELIER, Y2024, ref));
    expectEmployeeError(e, 'default_shares_sum', 'E1', 'jobs[0].tasks', { job: 'mecanicien', sum: 90 });
  });

  it('default_shares_sum is avoided by stating the task shares', () => {
    const ref = load((d) => (d.jobs[0].tasks[0].defaultShare = 50));
    const tasks = [{ task: 'moteurs-thermiques', share: 60 }, { task: 'carrosserie', share: 40 }];
    expect(evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 100, tasks }] }), ATELIER, Y2024, ref).exposedFactors).toEqual(['noise']);
  });
});

describe('share tolerance (0.01 point of percentage)', () => {
  it('job shares summing to 99.995 % are accepted (|99.995 − 100| = 0.005 ≤ 0.01)', () => {
    expect(evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 99.995 }] })).employee).toBe('E1');
  });
  it('job shares summing to 100.005 % (50.005 + 50) are accepted; a single share above 100 is not (see invalid_value)', () => {
    const jobs = [{ job: 'mecanicien', share: 50.005 }, { job: 'agent-nuit', share: 50 }];
    expect(evalOne(mechanic({ jobs, answers: { 'q-equipes-alternantes': false } })).employee).toBe('E1');
  });
  it('33.33 + 66.67 (spreadsheet figures) is accepted', () => {
    const r = evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 33.33 }, { job: 'agent-nuit', share: 66.67 }], answers: { 'q-equipes-alternantes': false } }));
    expect(r.employee).toBe('E1');
  });
  it('job shares summing to 99.9 % are refused (0.1 > 0.01)', () => {
    const e = thrown(() => evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 99.9 }] })));
    expectEmployeeError(e, 'shares_sum', 'E1', 'jobs', { sum: 99.9 });
  });
  it('task shares summing to 99.995 % accepted, 99.9 % refused', () => {
    const ok = [{ task: 'moteurs-thermiques', share: 59.995 }, { task: 'carrosserie', share: 40 }];
    expect(evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 100, tasks: ok }] })).employee).toBe('E1');
    const bad = [{ task: 'moteurs-thermiques', share: 59.9 }, { task: 'carrosserie', share: 40 }];
    const e = thrown(() => evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 100, tasks: bad }] })));
    expectEmployeeError(e, 'shares_sum', 'E1', 'jobs[0].tasks', { job: 'mecanicien', sum: 99.9 });
  });
});

describe('invalid_value', () => {
  it.each([0, -1607, 8785, Number.NaN, Number.POSITIVE_INFINITY])('annualHours %s is refused (must be > 0 and ≤ 8 784 h)', (hours) => {
    const e = thrown(() => evalOne(mechanic({ annualHours: hours })));
    expectEmployeeError(e, 'invalid_value', 'E1', 'annualHours', { value: 'annual_hours', given: hours, max: 8784 });
  });

  it('annualHours 8 784 (24 h × 366 days) is the largest accepted', () => {
    expect(evalOne(mechanic({ annualHours: 8784 })).workingTimeRatio).toBeCloseTo(8784 / 1607, 12);
  });

  it.each([-5, 100.5, 150])('job share %s is out of range', (share) => {
    const e = thrown(() => evalOne(mechanic({ jobs: [{ job: 'mecanicien', share }] })));
    expectEmployeeError(e, 'invalid_value', 'E1', 'jobs[0].share', { value: 'share', given: share, min: 0, max: 100 });
  });

  it('task share 120 is out of range', () => {
    const tasks = [{ task: 'moteurs-thermiques', share: 120 }, { task: 'carrosserie', share: -20 }];
    const e = thrown(() => evalOne(mechanic({ jobs: [{ job: 'mecanicien', share: 100, tasks }] })));
    expectEmployeeError(e, 'invalid_value', 'E1', 'jobs[0].tasks[0].share', { value: 'share', given: 120, min: 0, max: 100 });
  });
});

describe('answers and decision trees', () => {
  it('answer_missing (company): no answer to q-activite, reported for the employee whose task needs it', () => {
    const e = thrown(() => evalOne(mechanic(), { answers: {}, measures: [] }));
    expectEmployeeError(e, 'answer_missing', 'E1', 'answers.q-activite', { question: 'q-activite', scope: 'company' });
  });

  it('answer_missing (company) does not stop an employee whose tasks do not ask it', () => {
    const r = evalOne({ id: 'N1', annualHours: 1607, contract: {}, birth: 1975, jobs: [{ job: 'agent-nuit', share: 100 }], answers: { 'q-equipes-alternantes': false } }, { answers: {}, measures: [] });
    // 110 nights ≥ 100 (2024, D4163-2).
    expect(r.exposedFactors).toEqual(['night_work']);
  });

  it('answer_missing (employee): the night agent’s alternating-shift answer', () => {
    const e = thrown(() => evalOne({ id: 'N2', annualHours: 1607, contract: {}, birth: 1975, jobs: [{ job: 'agent-nuit', share: 100 }] }));
    expectEmployeeError(e, 'answer_missing', 'N2', 'answers.q-equipes-alternantes', { question: 'q-equipes-alternantes', scope: 'employee' });
  });

  it('answer_invalid (employee): "oui" for a yes/no question', () => {
    const e = thrown(() =>
      evalOne({ id: 'N3', annualHours: 1607, contract: {}, birth: 1975, jobs: [{ job: 'agent-nuit', share: 100 }], answers: { 'q-equipes-alternantes': 'oui' } }),
    );
    expectEmployeeError(e, 'answer_invalid', 'N3', 'answers.q-equipes-alternantes', { question: 'q-equipes-alternantes', given: 'oui', expected: { expects: 'boolean' } });
  });

  it('answer_invalid (company): a choice that is not offered', () => {
    const e = thrown(() => evalOne(mechanic(), { answers: { 'q-activite': 'bureau' }, measures: [] }));
    expectEmployeeError(e, 'answer_invalid', 'E1', 'answers.q-activite', { question: 'q-activite', given: 'bureau', expected: { expects: 'choice', choices: 'atelier, chantier' } });
  });

  it('answer_invalid: a number outside the question’s bounds', () => {
    const ref = load((d) => {
      d.questions.push({ id: 'q-distance', label: 'Distance au chantier', scope: 'employee', type: 'number', unit: 'km', min: 0, max: 500 });
      d.nodes.push({ id: 'n-distance', kind: 'question', question: 'q-distance', branches: [{ when: { max: 50 }, next: 's-nuit-fixe' }, { when: { min: 50 }, next: 's-nuit-alternante' }] });
      d.jobs[1].tasks[0].entry = 'n-distance';
    });
    const e = thrown(() => evalOne({ id: 'K1', annualHours: 1607, contract: {}, birth: 1975, jobs: [{ job: 'agent-nuit', share: 100 }], answers: { 'q-distance': 600 } }, ATELIER, Y2024, ref));
    expectEmployeeError(e, 'answer_invalid', 'K1', 'answers.q-distance', { question: 'q-distance', given: 600, expected: { expects: 'number_max', unit: 'km', bound: 500 } });
  });

  it('no_branch: the referential has no branch for the company’s answer', () => {
    const ref = load((d) => d.nodes[0].branches.pop());
    const e = thrown(() => evalOne(mechanic(), { answers: { 'q-activite': 'chantier' }, measures: [] }, Y2024, ref));
    expectEmployeeError(e, 'no_branch', 'E1', 'answers.q-activite', { question: 'q-activite', answer: 'chantier', node: 'n-activite' });
  });

  it('unknown_question (employee): an answer to a question the referential does not have', () => {
    const e = thrown(() => evalOne(mechanic({ answers: { 'q-inconnue': true } })));
    expectEmployeeError(e, 'unknown_question', 'E1', 'answers.q-inconnue', { question: 'q-inconnue' });
  });

  it('unknown_question (employee): an employee answering a company question', () => {
    const e = thrown(() => evalOne(mechanic({ answers: { 'q-activite': 'chantier' } })));
    expectEmployeeError(e, 'unknown_question', 'E1', 'answers.q-activite', { question: 'q-activite', scope: 'company' });
  });

  it('unknown_question (company): raised by createEvaluator, before any employee', () => {
    const e = thrown(() => createEvaluator(REF, { answers: { 'q-activite': 'atelier', 'q-inconnue': 1 }, measures: [] }, Y2024));
    expectCompanyError(e, 'unknown_question', 'answers.q-inconnue', { question: 'q-inconnue' });
  });

  it('unknown_question (company): the company answering an employee question', () => {
    const e = thrown(() => createEvaluator(REF, { answers: { 'q-activite': 'atelier', 'q-equipes-alternantes': true }, measures: [] }, Y2024));
    expectCompanyError(e, 'unknown_question', 'answers.q-equipes-alternantes', { question: 'q-equipes-alternantes', scope: 'employee' });
  });

  it('unknown_measure (company)', () => {
    const e = thrown(() => createEvaluator(REF, { answers: { 'q-activite': 'atelier' }, measures: [{ measure: 'm-bruit-80' }, { measure: 'm-casque' }] }, Y2024));
    expectCompanyError(e, 'unknown_measure', 'measures[1].measure', { measure: 'm-casque' });
  });
});

describe('contract dates', () => {
  it('contract_dates: an impossible start date (2024-02-30)', () => {
    const e = thrown(() => evalOne(mechanic({ contract: { start: '2024-02-30' } })));
    expectEmployeeError(e, 'contract_dates', 'E1', 'contract.start', { problem: 'not_a_date', end: 'start', value: '2024-02-30' });
  });

  it('contract_dates: an impossible end date (2024-13-01)', () => {
    const e = thrown(() => evalOne(mechanic({ contract: { end: '2024-13-01' } })));
    expectEmployeeError(e, 'contract_dates', 'E1', 'contract.end', { problem: 'not_a_date', end: 'end', value: '2024-13-01' });
  });

  it('contract_dates: end before start', () => {
    const e = thrown(() => evalOne(mechanic({ contract: { start: '2024-06-01', end: '2024-05-31' } })));
    expectEmployeeError(e, 'contract_dates', 'E1', 'contract.end', { problem: 'end_before_start', start: '2024-06-01', end: '2024-05-31' });
  });

  it('contract_outside_year: a 2023 contract evaluated for 2024', () => {
    const e = thrown(() => evalOne(mechanic({ contract: { start: '2023-01-01', end: '2023-12-31' } })));
    expectEmployeeError(e, 'contract_outside_year', 'E1', 'contract', { start: '2023-01-01', end: '2023-12-31', year: 2024 });
  });

  it('contract_outside_year: a contract starting in 2025, open-ended', () => {
    const e = thrown(() => evalOne(mechanic({ contract: { start: '2025-01-01' } })));
    expectEmployeeError(e, 'contract_outside_year', 'E1', 'contract', { start: '2025-01-01', year: 2024 });
  });

  it('a contract of a single day of the year is inside it (2024-12-31)', () => {
    expect(evalOne(mechanic({ contract: { start: '2024-12-31' } })).employee).toBe('E1');
  });
});

describe('birth (doubling for people born before 1956-07-01, R4162-3, digest §3.1)', () => {
  it('birth_missing when the employee earns points', () => {
    const e = thrown(() => evalOne(mechanic({ birth: undefined })));
    expectEmployeeError(e, 'birth_missing', 'E1', 'birth', { doubledBefore: '1956-07-01' });
  });

  it('no birth needed when nothing earns points (noise reduced below 80 dB(A): not exposed)', () => {
    const r = evalOne(mechanic({ birth: undefined }), { answers: { 'q-activite': 'atelier' }, measures: [{ measure: 'm-bruit-80' }] });
    expect(r.exposedFactors).toEqual([]);
    expect(r.points.total).toBe(0);
  });

  it('birth_ambiguous: 1956 as a year cannot say before or after 1 July', () => {
    const e = thrown(() => evalOne(mechanic({ birth: 1956 })));
    expectEmployeeError(e, 'birth_ambiguous', 'E1', 'birth', { year: 1956, doubledBefore: '1956-07-01' });
  });

  it('a full 1956 date is accepted', () => {
    // Noise alone, full year 2024: 4 periods × 1 point = 4, doubled → 8 (born 1956-03-15 < 1956-07-01).
    expect(evalOne(mechanic({ birth: '1956-03-15' })).points.total).toBe(8);
  });
});

describe('options: year and regulation', () => {
  it.each([2014, 2101, 2024.5])('year_unsupported: %s', (year) => {
    const e = thrown(() => createEvaluator(REF, ATELIER, { year }));
    expectCompanyError(e, 'year_unsupported', 'year', { year, first: 2015 });
  });

  it('year_unsupported also through evaluate()', () => {
    const e = thrown(() => evalOne(mechanic(), ATELIER, { year: 2010 }));
    expect(e.code).toBe('year_unsupported');
  });

  it.each(['2014-12-31', 'derniere', '2024-01-01x'])('regulation_unknown: %s', (regulation) => {
    const e = thrown(() => createEvaluator(REF, ATELIER, { year: 2024, regulation }));
    expectCompanyError(e, 'regulation_unknown', 'regulation', { regulation });
  });

  it('a regulation given as a date inside a version is accepted (2016-03-01 → 2016-01-01)', () => {
    expect(evalOne(mechanic(), ATELIER, { year: 2024, regulation: '2016-03-01' }).regulation).toBe('2016-01-01');
  });
});

describe('evaluateStaff collects the errors by employee', () => {
  it('two good employees, two bad ones: results and errors keep the input index', () => {
    const ev = createEvaluator(REF, ATELIER, Y2024);
    const staff = ev.evaluateStaff([
      mechanic({ id: 'A' }),
      mechanic({ id: 'B', jobs: [{ job: 'x', share: 100 }] }),
      mechanic({ id: 'C' }),
      mechanic({ id: 'D', birth: 1956 }),
    ]);
    expect(staff.results.map((r) => r.employee)).toEqual(['A', 'C']);
    expect(staff.errors.map((x) => [x.index, x.employee, x.error.code, x.error.employee])).toEqual([
      [1, 'B', 'unknown_job', 'B'],
      [3, 'D', 'birth_ambiguous', 'D'],
    ]);
    expect(staff.totals.employees).toBe(4);
    expect(staff.totals.evaluated).toBe(2);
  });
});
