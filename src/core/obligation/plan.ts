import { addDays, addMonths, isIsoDate } from '../util/dates.ts';
import type { FactorCode } from '../regulation/types.ts';
import { THEME_IDS, themeRule, type ThemeId, type ThemeRule } from './themes.ts';

/*
 * What a company does once the obligation applies (L4162-1): negotiate an agreement for the prevention of
 * the effects of exposure or, failing agreement — attested by a record of disagreement (procès-verbal de
 * désaccord) where there are union delegates to negotiate with — adopt an action plan after consulting
 * the CSE (L4162-2). The agreement or plan rests on a prior diagnosis of exposures; each theme has
 * quantified objectives and indicators, communicated at least once a year to the CSE (D4162-2); it lasts
 * at most three years and is filed with the administrative authority, the DREETS (L4162-3). The themes
 * are in themes.ts.
 *
 * As data and pure functions: a validator with stable codes, and the status lifecycle draft → consulted
 * → filed → expired as a transition function (a statechart may wrap it in the UI later). Dates are ISO
 * strings passed in; the clock is never read.
 */

export type PlanKind = 'agreement' | 'action_plan';
export type PlanStatus = 'draft' | 'consulted' | 'filed' | 'expired';

export interface PlanObjective {
  /** What is aimed at, as the company words it (the draft's first wording: src/present/obligation.ts). */
  text: string;
  /** Where it stands at the diagnosis (same unit), when known. */
  baseline?: number;
  /** The quantified target (D4162-2: objectives "chiffrés"). */
  target?: number;
  unit: string;
  /** How it is followed (D4162-2: indicators communicated at least once a year to the CSE). */
  indicator: string;
}

export interface PlanTheme {
  theme: ThemeId;
  /** The prevention measures planned under this theme. */
  measures: string[];
  objectives: PlanObjective[];
}

/** The prior diagnosis of exposures (D4162-2), as the evaluation gives it. */
export interface PlanDiagnosis {
  year: number;
  employees: number;
  declaredExposed: number;
  /** Employees declared exposed to two factors or more. */
  polyExposed: number;
  byFactor: Array<{ factor: FactorCode; label: string; exposed: number }>;
  byJob: Array<{ job: string; label: string; employees: number; exposed: Partial<Record<FactorCode, number>> }>;
  /** Manual handling, postures, vibrations, chemicals: no legal threshold, described for prevention. */
  outsideDeclaration: Array<{ factor: FactorCode; label: string; employees: number }>;
  /** Employees in jobs the branch lists as particularly exposed to an ergonomic factor (L4163-2-1). */
  particularlyExposed: Array<{ factor: FactorCode; label: string; employees: number }>;
  /** Remarks on the diagnosis, as worded when the plan was drafted (kept with the stored plan). */
  notes: string[];
}

export interface ActionPlan {
  kind: PlanKind;
  status: PlanStatus;
  /** First and last day covered (at most three years, L4162-3 2°). */
  start: string;
  end: string;
  diagnosis?: PlanDiagnosis;
  themes: PlanTheme[];
  /** From 2019 (D4162-3): how holders of a prevention account may use their points. */
  pointUseMeasures?: { training: string; partTime: string };
  /** Whether the company has union delegates to negotiate with (an action plan then needs a record of disagreement). */
  unionDelegates: boolean;
  /** The procès-verbal de désaccord that opens the way to an action plan (L4162-2). */
  disagreementRecord?: { date: string };
  /** The signature of an agreement. */
  signature?: { date: string };
  cseConsultation?: { date: string; opinion: 'favourable' | 'unfavourable' | 'none' };
  filing?: { date: string; authority: 'DREETS'; reference?: string };
}

export type PlanIssueCode =
  | 'plan.rule_none'
  | 'plan.dates_invalid'
  | 'plan.duration_too_long'
  | 'plan.diagnosis_missing'
  | 'plan.theme_unknown'
  | 'plan.theme_repeated'
  | 'plan.group1_too_few'
  | 'plan.group2_too_few'
  | 'plan.total_too_few'
  | 'plan.point_use_missing'
  | 'plan.objective_missing'
  | 'plan.objective_not_quantified'
  | 'plan.indicator_missing';

/** A problem of the plan, located by its path in the plan object, with parameters for the French text. */
export interface PlanIssue {
  code: PlanIssueCode;
  path: string;
  params: Record<string, string | number>;
}

export const PLAN_MAX_YEARS = 3;

/** The last day a plan starting on `start` may cover: three years (L4162-3 2°). */
export function planLatestEnd(start: string): string {
  return addDays(addMonths(start, PLAN_MAX_YEARS * 12), -1);
}

/**
 * Every reason the plan would not meet the texts, each with a stable code: the theme combination of the
 * rule in force on its start date (D138-27 CSS, D4163-3, then D4162-3), the three-year maximum, the prior
 * diagnosis, quantified objectives with an indicator for every theme, the measures for using points.
 *
 * @example
 * // D4162-3: 1°{a, b} + 2°{a, c} → no theme issue; 1°{a} + 2°{a, b, c} → 'plan.group1_too_few'.
 * validateActionPlan(plan).map((i) => i.code)
 */
