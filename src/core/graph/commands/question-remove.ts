import type { GraphDocument } from '../schema.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

/** Removes a question from the catalogue; refused while a node still asks it. */
export interface QuestionRemoveCommand {
  type: 'question/remove';
  id: string;
}

export function canRemoveQuestion(graph: GraphDocument, command: QuestionRemoveCommand): CanApply {
  const question = graph.referential.questions.find((q) => q.id === command.id);
  if (!question) return refuse('command.question_not_found', { id: command.id });
  const count = graph.nodes.filter((n) => n.kind === 'question' && n.question === command.id).length;
  return count > 0 ? refuse('command.question_in_use', { question: question.label, count }) : OK;
}

export function removeQuestion(draft: Draft, command: QuestionRemoveCommand): void {
  const i = draft.referential.questions.findIndex((q) => q.id === command.id);
  if (i >= 0) draft.referential.questions.splice(i, 1);
}
