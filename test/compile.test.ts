import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import {
  GRAPH_FORMAT_VERSION,
  REGULATION_VERSIONS,
  canonicalJson,
  checkReferential,
  compile,
  contentHash,
  createEvaluator,
  decompile,
  loadGraph,
  loadGraphText,
  loadReferential,
  type Employee,
  type GraphDocument,
  type NodeLayout,
  type Referential,
} from '../src/core/index.ts';
import { layoutGraph, withLayout } from '../src/core/layout.ts';
import { generateReferential } from '../bench/generate.ts';
import { baseReferential } from './support/check-fixtures.ts';
import { formatIssues } from '../src/present/issues.ts';

/*
 * Graph ⇄ referential: compile is deterministic, carries ids, compiles a shared subtree once, ignores
 * everything that is only drawing (positions, colours, notes, groups), and is the inverse of
 * decompile; decompile + layoutGraph lays every node out left to right.
 */

const SAMPLE_PATH = join(import.meta.dirname, '..', 'referentials', 'exemple-atelier.json');

function mustLoad(data: unknown): Referential {
  const loaded = loadReferential(data);
  if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
  return loaded.value;
}

const SAMPLE = mustLoad(JSON.parse(readFileSync(SAMPLE_PATH, 'utf8')));

/** The referential without the two fields compile never produces. */
function strip(r: Referential): Referential {
  const { contentHash: _h, $schema: _s, ...rest } = r;
  return rest as Referential;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/*
 * An authored logigramme where two tasks of two jobs share one subtree: both entry edges point at
 * n-partage. Catalogue: q-activite (company choice atelier / chantier), m-encoffrement (collective).
 *   n-partage: atelier → n-mesure, chantier → s-chantier
 *   n-mesure : applied → s-protege, not applied → s-bruit
 * Values at 100 % time (1 607 h / 228 days, 2023-09-01: ≥ 81 dB(A) for ≥ 600 h):
 *   s-bruit    85 dB(A) 7 h/day → 7 × 228 = 1 596 h ≥ 600 → exposed
 *   s-protege  79 dB(A) 7 h/day → 79 < 81 → 0 h            → not exposed
 *   s-chantier 83 dB(A) 2 h/day → 2 × 228 = 456 h < 600     → not exposed
 */
function sharedGraph(): GraphDocument {
  const base = baseReferential();
  return {
    formatVersion: GRAPH_FORMAT_VERSION,
    kind: 'logigramme',
    referential: {
      id: 'partage',
      identity: base.identity,
      regulation: '2023-09-01',
      workingYear: { annualHours: 1607, workingDays: 228 },
      factors: {
        retained: ['noise'],
        excluded: base.factors.excluded.filter((e) => e.factor !== 'noise').concat([{ factor: 'night_work', justification: 'Aucun travail de nuit.' }]),
      },
      questions: [base.questions[0]!],
      measures: base.measures,
      scenarios: [],
    },
    nodes: [
      { id: 'j-a', kind: 'job', label: 'Mécanicien atelier' },
      { id: 'j-b', kind: 'job', label: 'Mécanicien itinérant' },
      { id: 't-a', kind: 'task', label: 'Moteurs (atelier)' },
      { id: 't-b', kind: 'task', label: 'Moteurs (itinérant)' },
      { id: 'n-partage', kind: 'question', question: 'q-activite' },
      { id: 'n-mesure', kind: 'measure', measure: 'm-encoffrement', label: 'Encoffrement ?' },
      { id: 's-bruit', kind: 'situation', label: 'Sans encoffrement', exposures: base.situations[0]!.exposures },
      { id: 's-protege', kind: 'situation', label: 'Avec encoffrement', exposures: base.situations[1]!.exposures },
      { id: 's-chantier', kind: 'situation', label: 'Sur chantier', exposures: base.situations[2]!.exposures },
    ],
    edges: [
      { id: 'w-a', kind: 'weighting', source: 'j-a', target: 't-a', share: 100 },
      { id: 'w-b', kind: 'weighting', source: 'j-b', target: 't-b', share: 100 },
      { id: 'e-a', kind: 'entry', source: 't-a', target: 'n-partage' },
      { id: 'e-b', kind: 'entry', source: 't-b', target: 'n-partage' },
      { id: 'b-atelier', kind: 'branch', source: 'n-partage', target: 'n-mesure', when: { oneOf: ['atelier'] } },
      { id: 'b-chantier', kind: 'branch', source: 'n-partage', target: 's-chantier', when: { oneOf: ['chantier'] } },
      { id: 'm-oui', kind: 'measure', source: 'n-mesure', target: 's-protege', applied: true },
      { id: 'm-non', kind: 'measure', source: 'n-mesure', target: 's-bruit', applied: false },
    ],
    layout: { direction: 'RIGHT', nodes: {} },
  };
}

describe('compile is deterministic', () => {
  it('the same graph compiles to the same bytes and hash, twice and after a JSON round trip', async () => {
    const graph = await withLayout(decompile(SAMPLE));
    const a = compile(graph).referential;
    const b = compile(graph).referential;
    const c = compile(clone(graph)).referential;
    const loaded = loadGraphText(JSON.stringify(graph, null, 2));
    expect(loaded.ok).toBe(true);
    const d = compile(loaded.ok ? loaded.value : graph).referential;
    for (const x of [b, c, d]) {
      expect(canonicalJson(x)).toBe(canonicalJson(a));
      expect(contentHash(x)).toBe(contentHash(a));
    }
  });
  it('the compiled document carries no undefined key (its JSON is itself)', () => {
    const compiled = compile(decompile(SAMPLE)).referential;
    expect(clone(compiled)).toStrictEqual(compiled);
  });
  it('elements come out in node order, tasks and branches in edge order', () => {
    const graph = sharedGraph();
    // Swap the two branch edges: the branches of n-partage follow.
    const [atelier, chantier] = [graph.edges[4]!, graph.edges[5]!];
    graph.edges[4] = chantier;
    graph.edges[5] = atelier;
    const r = compile(graph).referential;
    const n = r.nodes.find((x) => x.id === 'n-partage')!;
    expect(n.kind === 'question' ? n.branches.map((b) => b.next) : []).toEqual(['s-chantier', 'n-mesure']);
  });
});

describe('ids are carried through', () => {
  it('every job, task, decision node and situation keeps its node id', () => {
    const { referential: r, issues } = compile(sharedGraph());
    expect(issues).toEqual([]);
    expect(r.id).toBe('partage');
    expect(r.jobs.map((j) => j.id)).toEqual(['j-a', 'j-b']);
    expect(r.jobs.map((j) => j.tasks.map((t) => t.id))).toEqual([['t-a'], ['t-b']]);
    expect(r.nodes.map((n) => n.id)).toEqual(['n-partage', 'n-mesure']);
    expect(r.situations.map((s) => s.id)).toEqual(['s-bruit', 's-protege', 's-chantier']);
    expect(r.nodes[1]).toEqual({ id: 'n-mesure', kind: 'measure', measure: 'm-encoffrement', applied: 's-protege', notApplied: 's-bruit', label: 'Encoffrement ?' });
  });
});

describe('a subtree shared by two tasks (DAG)', () => {
  const { referential: r, issues } = compile(sharedGraph());
  it('compiles once and is referenced by both tasks', () => {
    expect(issues).toEqual([]);
    expect(r.nodes.filter((n) => n.id === 'n-partage')).toHaveLength(1);
    expect(r.nodes).toHaveLength(2);
    expect(r.situations).toHaveLength(3);
    expect(r.jobs.map((j) => j.tasks[0]!.entry)).toEqual(['n-partage', 'n-partage']);
    expect(loadReferential(r).ok).toBe(true);
    // The checker sees one tree reached from two tasks: nothing unreachable, no finding at all.
    expect(checkReferential(r).findings).toEqual([]);
  });

  const employee = (id: string, job: string): Employee => ({ id, annualHours: 1607, contract: {}, birth: 1980, jobs: [{ job, share: 100 }] });
  const noiseOf = (answers: Record<string, string>, measures: string[]) => {
    const evaluator = createEvaluator(r, { answers, measures: measures.map((measure) => ({ measure })) }, { year: 2024, trace: true });
    return ['j-a', 'j-b'].map((job) => {
      const result = evaluator.evaluate(employee(`E-${job}`, job));
      const noise = result.factors.find((f) => f.factor === 'noise')!;
      return { level: noise.groups[0]!.exposure, verdict: noise.verdict, points: result.points.total, situations: result.trace!.map((c) => c.situation) };
    });
  };
  it('evaluates the same for both tasks: atelier, no measure → 7 h × 228 = 1 596 h × 100 % × 100 %, exposed, 4 points', () => {
    // 2024, version 2023-09-01: one factor × 4 whole quarters × 1 point = 4 points.
    const [a, b] = noiseOf({ 'q-activite': 'atelier' }, []);
    expect(a).toEqual({ level: 1596, verdict: 'exposed', points: 4, situations: ['s-bruit'] });
    expect(b).toEqual(a);
  });
  it('atelier with the enclosure → 0 h for both; chantier → 2 × 228 = 456 h for both', () => {
    const [a, b] = noiseOf({ 'q-activite': 'atelier' }, ['m-encoffrement']);
    expect(a).toEqual({ level: 0, verdict: 'not_exposed', points: 0, situations: ['s-protege'] });
    expect(b).toEqual(a);
    const [c, d] = noiseOf({ 'q-activite': 'chantier' }, []);
    expect(c).toEqual({ level: 456, verdict: 'not_exposed', points: 0, situations: ['s-chantier'] });
    expect(d).toEqual(c);
  });
});

describe('drawing never changes the compiled referential', () => {
  it('moving every node, recolouring, resizing, collapsing, adding notes and groups, changing direction → same hash', async () => {
    const laidOut = await withLayout(decompile(SAMPLE));
    const before = compile(laidOut).referential;
    const hash = contentHash(before);
    expect(hash).toBe(contentHash(SAMPLE));

    const moved = clone(laidOut);
    for (const [id, p] of Object.entries(moved.layout.nodes)) moved.layout.nodes[id] = { ...p, x: p.x + 137, y: p.y - 42 };
    const recoloured = clone(laidOut);
    for (const [id, p] of Object.entries(recoloured.layout.nodes)) recoloured.layout.nodes[id] = { ...p, color: '#c0392b', width: 321, height: 99, collapsed: true };
    const annotated = clone(laidOut);
    annotated.nodes.push({ id: 'note-1', kind: 'note', text: 'À valider en commission paritaire' });
    annotated.nodes.push({ id: 'groupe-nuit', kind: 'group', label: 'Travail de nuit', members: ['agent-nuit', 'maintenance-nuit', 'n-equipes'] });
    annotated.layout.nodes['note-1'] = { x: -300, y: 0, color: '#f1c40f' };
    annotated.layout.direction = 'DOWN';
    const unplaced = { ...clone(laidOut), layout: { direction: 'RIGHT' as const, nodes: {} } };

    for (const g of [moved, recoloured, annotated, unplaced]) {
      const out = compile(g);
      expect(out.issues).toEqual([]);
      expect(out.referential).toEqual(before);
      expect(contentHash(out.referential)).toBe(hash);
    }
  });
  it('property: random positions and any number of notes never change the hash', () => {
    const graph = decompile(generateReferential({ jobs: 2, tasks: 2, seed: 11 }));
    const hash = contentHash(compile(graph).referential);
    const ids = graph.nodes.map((n) => n.id);
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }), color: fc.option(fc.constantFrom('#000', '#fff', 'red'), { nil: undefined }) }), {
          minLength: ids.length,
          maxLength: ids.length,
        }),
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 5 }),
        (positions, notes) => {
          const g = clone(graph);
          ids.forEach((id, k) => {
            const p = positions[k]!;
            const layout: NodeLayout = { x: p.x, y: p.y };
            if (p.color !== undefined) layout.color = p.color;
            g.layout.nodes[id] = layout;
          });
          notes.forEach((text, k) => g.nodes.splice(k * 3, 0, { id: `note-${k}`, kind: 'note', text }));
          expect(contentHash(compile(g).referential)).toBe(hash);
        },
      ),
      { seed: 20261123, numRuns: 40 },
    );
  });
});

