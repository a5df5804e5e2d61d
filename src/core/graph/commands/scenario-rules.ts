import { answerProblem } from '../../referential/references.ts';
import { ScenarioSchema, type AnswerValue, type Question, type Scenario } from '../../referential/schema.ts';
import { regulationById } from '../../regulation/index.ts';
import type { GraphDocument } from '../schema.ts';
import { schemaRefusal } from './catalogue.ts';
import { OK, refuse, type CanApply } from './types.ts';

/**
 * What a scenario may refer to, shared by scenario/add and scenario/update: the jobs and tasks of the
 * logigramme, the catalogue's questions (company ones among the company answers, employee ones among
 * the employee's) and measures, a known regulation version. The evaluator would stop on each of these
 * at run time; refusing them here says why while the form is still open.
 */
export function checkScenario(graph: GraphDocument, scenario: Scenario): CanApply {
  const parsed = ScenarioSchema.safeParse(scenario);
  if (!parsed.success) return schemaRefusal(parsed.error, 'scenario');
  const label = scenario.label;
  if (scenario.regulation !== undefined && !regulationById(scenario.regulation)) return refuse('regulation.unknown_version', { regulation: scenario.regulation });
  const measures = new Set(graph.referential.measures.map((m) => m.id));
  for (const measure of scenario.measures) {
    if (!measures.has(measure)) return refuse('command.scenario_unknown_measure', { scenario: label, measure });
  }
  const answers = checkAnswers(graph, label, scenario.answers, 'company');
  if (!answers.ok) return answers;
  const employeeAnswers = checkAnswers(graph, label, scenario.employee.answers ?? {}, 'employee');
  if (!employeeAnswers.ok) return employeeAnswers;
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind] as const));
  for (const mission of scenario.employee.jobs) {
    if (kinds.get(mission.job) !== 'job') return refuse('command.scenario_unknown_job', { scenario: label, job: mission.job });
    const own = new Set(graph.edges.flatMap((e) => (e.kind === 'weighting' && e.source === mission.job ? [e.target] : [])));
    for (const { task } of mission.tasks ?? []) {
      if (kinds.get(task) !== 'task') return refuse('command.scenario_unknown_task', { scenario: label, task });
      if (!own.has(task)) return refuse('command.scenario_task_not_in_job', { scenario: label, task, job: mission.job });
    }
  }
  return OK;
}

function checkAnswers(graph: GraphDocument, label: string, answers: Record<string, AnswerValue>, scope: Question['scope']): CanApply {
  for (const [key, value] of Object.entries(answers)) {
    const question = graph.referential.questions.find((q) => q.id === key);
    if (!question) return refuse('command.scenario_unknown_question', { scenario: label, question: key });
    if (question.scope !== scope) return refuse('command.scenario_answer_scope', { question: question.label, scope: question.scope });
    const expected = answerProblem(question, value);
    if (expected !== undefined) return refuse('command.scenario_answer_invalid', { question: question.label, answer: String(value), ...expected });
  }
  return OK;
}
