import type { RuleCode } from '../check/codes.ts';
import type { GraphDocument, GraphEdge, GraphNode } from '../graph/schema.ts';
import type { DecisionNode, Job, Referential, Situation, Task } from '../referential/schema.ts';
import { REFERENTIAL_FORMAT_VERSION } from '../referential/schema.ts';

/** A structural problem of the drawing itself, located by node or edge id. */
export interface CompileIssue {
  code: RuleCode;
  /** Node or edge id. */
  element: string;
  params: Record<string, string | number>;
}

export interface CompileOutput {
  referential: Referential;
  /** Empty when the graph compiles to a referential that loads without integrity errors. */
  issues: CompileIssue[];
}

/** Placeholder for a missing edge: a reference that resolves to nothing, which the checker reports. */
export const MISSING = '';

const TARGET_KINDS = new Set(['question', 'measure', 'situation']);

/**
 * Graph → portable referential. Deterministic: elements come out in the graph's node order, a job's
 * tasks and a question's branches in edge order, so the same graph gives the same bytes and hash.
 * Ids are carried through unchanged. Tolerant: a missing or meaningless edge becomes a located issue
 * and a dangling reference, so the checker can report everything at once while a graph is drafted.
 *
 * Sharing: two tasks (or two branches) whose edges point at the same question, measure or situation
 * node share that subtree; it compiles once, referenced by id from every place that uses it.
 */
export function compile(graph: GraphDocument): CompileOutput {
  const issues: CompileIssue[] = [];
  const byId = new Map<string, GraphNode>();
  for (const node of graph.nodes) {
    if (byId.has(node.id)) issues.push({ code: 'structure.duplicate_id', element: node.id, params: { id: node.id } });
    else byId.set(node.id, node);
  }
  const outgoing = new Map<string, GraphEdge[]>();
  const incomingWeighting = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      issues.push({ code: 'structure.dangling_edge', element: edge.id, params: { source: edge.source, target: edge.target } });
      continue;
    }
    if (!edgeFits(edge, source, target)) {
      issues.push({ code: 'structure.invalid_edge', element: edge.id, params: { kind: edge.kind, source: source.kind, target: target.kind } });
      continue;
    }
    push(outgoing, edge.source, edge);
    if (edge.kind === 'weighting') push(incomingWeighting, edge.target, edge);
  }

  const jobs: Job[] = [];
  const nodes: DecisionNode[] = [];
  const situations: Situation[] = [];
  for (const node of graph.nodes) {
    if (byId.get(node.id) !== node) continue;
    switch (node.kind) {
      case 'job': {
        const tasks: Task[] = [];
        for (const edge of outgoing.get(node.id) ?? []) {
          const task = byId.get(edge.target)!;
          if (edge.kind !== 'weighting' || task.kind !== 'task') continue;
          const owners = incomingWeighting.get(task.id) ?? [];
          if (owners[0] !== edge) continue;
          tasks.push(compileTask(task, edge.share, outgoing.get(task.id) ?? [], issues));
        }
        jobs.push(withOptional({ id: node.id, label: node.label, tasks }, 'description', node.description));
        break;
      }
      case 'task': {
        const owners = incomingWeighting.get(node.id) ?? [];
        if (owners.length === 0) issues.push({ code: 'structure.task_without_job', element: node.id, params: {} });
        if (owners.length > 1) issues.push({ code: 'structure.task_several_jobs', element: node.id, params: { jobs: owners.map((e) => e.source).join(', ') } });
        break;
      }
      case 'question': {
        const branches = (outgoing.get(node.id) ?? []).flatMap((e) => (e.kind === 'branch' ? [{ when: e.when, next: e.target }] : []));
        if (branches.length === 0) issues.push({ code: 'structure.dead_end', element: node.id, params: {} });
        nodes.push(withOptional({ id: node.id, kind: 'question', question: node.question, branches }, 'label', node.label));
        break;
      }
      case 'measure': {
        const edges = outgoing.get(node.id) ?? [];
        const target = (applied: boolean) => {
          const found = edges.filter((e) => e.kind === 'measure' && e.applied === applied);
          if (found.length === 0) issues.push({ code: 'structure.dead_end', element: node.id, params: { branch: applied ? 'applied' : 'notApplied' } });
          if (found.length > 1) issues.push({ code: 'structure.measure_branch_twice', element: node.id, params: { branch: applied ? 'applied' : 'notApplied' } });
          return found[0]?.target ?? MISSING;
        };
        nodes.push(withOptional({ id: node.id, kind: 'measure', measure: node.measure, applied: target(true), notApplied: target(false) }, 'label', node.label));
        break;
      }
      case 'situation':
        situations.push(withOptional({ id: node.id, label: node.label, exposures: node.exposures }, 'description', node.description));
        break;
      case 'note':
      case 'group':
        break;
    }
  }

  const r = graph.referential;
  const referential: Referential = {
    formatVersion: REFERENTIAL_FORMAT_VERSION,
    id: r.id,
    identity: r.identity,
    regulation: r.regulation,
    workingYear: r.workingYear,
    factors: r.factors,
    questions: r.questions,
    measures: r.measures,
    jobs,
    nodes,
    situations,
    scenarios: r.scenarios,
    ...(r.particularlyExposed ? { particularlyExposed: r.particularlyExposed } : {}),
  };
  return { referential, issues };
}

function compileTask(task: Extract<GraphNode, { kind: 'task' }>, share: number, edges: GraphEdge[], issues: CompileIssue[]): Task {
  const entries = edges.filter((e) => e.kind === 'entry');
  if (entries.length === 0) issues.push({ code: 'structure.dead_end', element: task.id, params: {} });
  if (entries.length > 1) issues.push({ code: 'structure.task_several_entries', element: task.id, params: { count: entries.length } });
  return withOptional({ id: task.id, label: task.label, defaultShare: share, entry: entries[0]?.target ?? MISSING }, 'description', task.description);
}

function edgeFits(edge: GraphEdge, source: GraphNode, target: GraphNode): boolean {
  switch (edge.kind) {
    case 'weighting':
      return source.kind === 'job' && target.kind === 'task';
    case 'entry':
      return source.kind === 'task' && TARGET_KINDS.has(target.kind);
    case 'branch':
      return source.kind === 'question' && TARGET_KINDS.has(target.kind);
    case 'measure':
      return source.kind === 'measure' && TARGET_KINDS.has(target.kind);
  }
}

/** Adds an optional field only when present, so that compiled documents carry no `undefined` keys. */
function withOptional<T extends object, K extends string, V>(base: T, key: K, value: V | undefined): T & Partial<Record<K, V>> {
  return value === undefined ? base : { ...base, [key]: value };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
