import type { GraphDocument, GraphEdge } from '../schema.ts';
import { addEdge, canAddEdge, type EdgeAddCommand } from './edge-add.ts';
import { canRemoveEdges, removeEdges, type EdgeRemoveCommand } from './edge-remove.ts';
import { canUpdateEdge, updateEdge, type EdgeUpdateCommand } from './edge-update.ts';
import { canRenameId, renameId, type IdRenameCommand } from './id-rename.ts';
import { applyLayout, canApplyLayout, type LayoutApplyCommand } from './layout-apply.ts';
import { addMeasure, canAddMeasure, type MeasureAddCommand } from './measure-add.ts';
import { canRemoveMeasure, removeMeasure, type MeasureRemoveCommand } from './measure-remove.ts';
import { canUpdateMeasure, updateMeasure, type MeasureUpdateCommand } from './measure-update.ts';
import { addNode, canAddNode, type NodeAddCommand } from './node-add.ts';
import { canCollapse, collapseNode, type NodeCollapseCommand } from './node-collapse.ts';
import { canMoveNodes, moveNodes, type NodeMoveCommand } from './node-move.ts';
import { canRemoveNodes, removeNodes, type NodeRemoveCommand } from './node-remove.ts';
import { canRemoveSubtree, removeSubtree, type NodeRemoveSubtreeCommand } from './node-remove-subtree.ts';
import { canUpdateNode, updateNode, type NodeUpdateCommand } from './node-update.ts';
import { canPaste, paste, type NodesPasteCommand } from './nodes-paste.ts';
import { defaultBranchCondition, edgeForConnection, nodeById, nodeLabel } from './queries.ts';
import { addQuestion, canAddQuestion, type QuestionAddCommand } from './question-add.ts';
import { canRemoveQuestion, removeQuestion, type QuestionRemoveCommand } from './question-remove.ts';
import { canUpdateQuestion, updateQuestion, type QuestionUpdateCommand } from './question-update.ts';
import { canUpdateReferential, updateReferential, type ReferentialUpdateCommand } from './referential-update.ts';
import { addScenario, canAddScenario, type ScenarioAddCommand } from './scenario-add.ts';
import { canRemoveScenario, removeScenario, type ScenarioRemoveCommand } from './scenario-remove.ts';
import { canUpdateScenario, updateScenario, type ScenarioUpdateCommand } from './scenario-update.ts';
import { applyComment, canApplyComment, type CommentCommand } from './comments.ts';
import { canReplaceGraph, replaceGraph, type GraphReplaceCommand } from './graph-replace.ts';
import { refuse, type CanApply, type Draft, type Refusal } from './types.ts';

/**
 * The editor's commands: a closed union, applied by one exhaustive switch. Each command is a pure
 * function mutating a draft of the graph (the UI passes an Immer draft and keeps the patches for undo);
 * `canApply` says beforehand whether it may run, and why not, in the checker's words.
 *
 * @example
 * const command: GraphCommand = { type: 'node/add', node: { id: 'poste-1', kind: 'job', label: 'Soudeur' }, position: { x: 0, y: 0 } };
 * if (canApply(graph, command).ok) [next, patches, inverse] = produceWithPatches(graph, (d) => applyCommand(d, command));
 */
export type GraphCommand =
  | NodeAddCommand
  | NodeRemoveCommand
  | NodeRemoveSubtreeCommand
  | NodeUpdateCommand
  | NodeMoveCommand
  | NodeCollapseCommand
  | EdgeAddCommand
  | EdgeRemoveCommand
  | EdgeUpdateCommand
  | QuestionAddCommand
  | QuestionUpdateCommand
  | QuestionRemoveCommand
  | MeasureAddCommand
  | MeasureUpdateCommand
  | MeasureRemoveCommand
  | ReferentialUpdateCommand
  | ScenarioAddCommand
  | ScenarioUpdateCommand
  | ScenarioRemoveCommand
  | LayoutApplyCommand
  | NodesPasteCommand
  | IdRenameCommand
  | CommentCommand
  | GraphReplaceCommand;

export type GraphCommandType = GraphCommand['type'];

export function applyCommand(draft: Draft, command: GraphCommand): void {
  switch (command.type) {
    case 'node/add':
      return addNode(draft, command);
    case 'node/remove':
      return removeNodes(draft, command);
    case 'node/remove-subtree':
      return removeSubtree(draft, command);
    case 'node/update':
      return updateNode(draft, command);
    case 'node/move':
      return moveNodes(draft, command);
    case 'node/collapse':
      return collapseNode(draft, command);
    case 'edge/add':
      return addEdge(draft, command);
    case 'edge/remove':
      return removeEdges(draft, command);
    case 'edge/update':
      return updateEdge(draft, command);
    case 'question/add':
      return addQuestion(draft, command);
    case 'question/update':
      return updateQuestion(draft, command);
    case 'question/remove':
      return removeQuestion(draft, command);
    case 'measure/add':
      return addMeasure(draft, command);
    case 'measure/update':
      return updateMeasure(draft, command);
    case 'measure/remove':
      return removeMeasure(draft, command);
    case 'referential/update':
      return updateReferential(draft, command);
    case 'scenario/add':
      return addScenario(draft, command);
    case 'scenario/update':
      return updateScenario(draft, command);
    case 'scenario/remove':
      return removeScenario(draft, command);
    case 'layout/apply':
      return applyLayout(draft, command);
    case 'nodes/paste':
      return paste(draft, command);
    case 'id/rename':
      return renameId(draft, command);
    case 'comment/add':
    case 'comment/reply':
    case 'comment/resolve':
    case 'comment/reopen':
    case 'comment/edit':
    case 'comments/merge':
      return applyComment(draft, command);
    case 'graph/replace':
      return replaceGraph(draft, command);
    default:
      return unreachable(command);
  }
}

