import { exposureDetail } from '../comments/anchors.ts';
import { EDGE_KIND_NAMES, NODE_KIND_NAMES, nodeLabel } from '../graph/commands/index.ts';
import type { GraphDocument } from '../graph/schema.ts';
import { REGULATION_VERSIONS } from '../regulation/index.ts';
import type { FactorCode } from '../regulation/types.ts';
import { UNIT_LABELS } from '../referential/units.ts';
import type { Namer } from './context.ts';
import type { ConflictSide, MergeCollection, MergeConflict } from './types.ts';

/*
 * The French words of a merge: element kinds and labels, field names, values. Numbers go through the
 * caller's formatter (the CLI's and the app's), so that the core holds no second French number format.
 */

/** Formats a number for people (`num` of the CLI, `formatNumber` of the app). */
export type NumberFormat = (value: number) => string;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const LATEST = REGULATION_VERSIONS[REGULATION_VERSIONS.length - 1]!;
const factorLabel = (code: string) => LATEST.factors.find((f) => f.code === code)?.label ?? code;

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
  branch: 'branche professionnelle',
  title: 'titre',
  idcc: 'IDCC',
  version: 'version',
  status: 'statut',
  authors: 'auteurs',
  created: 'date de création',
  updated: 'date de mise à jour',
  homologation: 'homologation',
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

/** Names elements from the first version that has them: ours, then theirs, then the base. */
export function graphNamer(...graphs: GraphDocument[]): Namer {
  return (collection: MergeCollection, id: string) => {
    for (const g of graphs) {
      const named = nameIn(g, collection, id);
      if (named) return named;
    }
    return { kind: capital(COLLECTION_KINDS[collection]), label: id };
  };
}

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

function nameIn(g: GraphDocument, collection: MergeCollection, id: string): { kind: string; label: string } | undefined {
  const r = g.referential;
  switch (collection) {
    case 'node': {
      const n = g.nodes.find((x) => x.id === id);
      return n && { kind: capital(NODE_KIND_NAMES[n.kind]), label: nodeLabel(g, n) };
    }
    case 'edge': {
      const e = g.edges.find((x) => x.id === id);
      if (!e) return undefined;
      const end = (nodeId: string) => {
        const n = g.nodes.find((x) => x.id === nodeId);
        return n ? nodeLabel(g, n) : nodeId;
      };
      return { kind: `Liaison (${EDGE_KIND_NAMES[e.kind]})`, label: `${end(e.source)} → ${end(e.target)}` };
    }
    case 'question': {
      const q = r.questions.find((x) => x.id === id);
      return q && { kind: 'Critère', label: q.label };
    }
    case 'measure': {
      const m = r.measures.find((x) => x.id === id);
      return m && { kind: 'Mesure de prévention', label: m.label };
    }
    case 'scenario': {
      const s = r.scenarios.find((x) => x.id === id);
      return s && { kind: 'Scénario', label: s.label };
    }
    case 'factor':
      return { kind: 'Facteur', label: factorLabel(id) };
    case 'order':
      return { kind: 'Ordre', label: ORDER_LABELS[id.split(':').at(-1)!] ?? id };
    case 'referential':
    case 'identity':
    case 'workingYear':
      return { kind: capital(COLLECTION_KINDS[collection]), label: r.identity.title };
  }
}

