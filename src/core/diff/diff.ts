import { regulationById } from '../regulation/index.ts';
import type { FactorCode } from '../regulation/types.ts';
import equal from 'fast-deep-equal';
import { contentHash } from '../referential/canonical.ts';
import type { DecisionNode, Exposure, Identity, Question, Referential, Situation } from '../referential/schema.ts';
import { slotTable } from '../evaluate/compile.ts';
import { situationVerdicts, type SituationVerdict } from '../check/whatif.ts';
import { DIFF_FORMAT_VERSION, type Aspect, type Change, type DiffResult, type ExposureChange, type JobShell, type OrderedCollection, type TaskInJob, type SituationFlip } from './types.ts';

/** Structural equality of JSON values, whatever the key order (absent and undefined are the same). */
const same = (x: unknown, y: unknown) => equal(x ?? null, y ?? null);

/**
 * Semantic diff of two versions of a referential, keyed by stable ids. See types.ts for the change
 * model; `applyChanges(a, diff(a, b).changes)` rebuilds `b` exactly. `known` passes content hashes
 * already computed (stored versions have theirs).
 */
export function diff(a: Referential, b: Referential, known: { fromHash?: string; toHash?: string } = {}): DiffResult {
  const changes: Change[] = [];

  if (a.id !== b.id) changes.push({ kind: 'referential_id', before: a.id, after: b.id });
  const identityKeys = new Set([...Object.keys(a.identity), ...Object.keys(b.identity)]) as Set<keyof Identity>;
  for (const field of identityKeys) {
    if (!same(a.identity[field], b.identity[field])) {
      const change: Change = { kind: 'identity', field };
      if (a.identity[field] !== undefined) change.before = a.identity[field];
      if (b.identity[field] !== undefined) change.after = b.identity[field];
      changes.push(change);
    }
  }
  if (a.regulation !== b.regulation) changes.push({ kind: 'regulation', before: a.regulation, after: b.regulation });
  for (const field of ['annualHours', 'workingDays'] as const) {
    if (a.workingYear[field] !== b.workingYear[field]) changes.push({ kind: 'working_year', field, before: a.workingYear[field], after: b.workingYear[field] });
  }
  if (!same(a.factors, b.factors)) changes.push(factorsChange(a, b));
  if (!same(a.particularlyExposed, b.particularlyExposed)) changes.push(particularlyExposedChange(a, b));

  changes.push(...collection('question', 'questions', a.questions, b.questions, questionAspects));
  changes.push(...collection('measure', 'measures', a.measures, b.measures, (x, y) => fieldAspects(x, y, { label: 'renamed', kind: 'kind', description: 'description' })));
  changes.push(...collection('job', 'jobs', a.jobs.map(shell), b.jobs.map(shell), (x, y) => fieldAspects(x, y, { label: 'renamed', description: 'description' })));
  changes.push(...taskChanges(a, b));

  const parentsA = parents(a);
  const parentsB = parents(b);
  const moved = (id: string): boolean => {
    const pa = parentsA.get(id);
    const pb = parentsB.get(id);
    return pa !== undefined && pb !== undefined && pa.size > 0 && pb.size > 0 && ![...pb].some((p) => pa.has(p));
  };
  changes.push(...collection('node', 'nodes', a.nodes, b.nodes, nodeAspects, moved));
  changes.push(...situationChanges(a, b, moved));
  changes.push(...collection('scenario', 'scenarios', a.scenarios, b.scenarios, scenarioAspects));

  return {
    formatVersion: DIFF_FORMAT_VERSION,
    // Hashing a large referential costs more than diffing it: callers that stored the hashes pass them.
    from: { id: a.id, version: a.identity.version, contentHash: known.fromHash ?? contentHash(a), regulation: a.regulation },
    to: { id: b.id, version: b.identity.version, contentHash: known.toHash ?? contentHash(b), regulation: b.regulation },
    identical: changes.length === 0,
    changes,
  };
}

