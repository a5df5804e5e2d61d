import type { FactorCode, FactorDef, IntensityTest, RegulationVersion, ThresholdGroup } from './types.ts';
import { DSN_FACTOR_CODES } from './dsn.ts';

/*
 * Every number below comes from the decree texts named in the `source` strings (Code du travail on
 * Légifrance, https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006072050; D4163-2 as of 2019-05-24:
 * https://www.legifrance.gouv.fr/affichCode.do?idSectionTA=LEGISCTA000029560938&cidTexte=LEGITEXT000006072050&dateTexte=20190524;
 * décret 2023-760: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000047956728). test/regulation.test.ts
 * checks each one.
 */

const SRC_2014 = 'D4161-2 (décret 2014-1159 du 9 octobre 2014)';
const SRC_2015_1888 = 'D4161-2 (décret 2015-1888 du 30 décembre 2015)';
const SRC_2017 = 'L4163-1, D4163-2 (ordonnance 2017-1389 du 22 septembre 2017, décret 2017-1769 du 27 décembre 2017)';
const SRC_2023 = 'D4163-2 (décret 2023-760 du 10 août 2023)';
/** Why the four removed factors have no threshold from 2017-10-01: the figures kept are the abrogated ones. */
const SRC_REMOVED =
  'Hors compte professionnel de prévention depuis le 1er octobre 2017 (L4163-1, ordonnance 2017-1389) : D4163-2 ne fixe plus de seuil, les valeurs de D4161-2 (décret 2014-1159) ne sont qu’un repère indicatif';

const atLeast = (quantity: Parameters<typeof cond>[0], value: number) => cond(quantity, '>=', value);
function cond(
  quantity: 'load' | 'daily_tonnage' | 'angle' | 'acceleration' | 'pressure' | 'temperature' | 'sound_level' | 'peak_level' | 'night_hours' | 'cycle_time' | 'actions_per_cycle' | 'actions_per_minute',
  comparison: '>=' | '<=' | '>' | '<',
  value: number,
) {
  return { quantity, comparison, value };
}
const only = (...conditions: ReturnType<typeof cond>[]): IntensityTest => [conditions];

function manualHandling(): ThresholdGroup[] {
  return [
    {
      code: 'handling_hours',
      label: 'Manutentions (durées cumulées)',
      minimum: { value: 600, unit: 'h/year' },
      criteria: [
        { code: 'lift_carry', label: 'Lever ou porter', intensity: only(atLeast('load', 15)), intensityLabel: 'charge unitaire ≥ 15 kg' },
        { code: 'push_pull', label: 'Pousser ou tirer', intensity: only(atLeast('load', 250)), intensityLabel: 'charge unitaire ≥ 250 kg' },
        {
          code: 'move_with_load',
          label: 'Déplacement avec la charge, ou prise au sol ou au-dessus des épaules',
          intensity: only(atLeast('load', 10)),
          intensityLabel: 'charge unitaire ≥ 10 kg',
        },
      ],
    },
    {
      code: 'cumulative_handling',
      label: 'Cumul de manutentions de charges',
      minimum: { value: 120, unit: 'days/year' },
      criteria: [
        { code: 'daily_tonnage', label: 'Cumul de manutentions de charges', intensity: only(atLeast('daily_tonnage', 7.5)), intensityLabel: '≥ 7,5 tonnes cumulées par jour' },
      ],
    },
  ];
}

function awkwardPostures(): ThresholdGroup[] {
  return [
    {
      code: 'forced_positions',
      label: 'Postures pénibles (durées cumulées)',
      minimum: { value: 900, unit: 'h/year' },
      criteria: [
        { code: 'arms_above_shoulders', label: 'Bras en l’air au-dessus des épaules', intensity: null, intensityLabel: '—' },
        { code: 'squatting_kneeling', label: 'Positions accroupies ou à genoux', intensity: null, intensityLabel: '—' },
        { code: 'torso_twisted', label: 'Torse en torsion', intensity: only(atLeast('angle', 30)), intensityLabel: 'torsion ≥ 30°' },
        { code: 'torso_bent', label: 'Torse fléchi', intensity: only(atLeast('angle', 45)), intensityLabel: 'flexion ≥ 45°' },
      ],
    },
  ];
}

