import type { CommentRefusalCode } from '../../comments/threads.ts';
import type { RuleCode } from '../../check/codes.ts';

/**
 * Refusals that only an editor command can meet (the checker never sees such a graph). Every other
 * refusal reuses a rule code of the checker, so the canvas and the checker say the same thing. Their
 * French messages are written by the presentation layer (`src/present/commands.ts`), one per code.
 */
export const COMMAND_CODES = [
  'command.node_not_found',
  'command.edge_not_found',
  'command.question_not_found',
  'command.measure_not_found',
  'command.invalid_id',
  'command.self_loop',
  'command.field_not_allowed',
  'command.invalid_value',
  'command.share_range',
  'command.question_in_use',
  'command.measure_in_use',
  'command.id_change',
  'command.all_answers_covered',
  'command.measure_branches_full',
  'command.not_collapsible',
  'command.nothing_to_paste',
  'command.paste_id_missing',
  'command.empty',
  'command.other_referential',
  'command.scenario_not_found',
  'command.scenario_unknown_job',
  'command.scenario_unknown_task',
  'command.scenario_task_not_in_job',
  'command.scenario_unknown_question',
  'command.scenario_answer_scope',
  'command.scenario_answer_invalid',
  'command.scenario_unknown_measure',
] as const;

/** A refusal only an editor command can meet. */
export type CommandCode = (typeof COMMAND_CODES)[number];

/** A refusal whose message the editor's or the checker's catalogue gives. */
export type CataloguedRefusalCode = CommandCode | RuleCode;

/** Every code a command can be refused with: catalogued ones, or a comment command's (which carries its message). */
export type RefusalCode = CataloguedRefusalCode | CommentRefusalCode;

/**
 * The fields a `command.invalid_value` or `command.field_not_allowed` refusal can name: a node's or an
 * edge's field, or a part of the referential a command replaces.
 */
export type CommandField =
  | 'label'
  | 'description'
  | 'exposures'
  | 'question'
  | 'measure'
  | 'text'
  | 'members'
  | 'share'
  | 'when'
  | 'applied'
  | 'target'
  | 'position'
  | 'range'
  | 'condition'
  | 'factors'
  | 'identity'
  | 'workingYear'
  | 'particularlyExposed'
  | 'scenario'
  | 'graph';

/**
 * Why a value is refused (`command.invalid_value`): the schema's own message (`detail`, worded by the
 * Zod schema on purpose), or one of the commands' own reasons.
 */
export type InvalidValueReason = 'schema' | 'required' | 'not_numeric' | 'empty_range' | 'no_answer' | 'factor_twice';
