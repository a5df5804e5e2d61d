import { resolveRegulation } from '../regulation/index.ts';
import type { PathSegment } from '../util/path.ts';
import { issue, type LoadIssue } from './issue.ts';
import type { AnswerValue, Question, Referential } from './schema.ts';

/*
 * References that the schema cannot check and the evaluator would only trip over later: a choice id
 * listed twice in one question, and the reference cases (scenarios) naming jobs, tasks, measures or
 * questions the referential does not have, or giving answers its questions do not accept. One
 * computation, two policies: the loader refuses the file (located issues), the consistency checker
 * reports findings with what to do.
 */

export type ReferenceProblem =
  | { kind: 'duplicate_choice'; path: PathSegment[]; question: string; choice: string }
  | { kind: 'scenario_regulation'; path: PathSegment[]; scenario: string; regulation: string }
  | { kind: 'scenario_unknown_question'; path: PathSegment[]; scenario: string; question: string }
  | { kind: 'scenario_question_scope'; path: PathSegment[]; scenario: string; question: string; scope: Question['scope'] }
  | { kind: 'scenario_invalid_answer'; path: PathSegment[]; scenario: string; question: string; answer: string; expected: string }
  | { kind: 'scenario_unknown_measure'; path: PathSegment[]; scenario: string; measure: string }
  | { kind: 'scenario_unknown_job'; path: PathSegment[]; scenario: string; job: string }
  | { kind: 'scenario_unknown_task'; path: PathSegment[]; scenario: string; job: string; task: string };

/**
 * What an answer to this question must be, when `value` is not acceptable (French, for messages);
 * `undefined` when it is.
 *
 * @example answerProblem({ type: 'boolean', … }, 'oui') // 'true ou false'
 */
export function answerProblem(q: Question, value: AnswerValue): string | undefined {
  switch (q.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true ou false';
    case 'choice':
      return typeof value === 'string' && q.choices.some((c) => c.id === value) ? undefined : `l’un de ${q.choices.map((c) => JSON.stringify(c.id)).join(', ')}`;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `un nombre (${q.unit})`;
      if (q.min !== undefined && value < q.min) return `un nombre ≥ ${q.min} ${q.unit}`;
      if (q.max !== undefined && value > q.max) return `un nombre ≤ ${q.max} ${q.unit}`;
      return undefined;
  }
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
          if (expected) problems.push({ kind: 'scenario_invalid_answer', path, scenario, question: q.label, answer: JSON.stringify(value), expected });
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

const SCOPES: Record<Question['scope'], string> = { company: 'de l’entreprise', employee: 'individuel' };

/** The loader's French sentence for a problem (the checker has its own, with what to do, in its catalogue). */
export function referenceMessage(p: ReferenceProblem): string {
  switch (p.kind) {
    case 'duplicate_choice':
      return `Réponse « ${p.choice} » listée deux fois dans les choix du critère « ${p.question} »`;
    case 'scenario_regulation':
      return `Scénario « ${p.scenario} » : version réglementaire inconnue « ${p.regulation} »`;
    case 'scenario_unknown_question':
      return `Scénario « ${p.scenario} » : critère inconnu « ${p.question} »`;
    case 'scenario_question_scope':
      return `Scénario « ${p.scenario} » : le critère « ${p.question} » est ${SCOPES[p.scope]} ; sa réponse va ${p.scope === 'company' ? 'dans answers du scénario' : 'dans employee.answers'}`;
    case 'scenario_invalid_answer':
      return `Scénario « ${p.scenario} » : réponse ${p.answer} invalide au critère « ${p.question} » : ${p.expected} attendu`;
    case 'scenario_unknown_measure':
      return `Scénario « ${p.scenario} » : mesure de prévention inconnue « ${p.measure} »`;
    case 'scenario_unknown_job':
      return `Scénario « ${p.scenario} » : poste inconnu « ${p.job} »`;
    case 'scenario_unknown_task':
      return `Scénario « ${p.scenario} » : tâche « ${p.task} » inconnue pour le poste « ${p.job} »`;
  }
}

/** The loader's policy: every problem is a located issue that refuses the file. */
export function referenceIssues(r: Referential): LoadIssue[] {
  return referenceProblems(r).map((p) => issue(`ref.${p.kind}`, p.path, referenceMessage(p)));
}
