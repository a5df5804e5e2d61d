import {
  DurationUnitSchema,
  durationConvertible,
  FACTOR_CODES,
  QUANTITY_UNITS,
  REGULATION_VERSIONS,
  regulationById,
  type CriterionDef,
  type DurationUnit,
  type Exposure,
  type FactorCode,
  type Quantity,
  type RegulationVersion,
  type ThresholdGroup,
} from '../../core/index.ts';

/** The referential's regulation version, or the latest one while its id is unknown. */
export function versionOf(id: string): RegulationVersion {
  return regulationById(id) ?? REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!;
}

export interface CriterionInfo {
  group: ThresholdGroup;
  criterion: CriterionDef;
  /** Quantities the intensity test reads, each with its one unit. */
  quantities: Array<{ quantity: Quantity; unit: string }>;
  /** Duration units that convert to the group's threshold unit (none for the chemicals grid). */
  durationUnits: DurationUnit[];
}

export function criteriaOf(version: RegulationVersion, factor: FactorCode): CriterionInfo[] {
  const def = version.factors.find((f) => f.code === factor);
  if (!def) return [];
  return def.groups.flatMap((group) =>
    group.criteria.map((criterion) => {
      const quantities = [...new Set((criterion.intensity ?? []).flat().map((c) => c.quantity))].map((quantity) => ({ quantity, unit: QUANTITY_UNITS[quantity] }));
      const durationUnits = group.minimum ? DurationUnitSchema.options.filter((u) => durationConvertible(u, group.minimum!.unit)) : [];
      return { group, criterion, quantities, durationUnits };
    }),
  );
}

export function criterionInfo(version: RegulationVersion, factor: FactorCode, criterion: string): CriterionInfo | undefined {
  return criteriaOf(version, factor).find((c) => c.criterion.code === criterion);
}

/** A first exposure for a factor: its first criterion, no intensity yet, 0 in the first accepted unit. */
export function defaultExposure(version: RegulationVersion, factor: FactorCode): Exposure {
  const first = criteriaOf(version, factor)[0];
  const unit = first?.durationUnits[0];
  return { factor, criterion: first?.criterion.code ?? '', intensity: [], ...(unit ? { duration: { value: 0, unit } } : {}), conclusion: 'to_analyse' };
}

/** The same exposure under another factor or criterion: keeps what still fits. */
export function retarget(version: RegulationVersion, exposure: Exposure, factor: FactorCode, criterion?: string): Exposure {
  const infos = criteriaOf(version, factor);
  const info = infos.find((c) => c.criterion.code === criterion) ?? infos[0];
  if (!info) return { ...exposure, factor };
  const quantities = new Set(info.quantities.map((q) => q.quantity));
  const next: Exposure = { factor, criterion: info.criterion.code, intensity: exposure.intensity.filter((i) => quantities.has(i.quantity as Quantity)), conclusion: exposure.conclusion };
  if (exposure.note !== undefined) next.note = exposure.note;
  const unit = exposure.duration && info.durationUnits.includes(exposure.duration.unit) ? exposure.duration.unit : info.durationUnits[0];
  if (unit) next.duration = { value: exposure.duration?.value ?? 0, unit };
  return next;
}

export { FACTOR_CODES };
