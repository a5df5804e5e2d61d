/*
 * Pure helpers of the comparison screen: the change list grouped by job (as the Markdown report of
 * src/core/diff/report.ts groups it), each change as French text, the graph node a change is about,
 * the summary counts and the wording of an impact cause. No React, no DOM: tested on their own.
 */
import {
  REGULATION_VERSIONS,
  reachByJob,
  UNIT_LABELS,
  type Change,
  type ChangeRef,
  type DiffResult,
  type ElementOp,
  type Exposure,
  type ExposureChange,
  type FactorCode,
  type Referential,
  type SituationFlip,
} from '../../core/index.ts';
import { formatNumber } from '../format.ts';
import { frReview } from '../i18n/fr-review.ts';
import { fr } from '../i18n/fr.ts';

export type ElementChange = Extract<Change, { op: ElementOp }>;
export type ElementKind = ElementChange['kind'];
export const ELEMENT_KINDS: readonly ElementKind[] = ['job', 'task', 'node', 'situation', 'question', 'measure', 'scenario'];
/** The element kinds drawn as nodes of the logigramme (questions and measures are catalogues). */
const DRAWN_KINDS = new Set<string>(['job', 'task', 'node', 'situation']);
const FEMININE = new Set<string>(['task', 'situation', 'measure']);

export const isElementChange = (c: Change): c is ElementChange => 'op' in c;

const LATEST = REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!;
export function factorName(code: FactorCode): string {
  return LATEST.factors.find((f) => f.code === code)?.label ?? code;
}

// ------------------------------------------------------------------------------------------------
// Summary
// ------------------------------------------------------------------------------------------------

export interface ChangeCounts {
  total: number;
  added: number;
  removed: number;
  changed: number;
  byKind: Array<{ kind: ElementKind; added: number; removed: number; changed: number }>;
  /** Situations whose verdict at 100 % time flips for at least one factor (counted per factor). */
  flips: number;
}

export function countChanges(result: DiffResult): ChangeCounts {
  const counts: ChangeCounts = { total: result.changes.length, added: 0, removed: 0, changed: 0, byKind: [], flips: 0 };
  const byKind = new Map(ELEMENT_KINDS.map((kind) => [kind, { kind, added: 0, removed: 0, changed: 0 }]));
  for (const c of result.changes) {
    if (!isElementChange(c)) continue;
    counts[c.op]++;
    byKind.get(c.kind)![c.op]++;
    if (c.kind === 'situation') counts.flips += c.flips.length;
  }
  counts.byKind = [...byKind.values()].filter((k) => k.added + k.removed + k.changed > 0);
  return counts;
}

// ------------------------------------------------------------------------------------------------
// Grouping by job
// ------------------------------------------------------------------------------------------------

export interface ChangeGroup {
  /** Stable key, also the prefix of the DOM ids of its items: `general`, `job-<id>`, `orphans`. */
  key: string;
  title: string;
  /** Indexes into `result.changes`, in list order. */
  items: number[];
}

/**
 * The change list grouped as the Markdown report groups it: the general changes (identity, regulation,
 * working year, factors, questions, measures, scenarios, orders), then each job of the new version
 * (then the jobs only the old one has) with its own change, its tasks' and the decision nodes and
 * situations its tasks reach in either version — a shared subtree appears under each job that reaches
 * it —, then the nodes and situations no job reaches.
 */
export function groupChanges(result: DiffResult, a: Referential, b: Referential): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  const general: number[] = [];
  result.changes.forEach((c, i) => {
    if (c.kind === 'referential_id' || c.kind === 'identity' || c.kind === 'regulation' || c.kind === 'working_year' || c.kind === 'factors' || c.kind === 'question' || c.kind === 'measure' || c.kind === 'scenario' || c.kind === 'order') general.push(i);
  });
  if (general.length > 0) groups.push({ key: 'general', title: frReview.changes.general, items: general });

  const reachA = reachByJob(a);
  const reachB = reachByJob(b);
  const reported = new Set<number>();
  const jobIds = [...b.jobs.map((j) => j.id), ...a.jobs.filter((j) => !b.jobs.some((x) => x.id === j.id)).map((j) => j.id)];
  for (const jobId of jobIds) {
    const job = b.jobs.find((j) => j.id === jobId) ?? a.jobs.find((j) => j.id === jobId)!;
    const reach = new Set([...(reachA.get(jobId) ?? []), ...(reachB.get(jobId) ?? [])]);
    const taskIds = new Set([...(a.jobs.find((j) => j.id === jobId)?.tasks ?? []), ...(b.jobs.find((j) => j.id === jobId)?.tasks ?? [])].map((t) => t.id));
    const items: number[] = [];
    result.changes.forEach((c, i) => {
      if (c.kind === 'job' && c.id === jobId) items.push(i);
      else if (c.kind === 'task' && taskIds.has(c.id)) items.push(i);
      else if ((c.kind === 'node' || c.kind === 'situation') && reach.has(c.id)) {
        items.push(i);
        reported.add(i);
      }
    });
    if (items.length > 0) groups.push({ key: `job-${jobId}`, title: frReview.changes.job(`« ${job.label} »`, jobId), items });
  }
  const orphans: number[] = [];
  result.changes.forEach((c, i) => {
    if ((c.kind === 'node' || c.kind === 'situation') && !reported.has(i)) orphans.push(i);
  });
  if (orphans.length > 0) groups.push({ key: 'orphans', title: frReview.changes.orphans, items: orphans });
  return groups;
}