export function validateActionPlan(plan: ActionPlan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const push = (code: PlanIssueCode, path: string, params: Record<string, string | number> = {}) => issues.push({ code, path, params });
  if (!isIsoDate(plan.start) || !isIsoDate(plan.end) || plan.end < plan.start) {
    push('plan.dates_invalid', 'end', { start: plan.start, end: plan.end });
  } else if (plan.end > planLatestEnd(plan.start)) {
    push('plan.duration_too_long', 'end', { end: plan.end, latest: planLatestEnd(plan.start), years: PLAN_MAX_YEARS });
  }
  if (!plan.diagnosis) push('plan.diagnosis_missing', 'diagnosis');
  const rule = isIsoDate(plan.start) ? themeRule(plan.start) : undefined;
  if (!rule) {
    push('plan.rule_none', 'start', { start: plan.start });
    return issues;
  }
  issues.push(...themeIssues(plan.themes.map((t) => t.theme), rule));
  plan.themes.forEach((t, i) => {
    if (t.objectives.length === 0) push('plan.objective_missing', `themes[${i}].objectives`, { theme: t.theme });
    t.objectives.forEach((o, k) => {
      if (o.target === undefined || !Number.isFinite(o.target)) push('plan.objective_not_quantified', `themes[${i}].objectives[${k}].target`, { objective: o.text });
      if (o.indicator.trim() === '') push('plan.indicator_missing', `themes[${i}].objectives[${k}].indicator`, { objective: o.text });
    });
  });
  if (rule.pointUseMeasures && (!plan.pointUseMeasures || plan.pointUseMeasures.training.trim() === '' || plan.pointUseMeasures.partTime.trim() === '')) {
    push('plan.point_use_missing', 'pointUseMeasures', { rule: rule.id });
  }
  return issues;
}

/**
 * The theme combination alone, for a theme chooser that refuses an invalid one: unknown or repeated
 * themes, too few of the 1° group, of the 2° group, or in all, under `rule`.
 */
export function themeIssues(themes: readonly string[], rule: ThemeRule): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const seen = new Set<string>();
  themes.forEach((theme, i) => {
    if (!(THEME_IDS as readonly string[]).includes(theme) || (!rule.group1.includes(theme as ThemeId) && !rule.group2.includes(theme as ThemeId))) {
      issues.push({ code: 'plan.theme_unknown', path: `themes[${i}].theme`, params: { theme, rule: rule.id } });
    } else if (seen.has(theme)) issues.push({ code: 'plan.theme_repeated', path: `themes[${i}].theme`, params: { theme } });
    seen.add(theme);
  });
  const group1 = rule.group1.filter((t) => seen.has(t)).length;
  const group2 = rule.group2.filter((t) => seen.has(t)).length;
  if (group1 < rule.group1Minimum) issues.push({ code: 'plan.group1_too_few', path: 'themes', params: { chosen: group1, minimum: rule.group1Minimum, rule: rule.id } });
  if (group2 < rule.group2Minimum) issues.push({ code: 'plan.group2_too_few', path: 'themes', params: { chosen: group2, minimum: rule.group2Minimum, rule: rule.id } });
  if (group1 + group2 < rule.totalMinimum && group1 >= rule.group1Minimum && group2 >= rule.group2Minimum) {
    issues.push({ code: 'plan.total_too_few', path: 'themes', params: { chosen: group1 + group2, minimum: rule.totalMinimum, rule: rule.id } });
  }
  return issues;
}

// ─── Status lifecycle ──────────────────────────────────────────────────────────────────────────

export type PlanCommand =
  /** The procès-verbal de désaccord (before an action plan, where there are union delegates). */
  | { type: 'disagreement.record'; date: string }
  /** The agreement is signed. */
  | { type: 'sign'; date: string }
  /** The CSE is consulted (its opinion on an action plan; informed of an agreement). */
  | { type: 'cse.consult'; date: string; opinion: 'favourable' | 'unfavourable' | 'none' }
  /** Back to draft after the consultation (changes to make). */
  | { type: 'reopen' }
  /** Filed with the DREETS. */
  | { type: 'file'; date: string; reference?: string }
  /** Its three years (or its term) are over. */
  | { type: 'expire'; today: string };

export type PlanRefusalCode =
  | 'plan.not_from_status'
  | 'plan.date_invalid'
  | 'plan.not_an_agreement'
  | 'plan.not_an_action_plan'
  | 'plan.disagreement_record_missing'
  | 'plan.signature_missing'
  | 'plan.cse_consultation_missing'
  | 'plan.invalid'
  | 'plan.not_expired';

export interface PlanRefusal {
  code: PlanRefusalCode;
  params: Record<string, string | number>;
}

export const PLAN_TRANSITIONS: Record<PlanCommand['type'], { from: readonly PlanStatus[]; to: PlanStatus }> = {
  'disagreement.record': { from: ['draft'], to: 'draft' },
  sign: { from: ['draft'], to: 'draft' },
  'cse.consult': { from: ['draft'], to: 'consulted' },
  reopen: { from: ['consulted'], to: 'draft' },
  file: { from: ['consulted'], to: 'filed' },
  expire: { from: ['filed'], to: 'expired' },
};

