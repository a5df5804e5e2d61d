import {
  EvaluationError,
  evaluate,
  isIsoDate,
  type AnswerValue,
  type CompanyAnswers,
  type Employee,
  type EmployeeResult,
  type Question,
  type Referential,
} from '../core/index.ts';
import { fr } from './i18n/fr.ts';
import { evaluationErrorDetail } from '../present/evaluation-errors.ts';

/**
 * The example-employee form as typed (strings, so that a half-typed number stays on screen), and its
 * translation into the core's inputs. Pure: no React, so the rules are read in one place.
 */
export interface FormState {
  year: string;
  /** Company-level answers by question id; '' = not answered. Booleans as 'true' / 'false'. */
  company: Record<string, string>;
  measures: Record<string, boolean>;
  annualHours: string;
  contractStart: string;
  contractEnd: string;
  birth: string;
  /** Share of working time per job id, in percent. */
  shares: Record<string, string>;
  /** Employee-level answers by question id. */
  employee: Record<string, string>;
}

export const EMPLOYEE_ID = 'salarie-exemple';
export const DEFAULT_ANNUAL_HOURS = '1607';

export function initialFormState(r: Referential, year: number): FormState {
  return {
    year: String(year),
    company: Object.fromEntries(r.questions.filter((q) => q.scope === 'company').map((q) => [q.id, ''])),
    measures: Object.fromEntries(r.measures.map((m) => [m.id, false])),
    annualHours: DEFAULT_ANNUAL_HOURS,
    contractStart: '',
    contractEnd: '',
    birth: '',
    // Nothing is assumed about the employee: every share starts at 0 and the total shows what is missing.
    shares: Object.fromEntries(r.jobs.map((j) => [j.id, '0'])),
    employee: Object.fromEntries(r.questions.filter((q) => q.scope === 'employee').map((q) => [q.id, ''])),
  };
}

/** A problem located on a field of the form, whether found here or by the core evaluator. */
export interface FieldError {
  /** The evaluator's field (`jobs[0].share`, `answers.q-activite`…). */
  field: string;
  /** French name of the field, for the user. */
  label: string;
  /** Id of the input to focus, when the field is one of the form's. */
  inputId?: string;
  message: string;
}

export type EvaluationOutcome = { ok: true; result: EmployeeResult; jobOrder: string[] } | { ok: false; errors: FieldError[] };

export const inputIds = {
  year: 'eval-year',
  company: (q: string) => `eval-company-${q}`,
  measure: (m: string) => `eval-measure-${m}`,
  annualHours: 'eval-annual-hours',
  contractStart: 'eval-contract-start',
  contractEnd: 'eval-contract-end',
  birth: 'eval-birth',
  share: (job: string) => `eval-share-${job}`,
  employee: (q: string) => `eval-employee-${q}`,
};

/** Parses a French or plain decimal number ("12,5" or "12.5"); NaN when it is not one. */
export function parseNumber(text: string): number {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
}

export function shareTotal(state: FormState): number {
  return Object.values(state.shares).reduce((n, s) => {
    const v = parseNumber(s);
    return Number.isFinite(v) ? n + v : n;
  }, 0);
}

