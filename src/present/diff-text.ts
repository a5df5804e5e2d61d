/*
 * Two versions of a referential compared, said in French: the change list grouped by job, each change
 * as a headline and details, the summary counts, the causes and sides of an impact. One wording for the
 * comparison screen and the Markdown report (CLI `diff` and the screen's export): elements are named by
 * their labels (a decision node by the question or measure it tests), every kind, field, status and
 * aspect has a French label, numbers go through the French formatter, and no value is ever shown as
 * JSON. Data texts pass through `Escape`, identity for a screen (React escapes), mdText/mdCode for
 * Markdown.
 */
import {
  findCriterion,
  reachByJob,
  REGULATION_VERSIONS,
  regulationById,
  UNIT_LABELS,
  type Aspect,
  type Change,
  type ChangeRef,
  type DiffResult,
  type ElementOp,
  type Exposure,
  type ExposureChange,
  type FactorCode,
  type Referential,
  type SituationFlip,
  type Verdict,
} from '../core/index.ts';
import { formatDate, formatList, formatNumber, formatQuantity, plural } from './fr.ts';

/** How data texts are made safe for the output: identity for a screen, mdText for Markdown. */
export interface Escape {
  text(s: string): string;
}
export const PLAIN: Escape = { text: (s) => s };

export type ElementChange = Extract<Change, { op: ElementOp }>;
export type ElementKind = ElementChange['kind'];
export const ELEMENT_KINDS: readonly ElementKind[] = ['job', 'task', 'node', 'situation', 'question', 'measure', 'scenario'];
export const isElementChange = (c: Change): c is ElementChange => 'op' in c;

export const VERDICT_LABELS: Record<Verdict, string> = {
  exposed: 'exposé',
  not_exposed: 'non exposé',
  to_analyse: 'à analyser',
  no_legal_threshold: 'hors déclaration (aucun seuil légal)',
};

export const STATUS_LABELS: Record<string, string> = {
  draft: 'brouillon',
  in_review: 'en relecture',
  submitted: 'déposé pour homologation',
  homologated: 'homologué',
  expired: 'expiré',
  superseded: 'remplacé',
};

/** French names of the aspects of a change. */
export const ASPECT_LABELS: Record<Aspect, string> = {
  renamed: 'renommé',
  description: 'description modifiée',
  weighting: 'pondération modifiée',
  moved: 'déplacé',
  repointed: 'branche redirigée',
  question: 'critère testé changé',
  measure: 'mesure testée changée',
  condition: 'conditions des branches modifiées',
  branches: 'branches modifiées',
  kind: 'nature changée',
  answers: 'réponses possibles modifiées',
  scope: 'portée changée',
  type: 'type changé',
  unit: 'unité changée',
  bounds: 'bornes changées',
  exposures: 'expositions modifiées',
  other: 'autres modifications',
};

export const KIND_LABELS: Record<ElementKind, string> = {
  question: 'Critère',
  measure: 'Mesure de prévention',
  job: 'Poste',
  task: 'Tâche',
  node: 'Nœud de décision',
  situation: 'Situation',
  scenario: 'Scénario',
};
export const KIND_PLURALS: Record<ElementKind, string> = {
  question: 'Critères',
  measure: 'Mesures de prévention',
  job: 'Postes de référence',
  task: 'Tâches',
  node: 'Nœuds de décision',
  situation: 'Situations types d’exposition',
  scenario: 'Scénarios de contrôle',
};
const FEMININE = new Set<string>(['task', 'situation', 'measure']);
export const OP_LABELS = { added: 'ajouté', removed: 'supprimé', changed: 'modifié' } satisfies Record<ElementOp, string>;
const OP_FEMININE = { added: 'ajoutée', removed: 'supprimée', changed: 'modifiée' } satisfies Record<ElementOp, string>;

export const IDENTITY_FIELDS: Record<string, string> = {
  branch: 'branche',
  title: 'titre',
  idcc: 'IDCC',
  version: 'version',
  status: 'statut',
  authors: 'auteurs',
  created: 'date de création',
  updated: 'date de mise à jour',
  homologation: 'homologation',
  id: 'identifiant',
};

const COLLECTIONS: Record<string, string> = {
  questions: 'critères',
  measures: 'mesures de prévention',
  jobs: 'postes de référence',
  nodes: 'nœuds de décision',
  situations: 'situations types d’exposition',
  scenarios: 'scénarios de contrôle',
};

