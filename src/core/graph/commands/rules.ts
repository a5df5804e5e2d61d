import { Id } from '../../referential/schema.ts';
import type { BranchCondition } from '../../referential/schema.ts';
import type { GraphDocument, GraphEdge, GraphNode } from '../schema.ts';
import { answerKeys, conditionFits, conditionKeys, leadsTo, nodeLabel } from './queries.ts';
import { OK, refuse, type CanApply } from './types.ts';

/**
 * The connection rules, shared by edge/add, edge/update and the canvas: what the checker would flag on
 * an edge is refused here with the checker's own message.
 */

const TREE_TARGETS = new Set<GraphNode['kind']>(['question', 'measure', 'situation']);

export function validId(id: string): CanApply {
  return Id.safeParse(id).success ? OK : refuse('command.invalid_id', { id });
}

/** Whether `edge` may join the graph (`replacing`: the id of the edge it replaces, for edge/update). */
export function checkEdge(graph: GraphDocument, edge: GraphEdge, replacing?: string): CanApply {
  const others = graph.edges.filter((e) => e.id !== replacing);
  if (replacing === undefined && graph.edges.some((e) => e.id === edge.id)) return refuse('structure.duplicate_id', { id: edge.id });
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,255}$/.test(edge.id)) return refuse('command.invalid_id', { id: edge.id });
  const source = graph.nodes.find((n) => n.id === edge.source);
  const target = graph.nodes.find((n) => n.id === edge.target);
  if (!source || !target) return refuse('structure.dangling_edge', { source: edge.source, target: edge.target });
  if (source.id === target.id) return refuse('command.self_loop');
  if (!fits(edge.kind, source, target)) {
    return refuse('structure.invalid_edge', { kind: edge.kind, source: source.kind, target: target.kind });
  }
  switch (edge.kind) {
    case 'weighting': {
      if (!(edge.share >= 0 && edge.share <= 100)) return refuse('command.share_range', { share: edge.share });
      const owners = others.filter((e) => e.kind === 'weighting' && e.target === target.id);
      if (owners.length > 0) return refuse('structure.task_several_jobs', { jobs: [...owners.map((e) => labelOf(graph, e.source)), nodeLabel(graph, source)].join(', ') });
      break;
    }
    case 'entry': {
      const entries = others.filter((e) => e.kind === 'entry' && e.source === source.id);
      if (entries.length > 0) return refuse('structure.task_several_entries', { count: entries.length + 1 });
      break;
    }
    case 'measure': {
      if (others.some((e) => e.kind === 'measure' && e.source === source.id && e.applied === edge.applied)) {
        return refuse('structure.measure_branch_twice', { branch: edge.applied ? 'applied' : 'notApplied' });
      }
      break;
    }
    case 'branch': {
      const refused = checkCondition(graph, source, edge.when, others);
      if (!refused.ok) return refused;
      break;
    }
  }
  if (leadsTo({ ...graph, edges: others }, target.id, source.id)) return refuse('structure.cycle', { from: nodeLabel(graph, source), to: nodeLabel(graph, target) });
  return OK;
}

function fits(kind: GraphEdge['kind'], source: GraphNode, target: GraphNode): boolean {
  switch (kind) {
    case 'weighting':
      return source.kind === 'job' && target.kind === 'task';
    case 'entry':
      return source.kind === 'task' && TREE_TARGETS.has(target.kind);
    case 'branch':
      return source.kind === 'question' && TREE_TARGETS.has(target.kind);
    case 'measure':
      return source.kind === 'measure' && TREE_TARGETS.has(target.kind);
  }
}

function labelOf(graph: GraphDocument, id: string): string {
  const node = graph.nodes.find((n) => n.id === id);
  return node ? nodeLabel(graph, node) : id;
}

/** A branch condition must fit the question's type, name existing answers, and not repeat a sibling's. */
function checkCondition(graph: GraphDocument, source: GraphNode, when: BranchCondition, others: GraphEdge[]): CanApply {
  if (source.kind !== 'question') return OK;
  const question = graph.referential.questions.find((q) => q.id === source.question);
  // An unknown question is the checker's business (unknown_question); its branches cannot be judged.
  if (!question) return OK;
  if (!conditionFits(question, when)) return refuse('structure.branch_type', { question: question.label, type: question.type });
  const siblings = others.flatMap((e) => (e.kind === 'branch' && e.source === source.id ? [e.when] : []));
  if (question.type === 'number') {
    const range = bounds(when);
    if (range.min >= range.max) return refuse('command.invalid_value', { field: 'range', reason: 'empty_range' });
    for (const s of siblings) {
      const other = bounds(s);
      if (range.min < other.max && other.min < range.max) {
        return refuse('structure.range_overlap', { question: question.label, from: fmt(Math.max(range.min, other.min)), to: fmt(Math.min(range.max, other.max)) });
      }
    }
    return OK;
  }
  const answers = answerKeys(question);
  const keys = conditionKeys(when);
  if (keys.length === 0) return refuse('command.invalid_value', { field: 'condition', reason: 'no_answer' });
  // A choice is named by its label; a yes/no answer keeps its key (`true`, `false`), worded with the question's type.
  const label = (a: string) => (question.type === 'choice' ? (question.choices.find((c) => c.id === a)?.label ?? a) : a);
  for (const key of keys) {
    if (!answers.includes(key)) return refuse('structure.unknown_answer', { question: question.label, answer: key, choices: answers.join(', ') });
  }
  const covered = new Set(siblings.flatMap(conditionKeys));
  const twice = keys.find((k) => covered.has(k));
  if (twice !== undefined) return refuse('structure.branch_duplicate_answer', { question: question.label, answer: label(twice), type: question.type });
  return OK;
}

function bounds(when: BranchCondition): { min: number; max: number } {
  const w = when as { min?: number; max?: number };
  return { min: w.min ?? -Infinity, max: w.max ?? Infinity };
}

const fmt = (x: number) => (x === -Infinity ? '−∞' : x === Infinity ? '+∞' : String(x));
