import { isRuleCode, type CommandCode, type CommandField, type FindingParams, type InvalidValueReason, type Refusal } from '../core/index.ts';
import { commentRefusalsMessage } from './comments.ts';
import { findingMessage } from './findings.ts';
import { edgeKind, expectedText, nodeKind } from './rules.ts';
import { formatNumber, plural } from './fr.ts';

/*
 * The French messages of the editor commands' refusals. A refusal carries its code and parameters
 * (ids, labels, kinds, figures as numbers); this writes what the canvas, the forms and the history say,
 * with every figure through the one French formatter. Refusals that reuse a checker rule are worded by
 * the rule's message, so the canvas and the checker say the same thing.
 */

type Params = FindingParams;

const FIELD_NAMES: Record<CommandField, string> = {
  label: 'libellé',
  description: 'description',
  exposures: 'expositions',
  question: 'critère',
  measure: 'mesure de prévention',
  text: 'texte',
  members: 'membres',
  share: 'part du temps',
  when: 'condition',
  applied: 'mesure appliquée',
  target: 'destination',
  position: 'position',
  range: 'intervalle',
  condition: 'condition',
  factors: 'facteurs',
  identity: 'identité',
  workingYear: 'année de travail de référence',
  particularlyExposed: 'liste des postes particulièrement exposés',
  scenario: 'scénario',
  graph: 'logigramme',
};

const field = (p: Params) => {
  const name = Object.hasOwn(FIELD_NAMES, String(p.field)) ? FIELD_NAMES[p.field as CommandField] : String(p.field);
  return p.at === undefined ? name : `${name} (${p.at})`;
};

const REASONS: Record<Exclude<InvalidValueReason, 'schema'>, (p: Params) => string> = {
  required: () => 'ce champ est obligatoire.',
  not_numeric: () => 'coordonnées non numériques.',
  empty_range: () => 'le minimum doit être inférieur au maximum.',
  no_answer: () => 'choisissez au moins une réponse.',
  factor_twice: (p) => `le facteur « ${p.factor} » est cité deux fois.`,
};

const reason = (p: Params) => {
  const r = String(p.reason ?? 'schema');
  return r !== 'schema' && Object.hasOwn(REASONS, r) ? REASONS[r as keyof typeof REASONS](p) : String(p.detail ?? '');
};

const count = (n: string | number | undefined) => plural(Number(n), 'nœud', 'nœuds', 0);

/** One message per command code: a code of `COMMAND_CODES` missing here, or one not there, does not compile. */
const COMMAND_MESSAGES = {
  'command.node_not_found': (p) => `Le nœud « ${p.id} » n’existe pas (ou plus) : rien à modifier.`,
  'command.edge_not_found': (p) => `La liaison « ${p.id} » n’existe pas (ou plus) : rien à modifier.`,
  'command.question_not_found': (p) => `Le critère « ${p.id} » n’existe pas dans le catalogue.`,
  'command.measure_not_found': (p) => `La mesure de prévention « ${p.id} » n’existe pas dans le catalogue.`,
  'command.invalid_id': (p) => `Identifiant « ${p.id} » invalide : lettres, chiffres, « _ », « . » ou « - », sans espace.`,
  'command.self_loop': () => 'Un nœud ne peut pas être relié à lui-même.',
  'command.field_not_allowed': (p) =>
    p.element === 'edge' ? `Une liaison « ${edgeKind(p.kind)} » n’a pas de champ « ${field(p)} ».` : `Un nœud ${nodeKind(p.kind)} n’a pas de champ « ${field(p)} ».`,
  'command.invalid_value': (p) => `Valeur refusée pour « ${field(p)} » : ${reason(p)}`,
  'command.share_range': (p) => `Pondération de ${typeof p.share === 'number' ? formatNumber(p.share, 4) : p.share} % impossible : une part du temps est comprise entre 0 et 100 %.`,
  'command.question_in_use': (p) => `Le critère « ${p.question} » est posé par ${count(p.count)} du logigramme : supprimez ou modifiez d’abord ces nœuds.`,
  'command.measure_in_use': (p) => `La mesure « ${p.measure} » est testée par ${count(p.count)} du logigramme : supprimez ou modifiez d’abord ces nœuds.`,
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
  'command.scenario_answer_invalid': (p) => `Réponse « ${p.answer} » invalide au critère « ${p.question} » : ${expectedText(p)} attendu.`,
  'command.scenario_unknown_measure': (p) => `Le scénario « ${p.scenario} » cite la mesure de prévention « ${p.measure} », qui n’existe pas dans le catalogue.`,
} as const satisfies Record<CommandCode, (p: Params) => string>;

/**
 * A refusal's French message: the editor's own catalogue, the checker's for a refusal that reuses one
 * of its rules, or the comments' for a comment command's refusals.
 */
export function refusalMessage(refusal: Refusal): string {
  if ('refusals' in refusal) return commentRefusalsMessage(refusal.refusals);
  const { code, params } = refusal;
  return isRuleCode(code) ? findingMessage({ code, params }) : COMMAND_MESSAGES[code](params);
}
