import type { AnswerValue, BranchCondition, DecisionNode, Question } from '../referential/schema.ts';
import { own } from '../util/own.ts';
import { answerProblem } from '../referential/references.ts';
import { EvaluationError, givenValue } from './errors.ts';
import type { PathStep } from './types.ts';

/*
 * A task's decision tree, followed from its entry to one situation. Two functions over one walk:
 * the resolver (`resolveTree`: where does it lead?) runs on the hot path and builds nothing; the tracer
 * (`traceTree`) also records each answer and measure met, for the explanation.
 */

/** What a walk reads besides the tree: the company's answers and measures, the referential's catalogue. */
export interface TreeContext {
  nodes: ReadonlyMap<string, DecisionNode>;
  questions: ReadonlyMap<string, Question>;
  measureLabels: ReadonlyMap<string, string>;
  /** Ids of the situations a walk may end on. */
  situations: ReadonlySet<string> | ReadonlyMap<string, unknown>;
  company: { answers: Readonly<Record<string, AnswerValue>>; measuresInPlace: ReadonlySet<string> };
}

export type EmployeeAnswers = Readonly<Record<string, AnswerValue>>;

/**
 * Where the answers to employee-level questions come from: `company_only` resolves what the company's
 * answers and measures decide alone (once for the whole staff), stopping at the first employee-level
 * question; `employee` follows the tree to its end with one employee's answers (none: `{}`).
 */
export type AnswerSource = { readonly kind: 'company_only' } | { readonly kind: 'employee'; readonly answers: EmployeeAnswers };

export const COMPANY_ONLY: AnswerSource = { kind: 'company_only' };

export type TreeOutcome =
  | { kind: 'situation'; situation: string }
  /** Only with `company_only`: the walk needs an employee's answer at `node`. */
  | { kind: 'employee_question'; node: string };

/**
 * Follows the tree from `entry`. Throws `EvaluationError` on a missing or invalid answer, an answer no
 * branch takes, and on a tree that names something that is neither a node nor a situation, or loops
 * (a referential that skipped the loader).
 */
export function resolveTree(ctx: TreeContext, entry: string, source: AnswerSource): TreeOutcome {
  return follow(ctx, entry, source, undefined);
}

/** The same walk, with the path taken (each answer and measure met), for the explanation. */
export function traceTree(ctx: TreeContext, entry: string, source: AnswerSource): { outcome: TreeOutcome; path: PathStep[] } {
  const path: PathStep[] = [];
  const outcome = follow(ctx, entry, source, (step) => path.push(step));
  return { outcome, path };
}

/** `resolveTree` with an employee's answers: always ends on a situation. */
export function situationFor(ctx: TreeContext, entry: string, answers: EmployeeAnswers): string {
  const outcome = follow(ctx, entry, { kind: 'employee', answers }, undefined);
  if (outcome.kind !== 'situation') throw new EvaluationError('referential_invalid', `nodes.${outcome.node}`, { problem: 'unfinished_tree', node: outcome.node });
  return outcome.situation;
}

function follow(ctx: TreeContext, entry: string, source: AnswerSource, record: ((step: PathStep) => void) | undefined): TreeOutcome {
  let current = entry;
  // Cycles were refused by the loader; the step bound still guarantees termination on a referential built in code.
  for (let steps = 0; steps <= ctx.nodes.size; steps++) {
    const node = ctx.nodes.get(current);
    if (node === undefined) {
      if (ctx.situations.has(current)) return { kind: 'situation', situation: current };
      throw new EvaluationError('referential_invalid', `nodes.${current}`, { problem: 'dangling', node: current });
    }
    if (node.kind === 'measure') {
      const applied = ctx.company.measuresInPlace.has(node.measure);
      record?.({ node: node.id, kind: 'measure', measure: node.measure, label: ctx.measureLabels.get(node.measure) ?? node.measure, applied });
      current = applied ? node.applied : node.notApplied;
      continue;
    }
    const question = ctx.questions.get(node.question);
    if (question === undefined) throw new EvaluationError('referential_invalid', `nodes.${node.id}`, { problem: 'unknown_question', node: node.id, question: node.question });
    let answer: AnswerValue | undefined;
    if (question.scope === 'company') {
      answer = own(ctx.company.answers, question.id);
      if (answer === undefined) throw new EvaluationError('answer_missing', `answers.${question.id}`, { question: question.id, scope: 'company' });
    } else {
      if (source.kind === 'company_only') return { kind: 'employee_question', node: node.id };
      answer = own(source.answers, question.id);
      if (answer === undefined) throw new EvaluationError('answer_missing', `answers.${question.id}`, { question: question.id, scope: 'employee' });
    }
    checkAnswer(question, answer, `answers.${question.id}`);
    // A plain loop: this runs per employee for employee-level questions and must not allocate.
    let next: string | undefined;
    for (const b of node.branches) {
      if (branchMatches(b.when, answer)) {
        next = b.next;
        break;
      }
    }
    if (next === undefined) throw new EvaluationError('no_branch', `answers.${question.id}`, { question: question.id, answer, node: node.id });
    record?.({ node: node.id, kind: 'question', question: question.id, label: question.label, answer, source: question.scope });
    current = next;
  }
  throw new EvaluationError('referential_invalid', `nodes.${current}`, { problem: 'loop', node: current });
}

/** Throws `answer_invalid` when the answer is not one the question takes (the loader's own check, `answerProblem`). */
export function checkAnswer(question: Question, answer: AnswerValue, field: string): void {
  const expected = answerProblem(question, answer);
  if (expected) throw new EvaluationError('answer_invalid', field, { question: question.id, given: givenValue(answer), expected });
}

export function branchMatches(when: BranchCondition, answer: AnswerValue): boolean {
  if ('is' in when) return answer === when.is;
  if ('oneOf' in when) return typeof answer === 'string' && when.oneOf.indexOf(answer) >= 0;
  if (typeof answer !== 'number') return false;
  return (when.min === undefined || answer >= when.min) && (when.max === undefined || answer < when.max);
}
