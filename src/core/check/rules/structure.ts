import { referenceProblems, type ReferenceProblem } from '../../referential/references.ts';
import type { Question } from '../../referential/schema.ts';
import { successors, type CheckContext } from '../context.ts';
import { sharesComplete } from '../../util/constants.ts';

/** Duplicate ids, empty labels, unknown references and dead ends, cycles, reachability, coverage. */
export function structureRules(ctx: CheckContext): void {
  const { r } = ctx;
  duplicateIds(ctx);
  emptyLabels(ctx);
  references(ctx);

  const nodeIndex = new Map(r.nodes.map((n, i) => [n.id, i]));
  const situationIds = new Set(r.situations.map((s) => s.id));
  const questions = new Map(r.questions.map((q) => [q.id, q]));
  const measures = new Set(r.measures.map((m) => m.id));
  const exists = (id: string) => nodeIndex.has(id) || situationIds.has(id);

  r.jobs.forEach((job, i) => {
    const sum = job.tasks.reduce((s, t) => s + t.defaultShare, 0);
    if (job.tasks.length === 0) ctx.emit('structure.job_without_tasks', { element: job.id, path: ['jobs', i, 'tasks'] }, { job: job.label || job.id });
    else if (!sharesComplete(sum)) ctx.emit('structure.weightings_sum', { element: job.id, path: ['jobs', i, 'tasks'] }, { job: job.label || job.id, sum: Math.round(sum * 1000) / 1000 });
    job.tasks.forEach((t, k) => {
      if (!exists(t.entry)) ctx.emit('structure.dead_end', { element: t.id, path: ['jobs', i, 'tasks', k, 'entry'] }, { node: t.label || t.id });
    });
  });

  r.nodes.forEach((node, i) => {
    if (node.kind === 'measure') {
      if (!measures.has(node.measure)) ctx.emit('structure.unknown_measure', { element: node.id, path: ['nodes', i, 'measure'] }, { measure: node.measure });
      if (!exists(node.applied)) ctx.emit('structure.dead_end', { element: node.id, path: ['nodes', i, 'applied'] }, { node: node.label ?? node.id });
      if (!exists(node.notApplied)) ctx.emit('structure.dead_end', { element: node.id, path: ['nodes', i, 'notApplied'] }, { node: node.label ?? node.id });
      return;
    }
    const question = questions.get(node.question);
    if (!question) ctx.emit('structure.unknown_question', { element: node.id, path: ['nodes', i, 'question'] }, { question: node.question });
    if (node.branches.length === 0) ctx.emit('structure.dead_end', { element: node.id, path: ['nodes', i, 'branches'] }, { node: node.label ?? node.id });
    node.branches.forEach((b, k) => {
      if (!exists(b.next)) ctx.emit('structure.dead_end', { element: node.id, path: ['nodes', i, 'branches', k, 'next'] }, { node: node.label ?? node.id });
    });
    if (question) coverage(ctx, i, question);
  });

  cycles(ctx, nodeIndex);
  reachability(ctx, nodeIndex);

  const askedQuestions = new Set(r.nodes.flatMap((n) => (n.kind === 'question' ? [n.question] : [])));
  const usedMeasures = new Set(r.nodes.flatMap((n) => (n.kind === 'measure' ? [n.measure] : [])));
  r.questions.forEach((q, i) => {
    if (!askedQuestions.has(q.id)) ctx.emit('structure.unused_question', { element: q.id, path: ['questions', i] }, { question: q.label || q.id });
  });
  r.measures.forEach((m, i) => {
    if (!usedMeasures.has(m.id)) ctx.emit('structure.unused_measure', { element: m.id, path: ['measures', i] }, { measure: m.label || m.id });
  });
}

