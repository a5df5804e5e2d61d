import {
  compile,
  EvaluationError,
  FACTOR_CODES,
  runScenario,
  type AnswerValue,
  type FactorCode,
  type GraphDocument,
  type Question,
  type Referential,
  type Scenario,
  type Verdict,
} from '../../core/index.ts';
import { evaluationErrorMessage } from '../../present/evaluation-errors.ts';
import { frEditor } from '../i18n/fr-editor.ts';
import { parseDecimal } from './text.ts';

/*
 * The scenario form's model: what the fields hold (text, as typed) and its conversion to and from a
 * Scenario of the portable format. A scenario is one coherent record (a half-typed one names no job,
 * or answers nothing), so the form keeps its own state and saves it as one command: one step of the
 * history per "Enregistrer", not one per field.
 */

export interface MissionRow {
  job: string;
  share: string;
  /** Whether the employee's own task shares replace the job's default ones. */
  customTasks: boolean;
  tasks: Record<string, string>;
}

export interface ScenarioFormState {
  id: string;
  label: string;
  year: string;
  /** '' = the referential's own version. */
  regulation: string;
  /** Question id → '' (not answered), 'true' / 'false', a choice id, or a number as typed. */
  answers: Record<string, string>;
  measures: string[];
  employeeId: string;
  annualHours: string;
  start: string;
  end: string;
  /** Contract reference, kept as it was (the form does not show it). */
  reference?: string;
  birth: string;
  jobs: MissionRow[];
  employeeAnswers: Record<string, string>;
  expected: Partial<Record<FactorCode, Verdict>>;
  points: string;
}

export const DEFAULT_EMPLOYEE_ID = 'salarie-type';

/** Jobs of the logigramme and, for each, its tasks with their default share. */
export function jobsOf(graph: GraphDocument): Array<{ id: string; label: string; tasks: Array<{ id: string; label: string; share: number }> }> {
  const labels = new Map(graph.nodes.map((n) => [n.id, 'label' in n && n.label ? n.label : n.id] as const));
  return graph.nodes
    .filter((n) => n.kind === 'job')
    .map((job) => ({
      id: job.id,
      label: labels.get(job.id) ?? job.id,
      tasks: graph.edges.flatMap((e) => (e.kind === 'weighting' && e.source === job.id ? [{ id: e.target, label: labels.get(e.target) ?? e.target, share: e.share }] : [])),
    }));
}

const answerText = (value: AnswerValue | undefined): string => (value === undefined ? '' : String(value));

function defaultTasks(graph: GraphDocument, job: string): Record<string, string> {
  const found = jobsOf(graph).find((j) => j.id === job);
  return Object.fromEntries((found?.tasks ?? []).map((t) => [t.id, String(t.share)]));
}

/** A new scenario: the first job full time, the reference working year, nothing answered or expected yet. */
export function emptyForm(graph: GraphDocument, id: string, year: number): ScenarioFormState {
  const first = jobsOf(graph)[0]?.id ?? '';
  return {
    id,
    label: '',
    year: String(year),
    regulation: '',
    answers: {},
    measures: [],
    employeeId: DEFAULT_EMPLOYEE_ID,
    annualHours: String(graph.referential.workingYear.annualHours),
    start: '',
    end: '',
    birth: '',
    jobs: first ? [{ job: first, share: '100', customTasks: false, tasks: defaultTasks(graph, first) }] : [],
    employeeAnswers: {},
    expected: {},
    points: '',
  };
}

export function formFromScenario(graph: GraphDocument, scenario: Scenario): ScenarioFormState {
  const { employee } = scenario;
  return {
    id: scenario.id,
    label: scenario.label,
    year: String(scenario.year),
    regulation: scenario.regulation ?? '',
    answers: Object.fromEntries(Object.entries(scenario.answers).map(([k, v]) => [k, answerText(v)])),
    measures: [...scenario.measures],
    employeeId: employee.id,
    annualHours: String(employee.annualHours),
    start: employee.contract.start ?? '',
    end: employee.contract.end ?? '',
    ...(employee.contract.reference !== undefined ? { reference: employee.contract.reference } : {}),
    birth: employee.birth === undefined ? '' : String(employee.birth),
    jobs: employee.jobs.map((m) => ({
      job: m.job,
      share: String(m.share),
      customTasks: m.tasks !== undefined,
      tasks: m.tasks ? Object.fromEntries(m.tasks.map((t) => [t.task, String(t.share)])) : defaultTasks(graph, m.job),
    })),
    employeeAnswers: Object.fromEntries(Object.entries(employee.answers ?? {}).map(([k, v]) => [k, answerText(v)])),
    expected: { ...scenario.expected.factors },
    points: scenario.expected.points === undefined ? '' : String(scenario.expected.points),
  };
}

/** A row for another job (the first one not in the profile yet). */
export function addJobRow(graph: GraphDocument, state: ScenarioFormState): ScenarioFormState {
  const used = new Set(state.jobs.map((j) => j.job));
  const next = jobsOf(graph).find((j) => !used.has(j.id)) ?? jobsOf(graph)[0];
  if (!next) return state;
  return { ...state, jobs: [...state.jobs, { job: next.id, share: '0', customTasks: false, tasks: defaultTasks(graph, next.id) }] };
}

