import type { EmployeeResult, StaffResult } from '../evaluate/types.ts';
import type { FactorCode } from '../regulation/types.ts';
import type { Referential } from '../referential/schema.ts';
import { planLatestEnd, type ActionPlan, type PlanDiagnosis, type PlanKind, type PlanTheme } from './plan.ts';
import { themeRule, type ThemeId } from './themes.ts';

/*
 * A first draft of the agreement or action plan, from the year's evaluation: the diagnosis (D4162-2:
 * exposed factors and counts, per job and in all, poly-exposures, what is outside the declaration and
 * the jobs the branch lists as particularly exposed) and a theme selection that meets the rule in force
 * on the start date, each theme with objectives to quantify (a baseline from the diagnosis, no target:
 * the validator asks for one) and an indicator. The company then edits it; nothing here is a legal
 * commitment.
 *
 * The draft is structured data: each objective says what it follows and from which baseline, the
 * diagnosis how many temporary workers it leaves out. The stored plan holds French texts (objectives,
 * indicators, units, notes) because the company edits them and files the document; `planFromDraft`
 * (src/present/obligation.ts) writes them once, when the draft becomes the company's plan, so a stored
 * plan reads the same whatever later versions of the app would say.
 */

/**
 * What a draft objective follows: employees declared exposed to two factors or more, employees declared
 * exposed, jobs counting exposed employees, or the actions carried out under the theme.
 */
export type ObjectiveMeasure = 'poly_exposed' | 'declared_exposed' | 'exposed_jobs' | 'theme_actions';

/** A draft objective: what it follows under its theme, and where that stands at the diagnosis when counted. */
export interface DraftObjective {
  theme: ThemeId;
  follows: ObjectiveMeasure;
  baseline?: number;
}

/** The diagnosis as the evaluation gives it; `temporary`: temporary workers left out (their agency declares them, L4163-1 IV). */
export type DraftDiagnosis = Omit<PlanDiagnosis, 'notes'> & { temporary: number };

/** A first draft of the plan, before it is worded: see `planFromDraft` (src/present/obligation.ts). */
export interface ActionPlanDraft extends Omit<ActionPlan, 'diagnosis' | 'themes'> {
  diagnosis: DraftDiagnosis;
  themes: Array<Omit<PlanTheme, 'objectives'> & { objectives: DraftObjective[] }>;
}

/** The mission profiles of the staff evaluated (the results carry no jobs). */
export type StaffProfiles = ReadonlyArray<{ id: string; jobs: ReadonlyArray<{ job: string; share: number }> }>;

export interface DraftInput {
  referential: Referential;
  /** The evaluation of the staff for the diagnosis year. */
  staff: StaffResult;
  /** The staff evaluated, for the jobs of each employee. */
  employees: StaffProfiles;
  year: number;
  /** First day the plan covers; it then runs for three years. */
  start: string;
  kind?: PlanKind;
  /** Union delegates to negotiate with (an action plan then needs a record of disagreement). */
  unionDelegates?: boolean;
}

/**
 * The diagnosis of the staff's exposures, job by job: an employee counts under their main job (the
 * largest share, the first listed on a tie — as the headcount estimate does), so the job rows add up to
 * the staff evaluated.
 */
