import { factorOf, REGULATION_VERSIONS, regulationById, findCriterion, type FactorCode, type RegulationVersion } from '../core/index.ts';
import { fr } from './i18n/fr.ts';

/** The referential's regulation version, or the latest one for labels when the id is unknown. */
function versionFor(regulationId: string): RegulationVersion {
  return regulationById(regulationId) ?? REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!;
}

export function regulationLabel(regulationId: string): string {
  return regulationById(regulationId)?.label ?? regulationId;
}

export function factorLabel(regulationId: string, code: FactorCode): string {
  return factorOf(versionFor(regulationId), code).label;
}

export function criterionLabel(regulationId: string, factor: FactorCode, criterion: string): string {
  return findCriterion(versionFor(regulationId), factor, criterion)?.criterion.label ?? criterion;
}

export function statusLabel(status: string): string {
  return fr.status[status] ?? status;
}

export function sourceLabel(source: string): string {
  return fr.source[source] ?? source;
}
