import type { GraphDocument } from '../schema.ts';
import { canRemoveUsedEntry, removeById } from './catalogue.ts';
import type { CanApply, Draft } from './types.ts';

/** Removes a question from the catalogue; refused while a node still asks it. */
export interface QuestionRemoveCommand {
  type: 'question/remove';
  id: string;
}

export function canRemoveQuestion(graph: GraphDocument, command: QuestionRemoveCommand): CanApply {
  return canRemoveUsedEntry(graph, 'question', command.id);
}

export function removeQuestion(draft: Draft, command: QuestionRemoveCommand): void {
  removeById(draft.referential.questions, command.id);
}
