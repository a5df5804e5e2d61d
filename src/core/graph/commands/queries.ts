import type { BranchCondition, Question, Referential } from '../../referential/schema.ts';
import { regulationById } from '../../regulation/index.ts';
import type { FactorCode } from '../../regulation/types.ts';
import { slotTable } from '../../evaluate/plan.ts';
import { situationVerdicts, type SituationVerdict } from '../../check/whatif.ts';
import type { GraphDocument, GraphEdge, GraphNode, NodeLayout } from '../schema.ts';
import { own } from '../../util/own.ts';

/**
 * Read-only questions the editor asks of a graph. Pure and linear in the size of the graph, so the
 * canvas can ask them on every edit of a 2 000-node logigramme.
 */

export function nodeById(graph: GraphDocument, id: string): GraphNode | undefined {
  return graph.nodes.find((n) => n.id === id);
}

export function edgeById(graph: GraphDocument, id: string): GraphEdge | undefined {
  return graph.edges.find((e) => e.id === id);
}

/** Every id already taken in the referential's one namespace, plus edge ids. */
export function takenIds(graph: GraphDocument): Set<string> {
  const r = graph.referential;
  return new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id), ...r.questions.map((q) => q.id), ...r.measures.map((m) => m.id), ...r.scenarios.map((s) => s.id)]);
}

/** Ids of the elements that share the compiled referential's namespace (edges excluded). */
export function elementIds(graph: GraphDocument): Set<string> {
  const r = graph.referential;
  return new Set([...graph.nodes.map((n) => n.id), ...r.questions.map((q) => q.id), ...r.measures.map((m) => m.id), ...r.scenarios.map((s) => s.id)]);
}

export function outgoingEdges(graph: GraphDocument, id: string): GraphEdge[] {
  return graph.edges.filter((e) => e.source === id);
}

export function incomingEdges(graph: GraphDocument, id: string): GraphEdge[] {
  return graph.edges.filter((e) => e.target === id);
}

/** A node's displayed name: its label, the asked question, the tested measure, or its id. */
export function nodeLabel(graph: GraphDocument, node: GraphNode): string {
  switch (node.kind) {
    case 'question':
      return node.label || graph.referential.questions.find((q) => q.id === node.question)?.label || node.id;
    case 'measure':
      return node.label || graph.referential.measures.find((m) => m.id === node.measure)?.label || node.id;
    case 'note':
      return node.text.split('\n')[0] || node.id;
    default:
      return node.label || node.id;
  }
}

/**
 * The nodes that go with `rootId` when it is removed: the root, and every node it leads to that nothing
 * outside the subtree leads to. A situation or decision node shared with another task stays.
 *
 * @example subtreeIds(graph, 'mecanicien') // ['mecanicien', 'moteurs-thermiques', 'n-activite', …]
 */
export function subtreeIds(graph: GraphDocument, rootId: string): string[] {
  const out = new Map<string, string[]>();
  const incoming = new Map<string, string[]>();
  for (const e of graph.edges) {
    (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(e.target);
    (incoming.get(e.target) ?? incoming.set(e.target, []).get(e.target)!).push(e.source);
  }
  if (!graph.nodes.some((n) => n.id === rootId)) return [];
  const reached = new Set<string>([rootId]);
  const order: string[] = [rootId];
  for (let i = 0; i < order.length; i++) {
    for (const next of out.get(order[i]!) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        order.push(next);
      }
    }
  }
  // Drop every node fed from outside, and what only it fed, until nothing changes.
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of order) {
      if (id === rootId || !reached.has(id)) continue;
      if ((incoming.get(id) ?? []).some((source) => !reached.has(source))) {
        reached.delete(id);
        changed = true;
      }
    }
  }
  return order.filter((id) => reached.has(id));
}

/** Nodes hidden because a node above them is collapsed (shared nodes stay visible). */
export function collapsedHidden(graph: GraphDocument): { hidden: Set<string>; counts: Map<string, number> } {
  const hidden = new Set<string>();
  const counts = new Map<string, number>();
  for (const [id, layout] of Object.entries(graph.layout.nodes)) {
    if (!layout.collapsed) continue;
    const below = subtreeIds(graph, id).filter((n) => n !== id);
    counts.set(id, below.length);
    for (const n of below) hidden.add(n);
  }
  return { hidden, counts };
}

/** Nodes, their edges among themselves and their layout: what copy puts on the clipboard. */
export interface Clipboard {
  nodes: GraphNode[];
  edges: GraphEdge[];
  layout: Record<string, NodeLayout>;
}

export function copyNodes(graph: GraphDocument, ids: readonly string[]): Clipboard {
  const wanted = new Set(ids);
  const nodes = graph.nodes.filter((n) => wanted.has(n.id));
  const kept = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  const layout: Record<string, NodeLayout> = {};
  for (const n of nodes) {
    const l = own(graph.layout.nodes, n.id);
    if (l) layout[n.id] = l;
  }
  return structuredCopy({ nodes, edges, layout });
}

