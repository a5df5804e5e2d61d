import { resolveRegulation } from '../regulation/index.ts';
import type { PathSegment } from '../util/path.ts';
import type { AnswerValue, Question, Referential } from './schema.ts';

/*
 * References that the schema cannot check and the evaluator would only trip over later: a choice id
 * listed twice in one question, and the reference cases (scenarios) naming jobs, tasks, measures or
 * questions the referential does not have, or giving answers its questions do not accept. One
 * computation, two policies: the checker's structure rules report them (rules/structure.ts), and the
 * loader, which runs those rules, refuses the file.
 */

/**
 * What an answer to a question must be, when a given value is not acceptable: yes/no, one of the
 * choices (`choices`: their ids, quoted), a number in the question's unit, or a number on the right side
 * of a bound. Flat, so that it travels in a finding's or an issue's parameters.
 */
export type AnswerExpectation =
  | { expects: 'boolean' }
  | { expects: 'choice'; choices: string }
  | { expects: 'number'; unit: string }
  | { expects: 'number_min' | 'number_max'; unit: string; bound: number };

export type ReferenceProblem =
  | { kind: 'duplicate_choice'; path: PathSegment[]; question: string; choice: string }
  | { kind: 'scenario_regulation'; path: PathSegment[]; scenario: string; regulation: string }
  | { kind: 'scenario_unknown_question'; path: PathSegment[]; scenario: string; question: string }
  | { kind: 'scenario_question_scope'; path: PathSegment[]; scenario: string; question: string; scope: Question['scope'] }
  | ({ kind: 'scenario_invalid_answer'; path: PathSegment[]; scenario: string; question: string; answer: string } & AnswerExpectation)
  | { kind: 'scenario_unknown_measure'; path: PathSegment[]; scenario: string; measure: string }
  | { kind: 'scenario_unknown_job'; path: PathSegment[]; scenario: string; job: string }
  | { kind: 'scenario_unknown_task'; path: PathSegment[]; scenario: string; job: string; task: string };

/**
 * What an answer to this question must be, when `value` is not acceptable; `undefined` when it is.
 *
 * @example answerProblem({ type: 'boolean', … }, 'oui') // { expects: 'boolean' }
 */
export function answerProblem(q: Question, value: AnswerValue): AnswerExpectation | undefined {
  switch (q.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { expects: 'boolean' };
    case 'choice':
      return typeof value === 'string' && hasChoice(q.choices, value) ? undefined : { expects: 'choice', choices: q.choices.map((c) => c.id).join(', ') };
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { expects: 'number', unit: q.unit };
      if (q.min !== undefined && value < q.min) return { expects: 'number_min', unit: q.unit, bound: q.min };
      if (q.max !== undefined && value > q.max) return { expects: 'number_max', unit: q.unit, bound: q.max };
      return undefined;
  }
}

// A plain loop: the evaluator asks this for every employee-level answer, and it must not allocate.
function hasChoice(choices: ReadonlyArray<{ id: string }>, answer: string): boolean {
  for (const c of choices) if (c.id === answer) return true;
  return false;
}

/** Choice ids listed twice, then every broken reference of every scenario, in document order. */
export function referenceProblems(r: Referential): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  r.questions.forEach((q, i) => {
    if (q.type !== 'choice') return;
    const seen = new Set<string>();
    q.choices.forEach((c, k) => {
      if (seen.has(c.id)) problems.push({ kind: 'duplicate_choice', path: ['questions', i, 'choices', k, 'id'], question: q.label, choice: c.id });
      seen.add(c.id);
    });
  });

  // Maps, never plain objects: an id such as `constructor` must not find Object.prototype's.
  const questions = new Map(r.questions.map((q) => [q.id, q]));
  const measures = new Set(r.measures.map((m) => m.id));
  const jobs = new Map(r.jobs.map((j) => [j.id, new Set(j.tasks.map((t) => t.id))]));
  r.scenarios.forEach((s, i) => {
    const at = (...rest: PathSegment[]): PathSegment[] => ['scenarios', i, ...rest];
    const scenario = s.label;
    if (s.regulation !== undefined && !resolveRegulation(s.regulation)) problems.push({ kind: 'scenario_regulation', path: at('regulation'), scenario, regulation: s.regulation });
    const answers = (values: Record<string, AnswerValue>, scope: Question['scope'], base: PathSegment[]) => {
      for (const [id, value] of Object.entries(values)) {
        const q = questions.get(id);
        const path = [...base, id];
        if (!q) problems.push({ kind: 'scenario_unknown_question', path, scenario, question: id });
        else if (q.scope !== scope) problems.push({ kind: 'scenario_question_scope', path, scenario, question: q.label, scope: q.scope });
        else {
          const expected = answerProblem(q, value);
          if (expected) problems.push({ kind: 'scenario_invalid_answer', path, scenario, question: q.label, answer: JSON.stringify(value), ...expected });
        }
      }
    };
    answers(s.answers, 'company', at('answers'));
    s.measures.forEach((m, k) => {
      if (!measures.has(m)) problems.push({ kind: 'scenario_unknown_measure', path: at('measures', k), scenario, measure: m });
    });
    s.employee.jobs.forEach((mj, k) => {
      const tasks = jobs.get(mj.job);
      if (!tasks) return void problems.push({ kind: 'scenario_unknown_job', path: at('employee', 'jobs', k, 'job'), scenario, job: mj.job });
      mj.tasks?.forEach((mt, x) => {
        if (!tasks.has(mt.task)) problems.push({ kind: 'scenario_unknown_task', path: at('employee', 'jobs', k, 'tasks', x, 'task'), scenario, job: mj.job, task: mt.task });
      });
    });
    if (s.employee.answers) answers(s.employee.answers, 'employee', at('employee', 'answers'));
  });
  return problems;
}