// ------------------------------------------------------------------------------------------------
// Wording
// ------------------------------------------------------------------------------------------------

export interface ChangeText {
  head: string;
  /** Exposure changes, then the verdict flips at 100 % time (`flip`, shown with emphasis). */
  details: Array<{ text: string; flip: boolean }>;
}

const value = (x: unknown) => (x === undefined || x === null ? '—' : typeof x === 'string' ? `« ${x} »` : JSON.stringify(x));

function elementLabel(change: ElementChange): string {
  const element = (change.after ?? change.before) as { label?: string } | undefined;
  if (element?.label) return `« ${element.label} » (${change.id})`;
  return change.id;
}

function describeExposure(e: Exposure): string {
  const intensity = e.intensity.map((m) => `${formatNumber(m.value, 4)} ${m.unit}`).join(', ');
  const duration = e.duration ? `${formatNumber(e.duration.value, 4)} ${UNIT_LABELS[e.duration.unit]}` : frReview.changes.grid;
  return frReview.changes.exposure(intensity, duration, fr.verdict[e.conclusion]);
}

function exposureLine(c: ExposureChange): string {
  const what = `${factorName(c.factor)} / ${c.criterion}`;
  if (c.op === 'added') return frReview.changes.exposureAdded(what, describeExposure(c.after!));
  if (c.op === 'removed') return frReview.changes.exposureRemoved(what, describeExposure(c.before!));
  return frReview.changes.exposureChanged(what, describeExposure(c.before!), describeExposure(c.after!));
}

function flipLine(f: SituationFlip, from: string, to: string): string {
  const side = (v: SituationFlip['before'], regulation: string) =>
    frReview.changes.flipSide(
      fr.verdict[v.verdict],
      v.threshold === null ? null : formatNumber(v.value, 2),
      v.threshold === null ? null : formatNumber(v.threshold, 2),
      v.unit ? (UNIT_LABELS[v.unit as keyof typeof UNIT_LABELS] ?? v.unit) : '',
      regulation,
    );
  return frReview.changes.flip(factorName(f.factor), side(f.before, from), side(f.after, to));
}

const jobName = (r: Referential, other: Referential, id: string) => {
  const job = r.jobs.find((j) => j.id === id) ?? other.jobs.find((j) => j.id === id);
  return job ? `« ${job.label} »` : id;
};

