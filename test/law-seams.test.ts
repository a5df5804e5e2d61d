import { describe, expect, it } from 'vitest';
import {
  checkReferential,
  createEvaluator,
  DEFAULT_RULES,
  factorOf,
  loadReferential,
  QUANTITY_UNITS,
  REGULATION_VERSIONS,
  regulationById,
  REMOVED_2017,
  whatIfById,
  type Employee,
  type Exposure,
  type FactorCode,
  type Quantity,
  type Referential,
} from '../src/core/index.ts';

/*
 * The seams of the law, beyond the conformance kit (test/cases/seams.json): what the results say about
 * them. Sources: L4163-1 and D4163-2 of the Code du travail as amended by ordonnance 2017-1389 of
 * 22 September 2017 and décret 2017-1769 of 27 December 2017 (four factors out of the prevention
 * account, no threshold for them); ordonnance 2017-1389 art. 5 IV (former article kept for the
 * exposures of 2015, 2016 and the first three quarters of 2017,
 * https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006072050/LEGISCTA000028496014/2022-05-22).
 */

const ALL = REGULATION_VERSIONS.map((v) => v.id);

describe('the four removed factors have no legal threshold from 2017-10-01', () => {
  it.each(ALL)('%s', (id) => {
    const v = regulationById(id)!;
    for (const f of v.factors) {
      const removed = REMOVED_2017.includes(f.code) && id >= '2017-10-01';
      expect(f.legalThreshold, `${id} ${f.code}`).toBe(!removed);
      if (removed) expect(f.earnsPoints).toBe(false);
    }
  });
  it('their groups are the same in 2016-07-01 and 2017-10-01, so a 2017 contract can be judged on the former table with the same slots', () => {
    for (const code of REMOVED_2017) {
      expect(factorOf(regulationById('2017-10-01')!, code).groups).toEqual(factorOf(regulationById('2016-07-01')!, code).groups);
    }
  });
  it('DEFAULT_RULES documents the defaults', () => {
    expect(DEFAULT_RULES).toEqual({ removedFactors2017: 'old_article_q1_q3', lateFactors2016: 'from_entry_into_force', points2023: 'per_period' });
  });
});

const ex = (factor: FactorCode, criterion: string, intensity: Array<[Quantity, number]>, duration?: [number, Exposure['duration'] extends infer D ? (D extends { unit: infer U } ? U : never) : never]): Exposure => ({
  factor,
  criterion,
  intensity: intensity.map(([quantity, value]) => ({ quantity, value, unit: QUANTITY_UNITS[quantity] })),
  ...(duration ? { duration: { value: duration[0], unit: duration[1] } } : {}),
  conclusion: 'exposed',
});

