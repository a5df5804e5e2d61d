import { QuestionSchema, type Question } from '../../referential/schema.ts';
import type { GraphDocument } from '../schema.ts';
import { canAddEntry, checkSchema } from './catalogue.ts';
import type { CanApply, Draft } from './types.ts';

/** Adds a question (decision criterion) to the referential's catalogue. */
export interface QuestionAddCommand {
  type: 'question/add';
  question: Question;
}

export function canAddQuestion(graph: GraphDocument, command: QuestionAddCommand): CanApply {
  return canAddEntry(graph, command.question, () => checkSchema(QuestionSchema, command.question, 'question'));
}

export function addQuestion(draft: Draft, command: QuestionAddCommand): void {
  draft.referential.questions.push(command.question);
}