describe('compile(decompile(r)) equals r, without contentHash and $schema', () => {
  it('for the sample referential, hash and $schema stated', () => {
    const stated: Referential = { $schema: '../schemas/referential.schema.json', ...SAMPLE, contentHash: contentHash(SAMPLE) };
    const out = compile(decompile(stated));
    expect(out.issues).toEqual([]);
    expect(out.referential).toEqual(strip(stated));
    expect(canonicalJson(out.referential)).toBe(canonicalJson(strip(stated)));
    expect(contentHash(out.referential)).toBe(stated.contentHash);
  });
  it('for the checker fixture', () => {
    const r = baseReferential();
    expect(compile(decompile(r))).toEqual({ referential: r, issues: [] });
  });
  it('corner cases: both measure branches to one situation, two branches to one node, descriptions, unreached elements', () => {
    const r = baseReferential();
    const n = r.nodes[1]!;
    if (n.kind === 'measure') n.applied = n.notApplied;
    const q = r.nodes[2]!;
    if (q.kind === 'question') q.branches[0]!.next = q.branches[1]!.next;
    r.jobs[0]!.description = 'Poste d’atelier';
    r.jobs[0]!.tasks[0]!.description = '';
    r.nodes[3]!.label = '';
    r.situations.push({ id: 's-jamais', label: 'Jamais atteinte', description: 'Ébauche', exposures: [] });
    r.jobs.push({ id: 'j-vide', label: 'Poste à compléter', tasks: [] });
    expect(compile(decompile(r))).toEqual({ referential: r, issues: [] });
  });
  it('decompile is deterministic too: same referential, same graph (edge ids derived from sources)', () => {
    expect(canonicalJson(decompile(SAMPLE))).toBe(canonicalJson(decompile(clone(SAMPLE))));
    expect(decompile(SAMPLE).edges.map((e) => e.id).slice(0, 4)).toEqual(['moteurs-thermiques.weighting', 'moteurs-thermiques.entry', 'carrosserie.weighting', 'carrosserie.entry']);
  });

  /** Random optional fields, drawn in turn from `decorations` (undefined: the field is left out). */
  function decorate(r: Referential, decorations: ReadonlyArray<string | undefined>, extra: { idcc?: string; homologated: boolean; regulation: number; annualHours: number; workingDays: number }): Referential {
    let k = 0;
    const next = () => decorations[k++ % decorations.length];
    const set = <T extends object>(target: T, key: string) => {
      const value = next();
      if (value !== undefined) (target as Record<string, unknown>)[key] = value;
    };
    for (const job of r.jobs) {
      set(job, 'description');
      for (const task of job.tasks) set(task, 'description');
    }
    for (const node of r.nodes) set(node, 'label');
    for (const s of r.situations) {
      set(s, 'description');
      for (const e of s.exposures) set(e, 'note');
    }
    for (const q of r.questions) set(q, 'help');
    for (const m of r.measures) set(m, 'description');
    if (extra.idcc !== undefined) r.identity.idcc = extra.idcc;
    if (extra.homologated) r.identity.homologation = { arreteDate: '2017-05-02', arreteReference: 'Arrêté du 2 mai 2017' };
    r.regulation = REGULATION_VERSIONS[extra.regulation % REGULATION_VERSIONS.length]!.id;
    r.workingYear = { annualHours: extra.annualHours, workingDays: extra.workingDays };
    return r;
  }

  it('property: for generated referentials (bench generator, random sizes, seeds and optional fields)', () => {
    fc.assert(
      fc.property(
        fc.record({
          jobs: fc.integer({ min: 1, max: 3 }),
          tasks: fc.integer({ min: 1, max: 3 }),
          seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          decorations: fc.array(fc.option(fc.string({ unit: 'grapheme', maxLength: 24 }), { nil: undefined }), { minLength: 1, maxLength: 30 }),
          idcc: fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }),
          homologated: fc.boolean(),
          regulation: fc.nat(),
          annualHours: fc.integer({ min: 1, max: 2000 }),
          workingDays: fc.integer({ min: 1, max: 260 }),
        }),
        ({ jobs, tasks, seed, decorations, ...extra }) => {
          const r = decorate(generateReferential({ jobs, tasks, seed }), decorations, extra);
          expect(loadReferential(r).ok).toBe(true);
          const graph = decompile(r);
          // The decompiled graph is a valid logigramme document, also after a JSON round trip.
          const loaded = loadGraph(clone(graph));
          expect(loaded.ok).toBe(true);
          for (const g of [graph, loaded.ok ? loaded.value : graph]) {
            const out = compile(g);
            expect(out.issues).toEqual([]);
            expect(out.referential).toEqual(r);
            expect(contentHash(out.referential)).toBe(contentHash(r));
          }
        },
      ),
      { seed: 20261123, numRuns: 60 },
    );
  });
});

