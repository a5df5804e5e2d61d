import { assessObligation, type ObligationAssessment } from '../../core/index.ts';
import { digestOf, type CompanyEvaluation } from './evaluation.ts';
import type { CompanyProfile } from './profile.ts';

/**
 * The obligation to negotiate for the year evaluated (core `assessObligation`): the share is the
 * employees the company itself declares exposed — temporary workers apart, their agency declares them
 * (L4163-1 IV) — over the whole workforce, the profile's headcount, or the staff entered when it is not given.
 */
export function companyObligation(profile: CompanyProfile, evaluation: CompanyEvaluation): { assessment: ObligationAssessment; declared: number; headcount: number } {
  const declared = digestOf(evaluation).declaredEmployees;
  const headcount = profile.headcount ?? evaluation.totals.employees;
  const assessment = assessObligation({
    year: evaluation.year,
    headcount,
    ...(profile.groupHeadcount !== undefined ? { groupHeadcount: profile.groupHeadcount } : {}),
    ...(profile.extendedBranchAgreement !== undefined ? { extendedBranchAgreement: profile.extendedBranchAgreement } : {}),
    ...(profile.claimsIndex !== undefined ? { claimsIndex: profile.claimsIndex } : {}),
    declaredExposed: declared,
  });
  return { assessment, declared, headcount };
}
