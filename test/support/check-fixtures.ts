/*
 * Builders of the consistency-checker fixtures (test/check-rules.test.ts).
 *
 * One small referential, `baseReferential()`, checks CLEAN under its targeted version 2023-09-01 (no
 * finding at all). Every fixture of the rule tests is a fresh deep copy of it with one mutation, so a
 * finding (or its absence) is caused by that mutation alone. `baseGraph()` is the same referential as a
 * logigramme (decompiled), for the rules that only exist on a drawing.
 *
 * Reference working year 1 607 h / 228 days. Values at 100 % time, derived by hand (2023-09-01:
 * noise Lex,8h ≥ 81 dB(A) for ≥ 600 h/year, night work ≥ 1 h between 0 h and 5 h for ≥ 100 nights):
 *
 *   s-bruit        noise 85 dB(A), 7 h/day    → 7 × 228 = 1 596 h ≥ 600        → exposed (stated exposed)
 *                  |1 596 − 600| = 996 > 10 % × 600 = 60 → not near the threshold
 *                  1 596 h ≤ 1 607 h → within the reference year
 *   s-protege      noise 79 dB(A), 7 h/day    → 79 < 81: intensity not met → 0 h < 600 → not exposed
 *                  |0 − 600| = 600 > 60
 *   s-chantier     noise 83 dB(A), 2 h/day    → 2 × 228 = 456 h < 600          → not exposed
 *                  |456 − 600| = 144 > 60
 *   s-carrosserie  noise 82 dB(A), 4 h/day    → 4 × 228 = 912 h ≥ 600          → exposed
 *                  |912 − 600| = 312 > 60
 *   s-nuit         night work 5 h, 150 nights → 150 ≥ 100                     → exposed
 *                  |150 − 100| = 50 > 10 % × 100 = 10; 150 ≤ 228 working days
 *   s-nuit-courte  night work 2 h, 50 nights  → 50 < 100                       → not exposed
 *                  |50 − 100| = 50 > 10
 *
 * Trees: t-moteurs → n-activite (choice: atelier → n-bruit, chantier → s-chantier);
 *        n-bruit (collective measure m-encoffrement: applied → s-protege 0 h, not applied → s-bruit 1 596 h);
 *        t-carrosserie → n-charge (number, min 0: [0, 50) → s-carrosserie, [50, +∞) → s-chantier, shared);
 *        t-nuit → n-seul (boolean, employee: oui → s-nuit, non → s-nuit-courte).
 */
import {
  QUANTITY_UNITS,
  REFERENTIAL_FORMAT_VERSION,
  decompile,
  type CheckReport,
  type DurationUnit,
  type Exposure,
  type FactorCode,
  type Finding,
  type GraphDocument,
  type Quantity,
  type Referential,
} from '../../src/core/index.ts';

export const RETAINED: FactorCode[] = ['noise', 'night_work'];

export const EXCLUDED: Array<{ factor: FactorCode; justification: string }> = [
  { factor: 'manual_handling', justification: 'Charges unitaires inférieures à 10 kg.' },
  { factor: 'awkward_postures', justification: 'Postes réglables en hauteur.' },
  { factor: 'mechanical_vibrations', justification: 'Outillage électroportatif moins de 30 minutes par jour.' },
  { factor: 'hazardous_chemicals', justification: 'Aucun agent chimique dangereux au-delà de la grille.' },
  { factor: 'hyperbaric', justification: 'Aucune intervention en milieu hyperbare.' },
  { factor: 'extreme_temperatures', justification: 'Ateliers chauffés et ventilés.' },
  { factor: 'alternating_shifts', justification: 'Aucune équipe successive alternante.' },
  { factor: 'repetitive_work', justification: 'Aucun travail sous cadence contrainte.' },
];

/** One exposure with the regulation's unit for each intensity quantity. */
export function exposure(
  factor: FactorCode,
  criterion: string,
  intensity: Array<[Quantity, number]>,
  duration: [number, DurationUnit] | undefined,
  conclusion: Exposure['conclusion'],
): Exposure {
  const e: Exposure = {
    factor,
    criterion,
    intensity: intensity.map(([quantity, value]) => ({ quantity, value, unit: QUANTITY_UNITS[quantity] })),
    conclusion,
  };
  if (duration) e.duration = { value: duration[0], unit: duration[1] };
  return e;
}

export const noise = (dbA: number, duration: [number, DurationUnit], conclusion: Exposure['conclusion']) =>
  exposure('noise', 'daily_level', [['sound_level', dbA]], duration, conclusion);
export const night = (hours: number, nights: number, conclusion: Exposure['conclusion']) =>
  exposure('night_work', 'night', [['night_hours', hours]], [nights, 'nights/year'], conclusion);

