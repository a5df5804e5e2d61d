import {
  REGULATION_VERSIONS,
  UNIT_LABELS,
  type FindingParams,
  type GraphEdge,
  type GraphNodeKind,
  type Quantity,
  type RuleCode,
} from '../core/index.ts';
import { missingQuantitiesText } from './quantities.ts';
import { formatNumber } from './fr.ts';

/*
 * The French messages of the checker's rules, one per rule code: what is wrong and what to do. The core
 * keeps the codes and their severity (`RULES`, src/core/check/codes.ts); findings, load issues and the
 * editor's refusals that reuse a rule are worded here. Callers pass parameters whose figures are already
 * French (`frenchParams`, findings.ts), or numbers a message formats itself.
 */

type Params = FindingParams;

const CONCLUSIONS: Record<string, string> = { exposed: 'exposé', not_exposed: 'non exposé', to_analyse: 'à analyser', no_legal_threshold: 'hors déclaration' };
const u = (unit: string | number | undefined) => (typeof unit === 'string' && Object.hasOwn(UNIT_LABELS, unit) ? UNIT_LABELS[unit as keyof typeof UNIT_LABELS] : String(unit ?? ''));
const LABELLED: Record<string, string> = { question: 'Critère', choice: 'Réponse', measure: 'Mesure de prévention', job: 'Poste', task: 'Tâche', situation: 'Situation' };
const answerName = (p: Params) => (p.type === 'boolean' ? (p.answer === 'true' ? 'oui' : 'non') : String(p.answer));

/** Why a what-if verdict flips, from its reason code and figures (`flipReason`, src/core/check/whatif.ts). */
function flipReasonText(p: Params): string {
  switch (p.reason) {
    case 'threshold_removed':
      return 'hors compte de prévention depuis le 1er octobre 2017 : aucun seuil légal';
    case 'threshold_appears':
      return `seuil de ${p.toThreshold} sous cette version`;
    case 'enters_force':
      return 'facteur entré en vigueur';
    case 'not_in_force':
      return 'facteur pas encore en vigueur';
    default:
      return `${p.fromValue} pour un seuil de ${p.fromThreshold} → ${p.toValue} pour ${p.toThreshold}`;
  }
}

/** The regulation versions a referential may target, from the regulation table (for messages). */
export const VERSION_LIST = REGULATION_VERSIONS.map((v) => v.id).join(', ');

/** French names of node kinds (the glossary's words). */
export const NODE_KIND_NAMES = {
  job: 'poste',
  task: 'tâche',
  question: 'critère',
  measure: 'mesure de prévention',
  situation: 'situation d’exposition',
  note: 'note',
  group: 'groupe',
} as const satisfies Record<GraphNodeKind, string>;

export const EDGE_KIND_NAMES = {
  weighting: 'pondération',
  entry: 'entrée',
  branch: 'branche',
  measure: 'mesure',
} as const satisfies Record<GraphEdge['kind'], string>;

/** A node kind (`job`) or an edge kind (`weighting`, `connection` for one being drawn) in French. */
export const nodeKind = (kind: string | number | undefined) => (Object.hasOwn(NODE_KIND_NAMES, String(kind)) ? NODE_KIND_NAMES[kind as GraphNodeKind] : String(kind));
export const edgeKind = (kind: string | number | undefined) => (kind === 'connection' ? 'liaison' : Object.hasOwn(EDGE_KIND_NAMES, String(kind)) ? EDGE_KIND_NAMES[kind as GraphEdge['kind']] : String(kind));

/**
 * What an answer must be, in words, from an answer expectation (`AnswerExpectation`, references.ts)
 * flattened into parameters: `expects` and, by kind, `choices`, `unit`, `bound`.
 */
export function expectedText(p: Params): string {
  const bound = typeof p.bound === 'number' ? formatNumber(p.bound, 4) : p.bound;
  switch (p.expects) {
    case 'boolean':
      return 'oui ou non';
    case 'choice':
      return `l’un des choix ${p.choices}`;
    case 'number_min':
      return `un nombre ≥ ${bound} ${p.unit}`;
    case 'number_max':
      return `un nombre ≤ ${bound} ${p.unit}`;
    default:
      return `un nombre (${p.unit})`;
  }
}