/** Why `command` cannot be applied to `plan` (empty when it can). */
export function planRefusals(plan: ActionPlan, command: PlanCommand): PlanRefusal[] {
  const rule = PLAN_TRANSITIONS[command.type];
  if (!rule.from.includes(plan.status)) return [{ code: 'plan.not_from_status', params: { command: command.type, status: plan.status } }];
  const out: PlanRefusal[] = [];
  if ('date' in command && !isIsoDate(command.date)) out.push({ code: 'plan.date_invalid', params: { date: command.date } });
  switch (command.type) {
    case 'disagreement.record':
      if (plan.kind !== 'action_plan') out.push({ code: 'plan.not_an_action_plan', params: {} });
      break;
    case 'sign':
      if (plan.kind !== 'agreement') out.push({ code: 'plan.not_an_agreement', params: {} });
      break;
    case 'cse.consult':
      // L4162-2: the action plan comes after a failed negotiation, attested by a record of disagreement.
      if (plan.kind === 'action_plan' && plan.unionDelegates && !plan.disagreementRecord) out.push({ code: 'plan.disagreement_record_missing', params: {} });
      break;
    case 'file': {
      if (!plan.cseConsultation) out.push({ code: 'plan.cse_consultation_missing', params: {} });
      if (plan.kind === 'agreement' && !plan.signature) out.push({ code: 'plan.signature_missing', params: {} });
      const issues = validateActionPlan(plan);
      if (issues.length > 0) out.push({ code: 'plan.invalid', params: { count: issues.length, codes: issues.map((i) => i.code).join(', ') } });
      break;
    }
    case 'expire':
      if (!isIsoDate(command.today) || command.today <= plan.end) out.push({ code: 'plan.not_expired', params: { end: plan.end } });
      break;
    case 'reopen':
      break;
  }
  return out;
}

/** Applies an allowed command; a refused one changes nothing and says why. */
export function applyPlanCommand(plan: ActionPlan, command: PlanCommand): { ok: true; plan: ActionPlan } | { ok: false; refusals: PlanRefusal[] } {
  const refusals = planRefusals(plan, command);
  if (refusals.length > 0) return { ok: false, refusals };
  const status = PLAN_TRANSITIONS[command.type].to;
  switch (command.type) {
    case 'disagreement.record':
      return { ok: true, plan: { ...plan, status, disagreementRecord: { date: command.date } } };
    case 'sign':
      return { ok: true, plan: { ...plan, status, signature: { date: command.date } } };
    case 'cse.consult':
      return { ok: true, plan: { ...plan, status, cseConsultation: { date: command.date, opinion: command.opinion } } };
    case 'reopen': {
      const { cseConsultation: _consulted, ...rest } = plan;
      return { ok: true, plan: { ...rest, status } };
    }
    case 'file':
      return { ok: true, plan: { ...plan, status, filing: { date: command.date, authority: 'DREETS', ...(command.reference ? { reference: command.reference } : {}) } } };
    case 'expire':
      return { ok: true, plan: { ...plan, status } };
  }
}

// ─── Penalty ───────────────────────────────────────────────────────────────────────────────────

export interface PenaltyEstimate {
  /** Remuneration (L242-1 CSS) paid to the employees concerned during the months not covered. */
  base: number;
  months?: number;
  /** The legal maximum rate: 1 %. */
  maximumRate: number;
  /** base × 1 %: the most the DREETS may set. */
  maximum: number;
  legalBasis: string;
}

/**
 * The penalty at stake when no agreement or action plan covers a period while the obligation applies:
 * at most 1 % of the remuneration paid to the employees concerned during the periods not covered
 * (L4162-4 II of the Code du travail); the DREETS sets the rate after a formal notice, given the
 * company's situation, its steps to conclude an agreement or plan and the prevention measures taken
 * (R4162-6). The payroll figure is the user's: give either the total for the uncovered months, or a
 * monthly figure and the number of months. Which employees are "concerned" the article does not define.
 *
 * @example
 * // 8 months uncovered, 2 400 000 € paid to the employees concerned over them → at most 24 000 €.
 * penaltyEstimate({ remuneration: 2_400_000, months: 8 }).maximum // 24000
 */
export function penaltyEstimate(input: { remuneration: number; months?: number } | { monthlyRemuneration: number; months: number }): PenaltyEstimate {
  const base = 'remuneration' in input ? input.remuneration : input.monthlyRemuneration * input.months;
  if (!Number.isFinite(base) || base < 0) throw new RangeError(`remuneration ${base} invalid`);
  const maximum = Math.round(base * 0.01 * 100) / 100;
  const months = input.months;
  return {
    base,
    ...(months !== undefined ? { months } : {}),
    maximumRate: 0.01,
    maximum,
    legalBasis: 'L4162-4 II et R4162-6 du code du travail',
  };
}