function particularlyExposedChange(a: Referential, b: Referential): Change {
  const byJob = (r: Referential) => {
    const map = new Map<string, unknown[]>();
    for (const entry of r.particularlyExposed?.entries ?? []) map.set(entry.job, [...(map.get(entry.job) ?? []), entry]);
    return map;
  };
  const ja = byJob(a);
  const jb = byJob(b);
  const change: Change = {
    kind: 'particularly_exposed',
    jobsAdded: [...jb.keys()].filter((j) => !ja.has(j)),
    jobsRemoved: [...ja.keys()].filter((j) => !jb.has(j)),
    jobsChanged: [...jb.keys()].filter((j) => ja.has(j) && !same(ja.get(j), jb.get(j))),
    agreementChanged: a.particularlyExposed?.agreement !== b.particularlyExposed?.agreement,
  };
  if (a.particularlyExposed) change.before = a.particularlyExposed;
  if (b.particularlyExposed) change.after = b.particularlyExposed;
  return change;
}

function factorsChange(a: Referential, b: Referential): Change {
  const ra = new Set(a.factors.retained);
  const rb = new Set(b.factors.retained);
  const ja = new Map(a.factors.excluded.map((e) => [e.factor, e.justification]));
  const jb = new Map(b.factors.excluded.map((e) => [e.factor, e.justification]));
  const all = new Set<FactorCode>([...ja.keys(), ...jb.keys()]);
  return {
    kind: 'factors',
    retainedAdded: b.factors.retained.filter((f) => !ra.has(f)),
    retainedRemoved: a.factors.retained.filter((f) => !rb.has(f)),
    justificationsChanged: [...all].filter((f) => ja.get(f) !== jb.get(f)),
    before: a.factors,
    after: b.factors,
  };
}

const shell = ({ tasks: _tasks, ...job }: Referential['jobs'][number]): JobShell => job;

/** Which named fields differ, as aspects. */
function fieldAspects<T extends object>(x: T, y: T, fields: Partial<Record<keyof T, Aspect>>): Aspect[] {
  const out: Aspect[] = [];
  for (const [field, aspect] of Object.entries(fields) as Array<[keyof T, Aspect]>) {
    if (!same(x[field], y[field]) && !out.includes(aspect)) out.push(aspect);
  }
  return out;
}

function questionAspects(x: Question, y: Question): Aspect[] {
  const aspects = fieldAspects(x as Record<string, unknown>, y as Record<string, unknown>, { label: 'renamed', help: 'description', scope: 'scope', type: 'type', choices: 'answers', unit: 'unit', min: 'bounds', max: 'bounds' });
  return aspects;
}

function scenarioAspects(x: Referential['scenarios'][number], y: Referential['scenarios'][number]): Aspect[] {
  const aspects = fieldAspects(x, y, { label: 'renamed' });
  if (!same({ ...x, label: '' }, { ...y, label: '' })) aspects.push('other');
  return aspects;
}

function nodeAspects(x: DecisionNode, y: DecisionNode): Aspect[] {
  if (x.kind !== y.kind) return ['kind'];
  const aspects: Aspect[] = fieldAspects(x as Record<string, unknown>, y as Record<string, unknown>, { label: 'renamed' });
  if (x.kind === 'question' && y.kind === 'question') {
    if (x.question !== y.question) aspects.push('question');
    if (!same(x.branches.map((b) => b.when), y.branches.map((b) => b.when))) aspects.push('condition');
    if (!same(x.branches.map((b) => b.next), y.branches.map((b) => b.next))) aspects.push('repointed');
  }
  if (x.kind === 'measure' && y.kind === 'measure') {
    if (x.measure !== y.measure) aspects.push('measure');
    if (x.applied !== y.applied || x.notApplied !== y.notApplied) aspects.push('repointed');
  }
  return aspects;
}

/**
 * Element-wise diff of one id-keyed collection, plus an `order` change when the new order is not the
 * old one with the additions appended (the order `applyChanges` rebuilds by default).
 */