/** Another job chosen in a row: its task shares start from the job's defaults. */
export function changeJob(graph: GraphDocument, state: ScenarioFormState, index: number, job: string): ScenarioFormState {
  return { ...state, jobs: state.jobs.map((row, i) => (i === index ? { ...row, job, tasks: defaultTasks(graph, job) } : row)) };
}

export type Conversion = { ok: true; scenario: Scenario } | { ok: false; message: string };

function parseAnswer(question: Question | undefined, text: string): AnswerValue {
  if (question?.type === 'boolean') return text === 'true';
  if (question?.type === 'number') return parseDecimal(text) ?? Number.NaN;
  return text;
}

function answersOf(graph: GraphDocument, values: Record<string, string>): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const [id, text] of Object.entries(values)) {
    if (text.trim() === '') continue;
    out[id] = parseAnswer(
      graph.referential.questions.find((q) => q.id === id),
      text,
    );
  }
  return out;
}

/**
 * The scenario the form describes, or what to fix first when a field is not a number. References
 * (jobs, questions, measures) are the command's to judge: canApply refuses them with its own reason.
 */
export function scenarioFromForm(graph: GraphDocument, state: ScenarioFormState): Conversion {
  const f = frEditor.scenarios.form;
  const number = (text: string, field: string): number | string => {
    const parsed = parseDecimal(text);
    return parsed === undefined ? f.invalidNumber(field) : parsed;
  };
  const year = number(state.year, f.year);
  if (typeof year === 'string') return { ok: false, message: year };
  const annualHours = number(state.annualHours, f.annualHours);
  if (typeof annualHours === 'string') return { ok: false, message: annualHours };
  let birth: number | string | undefined;
  const birthText = state.birth.trim();
  if (birthText !== '') {
    if (/^\d{4}$/.test(birthText)) birth = Number(birthText);
    else if (/^\d{4}-\d{2}-\d{2}$/.test(birthText)) birth = birthText;
    else return { ok: false, message: f.invalidBirth };
  }
  const jobs: Scenario['employee']['jobs'] = [];
  for (const [i, row] of state.jobs.entries()) {
    const share = number(row.share, f.jobShare(i + 1));
    if (typeof share === 'string') return { ok: false, message: share };
    if (!row.customTasks) {
      jobs.push({ job: row.job, share });
      continue;
    }
    const tasks: Array<{ task: string; share: number }> = [];
    for (const [task, text] of Object.entries(row.tasks)) {
      if (text.trim() === '') continue;
      const taskShare = number(text, f.taskShare(task));
      if (typeof taskShare === 'string') return { ok: false, message: taskShare };
      tasks.push({ task, share: taskShare });
    }
    jobs.push({ job: row.job, share, tasks });
  }
  const points = state.points.trim() === '' ? undefined : number(state.points, f.points);
  if (typeof points === 'string') return { ok: false, message: points };
  const employeeAnswers = answersOf(graph, state.employeeAnswers);
  const contract = {
    ...(state.start ? { start: state.start } : {}),
    ...(state.end ? { end: state.end } : {}),
    ...(state.reference !== undefined ? { reference: state.reference } : {}),
  };
  const scenario: Scenario = {
    id: state.id,
    label: state.label.trim(),
    year,
    ...(state.regulation ? { regulation: state.regulation } : {}),
    answers: answersOf(graph, state.answers),
    measures: [...state.measures],
    employee: {
      id: state.employeeId || DEFAULT_EMPLOYEE_ID,
      annualHours,
      contract,
      ...(birth !== undefined ? { birth } : {}),
      jobs,
      ...(Object.keys(employeeAnswers).length > 0 ? { answers: employeeAnswers } : {}),
    },
    expected: { factors: { ...state.expected }, ...(points !== undefined ? { points } : {}) },
  };
  return { ok: true, scenario };
}

export type Expectation = { ok: true; factors: Partial<Record<FactorCode, Verdict>>; points: number } | { ok: false; message: string };

/**
 * What the referential concludes today for a scenario: the verdict of every retained factor and the
 * points. Taken as the expected result, it freezes today's conclusions: a later edit that changes one
 * makes the scenario fail.
 */
export function currentExpectation(graph: GraphDocument, scenario: Scenario): Expectation {
  let referential: Referential | undefined;
  try {
    referential = compile(graph).referential;
    const outcome = runScenario(referential, scenario);
    if (outcome.error) return { ok: false, message: evaluationErrorMessage(outcome.error, referential) };
    const result = outcome.result!;
    const retained = new Set(referential.factors.retained);
    const factors: Partial<Record<FactorCode, Verdict>> = {};
    for (const code of FACTOR_CODES) {
      if (!retained.has(code)) continue;
      factors[code] = result.factors.find((r) => r.factor === code)?.verdict ?? 'not_exposed';
    }
    return { ok: true, factors, points: result.points.total };
  } catch (error) {
    return { ok: false, message: error instanceof EvaluationError ? evaluationErrorMessage(error, referential) : error instanceof Error ? error.message : String(error) };
  }
}
