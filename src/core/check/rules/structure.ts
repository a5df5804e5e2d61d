import { referenceProblems, type ReferenceProblem } from '../../referential/references.ts';
import type { Question, Referential } from '../../referential/schema.ts';
import { formatPath, type PathSegment } from '../../util/path.ts';
import { sharesComplete } from '../../util/constants.ts';
import { successors, type CheckContext, type RuleContext } from '../context.ts';

/*
 * The structure rules of a referential. The first ones — duplicate ids, references to what does not
 * exist, branch conditions of the wrong kind, cycles, scenarios naming what the referential lacks — are
 * the integrity rules: a referential breaking one cannot be evaluated, so the loader refuses it with them
 * (`integrityRules`, located by JSON path), and the checker reports them with the others (by element id
 * and JSON path). One computation, two policies.
 */

/** The error-level rules the loader runs: what would make the evaluator fail on some input. */
export function integrityRules(ctx: RuleContext): void {
  const index = nodeIndex(ctx.r);
  duplicateIds(ctx);
  missingTargets(ctx, index);
  catalogueReferences(ctx);
  branchConditions(ctx);
  cycles(ctx, index);
  references(ctx);
  particularlyExposed(ctx);
}

/** Every structure rule: the integrity rules, then labels, weightings, coverage, reachability, use. */
export function structureRules(ctx: CheckContext): void {
  const { r } = ctx;
  const index = nodeIndex(r);
  integrityRules(ctx);
  emptyLabels(ctx);

  r.jobs.forEach((job, i) => {
    const sum = job.tasks.reduce((s, t) => s + t.defaultShare, 0);
    if (job.tasks.length === 0) ctx.emit('structure.job_without_tasks', { element: job.id, path: ['jobs', i, 'tasks'] }, { job: job.label || job.id });
    else if (!sharesComplete(sum)) ctx.emit('structure.weightings_sum', { element: job.id, path: ['jobs', i, 'tasks'] }, { job: job.label || job.id, sum: Math.round(sum * 1000) / 1000 });
  });

  const questions = new Map(r.questions.map((q) => [q.id, q]));
  r.nodes.forEach((node, i) => {
    if (node.kind !== 'question') return;
    if (node.branches.length === 0) ctx.emit('structure.dead_end', { element: node.id, path: ['nodes', i, 'branches'] }, { node: node.label ?? node.id });
    const question = questions.get(node.question);
    if (question) coverage(ctx, i, question);
  });

  reachability(ctx, index);

  const askedQuestions = new Set(r.nodes.flatMap((n) => (n.kind === 'question' ? [n.question] : [])));
  const usedMeasures = new Set(r.nodes.flatMap((n) => (n.kind === 'measure' ? [n.measure] : [])));
  r.questions.forEach((q, i) => {
    if (!askedQuestions.has(q.id)) ctx.emit('structure.unused_question', { element: q.id, path: ['questions', i] }, { question: q.label || q.id });
  });
  r.measures.forEach((m, i) => {
    if (!usedMeasures.has(m.id)) ctx.emit('structure.unused_measure', { element: m.id, path: ['measures', i] }, { measure: m.label || m.id });
  });
}

const nodeIndex = (r: Referential) => new Map(r.nodes.map((n, i) => [n.id, i]));

/** One id namespace: the second use of an id is located, the first named (`first`, a JSON path). */
function duplicateIds(ctx: RuleContext): void {
  const { r } = ctx;
  const seen = new Map<string, string>();
  const check = (id: string, path: PathSegment[]) => {
    const first = seen.get(id);
    if (first !== undefined) ctx.emit('structure.duplicate_id', { element: id, path }, { id, first });
    else seen.set(id, formatPath(path));
  };
  r.questions.forEach((q, i) => check(q.id, ['questions', i, 'id']));
  r.measures.forEach((m, i) => check(m.id, ['measures', i, 'id']));
  r.jobs.forEach((j, i) => {
    check(j.id, ['jobs', i, 'id']);
    j.tasks.forEach((t, k) => check(t.id, ['jobs', i, 'tasks', k, 'id']));
  });
  r.nodes.forEach((n, i) => check(n.id, ['nodes', i, 'id']));
  r.situations.forEach((s, i) => check(s.id, ['situations', i, 'id']));
  r.scenarios.forEach((s, i) => check(s.id, ['scenarios', i, 'id']));
}

/** A task entry, a measure's two sides or a branch naming neither a decision node nor a situation. */
function missingTargets(ctx: RuleContext, index: ReadonlyMap<string, number>): void {
  const { r } = ctx;
  const situations = new Set(r.situations.map((s) => s.id));
  const target = (id: string, element: string, node: string, path: PathSegment[]) => {
    if (!index.has(id) && !situations.has(id)) ctx.emit('structure.dead_end', { element, path }, { node, target: id });
  };
  r.jobs.forEach((job, i) => job.tasks.forEach((t, k) => target(t.entry, t.id, t.label || t.id, ['jobs', i, 'tasks', k, 'entry'])));
  r.nodes.forEach((node, i) => {
    const label = node.label ?? node.id;
    if (node.kind === 'measure') {
      target(node.applied, node.id, label, ['nodes', i, 'applied']);
      target(node.notApplied, node.id, label, ['nodes', i, 'notApplied']);
    } else node.branches.forEach((b, k) => target(b.next, node.id, label, ['nodes', i, 'branches', k, 'next']));
  });
}

