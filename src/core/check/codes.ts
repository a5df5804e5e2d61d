export type Severity = 'error' | 'warning' | 'info';

/** Parameters of a finding or refusal: ids, labels and codes as strings, figures as numbers. */
export type FindingParams = Record<string, string | number>;

interface Rule {
  severity: Severity;
}

/**
 * Every rule of the checker and its severity: the one catalogue of finding codes, so that a code not
 * here does not compile (`RuleCode`). Their French messages are the presentation layer's
 * (src/present/rules.ts), one per code, checked by the compiler. Tests match codes and parameters.
 */
export const RULES = {
  // Structure of the drawing (graph only).
  'structure.dangling_edge': { severity: 'error' },
  'structure.invalid_edge': { severity: 'error' },
  'structure.orphan': { severity: 'warning' },
  'structure.task_without_job': { severity: 'error' },
  'structure.task_several_jobs': { severity: 'error' },
  'structure.task_several_entries': { severity: 'error' },
  // Structure of the referential.
  'structure.measure_branch_twice': { severity: 'error' },
  'structure.duplicate_id': { severity: 'error' },
  'structure.empty_label': { severity: 'error' },
  'structure.dead_end': { severity: 'error' },
  'structure.unknown_question': { severity: 'error' },
  'structure.unknown_measure': { severity: 'error' },
  'structure.job_without_tasks': { severity: 'error' },
  'structure.weightings_sum': { severity: 'error' },
  'structure.cycle': { severity: 'error' },
  'structure.unreachable': { severity: 'warning' },
  'structure.unused_question': { severity: 'info' },
  'structure.unused_measure': { severity: 'info' },
  'structure.branch_type': { severity: 'error' },
  'structure.branch_missing_answer': { severity: 'error' },
  'structure.unknown_answer': { severity: 'error' },
  'structure.branch_duplicate_answer': { severity: 'error' },
  'structure.range_gap': { severity: 'error' },
  'structure.range_overlap': { severity: 'error' },
  'structure.particularly_exposed_job': { severity: 'error' },
  'structure.particularly_exposed_task': { severity: 'error' },
  'structure.particularly_exposed_factor': { severity: 'error' },
  // Reference cases (scenarios).
  'structure.duplicate_choice': { severity: 'error' },
  'structure.scenario_regulation': { severity: 'error' },
  'structure.scenario_unknown_question': { severity: 'error' },
  'structure.scenario_question_scope': { severity: 'error' },
  'structure.scenario_invalid_answer': { severity: 'error' },
  'structure.scenario_unknown_measure': { severity: 'error' },
  'structure.scenario_unknown_job': { severity: 'error' },
  // Regulation.
  'structure.scenario_unknown_task': { severity: 'error' },
  'regulation.unknown_version': { severity: 'error' },
  'regulation.factor_retained_and_excluded': { severity: 'error' },
  'regulation.excluded_without_justification': { severity: 'error' },
  'regulation.factor_not_in_force': { severity: 'warning' },
  'regulation.factor_without_points': { severity: 'warning' },
  'regulation.retained_without_situation': { severity: 'warning' },
  'regulation.situation_factor_not_retained': { severity: 'warning' },
  'regulation.unknown_criterion': { severity: 'error' },
  'regulation.intensity_missing': { severity: 'error' },
  'regulation.unit_mismatch': { severity: 'error' },
  'regulation.impossible_value': { severity: 'error' },
  'regulation.duration_missing': { severity: 'error' },
  'regulation.duration_exceeds_year': { severity: 'warning' },
  'regulation.conclusion_contradiction': { severity: 'error' },
  // Prevention.
  'regulation.near_threshold': { severity: 'warning' },
  'prevention.measure_increases_exposure': { severity: 'error' },
  'prevention.measure_tradeoff': { severity: 'warning' },
  // What-if.
  'prevention.individual_measure_alone': { severity: 'warning' },
  'whatif.verdict_flip': { severity: 'info' },
  'whatif.factor_status': { severity: 'info' },
} as const satisfies Record<string, Rule>;

/** A finding code of the checker. */
export type RuleCode = keyof typeof RULES;

export const RULE_CODES = Object.keys(RULES) as RuleCode[];

export const isRuleCode = (code: string): code is RuleCode => Object.hasOwn(RULES, code);

export function ruleSeverity(code: RuleCode): Severity {
  return RULES[code].severity;
}
