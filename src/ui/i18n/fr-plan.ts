/**
 * French texts of the agreement / action plan screen (accord ou plan d'action de prévention des effets
 * de l'exposition aux facteurs de risques professionnels), and the French wording of the core's plan
 * issues and refusals (stable codes in src/core/obligation/plan.ts).
 */
import type { PlanIssue, PlanIssueCode, PlanKind, PlanRefusal, PlanRefusalCode, PlanStatus } from '../../core/index.ts';
import { formatCount, formatDate, formatPercent, plural } from '../../present/fr.ts';
import { themeName } from '../../present/obligation.ts';

const RULES: Record<string, string> = { 'd138-27-css': 'D138-27 du code de la sécurité sociale', 'd4163-3-2015': 'D4163-3 du code du travail (2015)', 'd4162-3': 'D4162-3 du code du travail' };
const rule = (id: string | number | undefined) => RULES[String(id)] ?? String(id ?? '');
const date = (d: string | number | undefined) => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? formatDate(d) : String(d ?? ''));
const n = (x: string | number | undefined) => (typeof x === 'number' ? formatCount(x) : String(x ?? ''));

const ISSUES: Record<PlanIssueCode, (p: PlanIssue['params']) => string> = {
  'plan.rule_none': (p) => `Aucune règle de thèmes à la date de début du ${date(p.start)} (l’obligation date de 2012).`,
  'plan.dates_invalid': (p) => `Dates invalides : du ${date(p.start)} au ${date(p.end)}.`,
  'plan.duration_too_long': (p) => `Trois ans au plus (L4162-3) : la fin du ${date(p.end)} dépasse le ${date(p.latest)}.`,
  'plan.diagnosis_missing': () => 'Le diagnostic préalable des expositions manque (D4162-2).',
  'plan.theme_unknown': (p) => `Thème « ${themeName(String(p.theme))} » inconnu de la règle ${rule(p.rule)}.`,
  'plan.theme_repeated': (p) => `Thème « ${themeName(String(p.theme))} » choisi deux fois.`,
  'plan.group1_too_few': (p) => `${plural(Number(p.chosen), 'thème choisi', 'thèmes choisis')} dans le 1° ; il en faut au moins ${n(p.minimum)} (${rule(p.rule)}).`,
  'plan.group2_too_few': (p) => `${plural(Number(p.chosen), 'thème choisi', 'thèmes choisis')} dans le 2° ; il en faut au moins ${n(p.minimum)} (${rule(p.rule)}).`,
  'plan.total_too_few': (p) => `${plural(Number(p.chosen), 'thème choisi', 'thèmes choisis')} en tout ; il en faut au moins ${n(p.minimum)} (${rule(p.rule)}).`,
  'plan.point_use_missing': () => 'Mesures d’utilisation des points (formation, temps partiel) à préciser (D4162-3, L4163-7 I 1° et 2°).',
  'plan.objective_missing': (p) => `Aucun objectif pour le thème « ${themeName(String(p.theme))} ».`,
  'plan.objective_not_quantified': (p) => `Objectif « ${p.objective} » : cible chiffrée attendue (D4162-2).`,
  'plan.indicator_missing': (p) => `Objectif « ${p.objective} » : indicateur de suivi attendu (D4162-2).`,
};

const REFUSALS: Record<PlanRefusalCode, (p: PlanRefusal['params']) => string> = {
  'plan.not_from_status': (p) => `Action impossible au statut « ${STATUS[p.status as PlanStatus] ?? p.status} ».`,
  'plan.date_invalid': (p) => `Date invalide : « ${p.date} ».`,
  'plan.not_an_agreement': () => 'Seul un accord se signe ; un plan d’action est arrêté par l’employeur.',
  'plan.not_an_action_plan': () => 'Le procès-verbal de désaccord ne concerne que le plan d’action.',
  'plan.disagreement_record_missing': () => 'Avec des délégués syndicaux, le plan d’action suppose l’échec de la négociation, attesté par un procès-verbal de désaccord (L4162-2) : enregistrez-le d’abord.',
  'plan.signature_missing': () => 'L’accord doit être signé avant son dépôt.',
  'plan.cse_consultation_missing': () => 'Le CSE doit être consulté avant le dépôt.',
  'plan.invalid': (p) => `Le projet n’est pas conforme (${plural(Number(p.count), 'point à corriger', 'points à corriger')}) : voir la liste ci-dessus.`,
  'plan.not_expired': (p) => `Le texte court jusqu’au ${date(p.end)} : il n’est pas encore échu.`,
};

export const issueText = (i: PlanIssue) => ISSUES[i.code](i.params);
export const refusalText = (r: PlanRefusal) => REFUSALS[r.code](r.params);

const STATUS: Record<PlanStatus, string> = { draft: 'projet', consulted: 'CSE consulté', filed: 'déposé auprès de la DREETS', expired: 'échu' };
const KIND: Record<PlanKind, string> = { agreement: 'Accord collectif', action_plan: 'Plan d’action' };

