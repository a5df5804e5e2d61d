import type { ActionPlan, ActionPlanDraft, DraftDiagnosis, ObjectiveMeasure, ObligationRule, PenaltyEstimate, PlanObjective, ThemeId, ThemeRule } from '../core/obligation/index.ts';
import { formatList, formatNumber, formatPercent, plural, pluralWord } from './fr.ts';

/**
 * The rule of the duty to negotiate in one French sentence: its texts, then its triggers from the rule's
 * own figures (formatted the French way).
 *
 * @example obligationLegalBasis(obligationRule(2024))
 * // « L4162-1 et D4162-1 (ordonnance n° 2017-1389, décret n° 2017-1769) : au moins 25 % de l’effectif
 * //   déclaré exposé, ou indice de sinistralité AT/MP supérieur à 0,25 »
 */
export function obligationLegalBasis(rule: ObligationRule): string {
  const texts = rule.texts.length > 0 ? ` (${rule.texts.join(', ')})` : '';
  if (rule.exposedShare === null) return `aucune obligation de négocier avant 2012${texts}`;
  const sources = `${formatList(rule.articles)}${texts}`;
  const share = `au moins ${formatPercent(rule.exposedShare, 0)} de l’effectif déclaré exposé`;
  const claims = rule.claimsIndexAbove === null ? '' : `, ou indice de sinistralité AT/MP supérieur à ${formatNumber(rule.claimsIndexAbove)}`;
  return `${sources} : ${share}${claims}`;
}

/**
 * The penalty's rule in one French sentence, its rate from the estimate (L4162-4 II, R4162-6).
 *
 * @example penaltyRuleText(penaltyEstimate({ remuneration: 1 })) // « Pénalité d’au plus 1 % des rémunérations versées… »
 */
export function penaltyRuleText(p: Pick<PenaltyEstimate, 'maximumRate'>): string {
  return `Pénalité d’au plus ${formatPercent(p.maximumRate, 2)} des rémunérations versées aux salariés concernés pendant les périodes non couvertes par un accord ou un plan d’action (L4162-4 II) ; le taux est fixé par la DREETS après mise en demeure, selon la situation de l’entreprise, ses diligences et les mesures de prévention prises (R4162-6).`;
}

/** The themes' titles, as the texts word them (D138-27 CSS, D4163-3, D4162-3 of the Code du travail). */
const THEME_LABELS = {
  reduction_polyexposure: 'Réduction des polyexpositions aux facteurs de risques professionnels',
  workstation_adaptation: 'Adaptation et aménagement du poste de travail',
  exposure_reduction: 'Réduction des expositions aux facteurs de risques professionnels',
  working_conditions: 'Amélioration des conditions de travail, notamment au plan organisationnel',
  skills: 'Développement des compétences et des qualifications',
  end_of_career: 'Aménagement des fins de carrière',
  keeping_in_activity: 'Maintien en activité des salariés exposés',
} as const satisfies Record<ThemeId, string>;

/** A theme's title; an id that is not a theme (a plan read back from a file) as it is. */
export const themeName = (theme: string): string => (Object.hasOwn(THEME_LABELS, theme) ? THEME_LABELS[theme as ThemeId] : theme);

/** The themes' rule in force, cited with what it requires. */
const THEME_RULE_TEXTS = {
  'd138-27-css': 'article D138-27 du code de la sécurité sociale (décret n° 2011-354 du 30 mars 2011) : au moins trois thèmes, dont un de réduction des expositions ou d’adaptation des postes',
  'd4163-3-2015': 'article D4163-3 du code du travail (décret n° 2014-1158 du 9 octobre 2014) : au moins un thème du 1° et au moins deux du 2°',
  'd4162-3':
    'article D4162-3 du code du travail (décret n° 2017-1769 du 27 décembre 2017) : au moins deux thèmes du 1° et au moins deux du 2°, avec des mesures permettant l’utilisation des points du compte professionnel de prévention pour la formation et le temps partiel (L4163-7 I 1° et 2°)',
} as const satisfies Record<ThemeRule['id'], string>;

/** @example themeRuleText(themeRule('2025-01-01')!) // « article D4162-3 du code du travail (…) : au moins deux thèmes du 1° … » */
export const themeRuleText = (rule: Pick<ThemeRule, 'id'>): string => THEME_RULE_TEXTS[rule.id];

/** The first wording of a draft objective: what is aimed at, its unit and its indicator. */
const OBJECTIVES = {
  poly_exposed: () => ({ text: 'Réduire le nombre de salariés déclarés exposés à plusieurs facteurs', unit: 'salariés', indicator: 'Salariés déclarés exposés à au moins deux facteurs, chaque année' }),
  declared_exposed: () => ({ text: 'Réduire le nombre de salariés déclarés exposés', unit: 'salariés', indicator: 'Salariés déclarés exposés, par facteur, chaque année' }),
  exposed_jobs: () => ({ text: 'Aménager les postes les plus exposés', unit: 'postes', indicator: 'Postes aménagés parmi les postes comptant des salariés exposés' }),
  theme_actions: (theme: ThemeId) => ({ text: themeName(theme), unit: 'actions', indicator: 'Actions réalisées et salariés concernés, chaque année' }),
} as const satisfies Record<ObjectiveMeasure, (theme: ThemeId) => Omit<PlanObjective, 'baseline' | 'target'>>;

/** The diagnosis' remarks: the temporary workers it leaves out, counted with their plural. */
export function diagnosisNotes(diagnosis: Pick<DraftDiagnosis, 'temporary'>): string[] {
  const n = diagnosis.temporary;
  if (n <= 0) return [];
  return [`${plural(n, 'intérimaire', 'intérimaires', 0)} hors du diagnostic : ${pluralWord(n, 'son', 'leur')} exposition est déclarée par l’entreprise de travail temporaire.`];
}

/**
 * The draft as the company's first plan: its objectives, units, indicators and notes worded in French.
 * These texts are stored with the plan (Dexie `actionPlans`, company files) and edited by the company.
 */
export function planFromDraft(draft: ActionPlanDraft): ActionPlan {
  const { temporary: _temporary, ...diagnosis } = draft.diagnosis;
  return {
    ...draft,
    diagnosis: { ...diagnosis, notes: diagnosisNotes(draft.diagnosis) },
    themes: draft.themes.map((t) => ({
      ...t,
      objectives: t.objectives.map((o) => ({ ...OBJECTIVES[o.follows](o.theme), ...(o.baseline === undefined ? {} : { baseline: o.baseline }) })),
    })),
  };
}