/** Every rule's message: a rule code missing here, or one the core does not know, does not compile. */
const RULE_MESSAGES = {
  // Structure of the drawing (graph only).
  'structure.dangling_edge': (p) => `Liaison vers un nœud inexistant (${p.source} → ${p.target}) : supprimez-la ou reliez-la à un nœud existant.`,
  'structure.invalid_edge': (p) => `Liaison « ${edgeKind(p.kind)} » impossible d’un nœud ${nodeKind(p.source)} vers un nœud ${nodeKind(p.target)} : un poste se relie à ses tâches, une tâche à la première décision ou situation, un critère ou une mesure à la suite de l’arbre.`,
  'structure.orphan': (p) => `« ${p.node} » n’est relié à rien : reliez-le ou supprimez-le.`,
  'structure.task_without_job': () => 'Tâche rattachée à aucun poste : reliez-la à son poste de référence avec sa pondération.',
  'structure.task_several_jobs': (p) => `Tâche rattachée à plusieurs postes (${p.jobs}) : une tâche appartient à un seul poste ; dupliquez-la pour l’autre poste.`,
  'structure.task_several_entries': (p) => `La tâche a ${p.count} points d’entrée : gardez une seule liaison vers le premier critère ou la situation.`,
  // Structure of the referential.
  'structure.measure_branch_twice': (p) => `La branche « ${p.branch === 'applied' ? 'mesure appliquée' : 'mesure non appliquée'} » est reliée deux fois : gardez une seule liaison.`,
  'structure.duplicate_id': (p) => `Identifiant « ${p.id} » utilisé deux fois${p.first ? ` (déjà en ${p.first})` : ''} : donnez un identifiant unique à chaque élément.`,
  'structure.empty_label': (p) => `${LABELLED[String(p.kind)] ?? p.kind} « ${p.id} » sans libellé : donnez-lui un nom compréhensible par les entreprises.`,
  'structure.dead_end': (p) => `« ${p.node} » ${p.target ? `renvoie vers « ${p.target} », qui ne désigne ni un nœud de décision ni une situation d’exposition` : 'ne mène à rien'}${p.branch ? ` (branche ${p.branch === 'applied' ? 'mesure appliquée' : 'mesure non appliquée'})` : ''} : chaque chemin doit aboutir à une situation d’exposition.`,
  'structure.unknown_question': (p) => `Critère « ${p.question} » absent du référentiel : créez-le ou choisissez un critère existant.`,
  'structure.unknown_measure': (p) => `Mesure de prévention « ${p.measure} » absente du référentiel : créez-la ou choisissez une mesure existante.`,
  'structure.job_without_tasks': (p) => `Le poste « ${p.job} » n’a aucune tâche : ajoutez au moins une tâche.`,
  'structure.weightings_sum': (p) => `Les pondérations des tâches du poste « ${p.job} » totalisent ${p.sum} % : elles doivent totaliser 100 %.`,
  'structure.cycle': (p) => `Boucle : « ${p.from} » renvoie vers « ${p.to} » déjà parcouru ; un arbre de décision doit aboutir à une situation.`,
  'structure.unreachable': (p) => `« ${p.node} » n’est atteint depuis aucune tâche : reliez-le ou supprimez-le.`,
  'structure.unused_question': (p) => `Le critère « ${p.question} » n’est utilisé dans aucun arbre.`,
  'structure.unused_measure': (p) => `La mesure « ${p.measure} » n’est utilisée dans aucun arbre.`,
  'structure.branch_type': (p) => `Les branches du critère « ${p.question} » ne correspondent pas à son type (${p.type}) : utilisez oui/non, des choix ou des intervalles selon le type.`,
  'structure.branch_missing_answer': (p) => `La réponse « ${answerName(p)} » au critère « ${p.question} » ne mène à aucune branche : ajoutez-la à une branche.`,
  'structure.unknown_answer': (p) => `La branche du critère « ${p.question} » cite la réponse « ${p.answer} », qui n’existe pas : choisissez parmi ${p.choices}.`,
  'structure.branch_duplicate_answer': (p) => `La réponse « ${answerName(p)} » au critère « ${p.question} » mène à plusieurs branches : gardez-la dans une seule.`,
  'structure.range_gap': (p) => `Aucune branche du critère « ${p.question} » ne couvre les valeurs de ${p.from} à ${p.to} : étendez un intervalle (bornes : min incluse, max exclue).`,
  'structure.range_overlap': (p) => `Plusieurs branches du critère « ${p.question} » couvrent les valeurs de ${p.from} à ${p.to} : les intervalles ne doivent pas se chevaucher.`,
  'structure.particularly_exposed_job': (p) => `La liste des postes particulièrement exposés (L4163-2-1) cite le poste « ${p.job} », absent du référentiel : retirez-le de la liste ou choisissez un poste existant.`,
  'structure.particularly_exposed_task': (p) => `La liste des postes particulièrement exposés (L4163-2-1) cite la tâche « ${p.task} », qui n’est pas une activité du poste « ${p.job} » : retirez-la de la liste.`,
  'structure.particularly_exposed_factor': (p) => `La liste des postes particulièrement exposés (L4163-2-1) cite deux fois le même facteur pour le poste « ${p.job} » : retirez le doublon.`,
  // Reference cases (scenarios).
  'structure.duplicate_choice': (p) => `La réponse « ${p.choice} » figure deux fois dans les choix du critère « ${p.question} » : supprimez le doublon ou donnez-lui un autre identifiant.`,
  'structure.scenario_regulation': (p) => `Le scénario « ${p.scenario} » vise une version réglementaire inconnue « ${p.regulation} » : choisissez l’une de ${VERSION_LIST} ou une date.`,
  'structure.scenario_unknown_question': (p) => `Le scénario « ${p.scenario} » répond au critère « ${p.question} », absent du référentiel : retirez la réponse ou créez le critère.`,
  'structure.scenario_question_scope': (p) => `Le scénario « ${p.scenario} » répond au critère « ${p.question} » au mauvais endroit : ${p.scope === 'company' ? 'c’est un critère de l’entreprise, sa réponse va dans les réponses de l’entreprise' : 'c’est un critère individuel, sa réponse va dans celles du salarié type'}.`,
  'structure.scenario_invalid_answer': (p) => `Le scénario « ${p.scenario} » donne la réponse ${p.answer} au critère « ${p.question} » : ${expectedText(p)} attendu.`,
  'structure.scenario_unknown_measure': (p) => `Le scénario « ${p.scenario} » met en place la mesure « ${p.measure} », absente du référentiel : retirez-la ou créez la mesure.`,
  'structure.scenario_unknown_job': (p) => `Le salarié type du scénario « ${p.scenario} » occupe le poste « ${p.job} », absent du référentiel : choisissez un poste existant.`,
  // Regulation.
  'structure.scenario_unknown_task': (p) => `Le salarié type du scénario « ${p.scenario} » cite la tâche « ${p.task} », qui n’appartient pas au poste « ${p.job} » : choisissez une tâche de ce poste.`,
  'regulation.unknown_version': (p) => `Version réglementaire inconnue « ${p.regulation} » : choisissez l’une de ${VERSION_LIST}.`,
  'regulation.factor_retained_and_excluded': (p) => `Le facteur « ${p.factor} » est à la fois retenu et écarté : choisissez.`,
  'regulation.excluded_without_justification': (p) => `Le facteur « ${p.factor} » n’est pas retenu et son exclusion n’est pas justifiée : le référentiel doit justifier le choix des facteurs.`,
  'regulation.factor_not_in_force': (p) => `Le facteur « ${p.factor} » n’est pas en vigueur dans la version ${p.version} (applicable à partir du ${p.from}) : ses situations ne donnent lieu à aucune déclaration sous cette version.`,
  'regulation.factor_without_points': (p) => `Le facteur « ${p.factor} » n’ouvre plus de points sur le compte professionnel de prévention dans la version ${p.version} : il reste utile pour l’accord de prévention ou la liste des métiers exposés (L4163-2-1), pas pour la déclaration.`,
  'regulation.retained_without_situation': (p) => `Le facteur « ${p.factor} » est retenu mais aucune situation ne le décrit : ajoutez les situations ou écartez le facteur avec une justification.`,
  'regulation.situation_factor_not_retained': (p) => `La situation « ${p.situation} » décrit le facteur « ${p.factor} », qui n’est pas retenu : retenez-le ou retirez cette exposition.`,
  'regulation.unknown_criterion': (p) => `Seuil « ${p.criterion} » inconnu pour le facteur ${p.factor} : choisissez une action ou situation du tableau réglementaire.`,
  'regulation.intensity_missing': (p) => `La situation « ${p.situation} » ne permet pas de dire si l’intensité du seuil « ${p.criterion} » (${p.factor}) est atteinte : ${missingQuantitiesText(String(p.quantities).split(',') as Quantity[])}. Sans elle, la durée ne peut être ni comptée ni écartée.`,
  'regulation.unit_mismatch': (p) => `Unité « ${p.unit} » inadaptée au facteur ${p.factor}${p.expected ? ` : attendu « ${p.expected} »` : ''}.`,
  'regulation.impossible_value': (p) => `Valeur impossible : ${p.value} ${p.unit} (attendu entre ${p.min} et ${p.max}) : corrigez la mesure.`,
  'regulation.duration_missing': () => 'Durée d’exposition manquante : indiquez la durée sur la base d’un temps plein.',
  'regulation.duration_exceeds_year': (p) => `La situation « ${p.situation} » totalise ${p.value} ${u(p.unit)} à temps plein, plus que l’année de travail de référence (${p.limit} ${u(p.unit)}) : vérifiez la durée.`,
  'regulation.conclusion_contradiction': (p) => `La situation « ${p.situation} » conclut « ${CONCLUSIONS[String(p.stated)]} » pour ${p.factor}, mais ses valeurs donnent ${p.value} ${u(p.unit)} à temps plein pour un seuil de ${p.threshold} ${u(p.unit)}, soit « ${CONCLUSIONS[String(p.computed)]} » : corrigez la conclusion ou les valeurs.`,
  // Prevention.
  'regulation.near_threshold': (p) => `La situation « ${p.situation} » est à moins de 10 % du seuil pour ${p.factor} (${p.value} ${u(p.unit)} pour ${p.threshold} ${u(p.unit)}) : concluez plutôt « à analyser dans l’entreprise ».`,
  'prevention.measure_increases_exposure': (p) => `Avec la mesure « ${p.measure} » appliquée, l’exposition à ${p.factor} est plus forte (${p.applied} ${u(p.unit)}) que sans elle (${p.notApplied} ${u(p.unit)}) : les branches « appliquée » et « non appliquée » sont sans doute inversées.`,
  'prevention.measure_tradeoff': (p) => `La mesure « ${p.measure} » réduit une exposition mais augmente celle à ${p.factor} (${p.notApplied} → ${p.applied} ${u(p.unit)}) : vérifiez ce transfert de risque et décrivez la prévention associée.`,
  // What-if.
  'prevention.individual_measure_alone': (p) => `La protection individuelle « ${p.measure} » fait à elle seule passer ${p.factor} sous le seuil (${p.notApplied} → ${p.applied} ${u(p.unit)} pour ${p.threshold}) : les protections collectives ont la priorité sur les protections individuelles (L4121-2, 8°) ; l’exposition s’apprécie après protections collectives et individuelles (D4163-5), justifiez le port effectif de l’équipement.`,
  'whatif.verdict_flip': (p) => `Sous la version ${p.to}, la situation « ${p.situation} » passe de « ${CONCLUSIONS[String(p.before)]} » à « ${CONCLUSIONS[String(p.after)]} » pour ${p.factor} (${flipReasonText(p)}).`,
  'whatif.factor_status': (p) => {
      const changes = [...(p.inForce ? [p.inForce === 'enters' ? 'entre en vigueur' : 'n’est plus en vigueur'] : []), ...(p.points ? [p.points === 'opens' ? 'ouvre des points' : 'n’ouvre plus de points'] : [])];
      return `Sous la version ${p.to}, le facteur « ${p.factor} » ${changes.join(' et ')}.`;
    },
} as const satisfies Record<RuleCode, (p: Params) => string>;

/** A rule's French message from its parameters. */
export function ruleMessage(code: RuleCode, params: Params): string {
  return RULE_MESSAGES[code](params);
}
