import { compile } from '../compile/compile.ts';
import { GRAPH_FORMAT_VERSION, GraphEdgeSchema, GraphNodeSchema, type GraphDocument, type GraphEdge, type GraphNode } from '../graph/schema.ts';
import { MeasureSchema, QuestionSchema, ScenarioSchema, type Identity } from '../referential/schema.ts';
import { baseOfGraph } from './base.ts';
import { merge3, MergeContext, same, sideOf } from './context.ts';
import { graphNamer } from './names.ts';
import { kept, mergeFields, mergeKeyed, type Entry, type KeyedSpec } from './element.ts';
import { mergeOrder } from './order.ts';
import { mergeComments, mergeExposures, mergeLayout, orderConflict, settleSlots } from './parts.ts';
import type { MergeOptions, MergeResult, Side } from './types.ts';

type GraphReferential = GraphDocument['referential'];
type Factors = GraphReferential['factors'];
const other = (side: Side): Side => (side === 'ours' ? 'theirs' : 'ours');

/**
 * Three-way merge of two logigrammes edited apart from a common base, element by element with their
 * stable ids: changes to different elements, or to different fields of one element, merge silently; a
 * field changed two ways, an element changed on one side and deleted on the other, or a node deleted on
 * one side that the other links to, is a conflict naming both sides. The layout merges apart and never
 * conflicts; comments merge by id. Every conflict is decided `ours` unless `options.choices` says
 * otherwise, so `document` always loads and compiles; `applyResolutions` re-decides.
 *
 * Structure after the merge: an edge never outlives its nodes (choosing the deletion of a node drops
 * the other side's links to it; keeping it restores its links of the keeping side); a catalogue
 * question or measure still asked by a node is kept even if one side deleted it; a group loses members
 * that are gone; both sides giving one task its entry (or one measure side, one answer, one job) is a
 * `slot` conflict.
 *
 * Properties (test/merge-properties.test.ts): merge(base, a, base) = a, merge(base, base, b) = b, and
 * without conflicts merge(base, a, b) = merge(base, b, a) with the layout preference swapped.
 *
 * @example
 * const result = mergeGraphs(base, mine, colleague);
 * if (result.conflicts.length === 0) save(result.document);
 * else save(applyResolutions(result, { 'node:s-bruit:label': 'theirs' }).document);
 */