/** Plain-data deep copy (the clipboard must not share objects with a frozen or drafted graph). */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The edge kind a node's outgoing connection has: job → weighting, task → entry, … */
export function edgeKindFor(source: GraphNode): GraphEdge['kind'] | undefined {
  switch (source.kind) {
    case 'job':
      return 'weighting';
    case 'task':
      return 'entry';
    case 'question':
      return 'branch';
    case 'measure':
      return 'measure';
    default:
      return undefined;
  }
}

/** Every answer a question allows, as branch keys (`true`, `false`, or choice ids). */
export function answerKeys(question: Question): string[] {
  if (question.type === 'boolean') return ['true', 'false'];
  if (question.type === 'choice') return question.choices.map((c) => c.id);
  return [];
}

export function conditionKeys(when: BranchCondition): string[] {
  if ('is' in when) return [String(when.is)];
  if ('oneOf' in when) return when.oneOf;
  return [];
}

export function conditionFits(question: Question, when: BranchCondition): boolean {
  if ('is' in when) return question.type === 'boolean';
  if ('oneOf' in when) return question.type === 'choice';
  return question.type === 'number';
}

/**
 * The condition a new branch of a question node takes: the first answer no branch covers yet, or for
 * a number the range from where the last branch stops. `undefined` when every answer has a branch.
 */
export function defaultBranchCondition(graph: GraphDocument, questionNodeId: string): BranchCondition | undefined {
  const node = nodeById(graph, questionNodeId);
  if (!node || node.kind !== 'question') return undefined;
  const question = graph.referential.questions.find((q) => q.id === node.question);
  const branches = graph.edges.flatMap((e) => (e.kind === 'branch' && e.source === node.id ? [e.when] : []));
  if (!question) return { is: true };
  if (question.type === 'number') {
    const ends = branches.map((w) => ('max' in w || 'min' in w ? (w as { max?: number }).max : undefined));
    if (branches.length === 0) return question.min !== undefined ? { min: question.min } : {};
    const finite = ends.filter((x): x is number => x !== undefined);
    if (finite.length < ends.length || finite.length === 0) return undefined;
    return { min: Math.max(...finite) };
  }
  const covered = new Set(branches.flatMap(conditionKeys));
  const free = answerKeys(question).find((a) => !covered.has(a));
  if (free === undefined) return undefined;
  return question.type === 'boolean' ? { is: free === 'true' } : { oneOf: [free] };
}

/** Task share left to give in a job: 100 minus what its weightings already give (never below 0). */
export function remainingShare(graph: GraphDocument, jobId: string): number {
  const used = graph.edges.reduce((sum, e) => (e.kind === 'weighting' && e.source === jobId ? sum + e.share : sum), 0);
  return Math.max(0, Math.round((100 - used) * 1000) / 1000);
}

/**
 * The edge a drawn connection means, with sensible data: a weighting takes the job's remaining share,
 * a branch the first uncovered answer, a measure edge its handle's side (`applied` / `notApplied`) or
 * the free one. `undefined` when the source cannot start a connection; canApply says why a given edge
 * is refused.
 */
export function edgeForConnection(graph: GraphDocument, connection: { source: string; target: string; sourceHandle?: string | null }, id: string): GraphEdge | undefined {
  const source = nodeById(graph, connection.source);
  if (!source) return undefined;
  const kind = edgeKindFor(source);
  const base = { id, source: connection.source, target: connection.target };
  switch (kind) {
    case 'weighting':
      return { ...base, kind, share: remainingShare(graph, source.id) };
    case 'entry':
      return { ...base, kind };
    case 'branch':
      return { ...base, kind, when: defaultBranchCondition(graph, source.id) ?? { is: true } };
    case 'measure': {
      if (connection.sourceHandle === 'applied') return { ...base, kind, applied: true };
      if (connection.sourceHandle === 'notApplied') return { ...base, kind, applied: false };
      const hasApplied = graph.edges.some((e) => e.kind === 'measure' && e.source === source.id && e.applied);
      return { ...base, kind, applied: !hasApplied };
    }
    default:
      return undefined;
  }
}

/** Whether `to` leads (through edges) to `from`: adding from → to would then close a loop. */
export function leadsTo(graph: GraphDocument, to: string, from: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(e.target);
  const seen = new Set<string>([to]);
  const stack = [to];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === from) return true;
    for (const next of out.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/**
 * Each situation's computed verdict per factor at 100 % time under a regulation version (the checker's
 * reading), for the table view. Empty when the version is unknown.
 */
export function situationVerdictsFor(referential: Referential, regulation: string = referential.regulation): Map<string, Map<FactorCode, SituationVerdict>> {
  const version = regulationById(regulation);
  return version ? situationVerdicts(referential, slotTable(version)) : new Map();
}