const LATEST = REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!;
export const factorName = (code: FactorCode) => LATEST.factors.find((f) => f.code === code)?.label ?? code;

/** « Bruit — niveau d’exposition quotidien » rather than `noise / daily_level`: the criterion's label in the latest version that has it. */
export function criterionName(factor: FactorCode, criterion: string): string {
  for (const version of [...REGULATION_VERSIONS].reverse()) {
    const found = findCriterion(version, factor, criterion);
    if (found) return `${factorName(factor)} — ${found.criterion.label}`;
  }
  return factorName(factor);
}

/**
 * An exposure for people: « Bruit — niveau d’exposition quotidien », from the regulation version given
 * (the latest one otherwise), and « (2ᵉ mention) » for a criterion a situation states again (`rank` ≥ 1).
 */
export function exposureDetail(regulation: string | undefined, factor: FactorCode, criterion: string, rank?: number): string {
  const version = (regulation !== undefined && regulationById(regulation)) || LATEST;
  const found = findCriterion(version, factor, criterion) ?? findCriterion(LATEST, factor, criterion);
  const factorLabel = found?.factor.label ?? factorName(factor);
  return `${factorLabel} — ${found?.criterion.label ?? criterion}${rank ? ` (${rank + 1}ᵉ mention)` : ''}`;
}

/** A regulation version by its label: « décrets 2023-759 et 2023-760 (1er septembre 2023) » or the date. */
export const regulationName = (id: string) => regulationById(id)?.label ?? formatDate(id);

const quoted = (e: Escape, s: string) => `« ${e.text(s)} »`;

/**
 * An element of either version named as people name it: a job, task, situation, question or measure by
 * its label; a decision node by the question it asks or the measure it tests.
 */
export function elementName(id: string, refs: readonly Referential[], e: Escape = PLAIN): string {
  for (const r of refs) {
    const job = r.jobs.find((j) => j.id === id);
    if (job) return `poste ${quoted(e, job.label)}`;
    for (const j of r.jobs) {
      const task = j.tasks.find((t) => t.id === id);
      if (task) return `tâche ${quoted(e, task.label)}`;
    }
    const situation = r.situations.find((s) => s.id === id);
    if (situation) return `situation ${quoted(e, situation.label)}`;
    const node = r.nodes.find((n) => n.id === id);
    if (node) {
      if (node.kind === 'question') return `critère ${quoted(e, r.questions.find((q) => q.id === node.question)?.label ?? node.question)}`;
      return `mesure ${quoted(e, r.measures.find((m) => m.id === node.measure)?.label ?? node.measure)}`;
    }
    const question = r.questions.find((q) => q.id === id);
    if (question) return `critère ${quoted(e, question.label)}`;
    const measure = r.measures.find((m) => m.id === id);
    if (measure) return `mesure ${quoted(e, measure.label)}`;
    const scenario = r.scenarios.find((s) => s.id === id);
    if (scenario) return `scénario ${quoted(e, scenario.label)}`;
  }
  return quoted(e, id);
}

/** The element itself in a headline: « « Mécanicien » », a node by what it tests. */
function changedElement(c: ElementChange, a: Referential, b: Referential, e: Escape): string {
  const element = (c.after ?? c.before) as { label?: string } | undefined;
  if (element?.label) return quoted(e, element.label);
  if (c.kind === 'node') {
    const node = (c.after ?? c.before) as { kind: string; question?: string; measure?: string } | undefined;
    const refs = c.after ? [b, a] : [a, b];
    if (node?.kind === 'question' && node.question) return `testant le critère ${quoted(e, refs.map((r) => r.questions.find((q) => q.id === node.question)?.label).find(Boolean) ?? node.question)}`;
    if (node?.kind === 'measure' && node.measure) return `testant la mesure ${quoted(e, refs.map((r) => r.measures.find((m) => m.id === node.measure)?.label).find(Boolean) ?? node.measure)}`;
  }
  return quoted(e, c.id);
}