function vibrations(): ThresholdGroup[] {
  return [
    {
      code: 'vibration_hours',
      label: 'Vibrations mécaniques (durées cumulées)',
      minimum: { value: 450, unit: 'h/year' },
      criteria: [
        { code: 'hand_arm', label: 'Vibrations transmises aux mains et aux bras', intensity: only(atLeast('acceleration', 2.5)), intensityLabel: 'A(8) ≥ 2,5 m/s²' },
        { code: 'whole_body', label: 'Vibrations transmises à l’ensemble du corps', intensity: only(atLeast('acceleration', 0.5)), intensityLabel: 'A(8) ≥ 0,5 m/s²' },
      ],
    },
  ];
}

function chemicals(): ThresholdGroup[] {
  return [
    {
      code: 'chemical_grid',
      label: 'Grille d’évaluation de l’arrêté du 30 décembre 2015',
      minimum: null,
      criteria: [{ code: 'grid_exposure', label: 'Exposition selon la grille de l’arrêté', intensity: null, intensityLabel: 'grille de l’arrêté' }],
    },
  ];
}

function hyperbaric(): ThresholdGroup[] {
  return [
    {
      code: 'interventions',
      label: 'Interventions en milieu hyperbare',
      minimum: { value: 60, unit: 'events/year' },
      criteria: [{ code: 'hyperbaric_intervention', label: 'Interventions ou travaux', intensity: only(atLeast('pressure', 1200)), intensityLabel: '≥ 1 200 hPa' }],
    },
  ];
}

function temperatures(): ThresholdGroup[] {
  return [
    {
      code: 'temperature_hours',
      label: 'Températures extrêmes',
      minimum: { value: 900, unit: 'h/year' },
      criteria: [
        {
          code: 'extreme_temperature',
          label: 'Température inférieure ou égale à 5 °C ou au moins égale à 30 °C',
          intensity: [[cond('temperature', '<=', 5)], [cond('temperature', '>=', 30)]],
          intensityLabel: '≤ 5 °C ou ≥ 30 °C',
        },
      ],
    },
  ];
}

function noise(levelDbA: number): ThresholdGroup[] {
  return [
    {
      code: 'noise_level',
      label: 'Niveau d’exposition au bruit rapporté à 8 h',
      minimum: { value: 600, unit: 'h/year' },
      criteria: [{ code: 'daily_level', label: 'Niveau d’exposition Lex,8h', intensity: only(atLeast('sound_level', levelDbA)), intensityLabel: `Lex,8h ≥ ${levelDbA} dB(A)` }],
    },
    {
      code: 'noise_peak',
      label: 'Exposition à un niveau de pression acoustique de crête',
      minimum: { value: 120, unit: 'events/year' },
      criteria: [{ code: 'peak', label: 'Niveau de pression acoustique de crête', intensity: only(atLeast('peak_level', 135)), intensityLabel: '≥ 135 dB(C)' }],
    },
  ];
}

function nightWork(nights: number): ThresholdGroup[] {
  return [
    {
      code: 'night_count',
      label: 'Nuits travaillées',
      minimum: { value: nights, unit: 'nights/year' },
      criteria: [{ code: 'night', label: 'Une heure de travail au moins entre minuit et 5 heures', intensity: only(atLeast('night_hours', 1)), intensityLabel: '≥ 1 h entre 0 h et 5 h' }],
    },
  ];
}

function alternatingShifts(nights: number): ThresholdGroup[] {
  return [
    {
      code: 'shift_night_count',
      label: 'Nuits en équipes successives alternantes',
      minimum: { value: nights, unit: 'nights/year' },
      criteria: [
        {
          code: 'alternating_shift_night',
          label: 'Équipes successives alternantes impliquant au minimum une heure de travail entre minuit et 5 heures',
          intensity: only(atLeast('night_hours', 1)),
          intensityLabel: '≥ 1 h entre 0 h et 5 h',
        },
      ],
    },
  ];
}

/** 2014 text: cycle ≤ 1 min, or ≥ 30 technical actions per minute with a cycle longer than 1 min. */
function repetitiveWork2014(): ThresholdGroup[] {
  return [
    {
      code: 'repetitive_hours',
      label: 'Travail répétitif',
      minimum: { value: 900, unit: 'h/year' },
      criteria: [
        {
          code: 'repetitive_movements',
          label: 'Répétition d’un même geste à une cadence contrainte',
          intensity: [[cond('cycle_time', '<=', 60)], [cond('cycle_time', '>', 60), atLeast('actions_per_minute', 30)]],
          intensityLabel: 'temps de cycle ≤ 1 min, ou ≥ 30 actions techniques par minute avec un cycle > 1 min',
          // "avec un temps de cycle défini": without a cycle time the work is not repetitive in this text's sense.
          absenceDecides: ['cycle_time'],
        },
      ],
    },
  ];
}