function collection<K extends 'question' | 'measure' | 'job' | 'node' | 'scenario', T extends { id: string }>(
  kind: K,
  name: OrderedCollection,
  before: readonly T[],
  after: readonly T[],
  aspectsOf: (x: T, y: T) => Aspect[],
  moved?: (id: string) => boolean,
): Change[] {
  const out: Change[] = [];
  const a = new Map(before.map((x) => [x.id, x]));
  const b = new Map(after.map((x) => [x.id, x]));
  // The element type T is tied to `kind` by the callers; TypeScript cannot follow that through a generic.
  const change = (fields: { op: 'added' | 'removed' | 'changed'; id: string; aspects: Aspect[]; before?: T; after?: T }) => ({ kind, ...fields }) as unknown as Change;
  for (const x of before) if (!b.has(x.id)) out.push(change({ op: 'removed', id: x.id, aspects: [], before: x }));
  for (const y of after) {
    const x = a.get(y.id);
    if (!x) {
      out.push(change({ op: 'added', id: y.id, aspects: [], after: y }));
      continue;
    }
    const aspects = same(x, y) ? [] : aspectsOf(x, y);
    if (!same(x, y) && aspects.length === 0) aspects.push('other');
    if (moved?.(y.id)) aspects.push('moved');
    if (aspects.length > 0) out.push(change({ op: 'changed', id: y.id, aspects, before: x, after: y }));
  }
  const order = orderChange(name, before.map((x) => x.id), after.map((y) => y.id));
  if (order) out.push(order);
  return out;
}

/** The order `applyChanges` produces without an `order` change: survivors in old order, then additions. */
export function defaultOrder(oldIds: readonly string[], newIds: readonly string[]): string[] {
  const kept = new Set(newIds);
  const old = new Set(oldIds);
  return [...oldIds.filter((id) => kept.has(id)), ...newIds.filter((id) => !old.has(id))];
}

function orderChange(collection: OrderedCollection, oldIds: readonly string[], newIds: readonly string[]): Change | undefined {
  return same(defaultOrder(oldIds, newIds), newIds) ? undefined : { kind: 'order', collection, ids: [...newIds] };
}

function tasksInJobs(r: Referential): TaskInJob[] {
  return r.jobs.flatMap((job) => job.tasks.map((t) => ({ ...t, job: job.id })));
}

function taskChanges(a: Referential, b: Referential): Change[] {
  const out: Change[] = [];
  const ta = new Map(tasksInJobs(a).map((t) => [t.id, t]));
  const tb = new Map(tasksInJobs(b).map((t) => [t.id, t]));
  for (const [id, x] of ta) if (!tb.has(id)) out.push({ kind: 'task', op: 'removed', id, aspects: [], before: x });
  for (const [id, y] of tb) {
    const x = ta.get(id);
    if (!x) {
      out.push({ kind: 'task', op: 'added', id, aspects: [], after: y });
      continue;
    }
    if (same(x, y)) continue;
    const aspects = fieldAspects(x, y, { label: 'renamed', defaultShare: 'weighting', job: 'moved', entry: 'repointed', description: 'description' });
    out.push({ kind: 'task', op: 'changed', id, aspects: aspects.length > 0 ? aspects : ['other'], before: x, after: y });
  }
  for (const job of b.jobs) {
    const oldIds = a.jobs.find((j) => j.id === job.id)?.tasks.map((t) => t.id) ?? [];
    const order = orderChange(`tasks:${job.id}`, oldIds, job.tasks.map((t) => t.id));
    if (order) out.push(order);
  }
  return out;
}

/** Child id → ids of what points at it (tasks by their entry, decision nodes by their branches). */
function parents(r: Referential): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (child: string, parent: string) => {
    let set = out.get(child);
    if (!set) out.set(child, (set = new Set()));
    set.add(parent);
  };
  for (const job of r.jobs) for (const t of job.tasks) add(t.entry, t.id);
  for (const n of r.nodes) {
    if (n.kind === 'measure') {
      add(n.applied, n.id);
      add(n.notApplied, n.id);
    } else for (const b of n.branches) add(b.next, n.id);
  }
  return out;
}

