import { QuestionSchema, type Question } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { canReplaceEntry, checkSchema, replaceById } from './catalogue.ts';
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
  return canReplaceEntry(graph.referential.questions, command.id, command.question, 'command.question_not_found', () => fitsBranches(graph, command.question));
}

/** The question still fits the branches of the nodes that ask it: same type, every named choice kept. */
function fitsBranches(graph: GraphDocument, q: Question): CanApply {
  const valid = checkSchema(QuestionSchema, q, 'question');
  if (!valid.ok) return valid;
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
  replaceById(draft.referential.questions, command.id, command.question);
}