/** 2015-1888 text: ≥ 15 actions in a cycle ≤ 30 s; or ≥ 30 actions/min when the cycle is longer, variable or absent. */
function repetitiveWork2016(): ThresholdGroup[] {
  return [
    {
      code: 'repetitive_hours',
      label: 'Travail répétitif',
      minimum: { value: 900, unit: 'h/year' },
      criteria: [
        {
          code: 'repetitive_movements',
          label: 'Mouvements répétés sollicitant le membre supérieur, à fréquence élevée et sous cadence contrainte',
          intensity: [
            [cond('cycle_time', '<=', 30), atLeast('actions_per_cycle', 15)],
            [cond('cycle_time', '>', 30), atLeast('actions_per_minute', 30)],
            [{ quantity: 'cycle_time', comparison: 'absent' }, atLeast('actions_per_minute', 30)],
          ],
          intensityLabel:
            'cycle ≤ 30 s : ≥ 15 actions techniques ; cycle > 30 s, variable ou absent : ≥ 30 actions techniques par minute',
          // "temps de cycle variable ou absence de temps de cycle" is the third alternative's own case.
          absenceDecides: ['cycle_time'],
        },
      ],
    },
  ];
}

const LABELS: Record<FactorCode, string> = {
  manual_handling: 'Manutentions manuelles de charges',
  awkward_postures: 'Postures pénibles',
  mechanical_vibrations: 'Vibrations mécaniques',
  hazardous_chemicals: 'Agents chimiques dangereux',
  hyperbaric: 'Activités en milieu hyperbare',
  extreme_temperatures: 'Températures extrêmes',
  noise: 'Bruit',
  night_work: 'Travail de nuit',
  alternating_shifts: 'Travail en équipes successives alternantes',
  repetitive_work: 'Travail répétitif',
};

function factor(
  code: FactorCode,
  groups: ThresholdGroup[],
  options: { inForce: boolean; inForceFrom: string; earnsPoints: boolean; legalThreshold: boolean; source: string },
): FactorDef {
  return { code, label: LABELS[code], dsnCode: DSN_FACTOR_CODES[code], groups, ...options };
}

/** The six factors of decree 2014-1159 scheduled for 2016-01-01, then postponed to 2016-07-01. */
export const LATE_SIX: readonly FactorCode[] = ['manual_handling', 'awkward_postures', 'mechanical_vibrations', 'hazardous_chemicals', 'extreme_temperatures', 'noise'];
/** The four factors the 2017 ordinance removed from the prevention account (they stay in L4161-1). */
export const REMOVED_2017: readonly FactorCode[] = ['manual_handling', 'awkward_postures', 'mechanical_vibrations', 'hazardous_chemicals'];

/** The figures that changed from one text to the next; every other threshold is the same in all texts. */
interface TextThresholds {
  noiseDbA: number;
  repetitive: () => ThresholdGroup[];
  nightNights: number;
  shiftNights: number;
  /** When the six late factors apply, as this text has it (scheduled 2016-01-01, then 2016-07-01). */
  lateSixFrom: string;
}

/** Décret 2014-1159 as first published. */
const THRESHOLDS_2014: TextThresholds = { noiseDbA: 80, repetitive: repetitiveWork2014, nightNights: 120, shiftNights: 50, lateSixFrom: '2016-01-01' };
/** Décret 2015-1888, kept by the 2017 ordinance and decree 2017-1769. */
const THRESHOLDS_2016: TextThresholds = { noiseDbA: 81, repetitive: repetitiveWork2016, nightNights: 120, shiftNights: 50, lateSixFrom: '2016-07-01' };
/** Décret 2023-760: 100 nights, 30 nights in alternating shifts. */
const THRESHOLDS_2023: TextThresholds = { noiseDbA: 81, repetitive: repetitiveWork2016, nightNights: 100, shiftNights: 30, lateSixFrom: '2016-07-01' };

