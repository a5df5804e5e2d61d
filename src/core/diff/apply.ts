import type { Identity, Referential } from '../referential/schema.ts';
import { defaultOrder } from './diff.ts';
import type { Change, OrderedCollection, TaskInJob } from './types.ts';

type Keyed = { id: string };

/**
 * Applies a change list to `a`. With the changes of `diff(a, b)` the result equals `b`: each element
 * change carries the whole element after the change, and `order` changes restore any order that is
 * not "survivors in their old order, then additions".
 */
export function applyChanges(a: Referential, changes: readonly Change[]): Referential {
  const identity: Record<string, unknown> = { ...a.identity };
  let id = a.id;
  let regulation = a.regulation;
  const workingYear = { ...a.workingYear };
  let factors = a.factors;
  let particularlyExposed = a.particularlyExposed;
  const orders = new Map<string, string[]>();
  const edits = { question: new Map<string, unknown>(), measure: new Map<string, unknown>(), job: new Map<string, unknown>(), task: new Map<string, unknown>(), node: new Map<string, unknown>(), situation: new Map<string, unknown>(), scenario: new Map<string, unknown>() };

  for (const c of changes) {
    switch (c.kind) {
      case 'identity':
        if (c.after === undefined) delete identity[c.field];
        else identity[c.field] = c.after;
        break;
      case 'referential_id':
        id = c.after;
        break;
      case 'regulation':
        regulation = c.after;
        break;
      case 'working_year':
        workingYear[c.field] = c.after;
        break;
      case 'factors':
        factors = c.after;
        break;
      case 'particularly_exposed':
        particularlyExposed = c.after;
        break;
      case 'order':
        orders.set(c.collection, c.ids);
        break;
      default:
        // undefined marks a removal; an unchanged "changed" (a move, a verdict flip) rewrites the same value.
        edits[c.kind].set(c.id, c.op === 'removed' ? undefined : c.after);
    }
  }

  const rebuild = <T extends Keyed>(name: OrderedCollection, list: readonly T[], edit: Map<string, unknown>): T[] => {
    const byId = new Map<string, T>(list.map((x) => [x.id, x]));
    for (const [id, value] of edit) {
      if (value === undefined) byId.delete(id);
      else byId.set(id, value as T);
    }
    const oldIds = list.map((x) => x.id);
    const old = new Set(oldIds);
    const added = [...edit.entries()].filter(([id, v]) => v !== undefined && !old.has(id)).map(([id]) => id);
    const ids = orders.get(name) ?? defaultOrder(oldIds, [...oldIds.filter((id) => byId.has(id)), ...added]);
    return ids.map((id) => byId.get(id)!);
  };

  const oldTasks: TaskInJob[] = a.jobs.flatMap((j) => j.tasks.map((t) => ({ ...t, job: j.id })));
  const tasks = new Map(oldTasks.map((t) => [t.id, t]));
  for (const [id, value] of edits.task) {
    if (value === undefined) tasks.delete(id);
    else tasks.set(id, value as TaskInJob);
  }
  const oldTaskIds = new Map(a.jobs.map((j) => [j.id, j.tasks.map((t) => t.id)]));
  const jobs = rebuild('jobs', a.jobs.map(({ tasks: _t, ...shell }) => ({ ...shell, tasks: [] as Referential['jobs'][number]['tasks'] })), edits.job).map((job) => {
    const old = oldTaskIds.get(job.id) ?? [];
    const oldSet = new Set(old);
    const mine = (id: string) => tasks.get(id)?.job === job.id;
    // Additions to a job (new tasks, or tasks moved in) come after its remaining tasks, in change order.
    const added = [...edits.task.keys()].filter((id) => mine(id) && !oldSet.has(id));
    const ids = orders.get(`tasks:${job.id}`) ?? defaultOrder(old, [...old.filter(mine), ...added]);
    return { ...job, tasks: ids.map((id) => {
      const { job: _job, ...task } = tasks.get(id)!;
      return task;
    }) };
  });

  // A stated content hash describes a's content: once anything changed, it no longer holds.
  const { contentHash: _stated, particularlyExposed: _list, ...rest } = a;
  const { particularlyExposed: _same, ...unchanged } = a;
  return {
    ...(changes.length === 0 ? unchanged : rest),
    ...(particularlyExposed ? { particularlyExposed } : {}),
    id,
    identity: identity as Identity,
    regulation,
    workingYear,
    factors,
    questions: rebuild('questions', a.questions, edits.question),
    measures: rebuild('measures', a.measures, edits.measure),
    jobs,
    nodes: rebuild('nodes', a.nodes, edits.node),
    situations: rebuild('situations', a.situations, edits.situation),
    scenarios: rebuild('scenarios', a.scenarios, edits.scenario),
  };
}