export function canApply(graph: GraphDocument, command: GraphCommand): CanApply {
  switch (command.type) {
    case 'node/add':
      return canAddNode(graph, command);
    case 'node/remove':
      return canRemoveNodes(graph, command);
    case 'node/remove-subtree':
      return canRemoveSubtree(graph, command);
    case 'node/update':
      return canUpdateNode(graph, command);
    case 'node/move':
      return canMoveNodes(graph, command);
    case 'node/collapse':
      return canCollapse(graph, command);
    case 'edge/add':
      return canAddEdge(graph, command);
    case 'edge/remove':
      return canRemoveEdges(graph, command);
    case 'edge/update':
      return canUpdateEdge(graph, command);
    case 'question/add':
      return canAddQuestion(graph, command);
    case 'question/update':
      return canUpdateQuestion(graph, command);
    case 'question/remove':
      return canRemoveQuestion(graph, command);
    case 'measure/add':
      return canAddMeasure(graph, command);
    case 'measure/update':
      return canUpdateMeasure(graph, command);
    case 'measure/remove':
      return canRemoveMeasure(graph, command);
    case 'referential/update':
      return canUpdateReferential(graph, command);
    case 'scenario/add':
      return canAddScenario(graph, command);
    case 'scenario/update':
      return canUpdateScenario(graph, command);
    case 'scenario/remove':
      return canRemoveScenario(graph, command);
    case 'layout/apply':
      return canApplyLayout(graph, command);
    case 'nodes/paste':
      return canPaste(graph, command);
    case 'id/rename':
      return canRenameId(graph, command);
    case 'comment/add':
    case 'comment/reply':
    case 'comment/resolve':
    case 'comment/reopen':
    case 'comment/edit':
    case 'comments/merge':
      return canApplyComment(graph, command);
    case 'graph/replace':
      return canReplaceGraph(graph, command);
    default:
      return unreachable(command);
  }
}

function unreachable(command: never): never {
  throw new Error(`unknown command ${JSON.stringify(command)}`);
}

/**
 * A connection drawn on the canvas (or chosen from the keyboard), as the edge/add command it means, or
 * the reason it is refused.
 */
export function connectCommand(
  graph: GraphDocument,
  connection: { source: string; target: string; sourceHandle?: string | null },
  edgeId: string,
): { ok: true; command: EdgeAddCommand } | Refusal {
  const source = nodeById(graph, connection.source);
  const target = nodeById(graph, connection.target);
  if (!source) return refuse('command.node_not_found', { id: connection.source });
  if (!target) return refuse('command.node_not_found', { id: connection.target });
  if (source.kind === 'question' && defaultBranchCondition(graph, source.id) === undefined) {
    return refuse('command.all_answers_covered', { question: nodeLabel(graph, source) });
  }
  const edge: GraphEdge | undefined = edgeForConnection(graph, connection, edgeId);
  if (!edge) {
    return refuse('structure.invalid_edge', { kind: 'connection', source: source.kind, target: target.kind });
  }
  const command: EdgeAddCommand = { type: 'edge/add', edge };
  const verdict = canApply(graph, command);
  return verdict.ok ? { ok: true, command } : verdict;
}


export { OK, refuse, type CanApply, type CataloguedRefusal, type CommentCommandRefusal, type Draft, type Point, type Refusal } from './types.ts';
export { COMMAND_CODES, type CataloguedRefusalCode, type CommandCode, type CommandField, type InvalidValueReason, type RefusalCode } from './codes.ts';
export { checkEdge } from './rules.ts';
export * from './queries.ts';
export type {
  IdRenameCommand,
  EdgeAddCommand,
  EdgeRemoveCommand,
  EdgeUpdateCommand,
  LayoutApplyCommand,
  MeasureAddCommand,
  MeasureRemoveCommand,
  MeasureUpdateCommand,
  NodeAddCommand,
  NodeCollapseCommand,
  NodeMoveCommand,
  NodeRemoveCommand,
  NodeRemoveSubtreeCommand,
  NodeUpdateCommand,
  NodesPasteCommand,
  QuestionAddCommand,
  QuestionRemoveCommand,
  QuestionUpdateCommand,
  ReferentialUpdateCommand,
  ScenarioAddCommand,
  ScenarioRemoveCommand,
  ScenarioUpdateCommand,
};
export type { CommentAddCommand, CommentReplyCommand, CommentResolveCommand, CommentReopenCommand, CommentEditCommand, CommentsMergeCommand, CommentCommand } from './comments.ts';
export type { GraphReplaceCommand } from './graph-replace.ts';
export type { NodeChanges } from './node-update.ts';
export type { EdgeChanges } from './edge-update.ts';
export type { ReferentialChanges } from './referential-update.ts';
export { slugId, slugify } from './slug.ts';
