import { QuestionSchema, type Question } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { schemaRefusal } from './catalogue.ts';
import { elementIds } from './queries.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/** Adds a question (decision criterion) to the referential's catalogue. */
export interface QuestionAddCommand {
  type: 'question/add';
  question: Question;
}

export function canAddQuestion(graph: GraphDocument, command: QuestionAddCommand): CanApply {
  const parsed = QuestionSchema.safeParse(command.question);
  if (!parsed.success) return schemaRefusal(parsed.error, 'critère');
  return elementIds(graph).has(command.question.id) ? refuse('structure.duplicate_id', { id: command.question.id }) : OK;
}

export function addQuestion(draft: Draft, command: QuestionAddCommand): void {
  draft.referential.questions.push(command.question);
}
