import { QuestionSchema, type Question } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { schemaRefusal } from './catalogue.ts';
import { answerKeys, conditionFits, conditionKeys } from './queries.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/**
 * Replaces a catalogue question (same id). Refused when the graph's branches would stop fitting it:
 * another type than their conditions, or a removed choice that a branch still names.
 */
export interface QuestionUpdateCommand {
  type: 'question/update';
  id: string;
  question: Question;
}

export function canUpdateQuestion(graph: GraphDocument, command: QuestionUpdateCommand): CanApply {
  if (!graph.referential.questions.some((q) => q.id === command.id)) return refuse('command.question_not_found', { id: command.id });
  if (command.question.id !== command.id) return refuse('command.id_change');
  const parsed = QuestionSchema.safeParse(command.question);
  if (!parsed.success) return schemaRefusal(parsed.error, 'critère');
  const q = command.question;
  const askers = new Set(graph.nodes.flatMap((n) => (n.kind === 'question' && n.question === q.id ? [n.id] : [])));
  const answers = new Set(answerKeys(q));
  for (const edge of graph.edges) {
    if (edge.kind !== 'branch' || !askers.has(edge.source)) continue;
    if (!conditionFits(q, edge.when)) return refuse('structure.branch_type', { question: q.label, type: q.type });
    const unknown = q.type === 'number' ? undefined : conditionKeys(edge.when).find((k) => !answers.has(k));
    if (unknown !== undefined) return refuse('structure.unknown_answer', { question: q.label, answer: unknown, choices: [...answers].join(', ') });
  }
  return OK;
}

export function updateQuestion(draft: Draft, command: QuestionUpdateCommand): void {
  const i = draft.referential.questions.findIndex((q) => q.id === command.id);
  if (i >= 0) draft.referential.questions[i] = command.question;
}