/** A field path in French: `exposures[noise/daily_level].duration` → « durée — Bruit — niveau… ». */
export function fieldPathLabel(path: string): string {
  const m = /^exposures\[([a-z_]+)\/([a-z_]+)(?:#(\d+))?\](?:\.(\w+))?$/.exec(path);
  if (!m) return fieldLabel(path);
  const exposure = `exposition ${exposureDetail(undefined, m[1] as FactorCode, m[2]!)}${m[3] ? ` (${Number(m[3]) + 1}ᵉ mention)` : ''}`;
  return m[4] ? `${fieldLabel(m[4])} de l’${exposure}` : exposure;
}

const VERDICTS: Record<string, string> = { exposed: 'exposé', not_exposed: 'non exposé', to_analyse: 'à analyser' };
const STATUSES: Record<string, string> = { draft: 'brouillon', in_review: 'en relecture', submitted: 'déposé', homologated: 'homologué', expired: 'expiré', superseded: 'remplacé' };

/** A value as people read it: « texte », 4,5 h/jour, oui, de 0 à moins de 50… */
export function describeValue(value: unknown, num: NumberFormat, field = ''): string {
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
    return value.map((x) => describeValue(x, num, field)).join(' ; ');
  }
  const o = value as Record<string, unknown>;
  if (typeof o.value === 'number' && typeof o.unit === 'string') {
    return `${num(o.value)} ${UNIT_LABELS[o.unit as keyof typeof UNIT_LABELS] ?? o.unit}`;
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
    const intensity = Array.isArray(o.intensity) ? (o.intensity as Array<{ value: number; unit: string }>).map((m) => `${num(m.value)} ${m.unit}`).join(', ') : '';
    const duration = o.duration ? describeValue(o.duration, num) : 'grille';
    return `${exposureDetail(undefined, o.factor as FactorCode, o.criterion)} : ${intensity ? `${intensity}, ` : ''}${duration}, ${VERDICTS[String(o.conclusion)] ?? o.conclusion}`;
  }
  if (typeof o.kind === 'string' && typeof o.id === 'string') {
    const kind = (NODE_KIND_NAMES as Record<string, string>)[o.kind] ?? (EDGE_KIND_NAMES as Record<string, string>)[o.kind] ?? o.kind;
    const name = typeof o.label === 'string' ? o.label : typeof o.text === 'string' ? o.text : o.id;
    return `${kind} « ${name} »`;
  }
  if (typeof o.label === 'string') return `« ${o.label} »`;
  const json = JSON.stringify(value);
  return json.length > 160 ? `${json.slice(0, 157)}…` : json;
}

/** What one side did, in a short French sentence. */
export function describeSide(side: ConflictSide, conflict: MergeConflict, num: NumberFormat): string {
  const field = conflict.field?.path.split('.').at(-1) ?? '';
  switch (side.change) {
    case 'deleted':
      return 'supprimé';
    case 'removed':
      return 'effacé';
    case 'uses':
      return `conservé et utilisé${side.ids?.length ? ` par ${side.ids.length > 1 ? 'les liaisons' : 'la liaison'} ${side.ids.join(', ')}` : ''}`;
    case 'reordered':
      return `réordonné : ${describeValue(side.value, num)}`;
    case 'kept':
      return conflict.kind === 'slot' ? `garde la liaison vers ${describeValue(side.value, num)}` : 'gardé';
    case 'added':
      return conflict.kind === 'slot' ? `ajoute une liaison vers ${describeValue(side.value, num)}` : `ajouté : ${describeValue(side.value, num, field)}`;
    case 'changed':
      return conflict.field ? describeValue(side.value, num, field) : `modifié : ${describeValue(side.value, num, field)}`;
  }
}

/** The conflict's title: « Situation « Bruit » : durée de l’exposition Bruit — … ». */
export function conflictTitle(conflict: MergeConflict): string {
  const what = `${conflict.element.kind} « ${conflict.element.label} »`;
  const kinds: Record<MergeConflict['kind'], string> = {
    field: conflict.field ? fieldPathLabel(conflict.field.path) : 'modifié des deux côtés',
    edit_delete: 'supprimé d’un côté, modifié de l’autre',
    delete_use: 'supprimé d’un côté, relié à de nouvelles liaisons de l’autre',
    add_add: 'ajouté des deux côtés, différemment',
    incompatible: 'modifications incompatibles des deux côtés',
    slot: 'relié différemment des deux côtés',
    order: 'réordonné différemment des deux côtés',
  };
  if (conflict.kind === 'order' && conflict.field) return `${what} : ${conflict.field.label} différent des deux côtés`;
  if (conflict.field && conflict.kind !== 'field') return `${what} : ${fieldPathLabel(conflict.field.path)} ${kinds[conflict.kind]}`;
  return `${what} : ${kinds[conflict.kind]}`;
}