export function mergeGraphs(base: GraphDocument, ours: GraphDocument, theirs: GraphDocument, options: MergeOptions = {}): MergeResult<GraphDocument> {
  const prefer = options.layout ?? 'ours';
  const ctx = new MergeContext(options.choices ?? {}, graphNamer(ours, theirs, base));
  const side = (s: Side) => (s === 'ours' ? ours : theirs);
  const settings = mergeSettings(ctx, base.referential, ours.referential, theirs.referential);

  // Nodes. One side deleted a node the other still links to by a new or changed edge: a conflict.
  const nodes = mergeKeyed<GraphNode>(ctx, base.nodes, ours.nodes, theirs.nodes, {
    collection: 'node',
    fields: (b, o, t) =>
      mergeFields(ctx, { collection: 'node', id: o.id, nested: { exposures: (xb, xo, xt) => mergeExposures(ctx, o.id, xb as never, xo as never, xt as never) } }, b, o, t),
    valid: (x) => GraphNodeSchema.safeParse(x).success,
    onDelete: (id, deleter, keptNode, b) => {
      if (!same(keptNode, b)) return { conflict: 'edit_delete' };
      const uses = newEdgesTouching(side(other(deleter)), base, id);
      return uses.length > 0 ? { conflict: 'delete_use', ids: uses } : 'delete';
    },
  });
  const present = kept(nodes);

  // Edges. An edge removed together with its node follows the node's decision.
  const edges = mergeKeyed<GraphEdge>(ctx, base.edges, ours.edges, theirs.edges, {
    collection: 'edge',
    fields: (b, o, t) => mergeFields(ctx, { collection: 'edge', id: o.id }, b, o, t),
    valid: (x) => GraphEdgeSchema.safeParse(x).success,
    onDelete: (_id, deleter, keptEdge, b) =>
      [b.source, b.target, keptEdge.source, keptEdge.target].some((n) => nodes.get(n)?.deletedBy === deleter) ? 'delete' : same(keptEdge, b) ? 'delete' : { conflict: 'edit_delete' },
  });
  for (const [id, entry] of nodes) {
    if (!entry.deletedBy || entry.value === undefined) continue;
    // Kept although one side deleted it: its links on the keeping side come back with it.
    const keeper = other(entry.deletedBy);
    for (const e of side(keeper).edges) {
      if ((e.source === id || e.target === id) && present.has(e.source) && present.has(e.target) && edges.get(e.id)?.value === undefined) edges.set(e.id, { value: e, origin: keeper });
    }
  }
  const dropped: string[] = [];
  for (const [id, entry] of edges) {
    const e = entry.value;
    if (!e || (present.has(e.source) && present.has(e.target))) continue;
    const explained = [e.source, e.target].some((n) => nodes.get(n)?.conflict !== undefined);
    if (!explained) dropped.push(id);
    edges.set(id, { value: undefined, origin: entry.origin });
  }
  ctx.notice({ code: 'edge.dropped', ids: dropped });
  settleSlots(ctx, edges, base);

  // Catalogues: a question or measure still asked by a node stays, whoever deleted it.
  const asked = new Set<string>();
  const tested = new Set<string>();
  for (const id of present) {
    const n = nodes.get(id)!.value!;
    if (n.kind === 'question') asked.add(n.question);
    if (n.kind === 'measure') tested.add(n.measure);
  }
  const catalogue = <T extends { id: string }>(collection: 'question' | 'measure', used: Set<string> | undefined, valid: (x: T) => boolean): KeyedSpec<T> => ({
    collection,
    fields: (b, o, t) => mergeFields(ctx, { collection, id: o.id }, b, o, t),
    valid,
    ...(used ? { onDelete: (id: string, _d: Side, k: T, b: T) => (used.has(id) ? 'keep' : same(k, b) ? 'delete' : { conflict: 'edit_delete' as const }) } : {}),
  });
  const questions = mergeKeyed(ctx, base.referential.questions, ours.referential.questions, theirs.referential.questions, catalogue('question', asked, (x) => QuestionSchema.safeParse(x).success));
  const measures = mergeKeyed(ctx, base.referential.measures, ours.referential.measures, theirs.referential.measures, catalogue('measure', tested, (x) => MeasureSchema.safeParse(x).success));
  const keptCatalogue = [...questions, ...measures].filter(([, e]) => e.deletedBy && e.value !== undefined && !e.conflict).map(([id]) => id);
  ctx.notice({ code: 'catalogue.kept', ids: keptCatalogue });
  const scenarios = mergeKeyed(ctx, base.referential.scenarios, ours.referential.scenarios, theirs.referential.scenarios, {
    collection: 'scenario',
    fields: (b, o, t) => mergeFields(ctx, { collection: 'scenario', id: o.id }, b, o, t),
    valid: (x) => ScenarioSchema.safeParse(x).success,
  });

  const ordered = <T extends { id: string }>(name: string, entries: Map<string, Entry<T>>, lists: [readonly T[], readonly T[], readonly T[]]): T[] => {
    const [b, o, t] = lists.map((l) => l.map((x) => x.id)) as [string[], string[], string[]];
    return mergeOrder(b, o, t, kept(entries), () => orderConflict(ctx, name, { collection: 'order', id: name }, o, t)).map((id) => entries.get(id)!.value!);
  };
  const nodeList = ordered('nodes', nodes, [base.nodes, ours.nodes, theirs.nodes]);
  const ids = new Set(nodeList.map((n) => n.id));
  const lostMembers: string[] = [];
  const finalNodes = nodeList.map((n) => {
    if (n.kind !== 'group' || n.members.every((m) => ids.has(m))) return n;
    lostMembers.push(...n.members.filter((m) => !ids.has(m)));
    return { ...n, members: n.members.filter((m) => ids.has(m)) };
  });
  ctx.notice({ code: 'group.member_dropped', ids: lostMembers });

  const doc: GraphDocument = {
    ...optional('$schema', pick(merge3(base.$schema, ours.$schema, theirs.$schema), prefer === 'ours' ? ours.$schema : theirs.$schema)),
    formatVersion: GRAPH_FORMAT_VERSION,
    kind: 'logigramme',
    referential: {
      ...settings,
      questions: ordered('questions', questions, [base.referential.questions, ours.referential.questions, theirs.referential.questions]),
      measures: ordered('measures', measures, [base.referential.measures, ours.referential.measures, theirs.referential.measures]),
      scenarios: ordered('scenarios', scenarios, [base.referential.scenarios, ours.referential.scenarios, theirs.referential.scenarios]),
    },
    nodes: finalNodes,
    edges: ordered('edges', edges, [base.edges, ours.edges, theirs.edges]),
    layout: mergeLayout(ctx, base.layout, ours.layout, theirs.layout, finalNodes.map((n) => n.id), prefer),
  };
  const comments = mergeComments(base.comments ?? [], ours.comments ?? [], theirs.comments ?? [], prefer);
  const hasComments = merge3(base.comments !== undefined, ours.comments !== undefined, theirs.comments !== undefined);
  if (comments.length > 0 || !hasComments.ok || hasComments.value) doc.comments = comments;
  const recorded = merge3(base.base, ours.base, theirs.base);
  if (recorded.ok) {
    if (recorded.value) doc.base = recorded.value;
  } else {
    // Each side says it started elsewhere: this merge started from `base`, which is what it now contains.
    doc.base = baseOfGraph(base);
    ctx.notice({ code: 'base.reset', ids: [doc.base.id] });
  }

  newStructureIssues(ctx, doc, ours, theirs);
  const choices = options.choices ?? {};
  return { document: doc, conflicts: ctx.conflicts, pending: ctx.conflicts.filter((c) => choices[c.id] === undefined), notices: ctx.notices, inputs: { base, ours, theirs, options } };
}