const exposureKey = (e: Exposure, index: number, list: readonly Exposure[]) => {
  const base = `${e.factor}/${e.criterion}`;
  const rank = list.slice(0, index).filter((x) => x.factor === e.factor && x.criterion === e.criterion).length;
  return rank === 0 ? base : `${base}#${rank}`;
};

function exposureChanges(x: Situation, y: Situation): ExposureChange[] {
  const a = new Map(x.exposures.map((e, i, l) => [exposureKey(e, i, l), e]));
  const b = new Map(y.exposures.map((e, i, l) => [exposureKey(e, i, l), e]));
  const out: ExposureChange[] = [];
  for (const [key, e] of a) if (!b.has(key)) out.push({ factor: e.factor, criterion: e.criterion, op: 'removed', fields: [], before: e });
  for (const [key, e] of b) {
    const old = a.get(key);
    if (!old) {
      out.push({ factor: e.factor, criterion: e.criterion, op: 'added', fields: [], after: e });
      continue;
    }
    const fields = (['intensity', 'duration', 'conclusion', 'note'] as const).filter((f) => !same(old[f], e[f]));
    if (fields.length > 0) out.push({ factor: e.factor, criterion: e.criterion, op: 'changed', fields, before: old, after: e });
  }
  return out;
}

/**
 * Situations, with their exposure changes and the factors whose verdict at 100 % time flips — each
 * version judged under its own regulation version, so a new target version alone shows its effect.
 */
function situationChanges(a: Referential, b: Referential, moved: (id: string) => boolean): Change[] {
  const va = verdicts(a);
  const vb = verdicts(b);
  const out: Change[] = [];
  const sa = new Map(a.situations.map((s) => [s.id, s]));
  const sb = new Map(b.situations.map((s) => [s.id, s]));
  for (const [id, x] of sa) if (!sb.has(id)) out.push({ kind: 'situation', op: 'removed', id, aspects: [], before: x, exposures: [], flips: [] });
  for (const [id, y] of sb) {
    const x = sa.get(id);
    if (!x) {
      out.push({ kind: 'situation', op: 'added', id, aspects: [], after: y, exposures: [], flips: [] });
      continue;
    }
    const aspects = fieldAspects(x, y, { label: 'renamed', description: 'description', exposures: 'exposures' });
    if (moved(id)) aspects.push('moved');
    const flips = flipsOf(va.get(id), vb.get(id));
    if (aspects.length > 0 || flips.length > 0) out.push({ kind: 'situation', op: 'changed', id, aspects, before: x, after: y, exposures: exposureChanges(x, y), flips });
  }
  const order = orderChange('situations', a.situations.map((s) => s.id), b.situations.map((s) => s.id));
  if (order) out.push(order);
  return out;
}

function verdicts(r: Referential): Map<string, Map<FactorCode, SituationVerdict>> {
  const version = regulationById(r.regulation);
  return version ? situationVerdicts(r, slotTable(version)) : new Map();
}

function flipsOf(x: Map<FactorCode, SituationVerdict> | undefined, y: Map<FactorCode, SituationVerdict> | undefined): SituationFlip[] {
  const out: SituationFlip[] = [];
  const none = (inForce: boolean): SituationVerdict => ({ verdict: 'not_exposed', inForce, group: null, value: 0, threshold: null, unit: null });
  const factors = new Set<FactorCode>([...(x?.keys() ?? []), ...(y?.keys() ?? [])]);
  for (const factor of factors) {
    const before = x?.get(factor) ?? none(true);
    const after = y?.get(factor) ?? none(true);
    if (before.verdict !== after.verdict) out.push({ factor, before, after });
  }
  return out;
}
