export * from './themes.ts';
export * from './plan.ts';
export * from './draft.ts';

/**
 * The company's obligation to negotiate a prevention agreement (or, failing one, to adopt an action
 * plan) on the effects of exposure to occupational risk factors: L4162-1 and D4162-1 to D4162-4 of
 * the Code du travail since 2019, D4163-1 before (Code du travail on Légifrance,
 * https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006072050).
 *
 * - Size: at least 50 employees, or belonging to a group of at least 50.
 * - Trigger, by the year the figures describe:
 *   - up to 2017: at least 50 % of the workforce exposed (L138-29 CSS then D4163-1, 2015 version);
 *   - 2018: at least 25 % (D4163-1, version of 2018-01-01);
 *   - from 2019: at least 25 % of the workforce *declared exposed* under the prevention account,
 *     or an AT/MP claims index above 0.25 (D4162-1).
 * - Exemption: companies under 300 employees (and, in a group, a group under 300) covered by an
 *   extended branch agreement on these themes (L4162-1 II; seed 001's size/group table: a group of
 *   300 or more is never exempt).
 *
 * The exposed share is taken over the whole workforce (the headcount), not over the employees
 * evaluated: a staff file listing only the exposed posts must not make everybody look exposed.
 * Pure: the figures are passed in, nothing is read.
 */

export interface ObligationInput {
  /** Calendar year of the exposures the figures describe. */
  year: number;
  /** The company's workforce (effectif). */
  headcount: number;
  /** The group's workforce, when the company belongs to a group (it includes the company's). */
  groupHeadcount?: number;
  /** Covered by an extended branch agreement on the prevention of the effects of exposure. */
  extendedBranchAgreement?: boolean;
  /** AT/MP claims index (sinistralité) when known: claims of the last three known years ÷ headcount. */
  claimsIndex?: number;
  /** Employees declared exposed for the year (at least one factor declared in the DSN). */
  declaredExposed: number;
}

export type ObligationRuleId = 'before-2012' | '2012-2017' | '2018' | 'from-2019';

export interface ObligationRule {
  id: ObligationRuleId;
  /** Minimum share of the workforce declared exposed (≥), or null when no obligation existed. */
  exposedShare: number | null;
  /** The claims index above which (>) the obligation applies, or null when it is no trigger. */
  claimsIndexAbove: number | null;
  /** Size from which (≥) a company or a group is concerned. */
  minimumSize: number;
  /** Size under which (<) an extended branch agreement exempts the company (and its group). */
  exemptionBelow: number;
  /** The articles the rule stands in, and the laws or decrees that set them; the sentence is the presentation's (`obligationLegalBasis`, src/present/obligation.ts). */
  articles: readonly string[];
  texts: readonly string[];
}

export type ObligationOutcome =
  /** No such obligation for that year (before 2012). */
  | 'no_rule'
  /** Under 50 employees and not in a group of 50 or more. */
  | 'below_size'
  /** Concerned by its size, but neither trigger is reached. */
  | 'not_triggered'
  /** Triggered, but exempt: under 300 (group under 300) and covered by an extended branch agreement. */
  | 'exempt'
  /** The company must negotiate an agreement or adopt an action plan. */
  | 'applies';

export interface ObligationAssessment {
  outcome: ObligationOutcome;
  applies: boolean;
  rule: ObligationRule;
  /** Concerned by its size (company or group ≥ 50). */
  sizeConcerned: boolean;
  /** Under 300, and in a group under 300 when in a group: an extended branch agreement would exempt it. */
  exemptionPossible: boolean;
  /** declaredExposed ÷ headcount (0 when the headcount is 0). */
  exposedShare: number;
  exposedTriggered: boolean;
  /** null when the rule has no claims trigger or the index is unknown. */
  claimsTriggered: boolean | null;
  /** More employees declared exposed than the stated headcount: the headcount is likely wrong. */
  headcountInconsistent: boolean;
}

export const OBLIGATION_MINIMUM_SIZE = 50;
export const OBLIGATION_EXEMPTION_BELOW = 300;

/** The rule for the year the figures describe. */
export function obligationRule(year: number): ObligationRule {
  const base = { minimumSize: OBLIGATION_MINIMUM_SIZE, exemptionBelow: OBLIGATION_EXEMPTION_BELOW };
  // Loi 2010-1330 of 9 November 2010 created the duty from 2012 (L138-29 CSS), later D4163-1 (décret
  // 2014-1158), whose version of 1 January 2018 lowered the share; from 2019 L4162-1 and D4162-1.
  if (year < 2012) return { id: 'before-2012', exposedShare: null, claimsIndexAbove: null, ...base, articles: [], texts: ['loi n° 2010-1330'] };
  if (year <= 2017) return { id: '2012-2017', exposedShare: 0.5, claimsIndexAbove: null, ...base, articles: ['L138-29 CSS', 'D4163-1'], texts: ['décret n° 2014-1158'] };
  if (year === 2018) return { id: '2018', exposedShare: 0.25, claimsIndexAbove: null, ...base, articles: ['D4163-1 (version du 1er janvier 2018)'], texts: [] };
  return { id: 'from-2019', exposedShare: 0.25, claimsIndexAbove: 0.25, ...base, articles: ['L4162-1', 'D4162-1'], texts: ['ordonnance n° 2017-1389', 'décret n° 2017-1769'] };
}

/**
 * Whether the company must negotiate a prevention agreement (or adopt an action plan) for the year.
 *
 * @example
 * // 120 employees, 36 declared exposed in 2024: 30 % ≥ 25 % → applies.
 * assessObligation({ year: 2024, headcount: 120, declaredExposed: 36 }).outcome; // 'applies'
 */
export function assessObligation(input: ObligationInput): ObligationAssessment {
  const rule = obligationRule(input.year);
  const headcount = Math.max(0, input.headcount);
  const group = input.groupHeadcount;
  const exposedShare = headcount > 0 ? input.declaredExposed / headcount : 0;
  const sizeConcerned = headcount >= rule.minimumSize || (group !== undefined && group >= rule.minimumSize);
  const exemptionPossible = headcount < rule.exemptionBelow && (group === undefined || group < rule.exemptionBelow);
  // Figures are compared as stated, with a tolerance for the binary rounding of a ratio such as 30/120.
  const exposedTriggered = rule.exposedShare !== null && exposedShare >= rule.exposedShare - 1e-12;
  const claimsTriggered = rule.claimsIndexAbove === null || input.claimsIndex === undefined ? null : input.claimsIndex > rule.claimsIndexAbove;
  const triggered = exposedTriggered || claimsTriggered === true;
  const exempt = exemptionPossible && input.extendedBranchAgreement === true;

  let outcome: ObligationOutcome;
  if (rule.exposedShare === null) outcome = 'no_rule';
  else if (!sizeConcerned) outcome = 'below_size';
  else if (!triggered) outcome = 'not_triggered';
  else if (exempt) outcome = 'exempt';
  else outcome = 'applies';

  return {
    outcome,
    applies: outcome === 'applies',
    rule,
    sizeConcerned,
    exemptionPossible,
    exposedShare,
    exposedTriggered,
    claimsTriggered,
    headcountInconsistent: input.declaredExposed > headcount,
  };
}