/** A question node asking a criterion, or a measure node testing a measure, absent from the catalogue. */
function catalogueReferences(ctx: RuleContext): void {
  const { r } = ctx;
  const questions = new Set(r.questions.map((q) => q.id));
  const measures = new Set(r.measures.map((m) => m.id));
  r.nodes.forEach((node, i) => {
    if (node.kind === 'measure') {
      if (!measures.has(node.measure)) ctx.emit('structure.unknown_measure', { element: node.id, path: ['nodes', i, 'measure'] }, { measure: node.measure });
    } else if (!questions.has(node.question)) ctx.emit('structure.unknown_question', { element: node.id, path: ['nodes', i, 'question'] }, { question: node.question });
  });
}

/** The kind of a branch condition: yes/no, choices, or a numeric range. */
const conditionKind = (when: object): 'is' | 'oneOf' | 'range' => ('is' in when ? 'is' : 'oneOf' in when ? 'oneOf' : 'range');
const FITS: Record<ReturnType<typeof conditionKind>, Question['type']> = { is: 'boolean', oneOf: 'choice', range: 'number' };

/** Each branch's condition fits its question's type, and a choice condition names existing choices. */
function branchConditions(ctx: RuleContext): void {
  const { r } = ctx;
  const questions = new Map(r.questions.map((q) => [q.id, q]));
  r.nodes.forEach((node, i) => {
    if (node.kind !== 'question') return;
    const q = questions.get(node.question);
    if (!q) return;
    node.branches.forEach((b, k) => {
      const at = { element: node.id, path: ['nodes', i, 'branches', k, 'when'] };
      const condition = conditionKind(b.when);
      if (FITS[condition] !== q.type) return void ctx.emit('structure.branch_type', at, { question: q.label, questionId: q.id, type: q.type, condition });
      if (q.type !== 'choice' || !('oneOf' in b.when)) return;
      for (const answer of b.when.oneOf) {
        if (!q.choices.some((c) => c.id === answer)) ctx.emit('structure.unknown_answer', at, { question: q.label, questionId: q.id, answer, choices: q.choices.map((c) => c.id).join(', ') });
      }
    });
  });
}

/** Choice ids listed twice and scenarios naming what the referential lacks (references.ts), as findings. */
function references(ctx: RuleContext): void {
  for (const p of referenceProblems(ctx.r)) {
    const { kind, path, ...params } = p as ReferenceProblem & Record<string, string>;
    const element = p.kind === 'duplicate_choice' ? ctx.r.questions[p.path[1] as number]?.id : ctx.r.scenarios[p.path[1] as number]?.id;
    ctx.emit(`structure.${kind}`, { ...(element !== undefined ? { element } : {}), path }, params);
  }
}

/**
 * The L4163-2-1 list names jobs of this referential and their activities (tasks), each factor once per
 * entry: an entry left behind by a removed job or task is an error of the draft, not only of the file.
 */
function particularlyExposed(ctx: RuleContext): void {
  const jobs = new Map(ctx.r.jobs.map((j) => [j.id, j]));
  ctx.r.particularlyExposed?.entries.forEach((entry, i) => {
    const at = ['particularlyExposed', 'entries', i] as const;
    const job = jobs.get(entry.job);
    if (!job) ctx.emit('structure.particularly_exposed_job', { element: entry.job, path: [...at, 'job'] }, { job: entry.job });
    entry.tasks?.forEach((task, k) => {
      if (job && !job.tasks.some((t) => t.id === task)) ctx.emit('structure.particularly_exposed_task', { element: job.id, path: [...at, 'tasks', k] }, { task, job: job.label || job.id });
    });
    entry.factors.forEach((factor, k) => {
      if (entry.factors.indexOf(factor) !== k) ctx.emit('structure.particularly_exposed_factor', { element: entry.job, path: [...at, 'factors', k] }, { factor, job: job?.label || entry.job });
    });
  });
}

/** The element kinds an empty label is reported for (the presentation names them). */
export type LabelledKind = 'question' | 'choice' | 'measure' | 'job' | 'task' | 'situation';

function emptyLabels(ctx: RuleContext): void {
  const { r } = ctx;
  const check = (label: string, element: string, path: PathSegment[], kind: LabelledKind) => {
    if (label.trim() === '') ctx.emit('structure.empty_label', { element, path }, { kind, id: element });
  };
  r.questions.forEach((q, i) => {
    check(q.label, q.id, ['questions', i, 'label'], 'question');
    if (q.type === 'choice') q.choices.forEach((c, k) => check(c.label, q.id, ['questions', i, 'choices', k, 'label'], 'choice'));
  });
  r.measures.forEach((m, i) => check(m.label, m.id, ['measures', i, 'label'], 'measure'));
  r.jobs.forEach((j, i) => {
    check(j.label, j.id, ['jobs', i, 'label'], 'job');
    j.tasks.forEach((t, k) => check(t.label, t.id, ['jobs', i, 'tasks', k, 'label'], 'task'));
  });
  r.situations.forEach((s, i) => check(s.label, s.id, ['situations', i, 'label'], 'situation'));
}

