import type { GraphDocument } from '../schema.ts';
import { elementIds } from './queries.ts';
import { validId } from './rules.ts';
import { OK, refuse, type CanApply, type Draft } from './types.ts';
import { own } from '../../util/own.ts';

/**
 * Renames an element of the referential's one namespace (a node, a catalogue question or measure, a
 * scenario) and rewrites every reference to it in one step: edges, layout, group members, question
 * and measure nodes, scenarios (mission profile jobs and tasks, answers, measures), the L4163-2-1 list. Edge ids derived
 * from the old id (`<task>.weighting`, `<node>.branch.0`) follow when the new name is free.
 *
 * @example { type: 'id/rename', from: 'poste-1', to: 'soudeur' }
 */
export interface IdRenameCommand {
  type: 'id/rename';
  from: string;
  to: string;
}

export function canRenameId(graph: GraphDocument, command: IdRenameCommand): CanApply {
  const ids = elementIds(graph);
  if (!ids.has(command.from)) return refuse('command.node_not_found', { id: command.from });
  if (command.from === command.to) return refuse('command.empty');
  const valid = validId(command.to);
  if (!valid.ok) return valid;
  if (ids.has(command.to) || command.to === graph.referential.id) return refuse('structure.duplicate_id', { id: command.to });
  return OK;
}

export function renameId(draft: Draft, command: IdRenameCommand): void {
  const { from, to } = command;
  const swap = (id: string) => (id === from ? to : id);
  for (const node of draft.nodes) {
    if (node.id === from) node.id = to;
    if (node.kind === 'question' && node.question === from) node.question = to;
    if (node.kind === 'measure' && node.measure === from) node.measure = to;
    if (node.kind === 'group' && node.members.includes(from)) node.members = node.members.map(swap);
  }
  const edgeIds = new Set(draft.edges.map((e) => e.id));
  for (const edge of draft.edges) {
    if (edge.source === from) edge.source = to;
    if (edge.target === from) edge.target = to;
    if (edge.id.startsWith(`${from}.`)) {
      const renamed = `${to}${edge.id.slice(from.length)}`;
      if (!edgeIds.has(renamed)) {
        edgeIds.delete(edge.id);
        edgeIds.add(renamed);
        edge.id = renamed;
      }
    }
  }
  const layout = own(draft.layout.nodes, from);
  if (layout) {
    delete draft.layout.nodes[from];
    draft.layout.nodes[to] = layout;
  }
  const r = draft.referential;
  for (const q of r.questions) if (q.id === from) q.id = to;
  for (const m of r.measures) if (m.id === from) m.id = to;
  for (const entry of r.particularlyExposed?.entries ?? []) {
    if (entry.job === from) entry.job = to;
    if (entry.tasks?.includes(from)) entry.tasks = entry.tasks.map(swap);
  }
  for (const s of r.scenarios) {
    if (s.id === from) s.id = to;
    if (from in s.answers) s.answers = renameKey(s.answers, from, to);
    if (s.measures.includes(from)) s.measures = s.measures.map(swap);
    const employee = s.employee;
    if (employee.answers && from in employee.answers) employee.answers = renameKey(employee.answers, from, to);
    for (const job of employee.jobs) {
      if (job.job === from) job.job = to;
      for (const task of job.tasks ?? []) if (task.task === from) task.task = to;
    }
  }
}

/** The same record with one key renamed, keeping the order of keys (a diff of the file stays small). */
function renameKey<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
}