export function planDiagnosis(referential: Referential, staff: StaffResult, employees: StaffProfiles, year: number): DraftDiagnosis {
  const own = staff.results.filter((r) => r.temporary === undefined);
  const mainJob = new Map(employees.map((e) => [e.id, e.jobs.reduce<{ job: string; share: number } | undefined>((best, j) => (!best || j.share > best.share ? j : best), undefined)?.job]));
  const label = (f: FactorCode) => own[0]?.factors.find((x) => x.factor === f)?.label ?? f;
  const count = (pick: (r: EmployeeResult) => boolean) => own.filter(pick).length;
  const declaredFactors = (r: EmployeeResult) => r.dsn.map((d) => d.factor);
  const factors = [...new Set(own.flatMap(declaredFactors))];
  const jobs = referential.jobs.map((job) => {
    const holders = own.filter((r) => mainJob.get(r.employee) === job.id);
    const exposed: Partial<Record<FactorCode, number>> = {};
    for (const r of holders) for (const f of declaredFactors(r)) exposed[f] = (exposed[f] ?? 0) + 1;
    return { job: job.id, label: job.label, employees: holders.length, exposed };
  });
  const outside = [...new Set(own.flatMap((r) => r.noLegalThreshold))];
  const listed = [...new Set(own.flatMap((r) => r.factors.filter((f) => f.particularlyExposedJobs).map((f) => f.factor)))];
  const temporary = staff.results.length - own.length;
  return {
    year,
    employees: own.length,
    declaredExposed: count((r) => r.dsn.length > 0),
    polyExposed: count((r) => r.dsn.length >= 2),
    byFactor: factors.map((f) => ({ factor: f, label: label(f), exposed: count((r) => declaredFactors(r).includes(f)) })),
    byJob: jobs.filter((j) => j.employees > 0),
    outsideDeclaration: outside.map((f) => ({ factor: f, label: label(f), employees: count((r) => r.noLegalThreshold.includes(f)) })),
    particularlyExposed: listed.map((f) => ({ factor: f, label: label(f), employees: count((r) => r.factors.some((x) => x.factor === f && x.particularlyExposedJobs)) })),
    temporary,
  };
}

/**
 * A first draft: the diagnosis, the themes (poly-exposure reduction when some employees are declared
 * exposed to several factors, exposure reduction and workstation adaptation, then working conditions
 * and keeping exposed employees in activity) completed to the minimum of the rule in force on `start`,
 * and for each an objective with its baseline and an indicator; the end date three years later.
 *
 * @example actionPlanDraft({ referential, staff, employees, year: 2024, start: '2025-01-01' }).themes.map((t) => t.theme)
 */
export function actionPlanDraft(input: DraftInput): ActionPlanDraft {
  const diagnosis = planDiagnosis(input.referential, input.staff, input.employees, input.year);
  const rule = themeRule(input.start);
  const chosen: ThemeId[] = [];
  if (rule) {
    const group1: ThemeId[] = [...(diagnosis.polyExposed > 0 ? (['reduction_polyexposure'] as ThemeId[]) : []), 'exposure_reduction', 'workstation_adaptation', 'reduction_polyexposure'];
    for (const t of group1) if (rule.group1.includes(t) && !chosen.includes(t) && chosen.filter((x) => rule.group1.includes(x)).length < rule.group1Minimum) chosen.push(t);
    const group2Needed = Math.max(rule.group2Minimum, rule.totalMinimum - chosen.length);
    for (const t of ['working_conditions', 'keeping_in_activity', 'skills', 'end_of_career'] as ThemeId[]) {
      if (chosen.filter((x) => rule.group2.includes(x)).length < group2Needed) chosen.push(t);
    }
  }
  const themes = chosen.map((theme) => ({ theme, measures: [], objectives: [objectiveFor(theme, diagnosis)] }));
  return {
    kind: input.kind ?? 'agreement',
    status: 'draft',
    start: input.start,
    end: planLatestEnd(input.start),
    diagnosis,
    themes,
    ...(rule?.pointUseMeasures ? { pointUseMeasures: { training: '', partTime: '' } } : {}),
    unionDelegates: input.unionDelegates ?? true,
  };
}

function objectiveFor(theme: ThemeId, d: DraftDiagnosis): DraftObjective {
  switch (theme) {
    case 'reduction_polyexposure':
      return { theme, follows: 'poly_exposed', baseline: d.polyExposed };
    case 'exposure_reduction':
      return { theme, follows: 'declared_exposed', baseline: d.declaredExposed };
    case 'workstation_adaptation':
      return { theme, follows: 'exposed_jobs', baseline: d.byJob.filter((j) => Object.keys(j.exposed).length > 0).length };
    default:
      return { theme, follows: 'theme_actions' };
  }
}