/** Form → core inputs, then the shared evaluator. Never throws: every failure is a located error. */
export function evaluateForm(r: Referential, state: FormState): EvaluationOutcome {
  const errors: FieldError[] = [];
  const at = (field: string, message: string) => errors.push({ ...locate(r, field, []), message });

  const year = parseNumber(state.year);
  if (!Number.isInteger(year)) at('year', fr.form.integerYear);

  const companyAnswers = answersFrom(r, 'company', state.company, at);
  const employeeAnswers = answersFrom(r, 'employee', state.employee, at);

  const annualHours = parseNumber(state.annualHours);
  if (!Number.isFinite(annualHours)) at('annualHours', fr.form.numberExpected);

  let birth: Employee['birth'];
  const b = state.birth.trim();
  if (/^\d{4}$/.test(b)) birth = Number(b);
  else if (isIsoDate(b)) birth = b;
  else if (b !== '') at('birth', fr.form.birthFormat);

  // Jobs with no share are left out: the profile lists what the employee actually does.
  const jobOrder: string[] = [];
  const jobs: Employee['jobs'] = [];
  for (const job of r.jobs) {
    const raw = state.shares[job.id] ?? '';
    if (raw.trim() === '') continue;
    const share = parseNumber(raw);
    if (!Number.isFinite(share)) {
      errors.push({ field: 'jobs', label: fr.form.shareLabel(job.label), inputId: inputIds.share(job.id), message: fr.form.numberExpected });
      continue;
    }
    if (share === 0) continue;
    jobOrder.push(job.id);
    jobs.push({ job: job.id, share });
  }

  if (errors.length > 0) return { ok: false, errors };

  const employee: Employee = {
    id: EMPLOYEE_ID,
    annualHours,
    contract: {
      ...(state.contractStart ? { start: state.contractStart } : {}),
      ...(state.contractEnd ? { end: state.contractEnd } : {}),
    },
    ...(birth !== undefined ? { birth } : {}),
    jobs,
    ...(Object.keys(employeeAnswers).length > 0 ? { answers: employeeAnswers } : {}),
  };
  const company: CompanyAnswers = {
    answers: companyAnswers,
    measures: r.measures.filter((m) => state.measures[m.id]).map((m) => ({ measure: m.id })),
  };
  try {
    const result = evaluate(r, company, employee, { year, trace: true });
    return { ok: true, result, jobOrder };
  } catch (error) {
    if (error instanceof EvaluationError) return { ok: false, errors: [{ ...locate(r, error.field, jobOrder), message: evaluationErrorDetail(error, r) }] };
    // A bug in the core must not take the page down: report it like any other error.
    return { ok: false, errors: [{ field: '', label: fr.fields.form, message: fr.form.unexpected(error instanceof Error ? error.message : String(error)) }] };
  }
}

function answersFrom(
  r: Referential,
  scope: Question['scope'],
  raw: Record<string, string>,
  at: (field: string, message: string) => void,
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const q of r.questions) {
    if (q.scope !== scope) continue;
    const value = (raw[q.id] ?? '').trim();
    if (value === '') continue;
    if (q.type === 'boolean') answers[q.id] = value === 'true';
    else if (q.type === 'choice') answers[q.id] = value;
    else {
      const n = parseNumber(value);
      if (Number.isFinite(n)) answers[q.id] = n;
      else at(`answers.${q.id}`, fr.form.numberExpected);
    }
  }
  return answers;
}

/** Evaluator field → French label and the input to focus. `jobOrder` maps `jobs[i]` back to a job id. */
export function locate(r: Referential, field: string, jobOrder: readonly string[]): Omit<FieldError, 'message'> {
  const simple: Record<string, [string, string | undefined]> = {
    year: [fr.fields.year, inputIds.year],
    regulation: [fr.fields.regulation, undefined],
    annualHours: [fr.fields.annualHours, inputIds.annualHours],
    'contract.start': [fr.fields.contractStart, inputIds.contractStart],
    'contract.end': [fr.fields.contractEnd, inputIds.contractEnd],
    contract: [fr.fields.contract, inputIds.contractStart],
    birth: [fr.fields.birth, inputIds.birth],
  };
  const known = simple[field];
  if (known) return { field, label: known[0], ...(known[1] ? { inputId: known[1] } : {}) };

  const answer = /^answers\.(.+)$/.exec(field);
  if (answer?.[1]) {
    const q = r.questions.find((x) => x.id === answer[1]);
    if (q) return { field, label: q.label, inputId: q.scope === 'company' ? inputIds.company(q.id) : inputIds.employee(q.id) };
  }
  const job = /^jobs\[(\d+)\]/.exec(field);
  if (job?.[1] !== undefined) {
    const id = jobOrder[Number(job[1])];
    const j = r.jobs.find((x) => x.id === id);
    if (j) return { field, label: fr.form.shareLabel(j.label), inputId: inputIds.share(j.id) };
  }
  if (field === 'jobs' || field.startsWith('jobs')) {
    const first = r.jobs[0];
    return { field, label: fr.fields.jobs, ...(first ? { inputId: inputIds.share(first.id) } : {}) };
  }
  const measure = /^measures\[(\d+)\]/.exec(field);
  if (measure) return { field, label: fr.fields.measures };
  if (/^(situations|nodes)\./.test(field)) return { field, label: fr.fields.referential(field) };
  return { field, label: field || fr.fields.form };
}
