import type { ObligationRule, PenaltyEstimate } from '../core/obligation/index.ts';
import { formatList, formatNumber, formatPercent } from './fr.ts';

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
