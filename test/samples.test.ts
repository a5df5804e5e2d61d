import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  checkGraph,
  checkReferential,
  compile,
  evaluate,
  loadReferentialText,
  runScenarios,
  type CompanyAnswers,
  type Employee,
  type EmployeeResult,
  type FactorCode,
  type Referential,
} from '../src/core/index.ts';
import { SAMPLES_DIR, WHAT_IF, compileSample, expectedOutputs, graphSampleNames, jsonText, readGraph, whatIfBase } from '../scripts/build-samples.ts';
import { formatIssues } from '../src/present/issues.ts';
import { findingMessage } from '../src/present/findings.ts';

/*
 * The sample logigrammes of referentials/ (*.graph.json) are the source of the sample referentials
 * and of the SEDIMA what-if report: every committed file must be exactly what
 * scripts/build-samples.ts writes, every sample must load, check without error and pass its own
 * scenarios, and a few figures are computed here by hand (README of referentials/ for the sources
 * and assumptions behind each figure).
 */

const STALE = 'run npx tsx scripts/build-samples.ts';
const NAMES = graphSampleNames();

function committed(file: string): string | undefined {
  const path = join(SAMPLES_DIR, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function sample(name: string): Referential {
  const loaded = loadReferentialText(committed(`${name}.json`) ?? '');
  if (!loaded.ok) throw new Error(formatIssues(loaded.issues));
  return loaded.value;
}

function employee(jobs: Employee['jobs'], extra: Partial<Employee> = {}): Employee {
  return { id: 'e', annualHours: 1607, contract: {}, birth: 1980, jobs, ...extra };
}

function run(r: Referential, company: Partial<CompanyAnswers>, e: Employee, year: number): EmployeeResult {
  return evaluate(r, { answers: company.answers ?? {}, measures: company.measures ?? [] }, e, { year, trace: true });
}

/** Exposure (in the threshold's unit) and threshold of one threshold group of a result. */
function group(result: EmployeeResult, factor: FactorCode, code: string) {
  const g = result.factors.find((f) => f.factor === factor)!.groups.find((x) => x.code === code)!;
  return { exposure: g.exposure, threshold: g.threshold?.value, verdict: g.verdict };
}

const verdict = (result: EmployeeResult, factor: FactorCode) => result.factors.find((f) => f.factor === factor)!.verdict;

describe('the sample logigrammes of referentials/', () => {
  it('are the three reference samples', () => {
    expect(NAMES).toEqual(['exemple-droit-actuel', 'fp2e-eau', 'sedima-machinisme-agricole']);
  });

  describe.each(NAMES)('%s', (name) => {
    const graph = readGraph(name);

    it('compiles without a structural issue', () => {
      expect(compile(graph).issues).toEqual([]);
    });

    it('is committed compiled, exactly as compile(graph) gives it', () => {
      const text = committed(`${name}.json`);
      expect(text, `referentials/${name}.json is missing: ${STALE}`).toBeDefined();
      const compiled = compileSample(name, graph);
      expect(canonicalJson(JSON.parse(text!)), `referentials/${name}.json is stale: ${STALE}`).toBe(canonicalJson(compiled));
      expect(text, `referentials/${name}.json is not formatted as the script writes it: ${STALE}`).toBe(jsonText(compiled));
    });

    it('loads with loadReferential, without any issue', () => {
      const loaded = loadReferentialText(committed(`${name}.json`) ?? '');
      expect(loaded.ok ? [] : formatIssues(loaded.issues)).toEqual([]);
    });

    it('has no error-level finding, as a referential and as a graph', () => {
      const r = sample(name);
      const errors = checkReferential(r).findings.filter((f) => f.severity === 'error');
      expect(errors.map((f) => `${f.code} ${f.path ?? ''} ${findingMessage(f)}`)).toEqual([]);
      const onGraph = checkGraph(graph).findings.filter((f) => f.severity !== 'info' && f.code !== 'regulation.factor_not_in_force' && f.code !== 'regulation.near_threshold');
      expect(onGraph.map((f) => `${f.code} ${f.element ?? ''}`)).toEqual([]);
    });

    it('passes every one of its scenarios', () => {
      const r = sample(name);
      expect(r.scenarios.length).toBeGreaterThanOrEqual(8);
      const failed = runScenarios(r).filter((o) => !o.passed).map((o) => `${o.scenario}: ${o.error?.message ?? JSON.stringify(o.mismatches)}`);
      expect(failed).toEqual([]);
    });

    it('is laid out left to right: every drawn node placed, each task right of its job, each tree node right of its source', () => {
      expect(graph.layout.direction).toBe('RIGHT');
      for (const node of graph.nodes) {
        if (node.kind === 'group') continue;
        expect(graph.layout.nodes[node.id], `${node.id} has no position`).toBeDefined();
      }
      for (const edge of graph.edges) {
        expect(graph.layout.nodes[edge.target]!.x, `${edge.id}`).toBeGreaterThan(graph.layout.nodes[edge.source]!.x);
      }
    });
  });

  it('every file the build script writes is committed and up to date (referentials and what-if reports)', () => {
    const outputs = expectedOutputs();
    expect([...outputs.keys()].sort()).toEqual(
      [
        'exemple-droit-actuel.json',
        'fp2e-eau.json',
        'sedima-machinisme-agricole.json',
        'sedima-machinisme-agricole.whatif-2023-09-01.json',
        'sedima-machinisme-agricole.whatif-2023-09-01.md',
      ].sort(),
    );
    for (const [file, text] of outputs) expect(committed(file), `referentials/${file} is missing or stale: ${STALE}`).toBe(text);
  });
});

describe('SEDIMA logigramme (2015-01-01, seed 004 annex 3)', () => {
  const r = sample('sedima-machinisme-agricole');
  const company = { 'q-activite': 'moins-50', 'q-charges-20kg': false, 'q-tirer-pousser-250': false };
  const mechanicOn = (task: string) => employee([{ job: 'mecanicien', share: 100, tasks: [{ task, share: 100 }] }]);

  it('targets 2015-01-01 and leaves only the expected warnings: four factors not yet in force, six situations at 912 h for 900 h', () => {
    expect(r.regulation).toBe('2015-01-01');
    const report = checkReferential(r);
    expect(report.counts).toEqual({ error: 0, warning: 10, info: 0 });
    const warnings = report.findings.map((f) => `${f.code} ${f.element ?? f.path}`).sort();
    expect(warnings).toEqual(
      [
        'regulation.factor_not_in_force $.factors.retained[0]',
        'regulation.factor_not_in_force $.factors.retained[1]',
        'regulation.factor_not_in_force $.factors.retained[2]',
        'regulation.factor_not_in_force $.factors.retained[3]',
        'regulation.near_threshold s-inst-controle',
        'regulation.near_threshold s-inst-montage-a-deux',
        'regulation.near_threshold s-mec-atelier',
        'regulation.near_threshold s-mec-atelier-protege',
        'regulation.near_threshold s-parc-retours',
        'regulation.near_threshold s-parc-retours-protege',
      ].sort(),
    );
  });

  it('has the five reference jobs and their tasks, two of them sharing a subtree', () => {
    expect(r.jobs.map((j) => j.label)).toEqual(['Magasinier', 'Chauffeur livreur', 'Mécanicien', 'Installateur contrôleur SAV installations agricoles', 'Responsable de parc']);
    expect(r.jobs.map((j) => j.tasks.length)).toEqual([4, 2, 5, 3, 3]);
    const entry = (task: string) => r.jobs.flatMap((j) => j.tasks).find((t) => t.id === task)!.entry;
    expect(entry('mec-moteurs')).toBe('mec-activite');
    expect(entry('mec-electrique')).toBe('mec-activite');
    expect(entry('parc-reception')).toBe(entry('mag-reception'));
  });

  it('mechanic without noise prevention: 7 h/day × 228 = 1 596 h ≥ 600 h, not counted in 2015 (factor not in force), exposed in 2016', () => {
    const in2015 = run(r, { answers: company }, mechanicOn('mec-moteurs'), 2015);
    expect(in2015.regulation).toBe('2015-01-01');
    expect(group(in2015, 'noise', 'noise_level')).toMatchObject({ exposure: 1596, threshold: 600 });
    expect(verdict(in2015, 'noise')).toBe('not_exposed');
    expect(in2015.points.total).toBe(0);

    const in2016 = run(r, { answers: company }, mechanicOn('mec-moteurs'), 2016);
    expect(group(in2016, 'noise', 'noise_level')).toEqual({ exposure: 1596, threshold: 600, verdict: 'exposed' });
    expect(group(in2016, 'awkward_postures', 'forced_positions')).toEqual({ exposure: 912, threshold: 900, verdict: 'exposed' });
    expect(in2016.points.total).toBe(4); // 2 quarters from 2016-07-01 × 2 points (several factors)
  });

  it('mechanic with the noise brought under 80 dB(A): 79 dB(A) hours do not count; postures 4 h/day remain', () => {
    const result = run(r, { answers: company, measures: [{ measure: 'm-bruit-80' }] }, mechanicOn('mec-moteurs'), 2016);
    expect(group(result, 'noise', 'noise_level').exposure).toBe(0);
    expect(group(result, 'awkward_postures', 'forced_positions').exposure).toBe(912);
  });

  it('green-space machinery on a lifting table with noise prevention: postures 2 h/day × 228 = 456 h, "Exposition NON"', () => {
    const result = run(r, { answers: company, measures: [{ measure: 'm-table-elevatrice' }, { measure: 'm-bruit-80' }] }, mechanicOn('mec-espaces-verts'), 2016);
    expect(group(result, 'awkward_postures', 'forced_positions')).toEqual({ exposure: 456, threshold: 900, verdict: 'not_exposed' });
    expect(result.exposedFactors).toEqual([]);
  });

  it('polyvalent mechanic (5 × 20 %): postures 0.2 × (912 + 912 + 1 140 + 1 140 + 1 140) = 1 048.8 h; paint fumes to analyse', () => {
    const result = run(r, { answers: company }, employee([{ job: 'mecanicien', share: 100 }]), 2016);
    expect(group(result, 'awkward_postures', 'forced_positions').exposure).toBe(1048.8);
    expect(verdict(result, 'hazardous_chemicals')).toBe('to_analyse');
  });

  it('installer working in pairs at 80 % time: 1 003.2 h × 0.8 = 802.56 h < 900 h (thresholds are not prorated)', () => {
    const e = employee([{ job: 'installateur', share: 100 }], { annualHours: 1285.6, answers: { 'q-travail-seul': 'a-deux' } });
    const result = run(r, { answers: company }, e, 2016);
    expect(group(result, 'awkward_postures', 'forced_positions')).toEqual({ exposure: 802.56, threshold: 900, verdict: 'not_exposed' });
  });

  // 2015 → 2023: noise enters into force (8 situations ≥ 600 h become exposed); manual handling, postures
  // and chemicals enter into force in 2016 but have no legal threshold from 2017-10-01 (D4163-2): every
  // situation describing them (7 handling, 20 postures, 2 grid) becomes "no legal threshold". 8 + 7 + 20 + 2 = 37.
  it('what-if against 2023-09-01: 37 verdict flips, all from factors entering into force; six factor status changes', () => {
    const report = checkReferential(r, { against: WHAT_IF['sedima-machinisme-agricole']![0] }).whatIf!;
    expect(report.flips).toHaveLength(37);
    const count = (factor: string) => report.flips.filter((f) => f.factor === factor).length;
    expect([count('noise'), count('manual_handling'), count('awkward_postures'), count('hazardous_chemicals')]).toEqual([8, 7, 20, 2]);
    expect(report.flips.filter((f) => f.factor !== 'noise').every((f) => f.to.verdict === 'no_legal_threshold')).toBe(true);
    expect(report.flips.every((f) => !f.from.inForce && f.to.inForce)).toBe(true);
    const noise = report.flips.find((f) => f.situation === 's-mec-atelier' && f.factor === 'noise')!;
    expect([noise.from.verdict, noise.to.verdict, noise.to.value, noise.to.threshold]).toEqual(['not_exposed', 'exposed', 1596, 600]);
    expect(report.flips.some((f) => f.situation === 's-mec-atelier-protege' && f.factor === 'noise')).toBe(false);
    expect(report.flips.filter((f) => f.factor === 'hazardous_chemicals').map((f) => f.to.verdict)).toEqual(['no_legal_threshold', 'no_legal_threshold']);
    expect(report.factorChanges.find((c) => c.factor === 'noise')).toMatchObject({ inForce: [false, true], earnsPoints: [false, true], retained: true });
    expect(report.factorChanges.find((c) => c.factor === 'awkward_postures')).toMatchObject({ inForce: [false, true], earnsPoints: [false, false] });
    const base = whatIfBase('sedima-machinisme-agricole', '2023-09-01');
    expect(JSON.parse(committed(`${base}.json`)!), STALE).toEqual(report);
    expect(committed(`${base}.md`), STALE).toContain('| Bruit | oui | non → oui | non → oui |');
  });
});

describe('FP2E, fiche technique n°1, agent de réseau eau (2016-07-01)', () => {
  const r = sample('fp2e-eau');
  const ALL = [{ measure: 'm-levage-20kg' }, { measure: 'm-tronconneuse-chariot' }, { measure: 'm-brise-roche' }];
  const only = (task: string) => employee([{ job: 'agent-reseau-eau', share: 100, tasks: [{ task, share: 100 }] }]);

  it('checks clean under the decree version it is aligned with', () => {
    expect(r.regulation).toBe('2016-07-01');
    expect(checkReferential(r).counts).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('typical agent with the FP2E recommendations: manual handling (5 + 15 + 30) % × 300 h = 150 h, the fiche’s average', () => {
    const result = run(r, { answers: { 'q-mini-pelle': true }, measures: ALL }, employee([{ job: 'agent-reseau-eau', share: 100 }]), 2016);
    expect(group(result, 'manual_handling', 'handling_hours')).toEqual({ exposure: 150, threshold: 600, verdict: 'not_exposed' });
    expect(group(result, 'manual_handling', 'cumulative_handling').exposure).toBe(0); // 2 t/day < 7.5 t
    expect(group(result, 'awkward_postures', 'forced_positions').exposure).toBe(342);
    expect(group(result, 'extreme_temperatures', 'temperature_hours').exposure).toBe(240);
    expect(result.exposedFactors).toEqual([]);
  });

  it('an agent on network works full time reaches the fiche’s maximum, 300 h, never 600 h', () => {
    const e = employee([{ job: 'agent-reseau-eau', share: 100, tasks: [{ task: 'are-decoupe', share: 10 }, { task: 'are-demolition', share: 30 }, { task: 'are-pose', share: 60 }] }]);
    const result = run(r, { answers: { 'q-mini-pelle': true }, measures: ALL }, e, 2016);
    expect(group(result, 'manual_handling', 'handling_hours').exposure).toBe(300);
  });

  it('pipe laying without lifting device nor second operator: 300 + 1.5 × 228 = 642 h ≥ 600 h; with it, 300 h', () => {
    const without = run(r, { answers: { 'q-mini-pelle': true }, measures: [] }, only('are-pose'), 2016);
    expect(group(without, 'manual_handling', 'handling_hours')).toEqual({ exposure: 642, threshold: 600, verdict: 'exposed' });
    expect(without.points.total).toBe(2);
    const withIt = run(r, { answers: { 'q-mini-pelle': true }, measures: ALL }, only('are-pose'), 2016);
    expect(group(withIt, 'manual_handling', 'handling_hours').exposure).toBe(300);
  });

  it('the hydraulic breaker replaces the jackhammer only where a mini-excavator is on site', () => {
    const noExcavator = run(r, { answers: { 'q-mini-pelle': false }, measures: ALL }, only('are-demolition'), 2016);
    expect(group(noExcavator, 'mechanical_vibrations', 'vibration_hours').exposure).toBe(798);
    const breaker = run(r, { answers: { 'q-mini-pelle': true }, measures: ALL }, only('are-demolition'), 2016);
    expect(group(breaker, 'mechanical_vibrations', 'vibration_hours').exposure).toBe(342);
  });
});

describe('current-law example (2023-09-01)', () => {
  const r = sample('exemple-droit-actuel');
  const verre = { answers: { 'q-ligne': 'verre' } };

  it('leaves one warning: the 81 dB(A) line sits exactly on the 600 h threshold', () => {
    const report = checkReferential(r);
    expect(report.counts).toEqual({ error: 0, warning: 1, info: 0 });
    expect(report.findings[0]).toMatchObject({ code: 'regulation.near_threshold', element: 's-verre' });
  });

  it('noise: 81 dB(A) for 600 h is exposed (≥), 80.9 dB(A) is not', () => {
    const at81 = run(r, verre, employee([{ job: 'agent-conditionnement', share: 100 }]), 2024);
    expect(group(at81, 'noise', 'noise_level')).toEqual({ exposure: 600, threshold: 600, verdict: 'exposed' });
    const under = run(r, { answers: { 'q-ligne': 'carton' } }, employee([{ job: 'agent-conditionnement', share: 100 }]), 2024);
    expect(group(under, 'noise', 'noise_level')).toEqual({ exposure: 0, threshold: 600, verdict: 'not_exposed' });
  });

  it('3×8: the 75 alternating-shift nights are deducted from night work', () => {
    const result = run(r, verre, employee([{ job: 'conducteur-ligne', share: 100 }], { answers: { 'q-organisation': '3x8' } }), 2024);
    expect(group(result, 'alternating_shifts', 'shift_night_count')).toEqual({ exposure: 75, threshold: 30, verdict: 'exposed' });
    expect(group(result, 'night_work', 'night_count')).toEqual({ exposure: 0, threshold: 100, verdict: 'not_exposed' });
    expect(result.trace!.find((c) => c.factor === 'night_work')!.deducted).toBe(75);
  });

  it('night thresholds: 100 nights in 2024, 113 / 43 over the whole of 2023, 100 for a contract from 2023-09-01', () => {
    const preparer = employee([{ job: 'preparateur', share: 100 }]);
    expect(group(run(r, verre, preparer, 2024), 'night_work', 'night_count')).toEqual({ exposure: 100, threshold: 100, verdict: 'exposed' });
    expect(group(run(r, verre, preparer, 2023), 'night_work', 'night_count')).toEqual({ exposure: 100, threshold: 113, verdict: 'not_exposed' });
    const september = run(r, verre, { ...preparer, contract: { start: '2023-09-01', end: '2023-12-31' } }, 2023);
    expect(group(september, 'night_work', 'night_count').threshold).toBe(100);
    expect(september.points.total).toBe(1);
    const shifts40 = employee([{ job: 'conducteur-ligne', share: 40 }, { job: 'preparateur', share: 60, tasks: [{ task: 'prepa-jour', share: 100 }] }], { answers: { 'q-organisation': '3x8' } });
    expect(group(run(r, verre, shifts40, 2024), 'alternating_shifts', 'shift_night_count')).toEqual({ exposure: 30, threshold: 30, verdict: 'exposed' });
    expect(group(run(r, verre, shifts40, 2023), 'alternating_shifts', 'shift_night_count')).toEqual({ exposure: 30, threshold: 43, verdict: 'not_exposed' });
  });
});