function referential(regulation: string): Referential {
  const loaded = loadReferential({
    formatVersion: 1,
    id: 'coutures',
    identity: { branch: 'Essai', title: 'Essai', version: '1.0.0', status: 'draft', authors: [], created: '2024-01-01' },
    regulation,
    workingYear: { annualHours: 1607, workingDays: 228 },
    factors: { retained: ['awkward_postures', 'noise', 'hazardous_chemicals'], excluded: [] },
    questions: [],
    measures: [],
    jobs: [
      { id: 'poste', label: 'Poste', tasks: [{ id: 'tache', label: 'Tâche', defaultShare: 100, entry: 's' }] },
      { id: 'peintre', label: 'Peintre', tasks: [{ id: 'peinture', label: 'Peinture', defaultShare: 100, entry: 's-chimie' }] },
    ],
    nodes: [],
    situations: [
      { id: 's', label: 'Postures et bruit', exposures: [ex('awkward_postures', 'arms_above_shoulders', [], [1000, 'h/year']), ex('noise', 'daily_level', [['sound_level', 85]], [700, 'h/year'])] },
      { id: 's-chimie', label: 'Peinture', exposures: [ex('hazardous_chemicals', 'grid_exposure', [])] },
    ],
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return loaded.value;
}
const employee = (job: string, contract: Employee['contract'] = {}): Employee => ({ id: 'E', annualHours: 1607, contract, birth: 1980, jobs: [{ job, share: 100 }] });

describe('what a result says', () => {
  it('2024: postures outside the declaration, the former 900 h only as an indicative reference', () => {
    const r = createEvaluator(referential('2023-09-01'), { answers: {}, measures: [] }, { year: 2024 }).evaluate(employee('poste'));
    const postures = r.factors.find((f) => f.factor === 'awkward_postures')!;
    expect(postures.verdict).toBe('no_legal_threshold');
    expect(postures.legalThreshold).toBe(false);
    expect(postures.groups).toEqual([
      { code: 'forced_positions', label: 'Postures pénibles (durées cumulées)', threshold: null, indicativeThreshold: { value: 900, unit: 'h/year' }, exposure: 1000, margin: 100, verdict: 'no_legal_threshold' },
    ]);
    expect(r.noLegalThreshold).toEqual(['awkward_postures']);
    expect(r.exposedFactors).toEqual(['noise']);
    expect(r.channel).toBe('dsn');
  });
  it('2017 full year: postures judged on the former table (version 2016-07-01), noise on the year-end one', () => {
    const r = createEvaluator(referential('2016-07-01'), { answers: {}, measures: [] }, { year: 2017, trace: true }).evaluate(employee('poste'));
    expect(r.regulation).toBe('2017-10-01');
    const byCode = new Map(r.factors.map((f) => [f.factor, f]));
    expect(byCode.get('awkward_postures')!.regulation).toBe('2016-07-01');
    expect(byCode.get('awkward_postures')!.verdict).toBe('exposed');
    expect(byCode.get('noise')!.regulation).toBe('2017-10-01');
    // Postures Q1–Q3, noise Q1–Q4: 2 × 3 + 1 = 7 (R4162-2).
    expect(r.points.total).toBe(7);
    expect(r.points.detail).toContainEqual({ kind: 'factor_periods', factor: 'awkward_postures', periods: 4, from: '2017-01-01', notEarning: 1 });
  });
  it('2017 under the rule not_declared: postures outside the declaration all year', () => {
    const r = createEvaluator(referential('2016-07-01'), { answers: {}, measures: [] }, { year: 2017, rules: { removedFactors2017: 'not_declared' } }).evaluate(employee('poste', { start: '2017-01-01', end: '2017-09-30' }));
    expect(r.factors.find((f) => f.factor === 'awkward_postures')!.verdict).toBe('no_legal_threshold');
    expect(r.points.total).toBe(3);
    expect(r.dsn.map((d) => d.code)).toEqual(['07']);
  });
  it('a forced version (what-if) ignores the per-period rules: 2017 forced to 2017-10-01 gives postures no threshold', () => {
    const r = createEvaluator(referential('2016-07-01'), { answers: {}, measures: [] }, { year: 2017, regulation: '2017-10-01' }).evaluate(employee('poste'));
    expect(r.factors.find((f) => f.factor === 'awkward_postures')!.verdict).toBe('no_legal_threshold');
    expect(r.points.total).toBe(4);
  });
  it('chemicals: the authors’ grid conclusion exposed gives exposed in 2016 (2 quarters from 2016-07-01), and channel DADS', () => {
    const r = createEvaluator(referential('2016-07-01'), { answers: {}, measures: [] }, { year: 2016 }).evaluate(employee('peintre'));
    expect(r.factors.find((f) => f.factor === 'hazardous_chemicals')!.verdict).toBe('exposed');
    expect(r.points.total).toBe(2);
    expect(r.dsn).toEqual([{ factor: 'hazardous_chemicals', code: '04', year: 2016 }]);
    expect(r.channel).toBe('dads');
  });
});

describe('checker and what-if', () => {
  it('no contradiction is reported on a removed factor under 2023 (no threshold to contradict), a retained factor without points warns', () => {
    const r = referential('2023-09-01');
    const stated = structuredClone(r);
    stated.situations[0]!.exposures[0]!.conclusion = 'not_exposed';
    const codes = checkReferential(stated).findings.map((f) => f.code);
    expect(codes).not.toContain('regulation.conclusion_contradiction');
    expect(codes).toContain('regulation.factor_without_points');
  });
  it('what-if 2016-07-01 → 2023-09-01: the postures situation flips to no_legal_threshold, the grid one too', () => {
    const report = whatIfById(referential('2016-07-01'), '2016-07-01', '2023-09-01')!;
    expect(report.flips.map((f) => [f.situation, f.factor, f.from.verdict, f.to.verdict])).toEqual([
      ['s', 'awkward_postures', 'exposed', 'no_legal_threshold'],
      ['s-chimie', 'hazardous_chemicals', 'exposed', 'no_legal_threshold'],
    ]);
  });
});
