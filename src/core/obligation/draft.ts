import type { EmployeeResult, StaffResult } from '../evaluate/types.ts';
import type { FactorCode } from '../regulation/types.ts';
import type { Referential } from '../referential/schema.ts';
import { planLatestEnd, type ActionPlan, type PlanDiagnosis, type PlanKind, type PlanTheme } from './plan.ts';
import { THEME_LABELS, themeRule, type ThemeId } from './themes.ts';

/*
 * A first draft of the agreement or action plan, from the year's evaluation: the diagnosis (D4162-2:
 * exposed factors and counts, per job and in all, poly-exposures, what is outside the declaration and
 * the jobs the branch lists as particularly exposed) and a theme selection that meets the rule in force
 * on the start date, each theme with objectives to quantify (a baseline from the diagnosis, no target:
 * the validator asks for one) and an indicator. The company then edits it; nothing here is a legal
 * commitment.
 *
 * Its French texts (objectives, indicators, units, notes, label snapshots) are content, not presentation:
 * they are the first version of a document the company edits, stores (Dexie `actionPlans`, backups) and
 * signs or files. The stored plan must read the same whatever later versions of the app would say, so
 * they are written once here and kept with the plan, like the legal theme labels they start from.
 */

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
export function planDiagnosis(referential: Referential, staff: StaffResult, employees: StaffProfiles, year: number): PlanDiagnosis {
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
    notes: temporary > 0 ? [`${temporary} intérimaire(s) hors du diagnostic : leur exposition est déclarée par l’entreprise de travail temporaire.`] : [],
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
export function actionPlanDraft(input: DraftInput): ActionPlan {
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
  const themes: PlanTheme[] = chosen.map((theme) => ({ theme, measures: [], objectives: [objectiveFor(theme, diagnosis)] }));
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

function objectiveFor(theme: ThemeId, d: PlanDiagnosis): PlanTheme['objectives'][number] {
  switch (theme) {
    case 'reduction_polyexposure':
      return { text: 'Réduire le nombre de salariés déclarés exposés à plusieurs facteurs', baseline: d.polyExposed, unit: 'salariés', indicator: 'Salariés déclarés exposés à au moins deux facteurs, chaque année' };
    case 'exposure_reduction':
      return { text: 'Réduire le nombre de salariés déclarés exposés', baseline: d.declaredExposed, unit: 'salariés', indicator: 'Salariés déclarés exposés, par facteur, chaque année' };
    case 'workstation_adaptation':
      return { text: 'Aménager les postes les plus exposés', baseline: d.byJob.filter((j) => Object.keys(j.exposed).length > 0).length, unit: 'postes', indicator: 'Postes aménagés parmi les postes comptant des salariés exposés' };
    default:
      return { text: THEME_LABELS[theme], unit: 'actions', indicator: 'Actions réalisées et salariés concernés, chaque année' };
  }
}