function allFactors(params: TextThresholds & { versionFrom: string; c2pOnlySix: boolean; source: string }): FactorDef[] {
  const groups: Record<FactorCode, ThresholdGroup[]> = {
    manual_handling: manualHandling(),
    awkward_postures: awkwardPostures(),
    mechanical_vibrations: vibrations(),
    hazardous_chemicals: chemicals(),
    hyperbaric: hyperbaric(),
    extreme_temperatures: temperatures(),
    noise: noise(params.noiseDbA),
    night_work: nightWork(params.nightNights),
    alternating_shifts: alternatingShifts(params.shiftNights),
    repetitive_work: params.repetitive(),
  };
  return (Object.keys(groups) as FactorCode[]).map((code) => {
    const inForceFrom = LATE_SIX.includes(code) ? params.lateSixFrom : '2015-01-01';
    const inForce = inForceFrom <= params.versionFrom;
    const removed = params.c2pOnlySix && REMOVED_2017.includes(code);
    const earnsPoints = inForce && !removed;
    return factor(code, groups[code], { inForce, inForceFrom, earnsPoints, legalThreshold: !removed, source: removed ? `${SRC_REMOVED} ; ${params.source}` : params.source });
  });
}

/**
 * One version: what applies from `from`, under a text's thresholds. `c2pOnlySix`: the prevention account
 * (from the 2017 ordinance) keeps six factors only.
 */
function version(
  header: Omit<RegulationVersion, 'factors' | 'transition'>,
  law: { thresholds: TextThresholds; c2pOnlySix: boolean; source: string },
  transition?: RegulationVersion['transition'],
): RegulationVersion {
  const factors = allFactors({ ...law.thresholds, versionFrom: header.from, c2pOnlySix: law.c2pOnlySix, source: law.source });
  return transition ? { ...header, factors, transition } : { ...header, factors };
}

/** Points under the C3P and the first C2P: per period, one or several factors alike, 100 points in a career. */
const POINTS_UNTIL_2023 = { pointsRule: 'per_period_one_or_several', pointsCeiling: 100 } as const;

export const REGULATION_VERSIONS: readonly RegulationVersion[] = [
  // Only night work, alternating shifts, repetitive work and hyperbaric applied on 2015-01-01; the
  // other six were scheduled for 2016-01-01 (the 80 dB(A) of this text never applied).
  version(
    { id: '2015-01-01', label: 'Décret 2014-1159 — 1er janvier 2015', from: '2015-01-01', legalBasis: 'Décret n° 2014-1159 du 9 octobre 2014', article: 'D4161-2', ...POINTS_UNTIL_2023 },
    { thresholds: THRESHOLDS_2014, c2pOnlySix: false, source: SRC_2014 },
  ),
  version(
    { id: '2016-01-01', label: 'Décret 2015-1888 — 1er janvier 2016', from: '2016-01-01', legalBasis: 'Décret n° 2015-1888 du 30 décembre 2015', article: 'D4161-2', ...POINTS_UNTIL_2023 },
    { thresholds: THRESHOLDS_2016, c2pOnlySix: false, source: SRC_2015_1888 },
  ),
  version(
    {
      id: '2016-07-01',
      label: 'Décret 2015-1888 — 1er juillet 2016 (dix facteurs)',
      from: '2016-07-01',
      legalBasis: 'Décret n° 2015-1888 du 30 décembre 2015',
      article: 'D4161-2',
      ...POINTS_UNTIL_2023,
    },
    { thresholds: THRESHOLDS_2016, c2pOnlySix: false, source: SRC_2015_1888 },
  ),
  version(
    {
      id: '2017-10-01',
      label: 'Ordonnance 2017-1389 — compte professionnel de prévention (six facteurs)',
      from: '2017-10-01',
      legalBasis: 'Ordonnance n° 2017-1389 du 22 septembre 2017, décret n° 2017-1769 du 27 décembre 2017',
      article: 'D4163-2',
      ...POINTS_UNTIL_2023,
    },
    { thresholds: THRESHOLDS_2016, c2pOnlySix: true, source: SRC_2017 },
  ),
  version(
    {
      id: '2023-09-01',
      label: 'Décrets 2023-759 et 2023-760 — 1er septembre 2023',
      from: '2023-09-01',
      legalBasis: 'Décrets n° 2023-759 et n° 2023-760 du 10 août 2023',
      article: 'D4163-2',
      pointsRule: 'per_period_per_factor',
      pointsCeiling: null,
    },
    { thresholds: THRESHOLDS_2023, c2pOnlySix: true, source: SRC_2023 },
    {
      year: 2023,
      straddling: { night_count: 113, shift_night_count: 43 },
      afterOnly: { night_count: 100, shift_night_count: 30 },
      beforeOnly: { night_count: 120, shift_night_count: 50 },
      source: 'Proratisation 2023 des seuils de nuit par l’administration (CNAM, ameli.fr, « Travail de nuit et en équipes successives alternantes : quels seuils d’exposition déclarer »)',
    },
  ),
];
