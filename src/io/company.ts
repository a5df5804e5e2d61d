import {
  answerProblem,
  CompanyInputSchema,
  issueOf,
  migrateDocument,
  parseJsonText,
  parseWith,
  type AnswerValue,
  type BranchCondition,
  type CompanyInput,
  type LoadIssue,
  type Referential,
  type Result,
} from '../core/index.ts';

/*
 * The company file: the answers to the referential's company-level questions and the prevention
 * measures in place (schemas/company.schema.json). Pure TypeScript, like the staff file.
 */

export const COMPANY_FORMAT_VERSION = 1;
/** Entry `n` turns a version-`n` company file into version `n + 1`; none yet. */
export const COMPANY_MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};


/** JSON text → company input, or located French issues. A UTF-8 BOM is ignored. */
export function loadCompanyText(text: string): Result<CompanyInput, LoadIssue> {
  const json = parseJsonText(text.startsWith('\uFEFF') ? text.slice(1) : text);
  if (!json.ok) return json;
  const migrated = migrateDocument(json.value, COMPANY_FORMAT_VERSION, COMPANY_MIGRATIONS, 'company_answers');
  if (!migrated.ok) return migrated;
  return parseWith(CompanyInputSchema, migrated.value);
}

/**
 * What the evaluator would refuse in a company file for this referential, found before evaluating
 * anyone and located by JSON path: another referential, unknown or employee-level questions, answers
 * of the wrong type, unknown measures, and company answers that a job's decision tree needs but that
 * are missing (or that no branch of the tree foresees).
 */
export function companyIssues(company: CompanyInput, referential: Referential): LoadIssue[] {
  const issues: LoadIssue[] = [];
  if (company.referential && company.referential.id !== referential.id) {
    issues.push(issueOf('company.referential', ['referential', 'id'], { declared: company.referential.id, target: referential.id }));
  }
  const questions = new Map(referential.questions.map((q) => [q.id, q]));
  for (const [key, value] of Object.entries(company.answers)) {
    const q = questions.get(key);
    if (!q) issues.push(issueOf('company.unknown_question', ['answers', key], { question: key }));
    else if (q.scope !== 'company') issues.push(issueOf('company.employee_question', ['answers', key], { question: q.label, id: q.id }));
    else {
      const problem = answerProblem(q, value);
      if (problem) issues.push(issueOf('company.answer_invalid', ['answers', key], { question: q.label, answer: typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as string | number | boolean | null), ...problem }));
    }
  }
  const measures = new Set(referential.measures.map((m) => m.id));
  company.measures.forEach((m, i) => {
    if (!measures.has(m.measure)) issues.push(issueOf('company.unknown_measure', ['measures', i, 'measure'], { measure: m.measure }));
  });
  if (issues.length === 0) issues.push(...treeIssues(company, referential));
  return issues;
}

function branchMatches(when: BranchCondition, answer: AnswerValue): boolean {
  if ('is' in when) return answer === when.is;
  if ('oneOf' in when) return typeof answer === 'string' && when.oneOf.includes(answer);
  if (typeof answer !== 'number') return false;
  return (when.min === undefined || answer >= when.min) && (when.max === undefined || answer < when.max);
}

/**
 * Walks every task's decision tree as the company's answers and measures direct it, following every
 * branch of employee-level questions, and reports the company answers the walk cannot do without.
 */
function treeIssues(company: CompanyInput, referential: Referential): LoadIssue[] {
  const nodes = new Map(referential.nodes.map((n) => [n.id, n]));
  const questions = new Map(referential.questions.map((q) => [q.id, q]));
  const inPlace = new Set(company.measures.map((m) => m.measure));
  const reported = new Set<string>();
  const issues: LoadIssue[] = [];
  for (const job of referential.jobs) {
    for (const task of job.tasks) {
      const where = { job: job.label, task: task.label };
      const visited = new Set<string>();
      const stack = [task.entry];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (visited.has(id)) continue;
        visited.add(id);
        const node = nodes.get(id);
        if (!node) continue; // a situation
        if (node.kind === 'measure') {
          stack.push(inPlace.has(node.measure) ? node.applied : node.notApplied);
          continue;
        }
        const q = questions.get(node.question);
        if (!q) continue; // refused when the referential was loaded
        if (q.scope === 'employee') {
          for (const b of node.branches) stack.push(b.next);
          continue;
        }
        // An own property only: a question id such as `constructor` must not find Object.prototype's.
        const answer = Object.hasOwn(company.answers, q.id) ? company.answers[q.id] : undefined;
        if (answer === undefined) {
          if (!reported.has(q.id)) issues.push(issueOf('company.answer_missing', ['answers', q.id], { question: q.label, ...where }));
          reported.add(q.id);
          continue;
        }
        const branch = node.branches.find((b) => branchMatches(b.when, answer));
        if (!branch) {
          if (!reported.has(q.id)) issues.push(issueOf('company.no_branch', ['answers', q.id], { question: q.label, answer, node: node.id, nodeLabel: node.label || node.id, ...where }));
          reported.add(q.id);
          continue;
        }
        stack.push(branch.next);
      }
    }
  }
  return issues;
}