describe('decompile then layoutGraph', () => {
  async function checkLayered(r: Referential) {
    const graph = decompile(r);
    const positions = await layoutGraph(graph);
    // Every laid-out node has a position, and only those.
    expect(Object.keys(positions).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    for (const p of Object.values(positions)) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    }
    // Layered left to right: every edge goes right (job → task → tree → situation).
    for (const e of graph.edges) {
      expect(positions[e.source]!.x, `${e.id}: ${e.source} → ${e.target}`).toBeLessThan(positions[e.target]!.x);
    }
    return { graph, positions };
  }
  /** All jobs in one first layer, left of every task (what layout.ts documents). */
  function jobsFirst(graph: GraphDocument, positions: Record<string, NodeLayout>) {
    const xs = (kind: string) => graph.nodes.filter((n) => n.kind === kind).map((n) => positions[n.id]!.x);
    const jobX = xs('job');
    expect(new Set(jobX).size).toBe(1);
    expect(Math.max(...jobX)).toBeLessThan(Math.min(...xs('task')));
    expect(Math.min(...Object.values(positions).map((p) => p.x))).toBe(jobX[0]);
  }
  it('the sample: jobs left of their tasks left of their trees', async () => {
    const { graph, positions } = await checkLayered(SAMPLE);
    jobsFirst(graph, positions);
    // Each task left of its entry node, e.g. moteurs-thermiques left of n-activite left of n-bruit left of s-moteurs-bruit.
    const chain = ['mecanicien', 'moteurs-thermiques', 'n-activite', 'n-bruit', 's-moteurs-bruit'].map((id) => positions[id]!.x);
    expect(chain).toEqual([...chain].sort((a, b) => a - b));
    expect(new Set(chain).size).toBe(chain.length);
  });
  it('a generated referential of depth-4 trees (2 jobs × 2 tasks)', async () => {
    await checkLayered(generateReferential({ jobs: 2, tasks: 2, seed: 3 }));
  });
  // Regression: jobs that share no subtree are separate connected components, which ELK once packed
  // side by side (separateConnectedComponents is on by default), putting job1 right of job0's trees.
  it('all jobs of a generated referential share the first layer', async () => {
    const { graph, positions } = await checkLayered(generateReferential({ jobs: 2, tasks: 2, seed: 3 }));
    jobsFirst(graph, positions);
  });
  it('DOWN lays out top to bottom', async () => {
    const graph = decompile(SAMPLE);
    const positions = await layoutGraph(graph, 'DOWN');
    for (const e of graph.edges) expect(positions[e.source]!.y).toBeLessThan(positions[e.target]!.y);
  });
  it('notes and groups keep their own positions; a note never placed gets none', async () => {
    const graph = decompile(SAMPLE);
    graph.nodes.push({ id: 'note-placee', kind: 'note', text: 'Placée à la main' }, { id: 'note-libre', kind: 'note', text: 'Jamais placée' });
    graph.layout.nodes['note-placee'] = { x: -999, y: 12, color: '#ffeeaa' };
    const positions = await layoutGraph(graph);
    expect(positions['note-placee']).toEqual({ x: -999, y: 12, color: '#ffeeaa' });
    expect(positions['note-libre']).toBeUndefined();
  });
});
