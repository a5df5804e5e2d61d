import type { CompanyRecord } from '../../storage/index.ts';
import { frCompany } from '../i18n/fr-company.ts';

/*
 * The company profile as typed in the form (strings, so that a half-typed number stays on screen), and
 * its checked form. Pure: the same rules serve the form's live messages and the machine's guards.
 */

export type CompanyProfile = CompanyRecord['profile'];

export interface ProfileDraft {
  name: string;
  siret: string;
  headcount: string;
  inGroup: boolean;
  groupHeadcount: string;
  extendedBranchAgreement: boolean;
  claimsIndex: string;
}

export type ProfileField = keyof ProfileDraft;
export interface ProfileIssue {
  field: ProfileField;
  message: string;
}

/** Spaces, dots and dashes are common in printed SIRET numbers: keep the digits only when nothing else. */
export const normalizeSiret = (text: string) => text.replace(/[\s.\-\u00a0\u202f]/g, '');

/**
 * A SIRET is 14 digits whose Luhn sum is a multiple of 10 (INSEE). La Poste's establishments (SIREN
 * 356 000 000) are numbered beyond what Luhn allows and follow their own rule: the sum of the digits is
 * a multiple of 5.
 */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) {
    return [...siret].reduce((n, d) => n + Number(d), 0) % 5 === 0;
  }
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    // From the right, every second digit is doubled: for 14 digits those are the even indexes from the left.
    let d = Number(siret[i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A whole number of people, or undefined when the text is not one. */
function parseCount(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

/** A decimal with a point or a comma, or undefined. */
export function parseDecimalText(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(?:\.\d*)?$|^\.\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function draftFromProfile(p: CompanyProfile): ProfileDraft {
  return {
    name: p.name,
    siret: p.siret ?? '',
    headcount: p.headcount === undefined ? '' : String(p.headcount),
    inGroup: p.groupHeadcount !== undefined,
    groupHeadcount: p.groupHeadcount === undefined ? '' : String(p.groupHeadcount),
    extendedBranchAgreement: p.extendedBranchAgreement ?? false,
    claimsIndex: p.claimsIndex === undefined ? '' : String(p.claimsIndex).replace('.', ','),
  };
}

/** The draft checked field by field: a profile when every field is valid, and every issue found. */
export function readProfileDraft(d: ProfileDraft): { profile?: CompanyProfile; issues: ProfileIssue[] } {
  const t = frCompany.profile.errors;
  const issues: ProfileIssue[] = [];
  const name = d.name.trim();
  if (name === '') issues.push({ field: 'name', message: t.nameMissing });

  const siret = normalizeSiret(d.siret);
  if (siret !== '') {
    if (!/^\d{14}$/.test(siret)) issues.push({ field: 'siret', message: t.siretFormat(siret.length) });
    else if (!isValidSiret(siret)) issues.push({ field: 'siret', message: t.siretChecksum });
  }

  let headcount: number | undefined;
  if (d.headcount.trim() !== '') {
    headcount = parseCount(d.headcount);
    if (headcount === undefined || headcount < 1) {
      issues.push({ field: 'headcount', message: t.headcount });
      headcount = undefined;
    }
  }

  let groupHeadcount: number | undefined;
  if (d.inGroup) {
    groupHeadcount = parseCount(d.groupHeadcount);
    if (groupHeadcount === undefined || groupHeadcount < 1) {
      issues.push({ field: 'groupHeadcount', message: t.groupHeadcount });
      groupHeadcount = undefined;
    } else if (headcount !== undefined && groupHeadcount < headcount) {
      issues.push({ field: 'groupHeadcount', message: t.groupSmaller(headcount) });
    }
  }

  let claimsIndex: number | undefined;
  if (d.claimsIndex.trim() !== '') {
    claimsIndex = parseDecimalText(d.claimsIndex);
    if (claimsIndex === undefined) issues.push({ field: 'claimsIndex', message: t.claimsIndex });
  }

  if (issues.length > 0) return { issues };
  return {
    profile: {
      name,
      ...(siret !== '' ? { siret } : {}),
      ...(headcount !== undefined ? { headcount } : {}),
      ...(groupHeadcount !== undefined ? { groupHeadcount } : {}),
      extendedBranchAgreement: d.extendedBranchAgreement,
      ...(claimsIndex !== undefined ? { claimsIndex } : {}),
    },
    issues,
  };
}

/** Issues of a stored profile (the machine's guard): the same rules as the form. */
export function profileIssues(p: CompanyProfile): ProfileIssue[] {
  return readProfileDraft(draftFromProfile(p)).issues;
}
