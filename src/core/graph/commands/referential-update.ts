import * as z from 'zod';
import { FactorsSchema, IdentitySchema, ParticularlyExposedSchema, WorkingYearSchema, type Identity } from '../../referential/schema.ts';
import { regulationById } from '../../regulation/index.ts';
import type { GraphDocument } from '../schema.ts';
import { schemaRefusal } from './catalogue.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';

type Factors = z.infer<typeof FactorsSchema>;
type WorkingYear = z.infer<typeof WorkingYearSchema>;
type ParticularlyExposed = z.infer<typeof ParticularlyExposedSchema>;

/**
 * Changes what the referential says about itself: identity, targeted regulation version, reference
 * working year, factors retained and excluded (with their justification), the branch's list of
 * particularly exposed jobs and activities (art. L4163-2-1; `null` removes it). Each part is replaced whole.
 * A missing justification is left to the checker (it is written after the factor is excluded).
 */
export interface ReferentialChanges {
  identity?: Identity;
  regulation?: string;
  workingYear?: WorkingYear;
  factors?: Factors;
  particularlyExposed?: ParticularlyExposed | null;
}

export interface ReferentialUpdateCommand {
  type: 'referential/update';
  changes: ReferentialChanges;
}

export function canUpdateReferential(_graph: GraphDocument, command: ReferentialUpdateCommand): CanApply {
  const { identity, regulation, workingYear, factors, particularlyExposed } = command.changes;
  if (particularlyExposed) {
    const parsed = ParticularlyExposedSchema.safeParse(particularlyExposed);
    if (!parsed.success) return schemaRefusal(parsed.error, 'particularlyExposed');
  }
  if (identity) {
    const parsed = IdentitySchema.safeParse(identity);
    if (!parsed.success) return schemaRefusal(parsed.error, 'identity');
  }
  if (regulation !== undefined && !regulationById(regulation)) return refuse('regulation.unknown_version', { regulation });
  if (workingYear) {
    const parsed = WorkingYearSchema.safeParse(workingYear);
    if (!parsed.success) return schemaRefusal(parsed.error, 'workingYear');
  }
  if (factors) {
    const parsed = FactorsSchema.safeParse(factors);
    if (!parsed.success) return schemaRefusal(parsed.error, 'factors');
    const excluded = new Set(factors.excluded.map((e) => e.factor));
    const both = factors.retained.find((f) => excluded.has(f));
    if (both !== undefined) return refuse('regulation.factor_retained_and_excluded', { factor: both });
    const seen = new Set<string>();
    for (const f of [...factors.retained, ...factors.excluded.map((e) => e.factor)]) {
      if (seen.has(f)) return refuse('command.invalid_value', { field: 'factors', reason: 'factor_twice', factor: f });
      seen.add(f);
    }
  }
  return OK;
}

export function updateReferential(draft: Draft, command: ReferentialUpdateCommand): void {
  const { identity, regulation, workingYear, factors, particularlyExposed } = command.changes;
  if (particularlyExposed === null) delete draft.referential.particularlyExposed;
  else if (particularlyExposed) draft.referential.particularlyExposed = particularlyExposed;
  if (identity) draft.referential.identity = identity;
  if (regulation !== undefined) draft.referential.regulation = regulation;
  if (workingYear) draft.referential.workingYear = workingYear;
  if (factors) draft.referential.factors = factors;
}
