import type { CommentRefusalCode } from '../../comments/threads.ts';
import { isRuleCode, ruleMessage, type FindingParams, type RuleCode } from '../../check/codes.ts';
import type { GraphEdge, GraphNodeKind } from '../schema.ts';

type Params = FindingParams;

/** French names of node kinds, for refusal messages (the glossary's words). */
export const NODE_KIND_NAMES: Record<GraphNodeKind, string> = {
  job: 'poste',
  task: 'tâche',
  question: 'critère',
  measure: 'mesure de prévention',
  situation: 'situation d’exposition',
  note: 'note',
  group: 'groupe',
};

export const EDGE_KIND_NAMES: Record<GraphEdge['kind'], string> = {
  weighting: 'pondération',
  entry: 'entrée',
  branch: 'branche',
  measure: 'mesure',
};

/**
 * Refusals that only an editor command can meet (the checker never sees such a graph). Every other
 * refusal reuses a rule of the checker's catalogue, so the canvas and the checker say the same thing.
 */
const COMMAND_MESSAGES = {
  'command.node_not_found': (p) => `Le nœud « ${p.id} » n’existe pas (ou plus) : rien à modifier.`,
  'command.edge_not_found': (p) => `La liaison « ${p.id} » n’existe pas (ou plus) : rien à modifier.`,
  'command.question_not_found': (p) => `Le critère « ${p.id} » n’existe pas dans le catalogue.`,
  'command.measure_not_found': (p) => `La mesure de prévention « ${p.id} » n’existe pas dans le catalogue.`,
  'command.invalid_id': (p) => `Identifiant « ${p.id} » invalide : lettres, chiffres, « _ », « . » ou « - », sans espace.`,
  'command.self_loop': () => 'Un nœud ne peut pas être relié à lui-même.',
  'command.field_not_allowed': (p) => `Un nœud ${p.kind} n’a pas de champ « ${p.field} ».`,
  'command.invalid_value': (p) => `Valeur refusée pour « ${p.field} » : ${p.detail}`,
  'command.share_range': (p) => `Pondération de ${p.share} % impossible : une part du temps est comprise entre 0 et 100 %.`,
  'command.question_in_use': (p) => `Le critère « ${p.question} » est posé par ${p.count} nœud(s) du logigramme : supprimez ou modifiez d’abord ces nœuds.`,
  'command.measure_in_use': (p) => `La mesure « ${p.measure} » est testée par ${p.count} nœud(s) du logigramme : supprimez ou modifiez d’abord ces nœuds.`,
  'command.id_change': () => 'L’identifiant d’un élément du catalogue ne se modifie pas : créez-en un nouveau.',
  'command.all_answers_covered': (p) => `Toutes les réponses au critère « ${p.question} » ont déjà leur branche : modifiez une branche existante plutôt que d’en ajouter une.`,
  'command.measure_branches_full': () => 'Les deux branches « mesure appliquée » et « mesure non appliquée » sont déjà reliées.',
  'command.not_collapsible': (p) => `« ${p.node} » n’a pas de suite à replier.`,
  'command.nothing_to_paste': () => 'Le presse-papiers est vide.',
  'command.paste_id_missing': (p) => `Aucun nouvel identifiant fourni pour « ${p.id} ».`,
  'command.empty': () => 'Aucun élément désigné.',
  'command.other_referential': (p) => `Ce logigramme est celui du référentiel « ${p.id} », pas de « ${p.current} » : rien n’est remplacé.`,
  'command.scenario_not_found': (p) => `Le scénario « ${p.id} » n’existe pas (ou plus) : rien à modifier.`,
  'command.scenario_unknown_job': (p) => `Le scénario « ${p.scenario} » cite le poste « ${p.job} », qui n’existe pas dans le logigramme.`,
  'command.scenario_unknown_task': (p) => `Le scénario « ${p.scenario} » cite la tâche « ${p.task} », qui n’existe pas dans le logigramme.`,
  'command.scenario_task_not_in_job': (p) => `Le scénario « ${p.scenario} » répartit le temps du poste « ${p.job} » sur la tâche « ${p.task} », qui n’est pas une tâche de ce poste.`,
  'command.scenario_unknown_question': (p) => `Le scénario « ${p.scenario} » répond au critère « ${p.question} », qui n’existe pas dans le catalogue.`,
  'command.scenario_answer_scope': (p) =>
    p.scope === 'employee'
      ? `Le critère « ${p.question} » se renseigne par salarié : sa réponse va parmi celles du salarié, pas de l’entreprise.`
      : `Le critère « ${p.question} » se renseigne pour l’entreprise : sa réponse va parmi celles de l’entreprise, pas du salarié.`,
  'command.scenario_answer_invalid': (p) => `Réponse « ${p.answer} » invalide au critère « ${p.question} » : ${p.expected} attendu.`,
  'command.scenario_unknown_measure': (p) => `Le scénario « ${p.scenario} » cite la mesure de prévention « ${p.measure} », qui n’existe pas dans le catalogue.`,
} as const satisfies Record<string, (p: Params) => string>;

/** A refusal only an editor command can meet. */
export type CommandCode = keyof typeof COMMAND_MESSAGES;

/** A refusal whose message the editor's or the checker's catalogue gives. */
export type CataloguedRefusalCode = CommandCode | RuleCode;

/** Every code a command can be refused with: catalogued ones, or a comment command's (which carries its message). */
export type RefusalCode = CataloguedRefusalCode | CommentRefusalCode;

/** The French message of a refusal code: the editor's own catalogue, then the checker's. */
export function commandMessage(code: CataloguedRefusalCode, params: Params): string {
  return isRuleCode(code) ? ruleMessage(code, params) : COMMAND_MESSAGES[code](params);
}
