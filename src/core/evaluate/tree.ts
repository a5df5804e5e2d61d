import type { AnswerValue, BranchCondition, DecisionNode, Question } from '../referential/schema.ts';
import { own } from '../util/own.ts';
import { EvaluationError } from './errors.ts';
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
  if (outcome.kind !== 'situation') throw new EvaluationError('referential_invalid', `nodes.${outcome.node}`, 'arbre de décision inachevé');
  return outcome.situation;
}

function follow(ctx: TreeContext, entry: string, source: AnswerSource, record: ((step: PathStep) => void) | undefined): TreeOutcome {
  let current = entry;
  // Cycles were refused by the loader; the step bound still guarantees termination on a referential built in code.
  for (let steps = 0; steps <= ctx.nodes.size; steps++) {
    const node = ctx.nodes.get(current);
    if (node === undefined) {
      if (ctx.situations.has(current)) return { kind: 'situation', situation: current };
      throw new EvaluationError('referential_invalid', `nodes.${current}`, `« ${current} » ne désigne ni un nœud de décision ni une situation d’exposition`);
    }
    if (node.kind === 'measure') {
      const applied = ctx.company.measuresInPlace.has(node.measure);
      record?.({ node: node.id, kind: 'measure', measure: node.measure, label: ctx.measureLabels.get(node.measure) ?? node.measure, applied });
      current = applied ? node.applied : node.notApplied;
      continue;
    }
    const question = ctx.questions.get(node.question);
    if (question === undefined) throw new EvaluationError('referential_invalid', `nodes.${node.id}`, `critère « ${node.question} » inconnu dans ce référentiel`);
    let answer: AnswerValue | undefined;
    if (question.scope === 'company') {
      answer = own(ctx.company.answers, question.id);
      if (answer === undefined) throw new EvaluationError('answer_missing', `answers.${question.id}`, `réponse de l’entreprise manquante au critère « ${question.label} »`);
    } else {
      if (source.kind === 'company_only') return { kind: 'employee_question', node: node.id };
      answer = own(source.answers, question.id);
      if (answer === undefined) throw new EvaluationError('answer_missing', `answers.${question.id}`, `réponse manquante au critère individuel « ${question.label} »`);
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
    if (next === undefined) throw new EvaluationError('no_branch', `answers.${question.id}`, `le référentiel ne prévoit aucune branche pour la réponse « ${String(answer)} » au critère « ${question.label} » (nœud ${node.id})`);
    record?.({ node: node.id, kind: 'question', question: question.id, label: question.label, answer, source: question.scope });
    current = next;
  }
  throw new EvaluationError('referential_invalid', `nodes.${current}`, 'arbre de décision sans fin (boucle)');
}

export function checkAnswer(question: Question, answer: AnswerValue, field: string): void {
  const bad = (expected: string) => new EvaluationError('answer_invalid', field, `réponse « ${String(answer)} » invalide au critère « ${question.label} » : ${expected} attendu`);
  switch (question.type) {
    case 'boolean':
      if (typeof answer !== 'boolean') throw bad('oui ou non');
      return;
    case 'choice':
      if (typeof answer !== 'string' || !hasChoice(question.choices, answer)) throw bad(`l’un de ${question.choices.map((c) => c.id).join(', ')}`);
      return;
    case 'number':
      if (typeof answer !== 'number' || !Number.isFinite(answer)) throw bad(`un nombre (${question.unit})`);
      if (question.min !== undefined && answer < question.min) throw bad(`un nombre ≥ ${question.min} ${question.unit}`);
      if (question.max !== undefined && answer > question.max) throw bad(`un nombre ≤ ${question.max} ${question.unit}`);
      return;
  }
}

function hasChoice(choices: ReadonlyArray<{ id: string }>, answer: string): boolean {
  for (const c of choices) if (c.id === answer) return true;
  return false;
}

export function branchMatches(when: BranchCondition, answer: AnswerValue): boolean {
  if ('is' in when) return answer === when.is;
  if ('oneOf' in when) return typeof answer === 'string' && when.oneOf.indexOf(answer) >= 0;
  if (typeof answer !== 'number') return false;
  return (when.min === undefined || answer >= when.min) && (when.max === undefined || answer < when.max);
}
