/**
 * The points where the texts found leave the answer open, each an explicit, named choice of the
 * evaluation with a documented default (README, "Unsettled points"). Never an accident of which
 * regulation version happens to be picked: the evaluator reads them from here only.
 */
export interface UnsettledRules {
  /**
   * Exposures of 1 January – 30 September 2017 to manual handling, postures, vibrations and chemicals.
   * `old_article_q1_q3` (default): ordonnance 2017-1389, art. 5 IV keeps the former ten-factor article
   * for the exposures of 2015, 2016 and the first three quarters of 2017, so they are judged on the
   * former thresholds and their windows ending by 2017-09-30 earn points, whether the contract stopped
   * on 30 September or went on. `not_declared`: the four factors are outside the declaration for the
   * whole of 2017 (0 points for both contracts). Whether the fund credited them was not found.
   */
  removedFactors2017: 'old_article_q1_q3' | 'not_declared';
  /**
   * The six factors in force from 2016-07-01 (décret 2015-1888). `from_entry_into_force` (default):
   * their months of exposure count from 2016-07-01 (a full-year contract: 2 windows). `whole_year`:
   * a commentary reads them "à effet du 1er janvier 2016": the windows count from the contract's start
   * (a full year: 4 windows, R4162-2 I). The annual threshold is the same either way.
   */
  lateFactors2016: 'from_entry_into_force' | 'whole_year';
  /**
   * Points of 2023, around the 2023-09-01 change of R4163-9 (décret 2023-759). `per_period` (default):
   * each window under the rule in force on its last day. `former_rule`: the whole of 2023 under the
   * former rule (at most 2 points a window). `new_rule`: the whole of 2023 under the new rule (1 point
   * per factor a window). They differ only with three factors or more.
   */
  points2023: 'per_period' | 'former_rule' | 'new_rule';
}

export const DEFAULT_RULES: Readonly<UnsettledRules> = {
  removedFactors2017: 'old_article_q1_q3',
  lateFactors2016: 'from_entry_into_force',
  points2023: 'per_period',
};

export const RULE_CHOICES: { readonly [K in keyof UnsettledRules]: readonly UnsettledRules[K][] } = {
  removedFactors2017: ['old_article_q1_q3', 'not_declared'],
  lateFactors2016: ['from_entry_into_force', 'whole_year'],
  points2023: ['per_period', 'former_rule', 'new_rule'],
};

/** The defaults completed by what the caller chose. */
export function resolveRules(chosen: Partial<UnsettledRules> | undefined): UnsettledRules {
  return { ...DEFAULT_RULES, ...(chosen ?? {}) };
}
