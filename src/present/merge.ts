import {
  UNIT_LABELS,
  type CommonBaseNotFound,
  type ConflictSide,
  type FactorCode,
  type MergeCollection,
  type MergeConflict,
  type MergedElement,
  type MergeNotice,
  type MergeNoticeCode,
} from '../core/index.ts';
import { exposureDetail, IDENTITY_FIELDS } from './diff-text.ts';
import { findingMessage } from './findings.ts';
import { capitalised, formatNumber, plural } from './fr.ts';
import { edgeKind, NODE_KIND_NAMES, nodeKind } from './rules.ts';

/*
 * The French words of a merge: element kinds, field names, values, what each side did, and the notices
 * (decisions taken without asking). The core says what conflicts and what was decided (codes, ids,
 * labels, values); the merge dialog, the other tabs' notices, the command line and its JSON report say
 * it in French through here, with every number through the one French formatter.
 */

/** Up to four decimals, as a referential states them (« 4,5 h/jour », « 1 607 »). */
const num = (value: number) => formatNumber(value, 4);
const unitLabel = (unit: string) => (Object.hasOwn(UNIT_LABELS, unit) ? UNIT_LABELS[unit as keyof typeof UNIT_LABELS] : unit);

export const FIELD_LABELS: Record<string, string> = {
  label: 'libellé',
  description: 'description',
  exposures: 'expositions',
  question: 'critère posé',
  measure: 'mesure testée',
  text: 'texte',
  members: 'membres du groupe',
  share: 'pondération',
  source: 'origine',
  target: 'destination',
  when: 'condition',
  applied: 'côté de la mesure',
  kind: 'nature',
  help: 'aide',
  scope: 'portée',
  type: 'type de réponse',
  choices: 'réponses possibles',
  unit: 'unité',
  min: 'minimum',
  max: 'maximum',
  year: 'année',
  regulation: 'version réglementaire',
  answers: 'réponses',
  employee: 'salarié',
  expected: 'résultat attendu',
  intensity: 'intensité',
  duration: 'durée',
  conclusion: 'conclusion',
  note: 'note',
  since: 'date de mise en place',
  // The identity's fields as the comparison names them, « branche » said in full here.
  ...IDENTITY_FIELDS,
  branch: 'branche professionnelle',
  annualHours: 'heures annuelles de référence',
  workingDays: 'jours travaillés de référence',
  factor: 'facteur',
  id: 'identifiant',
  state: 'retenu ou écarté',
  particularlyExposed: 'liste des postes particulièrement exposés (L4163-2-1)',
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

const ORDER_LABELS: Record<string, string> = {
  nodes: 'nœuds du logigramme',
  edges: 'liaisons',
  questions: 'critères',
  measures: 'mesures de prévention',
  scenarios: 'scénarios',
  retained: 'facteurs retenus',
  excluded: 'facteurs écartés',
  comments: 'discussions',
};

const COLLECTION_KINDS: Record<MergeCollection, string> = {
  referential: 'référentiel',
  identity: 'identité du référentiel',
  workingYear: 'année de travail de référence',
  factor: 'facteur',
  question: 'critère',
  measure: 'mesure de prévention',
  scenario: 'scénario',
  node: 'élément',
  edge: 'liaison',
  order: 'ordre',
};


/** An element's kind in French, capitalised: « Tâche », « Liaison (pondération) », « Critère ». */
export function elementKind(element: MergedElement): string {
  if (element.nodeKind) return capitalised(nodeKind(element.nodeKind));
  if (element.edgeKind) return `Liaison (${edgeKind(element.edgeKind)})`;
  return capitalised(COLLECTION_KINDS[element.collection]);
}

/** An element's label; a reordered list by its French name. */
export const elementLabel = (element: MergedElement): string => (element.collection === 'order' ? (ORDER_LABELS[element.label] ?? element.label) : element.label);

/** A field path in French: `exposures[noise/daily_level].duration` → « durée — Bruit — niveau… ». */
export function fieldPathLabel(path: string): string {
  const m = /^exposures\[([a-z_]+)\/([a-z_]+)(?:#(\d+))?\](?:\.(\w+))?$/.exec(path);
  if (!m) return fieldLabel(path);
  const exposure = `exposition ${exposureDetail(undefined, m[1] as FactorCode, m[2]!, m[3] ? Number(m[3]) : undefined)}`;
  return m[4] ? `${fieldLabel(m[4])} de l’${exposure}` : exposure;
}

const VERDICTS: Record<string, string> = { exposed: 'exposé', not_exposed: 'non exposé', to_analyse: 'à analyser' };
const STATUSES: Record<string, string> = { draft: 'brouillon', in_review: 'en relecture', submitted: 'déposé', homologated: 'homologué', expired: 'expiré', superseded: 'remplacé' };

/** A value as people read it: « texte », 4,5 h/jour, oui, de 0 à moins de 50… */
export function describeValue(value: unknown, field = ''): string {
  if (value === undefined || value === null) return '(rien)';
  if (typeof value === 'number') return field === 'share' ? `${num(value)} %` : num(value);
  if (typeof value === 'boolean') return field === 'applied' ? (value ? 'mesure appliquée' : 'mesure non appliquée') : value ? 'oui' : 'non';
  if (typeof value === 'string') {
    if (field === 'conclusion') return VERDICTS[value] ?? value;
    if (field === 'status') return STATUSES[value] ?? value;
    return `« ${value.length > 160 ? `${value.slice(0, 157)}…` : value} »`;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '(aucun)';
    if (value.every((x) => typeof x === 'string')) return value.map((x) => `« ${x} »`).join(', ');
    return value.map((x) => describeValue(x, field)).join(' ; ');
  }
  const o = value as Record<string, unknown>;
  if (typeof o.value === 'number' && typeof o.unit === 'string') {
    return `${num(o.value)} ${unitLabel(o.unit)}`;
  }
  if ('is' in o) return o.is ? 'réponse oui' : 'réponse non';
  if (o.state === 'retained') return 'retenu';
  if (o.state === 'excluded') return `écarté : « ${String(o.justification)} »`;
  if (Array.isArray(o.oneOf)) return `réponses ${(o.oneOf as string[]).map((x) => `« ${x} »`).join(', ')}`;
  if (field === 'when' && ('min' in o || 'max' in o || Object.keys(o).length === 0)) {
    const min = typeof o.min === 'number' ? `de ${num(o.min)}` : '';
    const max = typeof o.max === 'number' ? `à moins de ${num(o.max)}` : '';
    return [min, max].filter(Boolean).join(' ') || 'toute valeur';
  }
  if (typeof o.factor === 'string' && typeof o.criterion === 'string') {
    const intensity = Array.isArray(o.intensity) ? (o.intensity as Array<{ value: number; unit: string }>).map((m) => `${num(m.value)} ${unitLabel(m.unit)}`).join(', ') : '';
    const duration = o.duration ? describeValue(o.duration) : 'grille';
    return `${exposureDetail(undefined, o.factor as FactorCode, o.criterion)} : ${intensity ? `${intensity}, ` : ''}${duration}, ${VERDICTS[String(o.conclusion)] ?? o.conclusion}`;
  }
  if (typeof o.kind === 'string' && typeof o.id === 'string') {
    const kind = Object.hasOwn(NODE_KIND_NAMES, o.kind) ? nodeKind(o.kind) : edgeKind(o.kind);
    const name = typeof o.label === 'string' ? o.label : typeof o.text === 'string' ? o.text : o.id;
    return `${kind} « ${name} »`;
  }
  if (typeof o.label === 'string') return `« ${o.label} »`;
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}…` : json;
}

/** What one side did, in a short French sentence. */
export function describeSide(side: ConflictSide, conflict: MergeConflict): string {
  const field = conflict.field?.path.split('.').at(-1) ?? '';
  switch (side.change) {
    case 'deleted':
      return 'supprimé';
    case 'removed':
      return 'effacé';
    case 'uses':
      return `conservé et utilisé${side.ids?.length ? ` par ${side.ids.length > 1 ? 'les liaisons' : 'la liaison'} ${side.ids.join(', ')}` : ''}`;
    case 'reordered':
      return `réordonné : ${describeValue(side.value)}`;
    case 'kept':
      return conflict.kind === 'slot' ? `garde la liaison vers ${describeValue(side.value)}` : 'gardé';
    case 'added':
      return conflict.kind === 'slot' ? `ajoute une liaison vers ${describeValue(side.value)}` : `ajouté : ${describeValue(side.value, field)}`;
    case 'changed':
      return conflict.field ? describeValue(side.value, field) : `modifié : ${describeValue(side.value, field)}`;
  }
}

/** The conflict's title: « Situation « Bruit » : durée de l’exposition Bruit — … ». */
export function conflictTitle(conflict: MergeConflict): string {
  const what = `${elementKind(conflict.element)} « ${elementLabel(conflict.element)} »`;
  const kinds: Record<MergeConflict['kind'], string> = {
    field: conflict.field ? fieldPathLabel(conflict.field.path) : 'modifié des deux côtés',
    edit_delete: 'supprimé d’un côté, modifié de l’autre',
    delete_use: 'supprimé d’un côté, relié à de nouvelles liaisons de l’autre',
    add_add: 'ajouté des deux côtés, différemment',
    incompatible: 'modifications incompatibles des deux côtés',
    slot: 'relié différemment des deux côtés',
    order: 'réordonné différemment des deux côtés',
  };
  if (conflict.kind === 'order' && conflict.field) return `${what} : ordre des expositions différent des deux côtés`;
  if (conflict.field && conflict.kind !== 'field') return `${what} : ${fieldPathLabel(conflict.field.path)} ${kinds[conflict.kind]}`;
  return `${what} : ${kinds[conflict.kind]}`;
}

type Writer<C extends MergeNoticeCode> = (n: Extract<MergeNotice, { code: C }>, labels?: ReadonlyMap<string, string>) => string;

const NOTICES: { [C in MergeNoticeCode]: Writer<C> } = {
  'layout.both_changed': (n) => `Disposition modifiée des deux côtés pour ${plural(n.ids.length, 'nœud', 'nœuds', 0)} : celle de ${n.kept === 'ours' ? 'notre' : 'leur'} version est gardée.`,
  'catalogue.kept': () => 'Éléments du catalogue supprimés d’un côté mais gardés : un nœud de la version fusionnée les utilise.',
  'edge.dropped': () => 'Liaisons retirées : leur nœud n’existe plus après la fusion.',
  'group.member_dropped': () => 'Nœuds retirés de leur groupe : ils n’existent plus après la fusion.',
  'base.reset': () => 'Les deux versions déclarent des points de départ différents : la version fusionnée déclare la base de la fusion.',
  'structure.new_issue': (n, labels) => findingMessage({ code: n.rule, params: n.params, ...(n.ids[0] !== undefined ? { element: n.ids[0] } : {}) }, labels),
};

/** A notice's French message; with `labels`, the elements a new structural problem names are named by their label. */
export function noticeMessage(notice: MergeNotice, labels?: ReadonlyMap<string, string>): string {
  return (NOTICES[notice.code] as Writer<MergeNoticeCode>)(notice, labels);
}

/** Why two logigrammes cannot be merged yet, and what to give. */
export function commonBaseMessage(c: CommonBaseNotFound): string {
  switch (c.reason) {
    case 'other_referential':
      return `Les deux logigrammes ne sont pas le même référentiel (« ${c.ours} » et « ${c.theirs} ») : il n’y a rien à fusionner.`;
    case 'no_base_recorded':
      return 'Aucun des deux logigrammes n’indique la version dont il est parti : donnez le fichier de la version de départ commune.';
    case 'no_common_base':
      return 'Les deux logigrammes sont partis de versions différentes, sans point de départ commun connu : donnez le fichier de la version de départ commune.';
    case 'base_missing':
      return `La version de départ commune (${c.missing.id} ${c.missing.version}, empreinte ${c.missing.contentHash}) n’est pas disponible : donnez son fichier.`;
  }
}
