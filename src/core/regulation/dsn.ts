import type { FactorCode } from './types.ts';

/**
 * DSN bloc S21.G00.34, rubric .001 "Facteur d'exposition" (declaration in the DSN of the December pay,
 * or of the last pay of a contract, R4163-8).
 *
 * The table 01–10 (in the order of the factors of L4161-1) and 99 "annulation" is supported by evidence
 * independent of this project's seed documents: an open-source payroll product (OpenConcerto,
 * `DSNInstallationUtils.java`, 2018) installs exactly this table for "Code pénibilité
 * (S21.G00.34.001)", and public payroll scripts write '08' for night work and '99' as a value of the
 * rubric. It is kept in this one place, marked to be verified against the official DSN specification
 * (cahier technique, net-entreprises) before a real declaration.
 */
export const DSN_FACTOR_CODES: Record<FactorCode, string> = {
  manual_handling: '01',
  awkward_postures: '02',
  mechanical_vibrations: '03',
  hazardous_chemicals: '04',
  hyperbaric: '05',
  extreme_temperatures: '06',
  noise: '07',
  night_work: '08',
  alternating_shifts: '09',
  repetitive_work: '10',
};

/** How far the table is established: concordant independent sources, not yet the official specification. */
export const DSN_CODES_STATUS = {
  verifiedAgainstSpecification: false,
  evidence: 'Table 01–10 et 99 concordante dans deux sources indépendantes (un logiciel de paie libre, des scripts de paie publics) ; à vérifier dans le cahier technique officiel de la DSN.',
} as const;

/**
 * "Annulation": cancels the factors declared earlier for the same contract and year; the factors still
 * due are then declared again (see `declarationCorrections`).
 */
export const DSN_CANCELLATION_CODE = '99';

/**
 * Where the exposures of a year are declared. Exposures of 2015 and 2016 went through the DADS (rubric
 * S65, by 31 January of the following year), or through the MSA's declaration for farm employers; from
 * the exposures of 2017 (declared in January 2018) through the DSN.
 *
 * @example declarationChannel(2016) // 'dads'
 */
export function declarationChannel(year: number): 'dads' | 'dsn' {
  return year <= 2016 ? 'dads' : 'dsn';
}
