/*
 * The themes an agreement or action plan for the prevention of the effects of exposure must treat, by
 * the text in force on the plan's start date.
 *
 * - 2012-01-01 → 2014-12-31, D138-27 of the Code de la sécurité sociale (décret 2011-354): at least
 *   three of six themes — at least one of {reduction of exposure, adaptation of workstations} and at least
 *   two of {working conditions, skills and training, end of career, keeping in employment}.
 * - 2015-01-01 → 2018-12-31, D4163-3 of the Code du travail (décret 2014-1158): 1° at least one of
 *   {reduction of poly-exposures beyond the thresholds, adaptation and fitting-out of the workstation};
 *   2° at least two of {working conditions, notably organisational; skills and qualifications; end of
 *   career; keeping exposed employees in activity}.
 * - from 2019-01-01, D4162-3 of the Code du travail (décret 2017-1769): 1° at least two of {reduction
 *   of poly-exposures, adaptation and fitting-out of the workstation, reduction of exposures to the
 *   factors of D4161-1}; 2° at least two of the four themes above; and, for the 2° themes, measures
 *   letting holders of a prevention account use their points for training and part-time work (L4163-7
 *   I 1° and 2°). The start date of this wording is taken as 2019-01-01, with the obligation's own
 *   2019 rule (D4162-1); the text read does not date it (README, "Unsettled points").
 */

export const THEME_IDS = [
  'reduction_polyexposure',
  'workstation_adaptation',
  'exposure_reduction',
  'working_conditions',
  'skills',
  'end_of_career',
  'keeping_in_activity',
] as const;
/** A theme of the texts, by id; its title as the texts word it is the presentation's (`themeName`, src/present/obligation.ts). */
export type ThemeId = (typeof THEME_IDS)[number];

/** A wording of the themes' rule; the sentence citing it is the presentation's (`themeRuleText`, src/present/obligation.ts). */
export interface ThemeRule {
  id: 'd138-27-css' | 'd4163-3-2015' | 'd4162-3';
  /** First day the wording applies (plans starting on or after it). */
  from: string;
  group1: readonly ThemeId[];
  group1Minimum: number;
  group2: readonly ThemeId[];
  group2Minimum: number;
  /** Least number of themes in all (D138-27 CSS: three of six). */
  totalMinimum: number;
  /** Measures for the use of points (training, part time) required with the 2° themes. */
  pointUseMeasures: boolean;
}

const GROUP2: readonly ThemeId[] = ['working_conditions', 'skills', 'end_of_career', 'keeping_in_activity'];

export const THEME_RULES: readonly ThemeRule[] = [
  {
    id: 'd138-27-css',
    from: '2012-01-01',
    group1: ['exposure_reduction', 'workstation_adaptation'],
    group1Minimum: 1,
    group2: GROUP2,
    group2Minimum: 2,
    totalMinimum: 3,
    pointUseMeasures: false,
  },
  {
    id: 'd4163-3-2015',
    from: '2015-01-01',
    group1: ['reduction_polyexposure', 'workstation_adaptation'],
    group1Minimum: 1,
    group2: GROUP2,
    group2Minimum: 2,
    totalMinimum: 3,
    pointUseMeasures: false,
  },
  {
    id: 'd4162-3',
    from: '2019-01-01',
    group1: ['reduction_polyexposure', 'workstation_adaptation', 'exposure_reduction'],
    group1Minimum: 2,
    group2: GROUP2,
    group2Minimum: 2,
    totalMinimum: 4,
    pointUseMeasures: true,
  },
];

/**
 * The theme rule for a plan starting on `date` (ISO), or `undefined` before 2012.
 *
 * @example themeRule('2025-01-01').group1Minimum // 2
 */
export function themeRule(date: string): ThemeRule | undefined {
  let found: ThemeRule | undefined;
  for (const rule of THEME_RULES) if (rule.from <= date) found = rule;
  return found;
}
