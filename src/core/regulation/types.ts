/**
 * Vocabulary of the decree's factor table (article D4161-2, then D4163-2, Code du travail).
 *
 * A factor has one or more *threshold groups* that are alternatives (any one reached makes the factor
 * exposed: noise level OR noise peaks). Inside one group, the durations of every action add up
 * (D4161-3 / D4163-5: "en cumulant les durées"), so lift/carry, push/pull and move-with-load all count
 * toward the same 600 h.
 */

export const FACTOR_CODES = [
  'manual_handling',
  'awkward_postures',
  'mechanical_vibrations',
  'hazardous_chemicals',
  'hyperbaric',
  'extreme_temperatures',
  'noise',
  'night_work',
  'alternating_shifts',
  'repetitive_work',
] as const;
export type FactorCode = (typeof FACTOR_CODES)[number];

/** Physical quantities an exposure situation may state, each with its one accepted unit. */
export const QUANTITY_UNITS = {
  load: 'kg',
  daily_tonnage: 't',
  angle: '°',
  acceleration: 'm/s²',
  pressure: 'hPa',
  temperature: '°C',
  sound_level: 'dB(A)',
  peak_level: 'dB(C)',
  night_hours: 'h',
  cycle_time: 's',
  actions_per_cycle: 'actions',
  actions_per_minute: 'actions/min',
} as const;
export type Quantity = keyof typeof QUANTITY_UNITS;
export const QUANTITIES = Object.keys(QUANTITY_UNITS) as Quantity[];

export type Comparison = '>=' | '<=' | '>' | '<' | 'absent';

/** One condition on a quantity. `absent` holds when the situation does not state the quantity. */
export interface Condition {
  quantity: Quantity;
  comparison: Comparison;
  value?: number;
}

/**
 * Intensity test in disjunctive normal form: the action counts when every condition of at least one
 * alternative holds. `null` means the action has no intensity (postures: arms above shoulders).
 */
export type IntensityTest = Condition[][] | null;

export type ThresholdUnit = 'h/year' | 'days/year' | 'nights/year' | 'events/year';

/** An action or situation of the decree table (a "criterion" of a factor in the glossary). */
export interface CriterionDef {
  code: string;
  label: string;
  intensity: IntensityTest;
  /** French rendering of the intensity, as the decree prints it. */
  intensityLabel: string;
  /**
   * Quantities whose absence is itself a case of the text, so that a comparison on them is false (not
   * undecidable) when a situation does not state them: the cycle time of repetitive work ("temps de
   * cycle défini" in 2014, "variable ou absence de temps de cycle" from 2016). Any other quantity an
   * alternative needs must be stated or derivable, or the situation is refused.
   */
  absenceDecides?: Quantity[];
}

export interface ThresholdGroup {
  code: string;
  label: string;
  /** `null` for hazardous chemicals, whose threshold comes from the arrêté grid and is not numeric. */
  minimum: { value: number; unit: ThresholdUnit } | null;
  criteria: CriterionDef[];
}

export interface FactorDef {
  code: FactorCode;
  label: string;
  /** False when the factor is listed but not yet (or no longer) applicable in this version. */
  inForce: boolean;
  /** Date from which the factor applies (as this version has it); periods ending before it earn no points. */
  inForceFrom: string;
  earnsPoints: boolean;
  /**
   * False for the four factors the 2017 ordinance took out of the prevention account (manual handling,
   * postures, vibrations, chemicals): from 2017-10-01 the decree table (D4163-2) gives them no threshold,
   * so nothing can make an employee legally exposed to them. Their groups keep the former values of
   * D4161-2 (décret 2014-1159) only as an indicative reference for prevention.
   */
  legalThreshold: boolean;
  dsnCode: string;
  groups: ThresholdGroup[];
  /** Source of every number of this factor in this version. */
  source: string;
}

/**
 * 2023 transition: the administration prorated the lowered night-work and alternating-shift thresholds
 * for the year 2023 (CNAM guidance on ameli.fr). Keyed by group code.
 */
export interface Transition2023 {
  year: 2023;
  /** Threshold for contracts covering the whole year, or straddling 2023-09-01. */
  straddling: Record<string, number>;
  /** Threshold for contracts entirely on or after 2023-09-01. */
  afterOnly: Record<string, number>;
  /** Threshold for contracts entirely before 2023-09-01 (the former version applies). */
  beforeOnly: Record<string, number>;
  source: string;
}

export type PointsRule = 'per_period_one_or_several' | 'per_period_per_factor';

export interface RegulationVersion {
  id: string;
  label: string;
  /** First day the version applies (ISO date). */
  from: string;
  legalBasis: string;
  article: string;
  pointsRule: PointsRule;
  /** Career ceiling of points, `null` when none. */
  pointsCeiling: number | null;
  factors: FactorDef[];
  transition?: Transition2023;
}
