import type { ObligationRule } from '../core/obligation/index.ts';
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
