import { REGULATION_VERSIONS } from './versions.ts';
import { isIsoDate } from '../util/dates.ts';
import type { FactorCode, FactorDef, RegulationVersion } from './types.ts';

export * from './types.ts';
export { DSN_FACTOR_CODES, DSN_CODES_STATUS, DSN_CANCELLATION_CODE, declarationChannel } from './dsn.ts';
export { SOURCES, CODE_DU_TRAVAIL, citation, type LegalSource, type SourceKey } from './sources.ts';
export { LATE_SIX, REMOVED_2017 } from './versions.ts';
export { REGULATION_VERSIONS };


/** The version with this id (its start date, e.g. `'2023-09-01'`), or `undefined`. */
export function regulationById(id: string): RegulationVersion | undefined {
  return REGULATION_VERSIONS.find((v) => v.id === id);
}

/**
 * The version in force on an ISO date (`YYYY-MM-DD`), or `undefined` before 2015-01-01.
 *
 * @example regulationInForce('2024-06-30')?.id // '2023-09-01'
 */
export function regulationInForce(date: string): RegulationVersion | undefined {
  if (!isIsoDate(date)) return undefined;
  let found: RegulationVersion | undefined;
  for (const version of REGULATION_VERSIONS) if (version.from <= date) found = version;
  return found;
}

/** Accepts either a version id or a date, as the CLI's `--regulation` does. */
export function resolveRegulation(idOrDate: string): RegulationVersion | undefined {
  return regulationById(idOrDate) ?? regulationInForce(idOrDate);
}

export function factorOf(version: RegulationVersion, code: FactorCode): FactorDef {
  const found = version.factors.find((f) => f.code === code);
  // Every version lists all ten factors (in force or not), so this only fails on a corrupted table.
  if (!found) throw new Error(`regulation ${version.id} has no factor ${code}`);
  return found;
}

/** Where a criterion code lives in a version: its factor and threshold group. */
export function findCriterion(version: RegulationVersion, factor: FactorCode, criterion: string) {
  const def = factorOf(version, factor);
  for (const group of def.groups) {
    const found = group.criteria.find((c) => c.code === criterion);
    if (found) return { factor: def, group, criterion: found };
  }
  return undefined;
}
