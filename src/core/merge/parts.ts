import { exposureKey, exposureSlot } from '../comments/anchors.ts';
import type { CommentThread } from '../comments/schema.ts';
import { mergeThreads } from '../comments/threads.ts';
import type { GraphDocument, GraphEdge, NodeLayout } from '../graph/schema.ts';
import { canonicalJson } from '../referential/canonical.ts';
import type { Exposure } from '../referential/schema.ts';
import { merge3, same, sideOf, type MergeContext } from './context.ts';
import { mergeFields, type Entry } from './element.ts';
import { mergeOrder } from './order.ts';
import type { Side } from './types.ts';

/*
 * The parts of a logigramme merged on their own terms: a situation's exposures (keyed by factor and
 * criterion), competing edges, the layout (never a conflict) and the comment threads (by id).
 */

/** A situation's exposures, keyed like the semantic diff's (`noise/daily_level`), merged field by field. */
export function mergeExposures(ctx: MergeContext, situation: string, b: readonly Exposure[], o: readonly Exposure[], t: readonly Exposure[]): Exposure[] {
  const keyed = (list: readonly Exposure[]) => new Map(list.map((e, i) => [exposureKey(exposureSlot(list, i)), e]));
  const [mb, mo, mt] = [keyed(b), keyed(o), keyed(t)];
  const values = new Map<string, Exposure>();
  const element = { collection: 'node' as const, id: situation };
  for (const key of new Set([...mo.keys(), ...mt.keys(), ...mb.keys()])) {
    const [xb, xo, xt] = [mb.get(key), mo.get(key), mt.get(key)];
    const at = { id: `node:${situation}:exposures[${key}]`, element, field: { path: `exposures[${key}]` } };
    let value: Exposure | undefined;
    if (same(xo, xt)) value = xo;
    else if (xb === undefined && xo && xt) value = ctx.decide({ ...at, kind: 'add_add', ours: sideOf(xb, xo), theirs: sideOf(xb, xt) }) === 'ours' ? xo : xt;
    else if (xb === undefined) value = xo ?? xt;
    else if (!xo || !xt) {
      const kept = (xo ?? xt)!;
      value = same(kept, xb) ? undefined : ctx.decide({ ...at, kind: 'edit_delete', base: xb, ours: sideOf(xb, xo, true), theirs: sideOf(xb, xt, true) }) === 'ours' ? xo : xt;
    } else {
      value = mergeFields(ctx, { collection: 'node', id: situation, prefix: at.id, path: `${at.field.path}.` }, xb, xo, xt);
    }
    if (value) values.set(key, value);
  }
  const ids = mergeOrder([...mb.keys()], [...mo.keys()], [...mt.keys()], new Set(values.keys()), () => orderConflict(ctx, `node:${situation}:exposures`, { collection: 'node', id: situation }, [...mo.keys()], [...mt.keys()]));
  return ids.map((k) => values.get(k)!);
}

/** Records that both sides reordered a list differently; returns the side whose order is kept. */
export function orderConflict(ctx: MergeContext, name: string, element: { collection: 'order' | 'node'; id: string }, ours: string[], theirs: string[]): Side {
  return ctx.decide({ id: `order:${name}`, kind: 'order', element, ...(element.collection === 'node' ? { field: { path: 'exposures' } } : {}), ours: { change: 'reordered', value: ours }, theirs: { change: 'reordered', value: theirs } });
}

/** The one place an edge may fill: a task has one entry and one job, a measure one edge per side, an answer one branch. */
function slotOf(e: GraphEdge): { key: string; node: string } {
  switch (e.kind) {
    case 'entry':
      return { key: `entry:${e.source}`, node: e.source };
    case 'weighting':
      return { key: `weighting:${e.target}`, node: e.target };
    case 'measure':
      return { key: `measure:${e.source}:${e.applied ? 'applied' : 'not-applied'}`, node: e.source };
    case 'branch':
      return { key: `branch:${e.source}:${canonicalJson(e.when)}`, node: e.source };
  }
}

/**
 * Both sides filled the same place with different edges (each side gave a task its entry): a conflict
 * `slot:<place>`; the side not chosen loses its edges there. The same link drawn on both sides (under
 * two edge ids) is kept once, without a conflict. An edge filling a place twice on one side alone was
 * already that side's state, for the checker to report.
 */