/**
 * Every possible answer must take exactly one branch. Numeric branches are half-open [min, max). Left to
 * `branchConditions` when a branch does not fit the question's type; answers not among the choices are
 * reported there too. Bounds are numbers, or `−∞` / `+∞` where a range is open.
 */
function coverage(ctx: RuleContext, i: number, question: Question): void {
  const node = ctx.r.nodes[i];
  if (!node || node.kind !== 'question') return;
  if (node.branches.some((b) => FITS[conditionKind(b.when)] !== question.type)) return;
  const at = { element: node.id, path: ['nodes', i, 'branches'] as PathSegment[] };
  if (question.type === 'boolean' || question.type === 'choice') {
    const answers = question.type === 'boolean' ? ['true', 'false'] : question.choices.map((c) => c.id);
    const counts = new Map(answers.map((a) => [a, 0]));
    for (const b of node.branches) {
      const covered = 'is' in b.when ? [String(b.when.is)] : 'oneOf' in b.when ? b.when.oneOf : [];
      for (const a of covered) {
        const n = counts.get(a);
        if (n !== undefined) counts.set(a, n + 1);
      }
    }
    for (const [answer, n] of counts) {
      if (n === 0) ctx.emit('structure.branch_missing_answer', at, { question: question.label, answer, type: question.type });
      if (n > 1) ctx.emit('structure.branch_duplicate_answer', at, { question: question.label, answer, type: question.type });
    }
    return;
  }
  const ranges = node.branches
    .map((b) => ('min' in b.when || 'max' in b.when ? { min: (b.when as { min?: number }).min ?? -Infinity, max: (b.when as { max?: number }).max ?? Infinity } : { min: -Infinity, max: Infinity }))
    .sort((a, b) => a.min - b.min || a.max - b.max);
  const low = question.min ?? -Infinity;
  const high = question.max ?? Infinity;
  let reached = low;
  const bound = (x: number): string | number => (x === -Infinity ? '−∞' : x === Infinity ? '+∞' : x);
  for (const range of ranges) {
    if (range.min > reached && reached < high) ctx.emit('structure.range_gap', at, { question: question.label, from: bound(reached), to: bound(Math.min(range.min, high)) });
    else if (range.min < reached && range.min < high && reached > low) ctx.emit('structure.range_overlap', at, { question: question.label, from: bound(Math.max(range.min, low)), to: bound(Math.min(reached, range.max)) });
    reached = Math.max(reached, range.max);
  }
  // question.max is inclusive while a branch max is exclusive: the last branch must go past it.
  if (reached < high || (reached === high && high !== Infinity)) ctx.emit('structure.range_gap', at, { question: question.label, from: bound(reached), to: bound(high) });
}

/**
 * A decision graph with a cycle would never reach a situation: reported at the node where it closes.
 * Iterative depth-first search, since generated referentials can be deep enough to overflow recursion.
 */
function cycles(ctx: RuleContext, index: ReadonlyMap<string, number>): void {
  const { r } = ctx;
  const state = new Map<string, 'open' | 'done'>();
  for (const start of r.nodes) {
    if (state.has(start.id)) continue;
    const stack: Array<{ id: string; next: string[] }> = [{ id: start.id, next: successors(r, index, start.id) }];
    state.set(start.id, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const child = top.next.pop();
      if (child === undefined) {
        state.set(top.id, 'done');
        stack.pop();
      } else if (index.has(child)) {
        if (state.get(child) === 'open') ctx.emit('structure.cycle', { element: top.id, path: ['nodes', index.get(top.id)!] }, { from: top.id, to: child });
        else if (!state.has(child)) {
          state.set(child, 'open');
          stack.push({ id: child, next: successors(r, index, child) });
        }
      }
    }
  }
}

/** Decision nodes and situations that no task's tree reaches are dead weight, or a missing edge. */
function reachability(ctx: RuleContext, index: ReadonlyMap<string, number>): void {
  const { r } = ctx;
  const reached = new Set<string>();
  const stack = r.jobs.flatMap((j) => j.tasks.map((t) => t.entry));
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    stack.push(...successors(r, index, id));
  }
  r.nodes.forEach((n, i) => {
    if (!reached.has(n.id)) ctx.emit('structure.unreachable', { element: n.id, path: ['nodes', i] }, { node: n.label ?? n.id });
  });
  r.situations.forEach((s, i) => {
    if (!reached.has(s.id)) ctx.emit('structure.unreachable', { element: s.id, path: ['situations', i] }, { node: s.label || s.id });
  });
}
