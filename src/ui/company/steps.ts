import type { AnswerValue, Employee, LoadIssue, Referential } from '../../core/index.ts';
import { companyIssues } from '../../io/company.ts';
import { profileIssues, type CompanyProfile } from './profile.ts';

/*
 * The guided flow's steps and what each needs: the machine's guards and the stepper's marks read the
 * same predicates (thin calls into the shared checks: the profile rules, the company file's checks).
 */

export const STEPS = ['profile', 'referential', 'answers', 'measures', 'staff', 'results'] as const;
export type Step = (typeof STEPS)[number];

export const isStep = (value: unknown): value is Step => typeof value === 'string' && (STEPS as readonly string[]).includes(value);

export interface ReferentialChoice {
  /** `id@version` in the stored referentials. */
  key: string;
  referential: Referential;
  contentHash: string;
}

export interface FlowData {
  profile: CompanyProfile;
  referential?: ReferentialChoice;
  answers: Record<string, AnswerValue>;
  measures: Array<{ measure: string; since?: string }>;
  employees: readonly Employee[];
}

/** What the evaluator would refuse in the company's answers and measures (missing answers included). */
export function answersIssues(data: FlowData): LoadIssue[] {
  if (!data.referential) return [];
  return companyIssues({ formatVersion: 1, answers: data.answers, measures: data.measures }, data.referential.referential);
}

/** A step's own part is done: the profile valid, a referential chosen, the answers complete, staff present. */
export function stepComplete(data: FlowData, step: Step): boolean {
  switch (step) {
    case 'profile':
      return profileIssues(data.profile).length === 0;
    case 'referential':
      return data.referential !== undefined;
    case 'answers':
      return data.referential !== undefined && answersIssues(data).length === 0;
    case 'measures':
      // Measures are optional: none in place is an answer too.
      return data.referential !== undefined;
    case 'staff':
      return data.employees.length > 0;
    case 'results':
      return false;
  }
}

/** Whether a step can be opened: the referential's steps need a referential, the results need everything. */
export function stepAvailable(data: FlowData, step: Step): boolean {
  switch (step) {
    case 'profile':
    case 'referential':
      return true;
    case 'answers':
    case 'measures':
    case 'staff':
      return data.referential !== undefined;
    case 'results':
      return stepComplete(data, 'profile') && stepComplete(data, 'answers') && stepComplete(data, 'staff');
  }
}

export function nextStep(step: Step): Step | undefined {
  return STEPS[STEPS.indexOf(step) + 1];
}

export function previousStep(step: Step): Step | undefined {
  const i = STEPS.indexOf(step);
  return i > 0 ? STEPS[i - 1] : undefined;
}