export function settleSlots(ctx: MergeContext, edges: Map<string, Entry<GraphEdge>>, base: GraphDocument): void {
  const before = new Set(base.edges.map((e) => e.id));
  const slots = new Map<string, { node: string; ours: string[]; theirs: string[] }>();
  for (const [id, entry] of edges) {
    if (!entry.value || (entry.origin !== 'ours' && entry.origin !== 'theirs')) continue;
    const { key, node } = slotOf(entry.value);
    const slot = slots.get(key) ?? slots.set(key, { node, ours: [], theirs: [] }).get(key)!;
    slot[entry.origin].push(id);
  }
  const meaning = (ids: string[]) => ids.map((id) => {
    const { id: _id, ...rest } = edges.get(id)!.value!;
    return canonicalJson(rest);
  }).sort().join('\n');
  for (const [key, slot] of slots) {
    if (slot.ours.length === 0 || slot.theirs.length === 0) continue;
    if (meaning(slot.ours) === meaning(slot.theirs)) {
      // The same link drawn on both sides under two ids: one is kept, the one whose id sorts first,
      // so that the result does not depend on which side is ours.
      const drop = [...slot.ours].sort()[0]! < [...slot.theirs].sort()[0]! ? slot.theirs : slot.ours;
      for (const id of drop) edges.set(id, { value: undefined, origin: edges.get(id)!.origin });
      continue;
    }
    // Each side's edges, named by where they lead; « kept » when the edge was in the base already.
    const sideOfSlot = (ids: string[]) => ({
      change: ids.every((id) => before.has(id)) ? ('kept' as const) : ('added' as const),
      ids,
      value: ids.map((id) => ctx.name('node', edges.get(id)!.value!.target).label),
    });
    const side = ctx.decide({ id: `slot:${key}`, kind: 'slot', element: { collection: 'node', id: slot.node }, ours: sideOfSlot(slot.ours), theirs: sideOfSlot(slot.theirs) });
    for (const id of side === 'ours' ? slot.theirs : slot.ours) edges.set(id, { value: undefined, origin: side, conflict: `slot:${key}` });
  }
}

type LayoutPart = 'position' | 'size' | 'color' | 'collapsed';
const PARTS: Record<LayoutPart, Array<keyof NodeLayout>> = { position: ['x', 'y'], size: ['width', 'height'], color: ['color'], collapsed: ['collapsed'] };

function part(layout: NodeLayout | undefined, name: LayoutPart): Partial<NodeLayout> | undefined {
  if (!layout) return undefined;
  const out: Partial<NodeLayout> = {};
  for (const k of PARTS[name]) if (layout[k] !== undefined) (out as Record<string, unknown>)[k] = layout[k];
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Layout merges apart from the content and never conflicts: per node, position, size, colour and
 * folding merge three-way; where both sides changed the same one, `prefer` wins (noticed when the base
 * had a layout for that node). Only nodes of the merged graph keep a layout.
 */
export function mergeLayout(ctx: MergeContext, b: GraphDocument['layout'], o: GraphDocument['layout'], t: GraphDocument['layout'], nodes: readonly string[], prefer: Side): GraphDocument['layout'] {
  const direction = merge3(b.direction, o.direction, t.direction);
  const out: GraphDocument['layout'] = { direction: direction.ok ? direction.value! : prefer === 'ours' ? o.direction : t.direction, nodes: {} };
  const both: string[] = [];
  for (const id of nodes) {
    const [lb, lo, lt] = [b.nodes[id], o.nodes[id], t.nodes[id]];
    if (!lo || !lt) {
      const only = lo ?? lt;
      if (only) out.nodes[id] = only;
      continue;
    }
    if (same(lo, lt)) {
      out.nodes[id] = lo;
      continue;
    }
    let merged: Partial<NodeLayout> = {};
    for (const name of Object.keys(PARTS) as LayoutPart[]) {
      const m = merge3(part(lb, name), part(lo, name), part(lt, name));
      if (!m.ok && lb) both.push(id);
      const value = m.ok ? m.value : part(prefer === 'ours' ? lo : lt, name);
      merged = { ...merged, ...value };
    }
    out.nodes[id] = merged as NodeLayout;
  }
  ctx.notice({ code: 'layout.both_changed', ids: [...new Set(both)], kept: prefer });
  return out;
}

/**
 * Comment threads merge by id and are never lost: a thread missing on one side is kept, and a thread
 * changed on both sides is the union of both (mergeThreads). Never a conflict.
 */
export function mergeComments(b: readonly CommentThread[], o: readonly CommentThread[], t: readonly CommentThread[], prefer: Side): CommentThread[] {
  const [mb, mo, mt] = [b, o, t].map((list) => new Map(list.map((x) => [x.id, x])));
  const values = new Map<string, CommentThread>();
  for (const id of new Set([...mo!.keys(), ...mt!.keys(), ...mb!.keys()])) {
    const [xb, xo, xt] = [mb!.get(id), mo!.get(id), mt!.get(id)];
    if (xo && xt) values.set(id, same(xo, xt) || same(xt, xb) ? xo : same(xo, xb) ? xt : mergeThreads(xo, xt));
    else values.set(id, (xo ?? xt ?? xb)!);
  }
  const ids = mergeOrder([...mb!.keys()], [...mo!.keys()], [...mt!.keys()], new Set(values.keys()), () => prefer);
  return ids.map((id) => values.get(id)!);
}