/** One change in French: a headline and its details (exposures, verdict flips). */
export function changeText(c: Change, result: DiffResult, a: Referential, b: Referential): ChangeText {
  const t = frReview.changes;
  switch (c.kind) {
    case 'referential_id':
      return { head: t.referentialId(c.before, c.after), details: [] };
    case 'identity':
      return { head: t.identity(t.identityFields[c.field] ?? c.field, value(c.before), value(c.after)), details: [] };
    case 'regulation':
      return { head: t.regulation(c.before, c.after), details: [] };
    case 'working_year':
      return { head: t.workingYear(c.field, formatNumber(c.before), formatNumber(c.after)), details: [] };
    case 'factors': {
      const details = [
        ...c.retainedAdded.map((f) => t.factorRetained(factorName(f))),
        ...c.retainedRemoved.map((f) => t.factorExcluded(factorName(f))),
        ...c.justificationsChanged.map((f) => t.justification(factorName(f))),
      ];
      return { head: details[0] ?? t.justification(''), details: details.slice(1).map((text) => ({ text, flip: false })) };
    }
    case 'order': {
      const collection = c.collection.startsWith('tasks:') ? t.orderTasks(jobName(b, a, c.collection.slice('tasks:'.length))) : (t.orderCollections[c.collection] ?? c.collection);
      return { head: t.order(collection), details: [] };
    }
    default: {
      const op = (FEMININE.has(c.kind) ? frReview.opsFeminine : frReview.ops)[c.op];
      const aspects = c.aspects.map((x) => frReview.aspects[x]);
      const extras: string[] = [];
      if (c.op === 'changed' && c.before && c.after) {
        const before = c.before as { label?: string };
        const after = c.after as { label?: string };
        if (c.aspects.includes('renamed') && before.label !== undefined && after.label !== undefined) extras.push(t.renamed(before.label, after.label));
        if (c.kind === 'task') {
          if (c.aspects.includes('weighting')) extras.push(t.weighting(c.before.defaultShare, c.after.defaultShare));
          if (c.aspects.includes('moved')) extras.push(t.movedTask(jobName(a, b, c.before.job), jobName(b, a, c.after.job)));
          if (c.aspects.includes('repointed')) extras.push(t.entry(c.before.entry, c.after.entry));
        }
      }
      const head = `${frReview.kind[c.kind]} ${elementLabel(c)} ${op}${aspects.length > 0 ? ` : ${aspects.join(', ')}` : ''}${extras.length > 0 ? ` (${extras.join(' ; ')})` : ''}`;
      const details: ChangeText['details'] = [];
      if (c.kind === 'situation') {
        details.push(...c.exposures.map((e) => ({ text: exposureLine(e), flip: false })));
        details.push(...c.flips.map((f) => ({ text: flipLine(f, result.from.regulation, result.to.regulation), flip: true })));
      }
      return { head, details };
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Changes ⇄ graph nodes
// ------------------------------------------------------------------------------------------------

/** Status of each drawn element that changed: jobs, tasks, decision nodes, situations. */
export function nodeStatuses(result: DiffResult): Map<string, ElementOp> {
  const out = new Map<string, ElementOp>();
  for (const c of result.changes) if (isElementChange(c) && DRAWN_KINDS.has(c.kind)) out.set(c.id, c.op);
  return out;
}

/**
 * The graph node a change is about: the element itself when it is drawn, the first decision node that
 * asks a changed question or tests a changed measure (in the new version, else the old), none for the
 * general changes.
 */
export function nodeForChange(c: Change, a: Referential, b: Referential, drawn: ReadonlySet<string>): string | null {
  if (!isElementChange(c)) return null;
  if (DRAWN_KINDS.has(c.kind)) return drawn.has(c.id) ? c.id : null;
  if (c.kind === 'question' || c.kind === 'measure') {
    for (const r of [b, a]) {
      const node = r.nodes.find((n) => (c.kind === 'question' ? n.kind === 'question' && n.question === c.id : n.kind === 'measure' && n.measure === c.id));
      if (node && drawn.has(node.id)) return node.id;
    }
  }
  return null;
}

/** Indexes of the changes about one drawn node (its own change, and changed questions or measures it tests). */
export function changesOfNode(nodeId: string, result: DiffResult, a: Referential, b: Referential, drawn: ReadonlySet<string>): number[] {
  const out: number[] = [];
  if (!drawn.has(nodeId)) return out;
  const node = b.nodes.find((n) => n.id === nodeId) ?? a.nodes.find((n) => n.id === nodeId);
  result.changes.forEach((c, i) => {
    if (!isElementChange(c)) return;
    if (c.id === nodeId && DRAWN_KINDS.has(c.kind)) out.push(i);
    else if (c.kind === 'question' && node?.kind === 'question' && node.question === c.id) out.push(i);
    else if (c.kind === 'measure' && node?.kind === 'measure' && node.measure === c.id) out.push(i);
  });
  return out;
}

// ------------------------------------------------------------------------------------------------
// Impact wording
// ------------------------------------------------------------------------------------------------

/** A cause as people name it: the changed element's kind, label and id, or the general change. */
export function causeText(ref: ChangeRef, result: DiffResult): string {
  const c = result.changes[ref.index];
  const t = frReview.impact;
  if (!c) return ref.id ?? ref.kind;
  switch (c.kind) {
    case 'regulation':
      return t.causeRegulation(c.before, c.after);
    case 'working_year':
      return t.causeWorkingYear(c.field, formatNumber(c.before), formatNumber(c.after));
    case 'factors':
      return t.causeFactors;
    case 'identity':
      return t.causeIdentity(c.field);
    case 'referential_id':
      return t.causeIdentity('id');
    case 'order':
      return t.causeOrder(c.collection);
    default: {
      const element = (c.after ?? c.before) as { label?: string } | undefined;
      return t.causeElement(frReview.kind[c.kind], element?.label, c.id);
    }
  }
}

/** The unit of a factor's threshold: the group whose minimum it is, in any regulation version. */
export function thresholdUnit(factor: FactorCode, threshold: number): string {
  for (const version of [...REGULATION_VERSIONS].reverse()) {
    const group = version.factors.find((f) => f.code === factor)?.groups.find((g) => g.minimum?.value === threshold);
    if (group?.minimum) return UNIT_LABELS[group.minimum.unit];
  }
  // The 2023 transition thresholds (113 / 43 nights) are no group's minimum: the factor's only numeric unit.
  const numeric = LATEST.factors.find((f) => f.code === factor)?.groups.filter((g) => g.minimum) ?? [];
  return numeric.length === 1 && numeric[0]!.minimum ? UNIT_LABELS[numeric[0]!.minimum.unit] : '';
}

/** « 110 nuits/an pour un seuil de 100 nuits/an », or null without a threshold (chemicals grid). */
export function impactFigures(factor: FactorCode, side: { exposure: number | null; threshold: number | null }): string | null {
  if (side.exposure === null || side.threshold === null) return null;
  const unit = thresholdUnit(factor, side.threshold);
  return frReview.impact.figures(formatNumber(side.exposure, 2), formatNumber(side.threshold, 2), unit);
}

/** « exposé (110 nuits/an pour un seuil de 100 nuits/an) », or the verdict alone without a threshold. */
export function impactSide(factor: FactorCode, side: { verdict: keyof typeof fr.verdict; exposure: number | null; threshold: number | null }): string {
  const figures = impactFigures(factor, side);
  return figures === null ? fr.verdict[side.verdict] : `${fr.verdict[side.verdict]} (${figures})`;
}