function duplicateIds(ctx: CheckContext): void {
  const { r } = ctx;
  const seen = new Set<string>();
  const check = (id: string, path: Array<string | number>) => {
    if (seen.has(id)) ctx.emit('structure.duplicate_id', { element: id, path }, { id });
    seen.add(id);
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

/** Choice ids listed twice and scenarios naming what the referential lacks: the loader's computation, as findings. */
function references(ctx: CheckContext): void {
  for (const p of referenceProblems(ctx.r)) {
    const { kind, path, ...params } = p as ReferenceProblem & Record<string, string>;
    const element = p.kind === 'duplicate_choice' ? ctx.r.questions[p.path[1] as number]?.id : ctx.r.scenarios[p.path[1] as number]?.id;
    ctx.emit(`structure.${kind}`, { ...(element !== undefined ? { element } : {}), path }, params);
  }
}

function emptyLabels(ctx: CheckContext): void {
  const { r } = ctx;
  const check = (label: string, element: string, path: Array<string | number>, kind: string) => {
    if (label.trim() === '') ctx.emit('structure.empty_label', { element, path }, { kind, id: element });
  };
  r.questions.forEach((q, i) => {
    check(q.label, q.id, ['questions', i, 'label'], 'critère');
    if (q.type === 'choice') q.choices.forEach((c, k) => check(c.label, q.id, ['questions', i, 'choices', k, 'label'], 'réponse'));
  });
  r.measures.forEach((m, i) => check(m.label, m.id, ['measures', i, 'label'], 'mesure de prévention'));
  r.jobs.forEach((j, i) => {
    check(j.label, j.id, ['jobs', i, 'label'], 'poste');
    j.tasks.forEach((t, k) => check(t.label, t.id, ['jobs', i, 'tasks', k, 'label'], 'tâche'));
  });
  r.situations.forEach((s, i) => check(s.label, s.id, ['situations', i, 'label'], 'situation'));
}

/** Every possible answer must take exactly one branch. Numeric branches are half-open [min, max). */
function coverage(ctx: CheckContext, i: number, question: Question): void {
  const node = ctx.r.nodes[i];
  if (!node || node.kind !== 'question') return;
  const at = { element: node.id, path: ['nodes', i, 'branches'] as Array<string | number> };
  const wrongType = node.branches.some((b) => ('is' in b.when ? question.type !== 'boolean' : 'oneOf' in b.when ? question.type !== 'choice' : question.type !== 'number'));
  if (wrongType) {
    ctx.emit('structure.branch_type', at, { question: question.label, type: question.type });
    return;
  }
  if (question.type === 'boolean' || question.type === 'choice') {
    const answers = question.type === 'boolean' ? ['true', 'false'] : question.choices.map((c) => c.id);
    const counts = new Map(answers.map((a) => [a, 0]));
    node.branches.forEach((b, k) => {
      const covered = 'is' in b.when ? [String(b.when.is)] : 'oneOf' in b.when ? b.when.oneOf : [];
      for (const a of covered) {
        const n = counts.get(a);
        if (n === undefined) ctx.emit('structure.unknown_answer', { element: node.id, path: ['nodes', i, 'branches', k, 'when'] }, { question: question.label, answer: a, choices: answers.join(', ') });
        else counts.set(a, n + 1);
      }
    });
    const label = (a: string) => (question.type === 'boolean' ? (a === 'true' ? 'oui' : 'non') : a);
    for (const [answer, n] of counts) {
      if (n === 0) ctx.emit('structure.branch_missing_answer', at, { question: question.label, answer: label(answer) });
      if (n > 1) ctx.emit('structure.branch_duplicate_answer', at, { question: question.label, answer: label(answer) });
    }
    return;
  }
  const ranges = node.branches
    .map((b) => ('min' in b.when || 'max' in b.when ? { min: (b.when as { min?: number }).min ?? -Infinity, max: (b.when as { max?: number }).max ?? Infinity } : { min: -Infinity, max: Infinity }))
    .sort((a, b) => a.min - b.min || a.max - b.max);
  const low = question.min ?? -Infinity;
  const high = question.max ?? Infinity;
  let reached = low;
  const fmt = (x: number) => (x === -Infinity ? '−∞' : x === Infinity ? '+∞' : String(x));
  for (const range of ranges) {
    if (range.min > reached && reached < high) ctx.emit('structure.range_gap', at, { question: question.label, from: fmt(reached), to: fmt(Math.min(range.min, high)) });
    else if (range.min < reached && range.min < high && reached > low) ctx.emit('structure.range_overlap', at, { question: question.label, from: fmt(Math.max(range.min, low)), to: fmt(Math.min(reached, range.max)) });
    reached = Math.max(reached, range.max);
  }
  // question.max is inclusive while a branch max is exclusive: the last branch must go past it.
  if (reached < high || (reached === high && high !== Infinity)) ctx.emit('structure.range_gap', at, { question: question.label, from: fmt(reached), to: fmt(high) });
}

function cycles(ctx: CheckContext, index: Map<string, number>): void {
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
function reachability(ctx: CheckContext, index: Map<string, number>): void {
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