/** Ids of `g`'s edges touching a node that are new or changed since the base. */
function newEdgesTouching(g: GraphDocument, base: GraphDocument, node: string): string[] {
  const before = new Map(base.edges.map((e) => [e.id, e]));
  return g.edges.filter((e) => (e.source === node || e.target === node) && !same(before.get(e.id), e)).map((e) => e.id);
}

const pick = <T>(m: { ok: true; value: T | undefined } | { ok: false }, fallback: T | undefined): T | undefined => (m.ok ? m.value : fallback);
const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** What the referential says about itself: its id, identity (field by field), regulation, working year, factors. */
function mergeSettings(ctx: MergeContext, b: GraphReferential, o: GraphReferential, t: GraphReferential): Omit<GraphReferential, 'questions' | 'measures' | 'scenarios'> {
  const scalar = <T>(field: 'id' | 'regulation' | 'particularlyExposed', xb: T, xo: T, xt: T): T => {
    const m = merge3(xb, xo, xt);
    if (m.ok) return m.value as T;
    return ctx.decide({ id: `referential:${field}`, kind: 'field', element: { collection: 'referential', id: field }, field: { path: field }, base: xb, ours: sideOf(xb, xo), theirs: sideOf(xb, xt) }) === 'ours' ? xo : xt;
  };
  return {
    id: scalar('id', b.id, o.id, t.id),
    identity: mergeFields<Identity>(ctx, { collection: 'identity', id: 'identity', prefix: 'identity' }, b.identity, o.identity, t.identity),
    regulation: scalar('regulation', b.regulation, o.regulation, t.regulation),
    workingYear: mergeFields(ctx, { collection: 'workingYear', id: 'workingYear', prefix: 'workingYear' }, b.workingYear, o.workingYear, t.workingYear),
    factors: mergeFactors(ctx, b.factors, o.factors, t.factors),
    // The branch's L4163-2-1 list is one decision of the branch: merged as a whole.
    ...optional('particularlyExposed', scalar('particularlyExposed', b.particularlyExposed, o.particularlyExposed, t.particularlyExposed)),
  };
}

/** Factors, each on its own: retained, excluded with its justification, or not mentioned. */
function mergeFactors(ctx: MergeContext, b: Factors, o: Factors, t: Factors): Factors {
  type State = { state: 'retained' } | { state: 'excluded'; justification: string };
  const states = (f: Factors) => new Map<string, State>([...f.retained.map((c) => [c, { state: 'retained' }] as const), ...f.excluded.map((e) => [e.factor, { state: 'excluded', justification: e.justification }] as const)]);
  const [sb, so, st] = [states(b), states(o), states(t)];
  const out = new Map<string, State>();
  for (const code of new Set([...so.keys(), ...st.keys(), ...sb.keys()])) {
    const [xb, xo, xt] = [sb.get(code), so.get(code), st.get(code)];
    const m = merge3(xb, xo, xt);
    const value = m.ok ? m.value : ctx.decide({ id: `factor:${code}`, kind: 'field', element: { collection: 'factor', id: code }, field: { path: 'state' }, base: xb, ours: sideOf(xb, xo), theirs: sideOf(xb, xt) }) === 'ours' ? xo : xt;
    if (value) out.set(code, value);
  }
  const retained = new Set([...out].filter(([, s]) => s.state === 'retained').map(([c]) => c));
  const excluded = new Set([...out].filter(([, s]) => s.state === 'excluded').map(([c]) => c));
  const list = (ids: Set<string>, name: string, pickIds: (f: Factors) => string[]) =>
    mergeOrder(pickIds(b), pickIds(o), pickIds(t), ids, () => orderConflict(ctx, name, { collection: 'order', id: name }, pickIds(o), pickIds(t)));
  const factors: Factors = {
    retained: list(retained, 'retained', (f) => f.retained) as Factors['retained'],
    excluded: list(excluded, 'excluded', (f) => f.excluded.map((e) => e.factor)).map((code) => ({ factor: code, justification: (out.get(code) as { justification: string }).justification })) as Factors['excluded'],
  };
  return factors;
}

/** Structural problems of the merged drawing that neither side had: told, for the checker to detail. */
function newStructureIssues(ctx: MergeContext, merged: GraphDocument, ours: GraphDocument, theirs: GraphDocument): void {
  const key = (i: { code: string; element: string }) => `${i.code}@${i.element}`;
  const before = new Set([...compile(ours).issues, ...compile(theirs).issues].map(key));
  for (const i of compile(merged).issues) {
    if (!before.has(key(i))) ctx.notice({ code: 'structure.new_issue', ids: [i.element], rule: i.code, params: i.params });
  }
}