/** The clean fixture; a new deep copy on every call. */
export function baseReferential(): Referential {
  return {
    formatVersion: REFERENTIAL_FORMAT_VERSION,
    id: 'fixture-controle',
    identity: {
      branch: 'Branche fictive des tests du contrôle',
      title: 'Référentiel de contrôle',
      version: '1.0.0',
      status: 'draft',
      authors: ['Tests'],
      created: '2026-01-15',
    },
    regulation: '2023-09-01',
    workingYear: { annualHours: 1607, workingDays: 228 },
    factors: { retained: [...RETAINED], excluded: EXCLUDED.map((e) => ({ ...e })) },
    questions: [
      {
        id: 'q-activite',
        label: 'Activité de l’entreprise',
        scope: 'company',
        type: 'choice',
        choices: [
          { id: 'atelier', label: 'Majoritairement en atelier' },
          { id: 'chantier', label: 'Majoritairement sur chantier' },
        ],
      },
      { id: 'q-charge', label: 'Charge moyenne manipulée', scope: 'company', type: 'number', unit: 'kg', min: 0 },
      { id: 'q-seul', label: 'Le salarié travaille-t-il seul la nuit ?', scope: 'employee', type: 'boolean' },
    ],
    measures: [{ id: 'm-encoffrement', label: 'Encoffrement des bancs moteurs', kind: 'collective' }],
    jobs: [
      {
        id: 'j-meca',
        label: 'Mécanicien',
        tasks: [
          { id: 't-moteurs', label: 'Moteurs thermiques', defaultShare: 60, entry: 'n-activite' },
          { id: 't-carrosserie', label: 'Carrosserie', defaultShare: 40, entry: 'n-charge' },
        ],
      },
      { id: 'j-nuit', label: 'Agent de nuit', tasks: [{ id: 't-nuit', label: 'Surveillance de nuit', defaultShare: 100, entry: 'n-seul' }] },
    ],
    nodes: [
      {
        id: 'n-activite',
        kind: 'question',
        question: 'q-activite',
        branches: [
          { when: { oneOf: ['atelier'] }, next: 'n-bruit' },
          { when: { oneOf: ['chantier'] }, next: 's-chantier' },
        ],
      },
      { id: 'n-bruit', kind: 'measure', measure: 'm-encoffrement', applied: 's-protege', notApplied: 's-bruit' },
      {
        id: 'n-charge',
        kind: 'question',
        question: 'q-charge',
        branches: [
          { when: { min: 0, max: 50 }, next: 's-carrosserie' },
          { when: { min: 50 }, next: 's-chantier' },
        ],
      },
      {
        id: 'n-seul',
        kind: 'question',
        question: 'q-seul',
        branches: [
          { when: { is: true }, next: 's-nuit' },
          { when: { is: false }, next: 's-nuit-courte' },
        ],
      },
    ],
    situations: [
      { id: 's-bruit', label: 'Moteurs en atelier sans encoffrement', exposures: [noise(85, [7, 'h/day'], 'exposed')] },
      { id: 's-protege', label: 'Moteurs en atelier avec encoffrement', exposures: [noise(79, [7, 'h/day'], 'not_exposed')] },
      { id: 's-chantier', label: 'Interventions sur chantier', exposures: [noise(83, [2, 'h/day'], 'not_exposed')] },
      { id: 's-carrosserie', label: 'Ponçage en cabine', exposures: [noise(82, [4, 'h/day'], 'exposed')] },
      { id: 's-nuit', label: 'Surveillance seule toute la nuit', exposures: [night(5, 150, 'exposed')] },
      { id: 's-nuit-courte', label: 'Surveillance en binôme, début de nuit', exposures: [night(2, 50, 'not_exposed')] },
    ],
    scenarios: [],
  };
}

/** Index of each element of the base fixture, as the JSON paths of the tests use them. */
export const AT = {
  job: { 'j-meca': 0, 'j-nuit': 1 },
  node: { 'n-activite': 0, 'n-bruit': 1, 'n-charge': 2, 'n-seul': 3 },
  situation: { 's-bruit': 0, 's-protege': 1, 's-chantier': 2, 's-carrosserie': 3, 's-nuit': 4, 's-nuit-courte': 5 },
} as const;

/** A copy of the base fixture, mutated. */
export function variant(mutate: (r: Referential) => void): Referential {
  const r = baseReferential();
  mutate(r);
  return r;
}

export function situationOf(r: Referential, id: string) {
  const s = r.situations.find((x) => x.id === id);
  if (!s) throw new Error(`fixture has no situation ${id}`);
  return s;
}

export function nodeOf(r: Referential, id: string) {
  const n = r.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`fixture has no node ${id}`);
  return n;
}

/** The base fixture as a logigramme (no positions). */
export function baseGraph(): GraphDocument {
  return structuredClone(decompile(baseReferential()));
}

/** A copy of the base graph, mutated. */
export function graphVariant(mutate: (g: GraphDocument) => void): GraphDocument {
  const g = baseGraph();
  mutate(g);
  return g;
}

/** Removes the edge of this id (it must exist, so that a typo in a test fails loudly). */
export function removeEdge(g: GraphDocument, id: string): void {
  const i = g.edges.findIndex((e) => e.id === id);
  if (i < 0) throw new Error(`graph has no edge ${id}`);
  g.edges.splice(i, 1);
}

export function edgeOf(g: GraphDocument, id: string) {
  const e = g.edges.find((x) => x.id === id);
  if (!e) throw new Error(`graph has no edge ${id}`);
  return e;
}

/** The findings of one rule code. */
export function withCode(report: CheckReport, code: string): Finding[] {
  return report.findings.filter((f) => f.code === code);
}

/** Code, severity and location of findings, for compact `toEqual` assertions. */
export function located(findings: readonly Finding[]): Array<{ code: string; severity: string; element?: string; path?: string }> {
  return findings.map((f) => {
    const out: { code: string; severity: string; element?: string; path?: string } = { code: f.code, severity: f.severity };
    if (f.element !== undefined) out.element = f.element;
    if (f.path !== undefined) out.path = f.path;
    return out;
  });
}