export const frPlan = {
  heading: 'Accord ou plan d’action de prévention',
  notNeeded: 'L’obligation ne s’applique pas cette année : un accord ou un plan d’action reste possible, mais aucune pénalité n’est encourue.',
  stepsHeading: 'Prochaines étapes',
  steps: [
    'Diagnostic préalable des expositions (D4162-2) : repris des résultats ci-dessus.',
    'Thèmes : au moins deux du 1° (réduction des polyexpositions, adaptation des postes, réduction des expositions) et au moins deux du 2°, avec les mesures d’utilisation des points (D4162-3 ; en 2015-2018, un du 1° et deux du 2°, D4163-3).',
    'Pour chaque thème, des objectifs chiffrés et leurs indicateurs, communiqués au moins une fois par an au CSE (D4162-2).',
    'Durée de trois ans au plus (L4162-3).',
    'Négociation avec les délégués syndicaux ; à défaut d’accord, procès-verbal de désaccord puis plan d’action arrêté par l’employeur après avis du CSE (L4162-2).',
    'Dépôt auprès de la DREETS (L4162-3, D4162-4).',
  ],
  start: 'Date de début',
  startHelp: 'La règle des thèmes est celle en vigueur à cette date ; le texte court trois ans au plus.',
  create: 'Préparer le projet à partir des résultats',
  drafting: 'Préparation du projet : le personnel est évalué de nouveau pour le diagnostic…',
  draftFailed: (message: string) => `Le projet n’a pas pu être préparé : ${message}`,
  discard: 'Abandonner ce projet',
  status: (s: PlanStatus) => STATUS[s],
  statusLine: (kind: PlanKind, s: PlanStatus, start: string, end: string) => `${KIND[kind]} — ${STATUS[s]} — du ${formatDate(start)} au ${formatDate(end)}`,
  kind: 'Nature du texte',
  kinds: KIND,
  union: 'L’entreprise a des délégués syndicaux (négociation obligatoire avant tout plan d’action)',
  diagnosisHeading: 'Diagnostic des expositions',
  diagnosisSummary: (employees: number, declared: number, poly: number) =>
    `${plural(employees, 'salarié évalué', 'salariés évalués')}, ${plural(declared, 'déclaré exposé', 'déclarés exposés')}, dont ${formatCount(poly)} à au moins deux facteurs.`,
  diagnosisCaption: 'Salariés déclarés exposés par poste (poste principal) et par facteur',
  job: 'Poste',
  employees: 'Effectif',
  outside: (label: string, n: number) => `${label} : ${plural(n, 'salarié exposé', 'salariés exposés')} sans seuil légal (hors déclaration, pour la prévention)`,
  listed: (label: string, n: number) => `${label} : ${plural(n, 'salarié', 'salariés')} sur des postes de la liste de branche (L4163-2-1)`,
  themesHeading: 'Thèmes',
  themesRule: (basis: string) => `Règle : ${basis}.`,
  group1: '1° Réduction des expositions',
  group2: '2° Conditions de travail et parcours',
  applyThemes: 'Retenir ces thèmes',
  themesRefused: 'Choix refusé, les thèmes précédents sont conservés :',
  themesPending: 'Choix en cours, pas encore retenu :',
  objectivesHeading: 'Objectifs et indicateurs',
  objective: (text: string) => text || 'Objectif à formuler',
  baseline: (value: string, unit: string) => `Situation au diagnostic : ${value} ${unit}`,
  target: (unit: string) => `Cible chiffrée (${unit})`,
  indicator: 'Indicateur de suivi',
  measures: 'Mesures prévues (une par ligne)',
  pointUseHeading: 'Utilisation des points du compte professionnel de prévention',
  training: 'Mesures pour la formation',
  partTime: 'Mesures pour le passage à temps partiel',
  issuesHeading: (k: number) => (k === 0 ? 'Le projet est conforme aux textes.' : `${plural(k, 'point à corriger', 'points à corriger')} avant le dépôt`),
  lifecycleHeading: 'Suivi',
  date: 'Date',
  disagreement: 'Enregistrer le procès-verbal de désaccord',
  sign: 'Enregistrer la signature de l’accord',
  opinion: 'Avis du CSE',
  opinions: { favourable: 'favorable', unfavourable: 'défavorable', none: 'informé (sans avis)' },
  consult: 'Enregistrer la consultation du CSE',
  reopen: 'Revenir au projet',
  reference: 'Référence du dépôt (facultatif)',
  file: 'Enregistrer le dépôt auprès de la DREETS',
  expire: 'Constater l’échéance',
  refused: 'Action refusée :',
  recorded: { disagreement: 'Procès-verbal de désaccord du', signature: 'Accord signé le', consultation: 'CSE consulté le', filing: 'Déposé auprès de la DREETS le' },
  penaltyHeading: 'Pénalité en jeu',
  remuneration: 'Rémunérations versées aux salariés concernés sur la période non couverte (€)',
  months: 'Nombre de mois non couverts',
  penalty: (maximum: string, base: string, months: number) => `Au plus ${maximum} € : ${formatPercent(0.01)} de ${base} € sur ${plural(months, 'mois', 'mois')} non couverts.`,
  penaltyNone: 'Indiquez les rémunérations pour estimer le montant maximal.',
  exportMd: 'Exporter le projet (Markdown)',
  print: 'Imprimer le projet',
  saved: 'Enregistré dans ce navigateur.',
};
