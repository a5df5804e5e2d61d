import { checkReferential, type CheckReport } from '../check/index.ts';
import { situationVerdicts, type SituationVerdict } from '../check/whatif.ts';
import { slotTable } from '../evaluate/plan.ts';
import type { FactorCode } from '../regulation/types.ts';
import { regulationById } from '../regulation/index.ts';
import type { BranchCondition, Measure, Question, Referential, Situation } from '../referential/schema.ts';
import { runScenario, type ScenarioOutcome } from '../scenarios/index.ts';
import { LATEST_REGULATION } from './report.ts';

/*
 * What the homologation dossier shows, computed once from the stored referential: every task's decision
 * tree, every situation's verdict per factor at 100 % time under the targeted version, the checker's
 * findings, the scenarios, and the what-if against the latest regulation version.
 */

export type TreeNode =
  | { kind: 'question'; id: string; label?: string; question?: Question; branches: Array<{ when: BranchCondition; child: TreeNode }> }
  | { kind: 'measure'; id: string; label?: string; measure?: Measure; applied: TreeNode; notApplied: TreeNode }
  | { kind: 'situation'; id: string; situation: Situation }
  /** A reference to nothing (the checker reports it) or back up the tree (a cycle). */
  | { kind: 'missing' | 'cycle'; id: string };

/** The decision tree under a task's entry, resolved: shared subtrees appear under every task that uses them. */
export function decisionTree(r: Referential, entry: string): TreeNode {
  const nodes = new Map(r.nodes.map((n) => [n.id, n]));
  const situations = new Map(r.situations.map((s) => [s.id, s]));
  const questions = new Map(r.questions.map((q) => [q.id, q]));
  const measures = new Map(r.measures.map((m) => [m.id, m]));
  const walk = (id: string, path: ReadonlySet<string>): TreeNode => {
    const situation = situations.get(id);
    if (situation) return { kind: 'situation', id, situation };
    const node = nodes.get(id);
    if (!node) return { kind: 'missing', id };
    if (path.has(id)) return { kind: 'cycle', id };
    const inner = new Set(path).add(id);
    const label = node.label === undefined ? {} : { label: node.label };
    if (node.kind === 'question') {
      const question = questions.get(node.question);
      return { kind: 'question', id, ...label, ...(question ? { question } : {}), branches: node.branches.map((b) => ({ when: b.when, child: walk(b.next, inner) })) };
    }
    const measure = measures.get(node.measure);
    return { kind: 'measure', id, ...label, ...(measure ? { measure } : {}), applied: walk(node.applied, inner), notApplied: walk(node.notApplied, inner) };
  };
  return walk(entry, new Set());
}

/** The situations a tree can end in, each once, in the order first met. */
export function situationsOf(tree: TreeNode): Situation[] {
  const out = new Map<string, Situation>();
  const visit = (n: TreeNode) => {
    if (n.kind === 'situation') out.set(n.id, n.situation);
    else if (n.kind === 'question') n.branches.forEach((b) => visit(b.child));
    else if (n.kind === 'measure') {
      visit(n.applied);
      visit(n.notApplied);
    }
  };
  visit(tree);
  return [...out.values()];
}

export interface DossierData {
  /** Each situation's verdict per factor at 100 % time under the targeted version (absent when that version is unknown). */
  verdicts: Map<string, Map<FactorCode, SituationVerdict>>;
  check: CheckReport;
  scenarios: ScenarioOutcome[];
  /** Against the latest version when the referential targets an older one. */
  whatIfAgainst?: string;
  /** Where each measure is tested: the tasks whose trees reach it. */
  measureUse: Map<string, string[]>;
}

export function dossierData(r: Referential): DossierData {
  const version = regulationById(r.regulation);
  const verdicts = version ? situationVerdicts(r, slotTable(version)) : new Map<string, Map<FactorCode, SituationVerdict>>();
  const against = version && r.regulation !== LATEST_REGULATION ? LATEST_REGULATION : undefined;
  const check = checkReferential(r, against ? { against } : {});
  const scenarios = r.scenarios.map((s) => {
    try {
      return runScenario(r, s);
    } catch {
      return { scenario: s.id, label: s.label, passed: false, mismatches: [] } satisfies ScenarioOutcome;
    }
  });
  const measureUse = new Map<string, string[]>();
  for (const job of r.jobs) {
    for (const task of job.tasks) {
      const visit = (n: TreeNode) => {
        if (n.kind === 'question') n.branches.forEach((b) => visit(b.child));
        else if (n.kind === 'measure') {
          const list = measureUse.get(n.measure?.id ?? n.id) ?? [];
          if (!list.includes(task.label)) list.push(task.label);
          measureUse.set(n.measure?.id ?? n.id, list);
          visit(n.applied);
          visit(n.notApplied);
        }
      };
      visit(decisionTree(r, task.entry));
    }
  }
  return { verdicts, check, scenarios, ...(against ? { whatIfAgainst: against } : {}), measureUse };
}