/** An identity value in French: a status by its label, the homologation by its arrêté, dates as dates. */
export function identityValue(field: string, value: unknown, e: Escape = PLAIN): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field === 'status' && typeof value === 'string') return STATUS_LABELS[value] ?? quoted(e, value);
  if (field === 'homologation' && typeof value === 'object') {
    const h = value as { arreteDate?: string; arreteReference?: string };
    const parts = [h.arreteDate ? `arrêté du ${formatDate(h.arreteDate)}` : 'arrêté', h.arreteReference ? `(${e.text(h.arreteReference)})` : ''];
    return parts.filter(Boolean).join(' ');
  }
  if (Array.isArray(value)) return value.length === 0 ? '—' : formatList(value.map((v) => quoted(e, String(v))));
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : quoted(e, value);
  if (typeof value === 'number') return formatNumber(value, 4);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  // An object we do not know: its fields in French words, never JSON.
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${e.text(k)} ${identityValue('', v, e)}`)
    .join(', ');
}

function describeExposure(x: Exposure): string {
  const intensity = x.intensity.map((m) => formatQuantity(m.value, m.unit, 4)).join(', ');
  const duration = x.duration ? formatQuantity(x.duration.value, UNIT_LABELS[x.duration.unit], 4) : 'selon la grille de l’arrêté';
  return `${intensity ? `${intensity}, ` : ''}${duration}, conclusion « ${VERDICT_LABELS[x.conclusion]} »`;
}

function exposureLine(c: ExposureChange): string {
  const what = criterionName(c.factor, c.criterion);
  if (c.op === 'added') return `${what} : exposition ajoutée, ${describeExposure(c.after!)}`;
  if (c.op === 'removed') return `${what} : exposition supprimée (était : ${describeExposure(c.before!)})`;
  return `${what} : ${describeExposure(c.before!)} → ${describeExposure(c.after!)}`;
}

function flipSide(v: SituationFlip['before'], regulation: string): string {
  const unit = v.unit ? (UNIT_LABELS[v.unit as keyof typeof UNIT_LABELS] ?? '') : '';
  // A factor without a legal threshold any more (2017-10-01): its former threshold is only indicative.
  const figures =
    v.verdict === 'no_legal_threshold'
      ? `${formatQuantity(v.value, unit)}${v.threshold === null ? '' : `, ancien seuil ${formatQuantity(v.threshold, unit)} à titre indicatif`}, `
      : v.threshold === null ? '' : `${formatQuantity(v.value, unit)} pour un seuil de ${formatQuantity(v.threshold, unit)}, `;
  return `${VERDICT_LABELS[v.verdict]} (${figures}réglementation ${regulationName(regulation)})`;
}

export interface ChangeText {
  head: string;
  /** Exposure changes, then the verdict flips at 100 % time (`flip`, shown with emphasis). */
  details: Array<{ text: string; flip: boolean }>;
}

/** The collection of an `order` change in words: « tâches du poste « Mécanicien » ». */
function collectionName(collection: string, a: Referential, b: Referential, e: Escape): string {
  if (collection.startsWith('tasks:')) return `tâches du ${elementName(collection.slice('tasks:'.length), [b, a], e)}`;
  return COLLECTIONS[collection] ?? e.text(collection);
}

/** One change in French: a headline and its details (exposures, verdict flips). */
export function changeText(c: Change, result: DiffResult, a: Referential, b: Referential, e: Escape = PLAIN): ChangeText {
  switch (c.kind) {
    case 'referential_id':
      return { head: `Identifiant du référentiel : ${quoted(e, c.before)} → ${quoted(e, c.after)}`, details: [] };
    case 'identity':
      return { head: `Identité, ${IDENTITY_FIELDS[c.field] ?? e.text(c.field)} : ${identityValue(c.field, c.before, e)} → ${identityValue(c.field, c.after, e)}`, details: [] };
    case 'regulation':
      return { head: `Version réglementaire : ${regulationName(c.before)} → ${regulationName(c.after)}`, details: [] };
    case 'working_year':
      return { head: `Année de travail de référence, ${c.field === 'annualHours' ? 'heures par an' : 'jours travaillés par an'} : ${formatNumber(c.before)} → ${formatNumber(c.after)}`, details: [] };
    case 'factors': {
      const lines = [
        ...c.retainedAdded.map((f) => `Facteur retenu : ${factorName(f)}`),
        ...c.retainedRemoved.map((f) => `Facteur écarté : ${factorName(f)}`),
        ...c.justificationsChanged.map((f) => `Justification de l’exclusion modifiée : ${factorName(f)}`),
      ];
      return { head: lines[0] ?? 'Facteurs retenus modifiés', details: lines.slice(1).map((text) => ({ text, flip: false })) };
    }
    case 'particularly_exposed': {
      const factorsOf = (job: string) => {
        const codes = [...new Set((c.after?.entries ?? []).filter((x) => x.job === job).flatMap((x) => x.factors))];
        return codes.map((f) => factorName(f).toLowerCase()).join(', ');
      };
      const lines = [
        ...c.jobsAdded.map((j) => `Ajouté à la liste : ${elementName(j, [b, a], e)} (${factorsOf(j)})`),
        ...c.jobsRemoved.map((j) => `Retiré de la liste : ${elementName(j, [a, b], e)}`),
        ...c.jobsChanged.map((j) => `Inscription modifiée : ${elementName(j, [b, a], e)} (${factorsOf(j)})`),
        ...(c.agreementChanged ? [`Accord de branche : ${c.before?.agreement ? quoted(e, c.before.agreement) : 'aucun'} → ${c.after?.agreement ? quoted(e, c.after.agreement) : 'aucun'}`] : []),
      ];
      return { head: 'Liste des postes particulièrement exposés (art. L4163-2-1) modifiée', details: lines.map((text) => ({ text, flip: false })) };
    }
    case 'order':
      return { head: `Ordre modifié : ${collectionName(c.collection, a, b, e)}`, details: [] };
    default: {
      const op = (FEMININE.has(c.kind) ? OP_FEMININE : OP_LABELS)[c.op];
      const aspects = c.aspects.map((x) => ASPECT_LABELS[x]);
      const extras: string[] = [];
      if (c.op === 'changed' && c.before && c.after) {
        const before = c.before as { label?: string };
        const after = c.after as { label?: string };
        if (c.aspects.includes('renamed') && before.label !== undefined && after.label !== undefined) extras.push(`${quoted(e, before.label)} → ${quoted(e, after.label)}`);
        if (c.kind === 'task') {
          if (c.aspects.includes('weighting')) extras.push(`pondération ${formatNumber(c.before.defaultShare)} % → ${formatNumber(c.after.defaultShare)} %`);
          if (c.aspects.includes('moved')) extras.push(`du ${elementName(c.before.job, [a, b], e)} au ${elementName(c.after.job, [b, a], e)}`);
          if (c.aspects.includes('repointed')) extras.push(`commence par : ${elementName(c.before.entry, [a, b], e)} → ${elementName(c.after.entry, [b, a], e)}`);
        }
      }
      const head = `${KIND_LABELS[c.kind]} ${changedElement(c, a, b, e)} ${op}${aspects.length > 0 ? ` : ${aspects.join(', ')}` : ''}${extras.length > 0 ? ` (${extras.join(' ; ')})` : ''}`;
      const details: ChangeText['details'] = [];
      if (c.kind === 'situation') {
        details.push(...c.exposures.map((x) => ({ text: exposureLine(x), flip: false })));
        details.push(
          ...c.flips.map((f) => ({ text: `Verdict à temps plein pour ${factorName(f.factor)} : ${flipSide(f.before, result.from.regulation)} → ${flipSide(f.after, result.to.regulation)}`, flip: true })),
        );
      }
      return { head, details };
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Counts and grouping
// ------------------------------------------------------------------------------------------------

export interface ChangeCounts {
  total: number;
  added: number;
  removed: number;
  changed: number;
  /** Changes of the referential as a whole: identity, regulation, working year, factors, orders. */
  general: number;
  byKind: Array<{ kind: ElementKind; added: number; removed: number; changed: number }>;
  /** Situations whose verdict at 100 % time flips for at least one factor (counted per factor). */
  flips: number;
}

export function countChanges(result: DiffResult): ChangeCounts {
  const counts: ChangeCounts = { total: result.changes.length, added: 0, removed: 0, changed: 0, general: 0, byKind: [], flips: 0 };
  const byKind = new Map(ELEMENT_KINDS.map((kind) => [kind, { kind, added: 0, removed: 0, changed: 0 }]));
  for (const c of result.changes) {
    if (!isElementChange(c)) {
      counts.general++;
      continue;
    }
    counts[c.op]++;
    byKind.get(c.kind)![c.op]++;
    if (c.kind === 'situation') counts.flips += c.flips.length;
  }
  counts.byKind = [...byKind.values()].filter((k) => k.added + k.removed + k.changed > 0);
  return counts;
}

/** « 3 changements : 2 modifications et 1 changement général » — the parts always add up to the total. */
export function countsText(c: ChangeCounts): string {
  const parts = [
    c.added > 0 ? plural(c.added, 'ajout', 'ajouts') : '',
    c.removed > 0 ? plural(c.removed, 'suppression', 'suppressions') : '',
    c.changed > 0 ? plural(c.changed, 'modification', 'modifications') : '',
    c.general > 0 ? `${plural(c.general, 'changement général', 'changements généraux')} (identité, réglementation, année de référence, facteurs, liste des postes particulièrement exposés ou ordre)` : '',
  ].filter(Boolean);
  return `${plural(c.total, 'changement', 'changements')} : ${formatList(parts)}.`;
}

export interface ChangeGroup {
  /** Stable key, also the prefix of the DOM ids of its items: `general`, `job-<id>`, `orphans`. */
  key: string;
  title: string;
  /** Indexes into `result.changes`, in list order. */
  items: number[];
}

const GENERAL_KINDS = new Set<string>(['referential_id', 'identity', 'regulation', 'working_year', 'factors', 'particularly_exposed', 'question', 'measure', 'scenario', 'order']);

/**
 * The change list grouped by job: the general changes (identity, regulation, working year, factors,
 * questions, measures, scenarios, orders), then each job of the new version (then the jobs only the old
 * one has) with its own change, its tasks' and the decision nodes and situations its tasks reach in
 * either version — a shared subtree appears under each job that reaches it —, then the nodes and
 * situations no job reaches.
 */
export function groupChanges(result: DiffResult, a: Referential, b: Referential, e: Escape = PLAIN): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  const general: number[] = [];
  result.changes.forEach((c, i) => {
    if (GENERAL_KINDS.has(c.kind)) general.push(i);
  });
  if (general.length > 0) groups.push({ key: 'general', title: 'Généralités, critères, mesures et scénarios', items: general });

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
    if (items.length > 0) groups.push({ key: `job-${jobId}`, title: `Poste ${quoted(e, job.label)}`, items });
  }
  const orphans: number[] = [];
  result.changes.forEach((c, i) => {
    if ((c.kind === 'node' || c.kind === 'situation') && !reported.has(i)) orphans.push(i);
  });
  if (orphans.length > 0) groups.push({ key: 'orphans', title: 'Éléments atteints par aucun poste', items: orphans });
  return groups;
}

// ------------------------------------------------------------------------------------------------
// Impact wording
// ------------------------------------------------------------------------------------------------

/** A cause as people name it: the changed element's kind and label, or the general change. */
export function causeText(ref: ChangeRef, result: DiffResult, a?: Referential, b?: Referential, e: Escape = PLAIN): string {
  const c = result.changes[ref.index];
  if (!c) return e.text(ref.id ?? ref.kind);
  switch (c.kind) {
    case 'regulation':
      return `version réglementaire ${regulationName(c.before)} → ${regulationName(c.after)}`;
    case 'working_year':
      return `année de référence, ${c.field === 'annualHours' ? 'heures' : 'jours'} ${formatNumber(c.before)} → ${formatNumber(c.after)}`;
    case 'factors':
      return 'facteurs retenus';
    case 'particularly_exposed':
      return 'liste des postes particulièrement exposés';
    case 'identity':
      return `identité (${IDENTITY_FIELDS[c.field] ?? e.text(c.field)})`;
    case 'referential_id':
      return 'identifiant du référentiel';
    case 'order':
      return `ordre (${a && b ? collectionName(c.collection, a, b, e) : (COLLECTIONS[c.collection] ?? 'tâches')})`;
    default: {
      const element = (c.after ?? c.before) as { label?: string } | undefined;
      if (element?.label) return `${KIND_LABELS[c.kind]} ${quoted(e, element.label)}`;
      return a && b ? `${KIND_LABELS[c.kind]} ${changedElement(c, a, b, e)}` : `${KIND_LABELS[c.kind]} ${quoted(e, c.id)}`;
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
  return `${formatQuantity(side.exposure, unit)} pour un seuil de ${formatQuantity(side.threshold, unit)}`;
}

/** « exposé (110 nuits/an pour un seuil de 100 nuits/an) », or the verdict alone without a threshold. */
export function impactSide(factor: FactorCode, side: { verdict: Verdict; exposure: number | null; threshold: number | null }): string {
  const figures = impactFigures(factor, side);
  return figures === null ? VERDICT_LABELS[side.verdict] : `${VERDICT_LABELS[side.verdict]} (${figures})`;
}
